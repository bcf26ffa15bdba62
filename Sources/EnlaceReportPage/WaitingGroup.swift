import EnlaceCore

/// Families who wait for the same reason, and so would be helped by the same thing: "9
/// Tagalog-speaking families at Juárez ES are free only on weekday evenings; no Tagalog-speaking
/// mentor is".
///
/// The reason is the cause `enlace explain` gives each unmatched family (the first rule that
/// leaves no group for them, or full groups), made specific with the families' own answers: their
/// languages, their school, the ways they meet, the times they are free. Families are grouped as
/// far as one remedy reaches: a mentor who speaks a language helps its families at every school,
/// as does an online group; a mentor at a school, or free at certain times, helps that school's
/// families.
public struct WaitingGroup: Sendable, Equatable {
    /// What keeps the families out, and so what would help.
    public enum Need: Sendable, Hashable {
        /// No mentor speaks their languages (`speakers` 0), or those who do have no group to
        /// offer (no weekly time or way of meeting).
        case speaker(speakers: Int)
        /// They meet only online (`online`) or only in person, and no mentor who speaks their
        /// language meets that way.
        case meetingMode(online: Bool)
        /// No mentor who speaks their language meets in person at their school (nor online, for
        /// families who could meet online: an online group would have fitted them).
        case site
        /// No mentor who speaks their language and meets their way is free when they are.
        case time(TimeNeed)
        /// Groups fit them, but the seats went to other families.
        case seats
        /// A district rule leaves no group for them: its name (the group's `ruleReason` quotes
        /// `enlace explain`).
        case rule(name: String)
        /// Waiting in the latest run, but no longer in data/parents.csv as last imported.
        case notImported

        /// The order of needs in the report among groups of the same size.
        var rank: Int {
            switch self {
            case .speaker: 0
            case .meetingMode: 1
            case .site: 2
            case .time: 3
            case .seats: 4
            case .rule: 5
            case .notImported: 6
            }
        }

        /// Whether one remedy helps the families of every school alike.
        var reachesEverySchool: Bool {
            switch self {
            case .speaker, .meetingMode, .notImported: true
            case .site, .time, .seats, .rule: false
            }
        }
    }

    /// What keeps the families out.
    public var need: Need
    /// The families' languages (primary subtags, in their order); empty for `notImported`.
    public var languages: [String]
    /// The families' schools, by name (one when the need is a school's).
    public var sites: [String]
    /// The families, by id.
    public var parents: [ParentID]
    /// For a district rule, whose sentences the report cannot rephrase: what `enlace explain`
    /// says of the first of the families.
    public var ruleReason: String?
}

/// When waiting families are free, as the report says it.
public enum TimeNeed: Sendable, Hashable {
    /// Only in these parts of the week.
    case times([DayPart])
    /// They gave no weekly times and do not go to open houses.
    case noTimes
    /// They gave no weekly times and go to their school's open houses, where no mentor who fits
    /// them has a group.
    case openHousesOnly
}

/// A part of the week: weekday, Saturday or Sunday mornings, afternoons or evenings.
public struct DayPart: Sendable, Hashable, Comparable {
    /// Monday to Friday count as one.
    public enum Days: Int, Sendable, CaseIterable { case weekdays, saturday, sunday }
    /// Morning until 12:00, afternoon until 17:00, evening after.
    public enum Part: Int, Sendable, CaseIterable { case morning, afternoon, evening }

    /// Which days.
    public var days: Days
    /// Which part of those days.
    public var part: Part

    /// The minutes of the day each part covers, [start, end).
    static func minutes(of part: Part) -> Range<Int> {
        switch part {
        case .morning: 0..<720
        case .afternoon: 720..<1020
        case .evening: 1020..<1440
        }
    }

    /// The parts of the week `availability`'s windows touch, in order.
    static func parts(of availability: Availability) -> [DayPart] {
        var parts = Set<DayPart>()
        for window in availability.windows {
            let days: Days = window.day == .saturday ? .saturday : window.day == .sunday ? .sunday : .weekdays
            for part in Part.allCases where minutes(of: part).overlaps(window.start..<window.end) {
                parts.insert(DayPart(days: days, part: part))
            }
        }
        return parts.sorted()
    }

    /// Weekdays before Saturday before Sunday, then morning before afternoon before evening.
    public static func < (a: DayPart, b: DayPart) -> Bool { (a.days.rawValue, a.part.rawValue) < (b.days.rawValue, b.part.rawValue) }
}

/// Why the latest run left one family without a group: the cause and the sentences of
/// `enlace explain` (`UnmatchedExplanation`).
public struct WaitingReason: Sendable, Equatable {
    /// The rule's name (`shared_language`, `meeting_mode`, `same_site`, `time_fit`, a district
    /// plugin's) or `capacity`.
    public var cause: String
    /// What `enlace explain` says of the family, sentence by sentence.
    public var reasons: [String]

    /// Creates a reason.
    public init(cause: String, reasons: [String]) {
        self.cause = cause
        self.reasons = reasons
    }
}
