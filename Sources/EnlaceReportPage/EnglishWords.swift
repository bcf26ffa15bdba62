import EnlaceCharts
import EnlaceCore

/// The report in English.
struct EnglishWords: ReportWords {
    let code = "en"
    let chart = ChartText.english
    let percentSpace = ""
    let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December"]
    let shortMonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    func documentTitle(_ program: String) -> String { "\(program): program report" }
    let reportName = "Program report"
    func asOf(_ date: LocalDate) -> String { "As of \(longDate(date))" }
    func plannedFrom(_ date: LocalDate) -> String { "from the match of \(longDate(date))" }
    func term(_ term: ClosedRange<LocalDate>) -> String { "Term: \(longDate(term.lowerBound)) to \(longDate(term.upperBound))" }
    let footer = "Made by Enlace (enlace report) from the latest match. Families appear here as counts; only the families "
        + "still waiting are named, by their id in data/parents.csv. No names, email addresses or phone numbers are in this report."
    let noDataYet = "No data yet."

    let glanceTitle = "The program at a glance"
    let families = "Families"
    let familiesNote = "in the latest match"
    let withAGroup = "With a group"
    func shareOfFamilies(_ percent: String) -> String { "\(percent) of families" }
    let waitingTitle = "Waiting"
    let waitingNote = "no group yet"
    let groups = "Groups"
    let groupsNote = "meeting from now on"
    let mentorsLeading = "Mentors leading a group"
    func ofTotal(_ part: Int, _ whole: Int) -> String { "\(number(part)) of \(number(whole))" }
    let seatsTaken = "Seats taken"
    let sessions = "Sessions"
    func sessionsHeldAndToCome(held: Int, toCome: Int) -> String { "\(number(held)) held, \(number(toCome)) to come" }

    func scoreSentence(score: Int, bound: Int, gapPercent: String?) -> String {
        guard let gapPercent else {
            return "The schedule is the best possible: its score, \(number(score)), is the highest any schedule can reach."
        }
        return "The schedule is within \(gapPercent) of the best possible: its score is \(number(score)), "
            + "and no schedule can score more than \(number(bound))."
    }

    let scoreExplained = "The score gives 100 points for each family with a group, and more for a mentor who speaks the "
        + "family's first language, for meetings right after the school's open house, for topics families share with their "
        + "mentor and for families kept with their mentor; each group costs 20 (enlace.toml, [weights])."

    let coverageTitle = "Who is served"
    func coverageIntro(families: Int, matched: Int, languages: Int, sites: Int) -> String {
        "\(number(matched)) of \(number(families)) families have a group. The families come from \(plural(sites, "school")) "
            + "and prefer \(plural(languages, "language"))."
    }
    let byLanguageTitle = "Families by preferred language"
    let bySiteTitle = "Families by school"
    let matchedSeries = "With a group"
    let waitingSeries = "Waiting"
    let familiesAxis = "Families"
    func otherLanguages(_ count: Int) -> String { "\(count) other languages" }
    func otherSites(_ count: Int) -> String { "\(count) other schools" }
    let notImported = "No longer in data/parents.csv"

    let waitingSectionTitle = "Families still waiting, and what would help"
    func waitingIntro(_ families: Int) -> String {
        "\(plural(families, "family", "families")) \(families == 1 ? "has" : "have") no group. They are grouped below by what keeps "
            + "them waiting, as enlace explain finds it, largest groups first; each group says what would help."
    }
    let nobodyWaits = "Every family has a group."
    let helpLabel = "What would help:"
    let familiesLabel = "Families:"
    func moreFamilies(_ count: Int) -> String { "and \(number(count)) more (every one is in out/assignments.csv)" }
    func smallerGroupsIntro(families: Int, groups: Int) -> String {
        "\(plural(families, "more family", "more families")) wait in \(plural(groups, "smaller group")), by what keeps them waiting:"
    }
    let needColumn = "What keeps them waiting"
    let languageColumn = "Language"
    let familiesColumn = "Families"

    func needName(_ need: WaitingGroup.Need) -> String {
        switch need {
        case .speaker: "No mentor who speaks their language has a group to offer"
        case .meetingMode: "No mentor meets the way they can"
        case .site: "No mentor meets in person at their school"
        case .time: "No fitting mentor is free when they are"
        case .seats: "The groups that fit them are full"
        case .rule(let name): "The district rule “\(name)”"
        case .notImported: notImported
        }
    }

