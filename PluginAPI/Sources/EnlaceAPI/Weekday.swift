/// A day of the week, written in files with its iCalendar code (`MO` … `SU`).
public enum Weekday: Int, CaseIterable, Comparable, Sendable, Codable {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The two-letter iCalendar code, as used in availability cells and `schedule.json`.
    public var code: String {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][rawValue]
    }

    /// Reads a two-letter code (`TU`), ignoring case; nil for anything else.
    public init?(code: some StringProtocol) {
        let upper = code.uppercased()
        guard let day = Weekday.allCases.first(where: { $0.code == upper }) else { return nil }
        self = day
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }
}
