import EnlaceCore

/// Whose calendar a feed is (spec section 7): one feed per parent, mentor and site.
public enum FeedKind: String, CaseIterable, Sendable, Codable, Comparable {
    case parent, mentor, site

    /// One letter used inside event UIDs, so that the same session in a parent's, a mentor's and a
    /// site's calendar never shares a UID (a coordinator may subscribe to several of them).
    var uidTag: String {
        switch self {
        case .parent: "p"
        case .mentor: "m"
        case .site: "s"
        }
    }

    public static func < (lhs: FeedKind, rhs: FeedKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The owner of one feed: a kind and the id from the program's CSV files.
public struct FeedOwner: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let kind: FeedKind
    /// The id exactly as in `sites.csv`, `mentors.csv` or `parents.csv`.
    public let id: String

    public init(kind: FeedKind, id: String) {
        self.kind = kind
        self.id = id
    }

    /// `parent P0001`.
    public var description: String { "\(kind.rawValue) \(id)" }

    public static func < (lhs: FeedOwner, rhs: FeedOwner) -> Bool { (lhs.kind, lhs.id) < (rhs.kind, rhs.id) }
}

/// What an event is: a group's session, a school's open house, or the waiting-list notice of a
/// family without a group (an all-day event, spec section 7).
public enum EventKind: String, Sendable, Codable {
    /// A dated meeting of a group.
    case session
    /// A district open house at a site.
    case openHouse = "open_house"
    /// The all-day notice that a family is on the waiting list.
    case waitingList = "waiting_list"
}

/// The ORGANIZER of an event: the coordinator when `coordinator_email` is set, else a no-reply
/// address (libical's `icalrestriction_check` wants one in every event with METHOD:PUBLISH).
public struct EventOrganizer: Hashable, Sendable, Codable {
    /// The CN parameter: the coordinator's name, or the program's name.
    public var name: String
    /// The address after `mailto:`.
    public var email: String

    /// An organizer; the name is cleaned of control characters like every feed text.
    public init(name: String, email: String) {
        self.name = FeedText.clean(name, keepNewlines: false)
        self.email = email
    }
}

/// What one event says: everything except its version (SEQUENCE, LAST-MODIFIED) and status.
///
/// An event keeps its own LANGUAGE and ORGANIZER, so that a held event stays exactly as it was
/// published when the family's language or the coordinator changes, and a change of either is a
/// change of the event (a higher SEQUENCE). `group` and `mentor` are never published: they say
/// why a session was cancelled when it disappears. Codable: the store keeps the last published
/// content of every event, so that a session that disappears can still be published as cancelled.
public struct EventContent: Hashable, Sendable, Codable {
    /// Stable across runs: derived from the group (or site) and the session's date key, ending in
    /// `@` and the host of `feed_base_url` (events first published with another ending keep it).
    public var uid: String
    /// Local start, in minutes since 1970-01-01 00:00 program time (`LocalDateTime.minutes`); the
    /// local midnight that starts the day of an all-day event.
    public var start: Int
    /// Local end (excluded), same unit.
    public var end: Int
    public var summary: String
    public var description: String
    public var location: String?
    /// The online meeting link, for virtual sessions (published as URL and CONFERENCE).
    public var meetingURL: String?
    /// The CONFERENCE label, in the feed's language.
    public var meetingLabel: String?
    public var kind: EventKind
    /// The LANGUAGE of the texts; nil only in history stored before events kept their own.
    public var language: String?
    /// Nil only in history stored before events kept their own organizer.
    public var organizer: EventOrganizer?
    /// TRANSP:TRANSPARENT (cancelled events and the waiting-list notice do not make anyone busy).
    public var transparent: Bool
    /// The group a session belongs to (not published).
    public var group: GroupID?
    /// The mentor of that group (not published).
    public var mentor: MentorID?

    /// An event's content; texts are cleaned of control characters (descriptions keep their line
    /// breaks).
    public init(uid: String, start: LocalDateTime, end: LocalDateTime, summary: String, description: String,
                location: String? = nil, meetingURL: String? = nil, meetingLabel: String? = nil,
                kind: EventKind = .session, language: String? = nil, organizer: EventOrganizer? = nil,
                transparent: Bool = false, group: GroupID? = nil, mentor: MentorID? = nil) {
        self.uid = uid
        self.start = start.minutes
        self.end = end.minutes
        self.summary = FeedText.clean(summary, keepNewlines: false)
        self.description = FeedText.clean(description, keepNewlines: true)
        self.location = location.map { FeedText.clean($0, keepNewlines: false) }
        self.meetingURL = meetingURL
        self.meetingLabel = meetingLabel.map { FeedText.clean($0, keepNewlines: false) }
        self.kind = kind
        self.language = language
        self.organizer = organizer
        self.transparent = transparent
        self.group = group
        self.mentor = mentor
    }

    /// The local start as a date-time.
    public var startTime: LocalDateTime { LocalDateTime(minutes: start) }
    /// The local end as a date-time.
    public var endTime: LocalDateTime { LocalDateTime(minutes: end) }
    /// Whether the event is published with dates only (`DTSTART;VALUE=DATE`).
    public var isAllDay: Bool { kind == .waitingList }