    let mentorsTitle = "Mentors: load against capacity"
    func mentorsIntro(leading: Int, mentors: Int, taken: Int, seats: Int, percent: String) -> String {
        "\(number(leading)) of \(plural(mentors, "mentor")) \(leading == 1 ? "leads" : "lead") a group. Their groups hold \(number(taken)) families, "
            + "\(percent) of the \(number(seats)) seats the mentors offer (their capacities added up)."
    }
    let loadBandsTitle = "Mentors by how full their groups are"
    let loadBands = ["Full", "75–99% full", "50–74% full", "1–49% full", "No group"]
    let mentorsAxis = "Mentors"
    let perMentorTitle = "Seats taken and free, by mentor"
    let takenSeries = "Taken"
    let freeSeries = "Free"
    let seatsAxis = "Seats"

    let calendarTitle = "The term's calendar"
    func calendarIntro(held: Int, toCome: Int, weeks: Int) -> String {
        "\(plural(held, "group session")) held so far and \(number(toCome)) to come, over the \(number(weeks)) weeks of the term."
    }
    let sessionsPerWeekTitle = "Group sessions per week"
    let heldSeries = "Held"
    let toComeSeries = "To come"
    let openHousesRow = "Open houses"
    let blackoutRow = "Days without meetings"
    let today = "Today"
    let sessionsAxis = "Sessions"
    let blackoutPeriodsTitle = "Days without meetings"
    func blackoutPeriod(_ period: ClosedRange<LocalDate>) -> String {
        let days = period.upperBound.dayNumber - period.lowerBound.dayNumber + 1
        guard days > 1 else { return longDate(period.lowerBound) }
        return "\(longDate(period.lowerBound)) to \(longDate(period.upperBound)) (\(days) days)"
    }
    let noBlackouts = "The district calendar has no days without meetings in the term."
    let openHousesTitle = "Open houses"
    let schoolColumn = "School"
    let openHousesColumn = "Open houses in the term"
    let nextColumn = "Next"
    let noneLeft = "none left"
    let noOpenHouses = "No school has open houses in the term."

    let curriculumTitle = "Curriculum: the topics families asked for"
    let curriculumNoData = "No data yet. Once the program has its list of topics (data/topics.csv) and a match plans them, "
        + "this section shows which topics families asked for and which their groups teach."
    func curriculumIntro(topics: Int, asked: Int, covered: Int) -> String {
        "Families asked for \(plural(topics, "topic")) \(number(asked)) times; in \(number(covered)) of those, the family's group teaches the topic."
    }
    let topicsChartTitle = "Families who asked for each topic, and whether their group teaches it"
    let coveredSeries = "Their group teaches it"
    let notCoveredSeries = "Not taught in their group"
    let topicColumn = "Topic"
    let requiredColumn = "Required"
    let askedColumn = "Asked"
    let askedFirstColumn = "Asked first"
    let coveredColumn = "Taught in their group"
    let groupsTeachingColumn = "Groups teaching it"
    let yes = "yes"
    let no = "no"
    func requiredMissing(_ titles: [String]) -> String {
        "Required topics that some group whose mentor was trained in them could not fit: \(titles.joined(separator: ", "))."
    }
    let noRequiredMissing = "Every required topic fits every group whose mentor was trained in it."
    func otherTopics(_ count: Int) -> String { "\(count) other topics" }

    let participationTitle = "Participation"
    let participationNoData = "No data yet. Once sign-in sheets or meeting reports are in data/attendance/ and enlace "
        + "participation has read them, this section shows who came, month by month, in person, online or by the recording."
    func participationIntro(attended: Int, held: Int, percent: String) -> String {
        "Families came to \(number(attended)) of the \(number(held)) sessions held for them (\(percent))."
    }
    let byMonthTitle = "Sessions attended by month, by how families took part"
    let inPersonSeries = "In person"
    let onlineSeries = "Online"
    let recordingSeries = "Recording"
    let attendedAxis = "Sessions attended"
    func followUp(_ count: Int) -> String {
        count == 0 ? "No family missed their group's last two sessions."
            : "\(plural(count, "family", "families")) missed their group's last two sessions: the mentors' list for a call is out/follow-up.csv."
    }

    /// "1 school", "5 schools".
    func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(number(count)) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}
