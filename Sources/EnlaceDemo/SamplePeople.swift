import EnlaceCore
/// Writes the mentors' and parents' CSV files of the sample district.
///
/// Rows are appended straight into one byte buffer per file: benchmarks generate 600,000
/// parents, so the cost per row is a few dozen random draws and appends, with no per-cell
/// `String` for the hot columns. Every column follows spec section 3.
struct SamplePeople {
    static let mentorHeader = ["id", "name", "email", "phone", "languages", "sites", "modes", "capacity",
                               "availability", "open_house", "topics"]
    /// The spec's columns plus one custom column, to show custom attributes.
    static let parentHeader = ["id", "name", "email", "phone", "languages", "site", "modes", "availability",
                               "open_house", "topics", "needs_interpreter"]
    /// The ids of the sample curriculum's topics (`SampleTopics`).
    static let topics = SampleTopics.all.map(\.id)
    // Draw tables live here rather than as literals in the loops, which would allocate per row.
    private static let parentModes = ["in_person", "virtual", "in_person;virtual"]
    private static let parentModeWeights: WeightedTable = [35, 20, 45]
    private static let eveningCountWeights: WeightedTable = [10, 40, 35, 15]
    private static let eveningDays = ["MO", "TU", "WE", "TH"]
    private static let areaCodes = ["714", "657", "949", "562"]
    private static let domains = ["example.org", "example.com", "example.net"]
    private static let domainWeights: WeightedTable = [50, 30, 20]

    let sites: [SampleSite]

    /// `mentors.csv` with `count` mentors; their training is drawn from `topicRandom`, so that the
    /// curriculum can change without changing anyone's other columns.
    func mentorsCSV(count: Int, _ random: inout SplitMix64, topicRandom: inout SplitMix64) -> String {
        var csv = CSVWriter(header: Self.mentorHeader, capacity: 64 + count * 190)
        let shares = HomeLanguage.allCases.map(\.mentorShare)
        let languages = HomeLanguage.deal(total: count, shares: shares, &random)
        let siteWeights = WeightedTable(sites.map { $0.isSchool ? $0.weight : 10 })
        let width = max(3, String(count).count)
        for (index, language) in languages.enumerated() {
            csv.rawCell { $0.append(byte: UInt8(ascii: "M")); $0.append(number: index + 1, width: width) }
            let name = PersonName.make(language, woman: random.chance(85), &random)
            csv.cell(name.display)
            csv.cell(name.emailStem + "@mentors.example.org")
            csv.cell(Self.phone(&random))
            csv.cell(language.mentorCell(&random))
            // A few mentors meet only online; the others at one or two sites.
            var mentorSites: [SampleSite] = []
            if random.chance(12) {
                csv.cell("")
                csv.cell("virtual")
            } else {
                let first = random.weightedIndex(siteWeights)
                mentorSites.append(sites[first])
                if random.chance(35), sites.count > 1 {
                    let second = random.weightedIndex(siteWeights)
                    if second != first { mentorSites.append(sites[second]) }
                }
                csv.cell(mentorSites.map(\.id).joined(separator: ";"))
                csv.cell(random.chance(35) ? "in_person" : "in_person;virtual")
            }
            csv.rawCell { $0.append(number: random.int(in: 4...16)) }
            csv.rawCell { Self.availability(&$0, evenings: random.int(in: 2...4), saturday: random.chance(45), &random) }
            csv.cell(random.chance(55) ? "yes" : "no")
            csv.rawCell { SampleTopics.training(&$0, sites: mentorSites, &topicRandom) }
            csv.endRow()
        }
        return csv.text
    }