    enum CodingKeys: String, CodingKey {
        case uid, start, end, summary, description, location, meetingURL, meetingLabel, kind, language, organizer,
             transparent, group, mentor
    }

    /// Reads contents stored before events had a kind, language and organizer as sessions or open
    /// houses (by their UID) without them.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        uid = try values.decode(String.self, forKey: .uid)
        start = try values.decode(Int.self, forKey: .start)
        end = try values.decode(Int.self, forKey: .end)
        summary = try values.decode(String.self, forKey: .summary)
        description = try values.decode(String.self, forKey: .description)
        location = try values.decodeIfPresent(String.self, forKey: .location)
        meetingURL = try values.decodeIfPresent(String.self, forKey: .meetingURL)
        meetingLabel = try values.decodeIfPresent(String.self, forKey: .meetingLabel)
        kind = try values.decodeIfPresent(EventKind.self, forKey: .kind) ?? EventKind.legacy(uid: uid)
        language = try values.decodeIfPresent(String.self, forKey: .language)
        organizer = try values.decodeIfPresent(EventOrganizer.self, forKey: .organizer)
        transparent = try values.decodeIfPresent(Bool.self, forKey: .transparent) ?? false
        group = try values.decodeIfPresent(GroupID.self, forKey: .group)
        mentor = try values.decodeIfPresent(MentorID.self, forKey: .mentor)
    }
}

extension EventKind {
    /// The kind of an event stored before events had one: open houses are told by their UID.
    public static func legacy(uid: String) -> EventKind {
        uid.hasPrefix("openhouse-") ? .openHouse : .session
    }
}

/// Whether an event is on or called off.
public enum EventStatus: String, Sendable, Codable {
    case confirmed = "CONFIRMED"
    case cancelled = "CANCELLED"
}

/// One event as published: its content (as last published), version and status.
public struct PublishedEvent: Hashable, Sendable {
    public var content: EventContent
    /// RFC 5545 SEQUENCE: 0 when first published, raised by one at every change.
    public var sequence: Int
    /// When the event last changed, in seconds since 1970 UTC (LAST-MODIFIED, and DTSTAMP too,
    /// so that an unchanged feed is byte-identical from run to run).
    public var lastModified: Int64
    public var status: EventStatus

    public init(content: EventContent, sequence: Int, lastModified: Int64, status: EventStatus) {
        self.content = content
        self.sequence = sequence
        self.lastModified = lastModified
        self.status = status
    }
}

/// Everything one feed file says, ready for the iCalendar writer.
public struct FeedCalendar: Sendable, Equatable {
    public var owner: FeedOwner
    /// The translation used (`es`, `zh-Hant`, `en`…), written as the calendar's language (and as
    /// the LANGUAGE of events that do not name their own).
    public var language: String
    /// NAME and X-WR-CALNAME.
    public var name: String
    /// The calendar's DESCRIPTION (RFC 7986).
    public var description: String
    /// The program's IANA time zone: every TZID in the feed.
    public var timezone: String
    /// The ORGANIZER of events that do not name their own (history stored before they did): the
    /// no-reply address, with the program's name as CN.
    public var organizerName: String
    public var organizerEmail: String
    /// Events sorted by start, then UID; cancelled ones say so in their own texts.
    public var events: [PublishedEvent]

    public init(owner: FeedOwner, language: String, name: String, description: String, timezone: String,
                organizerName: String, organizerEmail: String, events: [PublishedEvent]) {
        self.owner = owner
        self.language = language
        self.name = FeedText.clean(name, keepNewlines: false)
        self.description = FeedText.clean(description, keepNewlines: false)
        self.timezone = timezone
        self.organizerName = FeedText.clean(organizerName, keepNewlines: false)
        self.organizerEmail = organizerEmail
        self.events = events
    }
}

/// Text hygiene for anything that reaches a feed.
public enum FeedText {
    /// `text` without control characters (which iCalendar forbids and some clients choke on);
    /// line breaks become spaces unless `keepNewlines` (descriptions keep theirs, as `\n`).
    public static func clean(_ text: String, keepNewlines: Bool) -> String {
        if !needsCleaning(text, keepNewlines: keepNewlines) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepNewlines: out.append(scalar)
            case 0x0D where keepNewlines: continue
            case 0x0A, 0x0D, 0x09: out.append(" ")
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `clean` would change `text`, from its bytes alone (almost every text is clean, and
    /// descriptions keep their line breaks): C0 controls and DEL are single bytes, C1 controls
    /// are 0xC2 0x80–0x9F, U+2028 and U+2029 are 0xE2 0x80 0xA8 and 0xA9.
    static func needsCleaning(_ text: String, keepNewlines: Bool) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case 0x0A where keepNewlines: break
            case 0x00..<0x20, 0x7F: return true
            case 0x80...0x9F where previous == 0xC2: return true
            case 0xA8...0xA9 where previous == 0x80 && beforePrevious == 0xE2: return true
            default: break
            }
            beforePrevious = previous
            previous = byte
        }
        return false
    }
}
