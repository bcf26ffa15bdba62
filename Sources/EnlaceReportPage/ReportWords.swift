import EnlaceCharts
import EnlaceCore
import Foundation

/// Every word of the report in one language: headings, labels and the sentences that carry
/// figures, written whole for each language (word order, agreement and plurals differ too much
/// between English and Spanish to assemble sentences from shared parts).
///
/// Numbers are written with `number(_:)` (thousands grouped by ","; a decimal point, as in the
/// United States and Mexico) and dates from the months' names the language gives here, so the
/// page does not depend on the machine's locale data.
protocol ReportWords: Sendable {
    /// The `lang` attribute of the page.
    var code: String { get }
    /// The charts' own words.
    var chart: ChartText { get }
    /// Between a number and "%": nothing in English, a no-break space in Spanish ("92 %").
    var percentSpace: String { get }
    var monthNames: [String] { get }
    var shortMonthNames: [String] { get }

    // The page.
    func documentTitle(_ program: String) -> String
    var reportName: String { get }
    func asOf(_ date: LocalDate) -> String
    func plannedFrom(_ date: LocalDate) -> String
    func term(_ term: ClosedRange<LocalDate>) -> String
    var footer: String { get }
    var noDataYet: String { get }

    // The program at a glance.
    var glanceTitle: String { get }
    var families: String { get }
    var familiesNote: String { get }
    var withAGroup: String { get }
    func shareOfFamilies(_ percent: String) -> String
    var waitingTitle: String { get }
    var waitingNote: String { get }
    var groups: String { get }
    var groupsNote: String { get }
    var mentorsLeading: String { get }
    func ofTotal(_ part: Int, _ whole: Int) -> String
    var seatsTaken: String { get }
    var sessions: String { get }
    func sessionsHeldAndToCome(held: Int, toCome: Int) -> String
    func scoreSentence(score: Int, bound: Int, gapPercent: String?) -> String
    var scoreExplained: String { get }

    // Who is served.
    var coverageTitle: String { get }
    func coverageIntro(families: Int, matched: Int, languages: Int, sites: Int) -> String
    var byLanguageTitle: String { get }
    var bySiteTitle: String { get }
    var matchedSeries: String { get }
    var waitingSeries: String { get }
    var familiesAxis: String { get }
    func otherLanguages(_ count: Int) -> String
    func otherSites(_ count: Int) -> String
    var notImported: String { get }

    // Families still waiting.
    var waitingSectionTitle: String { get }
    func waitingIntro(_ families: Int) -> String
    var nobodyWaits: String { get }
    func situation(_ group: WaitingGroup, languages: [String]) -> String
    func help(_ group: WaitingGroup, languages: [String]) -> String
    var helpLabel: String { get }
    var familiesLabel: String { get }
    func moreFamilies(_ count: Int) -> String
    func smallerGroupsIntro(families: Int, groups: Int) -> String
    func needName(_ need: WaitingGroup.Need) -> String
    var needColumn: String { get }
    var languageColumn: String { get }
    var familiesColumn: String { get }

    // Mentors.
    var mentorsTitle: String { get }
    func mentorsIntro(leading: Int, mentors: Int, taken: Int, seats: Int, percent: String) -> String
    var loadBandsTitle: String { get }
    var loadBands: [String] { get }
    var mentorsAxis: String { get }
    var perMentorTitle: String { get }
    var takenSeries: String { get }
    var freeSeries: String { get }
    var seatsAxis: String { get }

    // The term's calendar.
    var calendarTitle: String { get }
    func calendarIntro(held: Int, toCome: Int, weeks: Int) -> String
    var sessionsPerWeekTitle: String { get }
    var heldSeries: String { get }
    var toComeSeries: String { get }
    var openHousesRow: String { get }
    var blackoutRow: String { get }
    var today: String { get }
    var sessionsAxis: String { get }
    var blackoutPeriodsTitle: String { get }
    func blackoutPeriod(_ period: ClosedRange<LocalDate>) -> String
    var noBlackouts: String { get }
    var openHousesTitle: String { get }
    var schoolColumn: String { get }
    var openHousesColumn: String { get }
    var nextColumn: String { get }
    var noneLeft: String { get }
    var noOpenHouses: String { get }

