/// How a parent took part in a held session (spec section 11).
///
/// When one session was attended in several ways (signed in at the school and also on the video
/// call), it counts once, in the first of `inPerson`, `virtual`, `recording`: the order of
/// `allCases`, which `<` follows.
public enum AttendanceMode: String, CaseIterable, Comparable, Sendable {
    /// Came to the meeting at the site.
    case inPerson = "in_person"
    /// Joined the video meeting (a sign-in row, or enough minutes in the meeting service's report).
    case virtual
    /// Watched the recording afterwards.
    case recording

    /// `a < b` when `a` ranks before `b` (`inPerson` first).
    public static func < (lhs: AttendanceMode, rhs: AttendanceMode) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .inPerson: 0
        case .virtual: 1
        case .recording: 2
        }
    }
}

/// One parent's attendance of one held session: the unit attendance is stored and counted in, so
/// that the same sheet read twice counts once.
public struct AttendanceRecord: Hashable, Sendable {
    /// The parent who attended.
    public var parent: ParentID
    /// The group whose session it was.
    public var group: GroupID
    /// The session's local start (a group has one session at a time).
    public var session: LocalDateTime
    /// How the parent took part.
    public var mode: AttendanceMode

    /// A record of `parent` attending `group`'s session starting at `session`, in `mode`.
    public init(parent: ParentID, group: GroupID, session: LocalDateTime, mode: AttendanceMode) {
        self.parent = parent
        self.group = group
        self.session = session
        self.mode = mode
    }

    /// The record's key: parent, group and session, without the mode.
    public var key: AttendanceKey { AttendanceKey(parent: parent, group: group, session: session) }
}

/// What identifies one parent's attendance of one session: parent, group and session start.
public struct AttendanceKey: Hashable, Sendable, Comparable {
    /// The parent who attended.
    public var parent: ParentID
    /// The group whose session it was.
    public var group: GroupID
    /// The session's local start.
    public var session: LocalDateTime

    /// The key of `parent`'s attendance of `group`'s session starting at `session`.
    public init(parent: ParentID, group: GroupID, session: LocalDateTime) {
        self.parent = parent
        self.group = group
        self.session = session
    }

    /// Hashes the parent and the session's start only: a parent is at one session at a time, so
    /// the group's text adds almost nothing to tell keys apart (hashing keys was about a tenth of
    /// `enlace participation`'s time at 60,000 parents). Equality still compares all three.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(parent)
        hasher.combine(session)
    }

    /// By parent, then group, then session.
    public static func < (lhs: AttendanceKey, rhs: AttendanceKey) -> Bool {
        (lhs.parent, lhs.group, lhs.session) < (rhs.parent, rhs.group, rhs.session)
    }
}

/// A recording link of a held session (`data/recordings.csv`, spec section 11): a group's session
/// on a local date, or a site's open house on a local date.
public struct Recording: Hashable, Sendable {
    /// What was recorded.
    public enum Target: Hashable, Sendable {
        /// The session of this group on the recording's date.
        case group(GroupID)
        /// The open house of this site on the recording's date.
        case site(SiteID)
    }

    /// The group session or the site's open house the link is of.
    public var target: Target
    /// The local date of the recorded session or open house.
    public var date: LocalDate
    /// An `https://` link, checked when read.
    public var url: String

    /// The recording `url` of `target`'s session or open house on `date`.
    public init(target: Target, date: LocalDate, url: String) {
        self.target = target
        self.date = date
        self.url = url
    }
}
