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

/// What one event says: everything except its version (SEQUENCE, LAST-MODIFIED) and status.
///
/// Two contents are equal exactly when a subscriber would see the same event, which is how a
/// re-run decides that an event changed. Codable: the store keeps the last published content of
/// every event, so that a session that disappears can still be published as cancelled.
public struct EventContent: Hashable, Sendable, Codable {
    /// Stable across runs: derived from the group (or site) and the session's date key.
    public var uid: String
    /// Local start, in minutes since 1970-01-01 00:00 program time (`LocalDateTime.minutes`).
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

    public init(uid: String, start: LocalDateTime, end: LocalDateTime, summary: String, description: String,
                location: String? = nil, meetingURL: String? = nil, meetingLabel: String? = nil) {
        self.uid = uid
        self.start = start.minutes
        self.end = end.minutes
        self.summary = FeedText.clean(summary, keepNewlines: false)
        self.description = FeedText.clean(description, keepNewlines: true)
        self.location = location.map { FeedText.clean($0, keepNewlines: false) }
        self.meetingURL = meetingURL
        self.meetingLabel = meetingLabel.map { FeedText.clean($0, keepNewlines: false) }
    }

    /// The local start as a date-time.
    public var startTime: LocalDateTime { LocalDateTime(minutes: start) }
    /// The local end as a date-time.
    public var endTime: LocalDateTime { LocalDateTime(minutes: end) }
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
    /// The translation used (`es`, `zh-Hant`, `en`…), written as the calendar's language.
    public var language: String
    /// NAME and X-WR-CALNAME.
    public var name: String
    /// The calendar's DESCRIPTION (RFC 7986).
    public var description: String
    /// The program's IANA time zone: every TZID in the feed.
    public var timezone: String
    /// ORGANIZER of every event: a no-reply address, with the program's name as CN.
    public var organizerName: String
    public var organizerEmail: String
    /// Events sorted by start, then UID; cancelled ones carry their translated "Cancelled" title.
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
