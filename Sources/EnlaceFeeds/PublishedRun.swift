import EnlaceCore
import Foundation

/// One group of a stored run, as `out/schedule.json` describes it (spec section 6).
public struct PublishedGroup: Sendable, Equatable {
    public enum Kind: String, Sendable, Decodable {
        case weekly
        case openHouse = "open_house"
    }

    /// Stable id built from mentor, time and place, e.g. `M007-TU1800-lincoln`.
    public var id: String
    public var mentor: MentorID
    public var kind: Kind
    public var mode: MeetingMode
    /// Nil for virtual groups.
    public var site: SiteID?
    public var parents: [ParentID]
    /// Sorted by start.
    public var sessions: [Session]

    public init(id: String, mentor: MentorID, kind: Kind, mode: MeetingMode, site: SiteID?,
                parents: [ParentID], sessions: [Session]) {
        self.id = id
        self.mentor = mentor
        self.kind = kind
        self.mode = mode
        self.site = site
        self.parents = parents
        self.sessions = sessions.sorted()
    }
}

/// The groups of a run, read back from the `schedule.json` text the store keeps with each run.
///
/// Feeds are made from the stored run rather than by re-solving, so that `enlace feeds` publishes
/// exactly what `enlace match` reported, even when the solver has changed since.
public enum PublishedRun {
    /// The groups of `scheduleJSON`, sorted by id.
    ///
    /// Session times are read as local wall times (`2026-09-01T18:00:00-07:00` is 18:00 local): the
    /// offset only matters to readers in other zones, and feeds carry the program's zone.
    /// - Throws: `InputError` naming `out/schedule.json` when the text is not a schedule.
    public static func groups(scheduleJSON: String) throws(InputError) -> [PublishedGroup] {
        let schedule: Schedule
        do {
            schedule = try JSONDecoder().decode(Schedule.self, from: Data(scheduleJSON.utf8))
        } catch {
            throw InputError(file: "out/schedule.json (as stored with the latest run)",
                             problem: "the stored schedule cannot be read: \(error)",
                             fix: "run `enlace match` again to store a fresh run.")
        }
        var groups: [PublishedGroup] = []
        for group in schedule.groups {
            var sessions: [Session] = []
            for session in group.sessions {
                guard let start = localTime(session.start), let end = localTime(session.end), start <= end else {
                    throw InputError(file: "out/schedule.json (as stored with the latest run)", field: "groups[\(group.id)].sessions",
                                     problem: "\"\(session.start)\"–\"\(session.end)\" is not a session time.",
                                     fix: "run `enlace match` again to store a fresh run.")
                }
                sessions.append(Session(start: start, end: end))
            }
            groups.append(PublishedGroup(id: group.id, mentor: MentorID(group.mentor), kind: group.kind, mode: group.mode,
                                         site: group.site.map(SiteID.init), parents: group.parents.map(ParentID.init),
                                         sessions: sessions))
        }
        return groups.sorted { $0.id < $1.id }
    }

    /// `YYYY-MM-DDTHH:MM…` to local wall time; nil when malformed.
    static func localTime(_ text: String) -> LocalDateTime? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 16, utf8[10] == UInt8(ascii: "T"), utf8[13] == UInt8(ascii: ":"),
              let date = LocalDate(iso: String(decoding: utf8[0..<10], as: UTF8.self)),
              let hour = Int(String(decoding: utf8[11..<13], as: UTF8.self)),
              let minute = Int(String(decoding: utf8[14..<16], as: UTF8.self)),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return LocalDateTime(date: date, minuteOfDay: hour * 60 + minute)
    }

    private struct Schedule: Decodable {
        var groups: [Group]
    }

    private struct Group: Decodable {
        var id: String
        var mentor: String
        var kind: PublishedGroup.Kind
        var mode: MeetingMode
        var site: String?
        var parents: [String]
        var sessions: [Times]
    }

    private struct Times: Decodable {
        var start: String
        var end: String
    }
}