    // Curriculum.
    var curriculumTitle: String { get }
    var curriculumNoData: String { get }
    func curriculumIntro(topics: Int, asked: Int, covered: Int) -> String
    var topicsChartTitle: String { get }
    var coveredSeries: String { get }
    var notCoveredSeries: String { get }
    var topicColumn: String { get }
    var requiredColumn: String { get }
    var askedColumn: String { get }
    var askedFirstColumn: String { get }
    var coveredColumn: String { get }
    var groupsTeachingColumn: String { get }
    var yes: String { get }
    var no: String { get }
    func requiredMissing(_ titles: [String]) -> String
    var noRequiredMissing: String { get }
    func otherTopics(_ count: Int) -> String

    // Participation.
    var participationTitle: String { get }
    var participationNoData: String { get }
    func participationIntro(attended: Int, held: Int, percent: String) -> String
    var byMonthTitle: String { get }
    var inPersonSeries: String { get }
    var onlineSeries: String { get }
    var recordingSeries: String { get }
    var attendedAxis: String { get }
    func followUp(_ count: Int) -> String
}

extension ReportWords {
    /// `value` with its thousands grouped: "60,000".
    func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// `part` of `whole` in whole percent, rounded half up: "92%", "92 %"; "0%" of nothing.
    func percent(_ part: Int, of whole: Int) -> String {
        "\(whole > 0 ? (200 * part + whole) / (2 * whole) : 0)\(percentSpace)%"
    }

    /// A gap between score and bound as the report says it, rounded up to a tenth of a percent
    /// so that "within 0.5%" is never an understatement: "0.5%", "12.1 %"; nil when there is none.
    func gapPercent(_ gap: Double) -> String? {
        guard gap > 0 else { return nil }
        let tenths = max(1, Int((gap * 1000 - 1e-9).rounded(.up)))
        return "\(tenths / 10).\(tenths % 10)\(percentSpace)%"
    }

    /// "Sep 7" in English, "7 sept" in Spanish: a week's label.
    func shortDate(_ date: LocalDate) -> String {
        let (_, month, day) = date.components
        return code == "es" ? "\(day) \(shortMonthNames[month - 1])" : "\(shortMonthNames[month - 1]) \(day)"
    }

    /// "December 10, 2026"; "10 de diciembre de 2026".
    func longDate(_ date: LocalDate) -> String {
        let (year, month, day) = date.components
        return code == "es" ? "\(day) de \(monthNames[month - 1]) de \(year)" : "\(monthNames[month - 1]) \(day), \(year)"
    }

    /// "September 2026"; "septiembre de 2026".
    func monthAndYear(year: Int, month: Int) -> String {
        code == "es" ? "\(monthNames[month - 1]) de \(year)" : "\(monthNames[month - 1]) \(year)"
    }

    /// The name of a language (primary subtag) in this language, from the system's locale data
    /// (lower case in Spanish, as Spanish writes them inside a sentence); the subtag itself when
    /// the system has no name for it, or English's list for the few it lacks.
    func languageName(_ primary: String) -> String {
        if let name = Locale(identifier: code).localizedString(forLanguageCode: primary), name != primary { return name }
        if code == "en", let tag = LanguageTag(primary) { return LanguageNames.name(tag) }
        return primary
    }

    /// A language's name at the start of a label: "Español".
    func languageLabel(_ primary: String) -> String {
        let name = languageName(primary)
        return name.prefix(1).uppercased() + name.dropFirst()
    }
}

/// The report's words in `language`.
func reportWords(_ language: ReportLanguage) -> any ReportWords {
    switch language {
    case .en: EnglishWords()
    case .es: SpanishWords()
    }
}