    /// `parents.csv` with `count` parents; their requests are drawn from `topicRandom`.
    func parentsCSV(count: Int, _ random: inout SplitMix64, topicRandom: inout SplitMix64) -> String {
        var csv = CSVWriter(header: Self.parentHeader, capacity: 64 + count * 170)
        let languages = HomeLanguage.deal(total: count, shares: HomeLanguage.allCases.map(\.parentShare), &random)
        let schools = sites.filter(\.isSchool)
        let schoolWeights = WeightedTable(schools.map(\.weight))
        let width = max(4, String(count).count)
        for (index, language) in languages.enumerated() {
            csv.rawCell { $0.append(byte: UInt8(ascii: "P")); $0.append(number: index + 1, width: width) }
            let name = PersonName.make(language, woman: random.chance(72), &random)
            csv.cell(name.display)
            csv.cell(random.chance(70) ? Self.email(name.emailStem, &random) : "")
            csv.cell(random.chance(85) ? Self.phone(&random) : "")
            let english = random.chance(language.parentEnglishPercent)
            var tags = language.parentTag(&random)
            if language == .cantonese, random.chance(30) { tags += ";zh" }
            if english { tags += ";en" }
            csv.cell(tags)
            let school = schools[random.weightedIndex(schoolWeights)]
            csv.cell(school.id)
            csv.cell(Self.parentModes[random.weightedIndex(Self.parentModeWeights)])
            // Some families can only come to the open houses: no weekly window at all.
            let openHouseOnly = random.chance(5)
            let evenings = openHouseOnly ? 0 : random.weightedIndex(Self.eveningCountWeights)
            let saturday = !openHouseOnly && (evenings == 0 || random.chance(30))
            csv.rawCell { Self.availability(&$0, evenings: evenings, saturday: saturday, &random) }
            csv.cell(openHouseOnly || random.chance(40) ? "yes" : "no")
            csv.rawCell { SampleTopics.requests(&$0, language: language, school: school, &topicRandom) }
            csv.cell(!english || random.chance(10) ? "yes" : "no")
            csv.endRow()
        }
        return csv.text
    }

    /// Evening windows on distinct days Monday–Thursday within 17:00–20:30, and maybe a Saturday
    /// morning, written as `TU 18:00-20:00; SA 09:00-12:00`.
    static func availability(_ out: inout TextBuffer, evenings: Int, saturday: Bool, _ random: inout SplitMix64) {
        var days: UInt8 = 0
        var chosen = 0
        while chosen < min(evenings, 4) {
            let day = UInt8(1) << random.below(4)
            if days & day == 0 { days |= day; chosen += 1 }
        }
        var first = true
        for (index, code) in eveningDays.enumerated() where days & (1 << index) != 0 {
            let start = 17 * 60 + 30 * random.below(5)
            let end = start + 60 + 30 * random.below((20 * 60 + 30 - start - 60) / 30 + 1)
            window(&out, code, start, end, first: first)
            first = false
        }
        if saturday {
            let start = 8 * 60 + 30 + 30 * random.below(4)
            window(&out, "SA", start, 11 * 60 + 30 * random.below(3), first: first)
        }
    }

    private static func window(_ out: inout TextBuffer, _ day: String, _ start: Int, _ end: Int, first: Bool) {
        if !first { out.append("; ") }
        out.append(day)
        out.append(byte: UInt8(ascii: " "))
        clock(&out, start)
        out.append(byte: UInt8(ascii: "-"))
        clock(&out, end)
    }

    private static func clock(_ out: inout TextBuffer, _ minute: Int) {
        out.append(number: minute / 60, width: 2)
        out.append(byte: UInt8(ascii: ":"))
        out.append(number: minute % 60, width: 2)
    }

    /// A fictional number: 555-0100…0199 is reserved for fiction in every North American area code.
    static func phone(_ random: inout SplitMix64) -> String {
        let area = areaCodes[random.below(areaCodes.count)]
        let line = "01" + CalendarMath.digits(random.below(100), 2)
        switch random.below(3) {
        case 0: return "(\(area)) 555-\(line)"
        case 1: return "\(area)-555-\(line)"
        default: return "\(area).555.\(line)"
        }
    }

    /// A personal address at one of the domains reserved for examples.
    static func email(_ stem: String, _ random: inout SplitMix64) -> String {
        let number = random.chance(50) ? CalendarMath.digits(random.int(in: 1...99), 2) : ""
        return stem + number + "@" + domains[random.weightedIndex(domainWeights)]
    }
}
