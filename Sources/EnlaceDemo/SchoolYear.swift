import EnlaceCore

/// A district's school year: the mentoring term and the days with no school.
struct SchoolYear: Sendable {
    /// One holiday or break, first to last day inclusive.
    struct Holiday: Sendable {
        let name: String
        let first: LocalDate
        let last: LocalDate
    }

    /// The district's full name, e.g. "Sierra Vista Unified School District".
    let district: String
    /// A short form for calendar names, e.g. "Sierra Vista USD".
    let shortName: String
    /// "2026-27".
    let label: String
    let termStart: LocalDate
    let termEnd: LocalDate
    let holidays: [Holiday]

    /// Whether any holiday covers `date`.
    func isHoliday(_ date: LocalDate) -> Bool {
        holidays.contains { $0.first <= date && date <= $0.last }
    }

    /// The 2026-27 year of the sample district. The holidays are those a Southern California
    /// district observes; each date's weekday is checked by the tests.
    static let sample: SchoolYear = {
        func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }
        func holiday(_ name: String, _ first: LocalDate, _ last: LocalDate? = nil) -> Holiday {
            Holiday(name: name, first: first, last: last ?? first)
        }
        return SchoolYear(
            district: "Sierra Vista Unified School District", shortName: "Sierra Vista USD",
            label: "2026-27", termStart: day(2026, 8, 17), termEnd: day(2027, 6, 10),
            holidays: [
                holiday("Labor Day", day(2026, 9, 7)),
                holiday("Veterans Day", day(2026, 11, 11)),
                holiday("Thanksgiving Break", day(2026, 11, 23), day(2026, 11, 27)),
                holiday("Winter Break", day(2026, 12, 21), day(2027, 1, 1)),
                holiday("Martin Luther King Jr. Day", day(2027, 1, 18)),
                holiday("Lincoln's Birthday", day(2027, 2, 12)),
                holiday("Presidents' Day", day(2027, 2, 15)),
                holiday("Spring Break", day(2027, 3, 29), day(2027, 4, 2)),
                holiday("César Chávez Day", day(2027, 3, 31)),
                holiday("Memorial Day", day(2027, 5, 31)),
            ])
    }()
}

/// Stable pseudo-random identifiers for calendar UIDs, derived from a name rather than the
/// demo seed, so that the committed example calendars never change when the seed does.
struct StableIDs {
    private var random: SplitMix64

    /// A stream fixed by `name` (FNV-1a hash).
    init(_ name: String) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        random = SplitMix64(seed: hash)
    }

    /// `count` random characters from `alphabet`.
    mutating func string(_ count: Int, alphabet: String) -> String {
        let characters = Array(alphabet)
        return String((0..<count).map { _ in characters[random.below(characters.count)] })
    }

    /// Upper-case hexadecimal digits.
    mutating func hex(_ count: Int) -> String { string(count, alphabet: "0123456789ABCDEF") }

    /// A UUID in the upper-case form Apple writes.
    mutating func uuid() -> String {
        [hex(8), hex(4), "4" + hex(3), "A" + hex(3), hex(12)].joined(separator: "-")
    }

    /// A Google event id: 26 characters of lower-case base32hex, plus the domain.
    mutating func googleUID() -> String {
        string(26, alphabet: "0123456789abcdefghijklmnopqrstuv") + "@google.com"
    }

    /// An Outlook global object id, the long hex UID Outlook writes.
    mutating func outlookUID() -> String {
        "040000008200E00074C5B7101A82E00800000000" + hex(16) + "0000000000000000" + "10000000" + hex(32)
    }
}
