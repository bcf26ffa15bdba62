/// The schedule of one run: every group with its dated sessions, who was or is in each group and
/// since when, who is unmatched and why, and the score. Written once by `enlace match` (the
/// workflow that turns the solver's answer and the previous run into one), stored as rows, and
/// read by everything else: `schedule.json` and `assignments.csv` are rendered from it, feeds and
/// explanations read it, `forget` deletes from it.
///
/// **A term in progress** (spec section 9). `now` is the moment the run planned from. A session
/// that starts before it is *held*: it is history, copied from the previous run with the parents
/// it was held for. Membership is kept as stints (`Membership`): a parent was in a group for the
/// sessions that start in `[from, until)`, so a held session's parents are the stints that cover
/// its start, and a group's current members are the open stints.
public struct Schedule: Sendable, Equatable {
    /// The program's name and IANA time zone, as `schedule.json` states them.
    public var programName: String
    public var timezone: String
    /// The local moment the run planned from: sessions starting before it are held.
    public var now: LocalDateTime
    public var score: ScheduleScore
    /// Every group with a held or a future session, sorted by id.
    public var groups: [ScheduledGroup]
    /// Every stint of a parent in a group, sorted by parent then start.
    public var memberships: [Membership]
    /// Parents without a group from now on, sorted by id, with the reasons.
    public var unmatched: [UnmatchedParent]
    /// What changed for each family since the previous run, and why, sorted by parent.
    public var changes: [FamilyChange]
    /// The curriculum's value and the required topics some group could not fit (spec section 10),
    /// as the run planned them.
    public var curriculum: CurriculumSummary

    public init(programName: String, timezone: String, now: LocalDateTime, score: ScheduleScore,
                groups: [ScheduledGroup], memberships: [Membership], unmatched: [UnmatchedParent], changes: [FamilyChange] = [],
                curriculum: CurriculumSummary = CurriculumSummary()) {
        self.programName = programName
        self.timezone = timezone
        self.now = now
        self.score = score
        self.groups = groups.sorted { $0.id < $1.id }
        self.memberships = memberships.sorted { ($0.parent, $0.from) < ($1.parent, $1.from) }
        self.unmatched = unmatched.sorted { $0.parent < $1.parent }
        self.changes = changes.sorted { $0.parent < $1.parent }
        self.curriculum = curriculum
    }

    /// Whether `session` was held by the time this run planned.
    public func isHeld(_ session: ScheduledSession) -> Bool { session.start < now }

    /// The group with this id, if any.
    ///
    /// - Complexity: O(log groups).
    public func group(_ id: GroupID) -> ScheduledGroup? {
        var low = 0, high = groups.count
        while low < high {
            let mid = (low + high) / 2
            if groups[mid].id < id { low = mid + 1 } else { high = mid }
        }
        return low < groups.count && groups[low].id == id ? groups[low] : nil
    }

    /// Each parent's current stint (the open one), by parent.
    public var currentMemberships: [ParentID: Membership] {
        var result: [ParentID: Membership] = [:]
        for stint in memberships where stint.until == nil { result[stint.parent] = stint }
        return result
    }

    /// Each group's members from now on, sorted, by group id.
    public var membersByGroup: [GroupID: [ParentID]] {
        var result: [GroupID: [ParentID]] = [:]
        for stint in memberships where stint.until == nil { result[stint.group, default: []].append(stint.parent) }
        return result
    }

    /// Each group's stints, by group id, sorted by parent.
    public var stintsByGroup: [GroupID: [Membership]] {
        Dictionary(grouping: memberships, by: \.group)
    }

    /// The parents `session` of `group` was (held) or is (future) for, sorted.
    public func parents(of session: ScheduledSession, stints: [Membership]) -> [ParentID] {
        stints.filter { $0.covers(session.start) }.map(\.parent).sorted()
    }

    /// The local date of the parent's first session in the group of `stint` (spec section 9,
    /// `since`), or nil when no session of the group falls in the stint.
    public func since(_ stint: Membership) -> LocalDate? {
        group(stint.group)?.sessions.first { stint.covers($0.start) }?.start.date
    }
}

/// A group id: the mentor, the time and the place, encoded so that two different groups never
/// share an id (`GroupID.make`).
public typealias GroupID = String

/// The score of a run, as `schedule.json` states it.
public struct ScheduleScore: Sendable, Equatable {
    public var total: Int
    public var bound: Int
    /// Each weight key's weighted contribution, in the model's term order.
    public var terms: [ScoreTerm]

    public init(total: Int, bound: Int, terms: [ScoreTerm]) {
        self.total = total
        self.bound = bound
        self.terms = terms
    }

    /// The relative distance between the score and the bound: (bound − score) / |bound|, 0 when equal.
    public var gap: Double {
        bound == total ? 0 : Double(bound - total) / Double(max(abs(bound), 1))
    }
}

/// One term of the objective and its weighted contribution.
public struct ScoreTerm: Sendable, Equatable {
    public var key: String
    public var value: Int

    public init(key: String, value: Int) {
        self.key = key
        self.value = value
    }
}

/// A group of a run: one mentor, one time and place, its dated sessions (held and future).
public struct ScheduledGroup: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case weekly
        case openHouse = "open_house"
    }

    public var id: GroupID
    public var mentor: MentorID
    public var kind: Kind
    public var mode: MeetingMode
    /// Nil for virtual groups.
    public var site: SiteID?
    /// The weekly slot (weekly groups only).
    public var weekday: Weekday?
    /// Minutes after midnight of the weekly slot's start (weekly groups only).
    public var startMinute: Int?
    /// Length of each session.
    public var minutes: Int
    /// Sorted by start.
    public var sessions: [ScheduledSession]

    public init(id: GroupID, mentor: MentorID, kind: Kind, mode: MeetingMode, site: SiteID?, weekday: Weekday?,
                startMinute: Int?, minutes: Int, sessions: [ScheduledSession]) {
        self.id = id
        self.mentor = mentor
        self.kind = kind
        self.mode = mode
        self.site = site
        self.weekday = weekday
        self.startMinute = startMinute
        self.minutes = minutes
        self.sessions = sessions.sorted { $0.start < $1.start }
    }

    /// Whether the two describe the same meeting: same mentor, kind, mode, site, weekday and start
    /// (spec section 4, `same_group`).
    public func isSameMeeting(as other: ScheduledGroup) -> Bool {
        mentor == other.mentor && kind == other.kind && mode == other.mode && site == other.site
            && weekday == other.weekday && startMinute == other.startMinute
    }
}

/// One dated meeting of a group.
public struct ScheduledSession: Sendable, Equatable {
    public var start: LocalDateTime
    public var end: LocalDateTime
    /// The curriculum topic taught (spec section 10), nil for an open conversation.
    public var topic: TopicID?

    public init(start: LocalDateTime, end: LocalDateTime, topic: TopicID? = nil) {
        self.start = start
        self.end = end
        self.topic = topic
    }
}

/// A parent's stint in a group: the parent was (or is) a member for the group's sessions that
/// start in `[from, until)`; `until` is nil for the current stint.
public struct Membership: Sendable, Equatable {
    public var parent: ParentID
    public var group: GroupID
    public var from: LocalDateTime
    public var until: LocalDateTime?

    public init(parent: ParentID, group: GroupID, from: LocalDateTime, until: LocalDateTime? = nil) {
        self.parent = parent
        self.group = group
        self.from = from
        self.until = until
    }

    /// Whether a session starting at `start` falls in the stint.
    public func covers(_ start: LocalDateTime) -> Bool {
        from <= start && until.map { start < $0 } ?? true
    }
}

/// A family whose group changed at a run: where they were, where they are from now on, and why.
public struct FamilyChange: Sendable, Equatable {
    /// Why a family's group changed, from the family's side.
    public enum Reason: String, Sendable, CaseIterable {
        /// New in data/parents.csv.
        case joined
        /// Was waiting; now has a group.
        case placeOpened = "place_opened"
        /// Their mentor is no longer in data/mentors.csv.
        case mentorLeft = "mentor_left"
        /// Their group's time or place is no longer possible (the mentor's hours, the school's
        /// open houses, the sites changed).
        case groupEnded = "group_ended"
        /// The family's own answers changed and their group no longer fits them.
        case familyChanged = "family_changed"
        /// The new group's mentor speaks their preferred language; the old one did not.
        case betterLanguage = "better_language"
        /// The new group meets at their school's open house.
        case openHouse = "open_house"
        /// Moved so that other families could be seated.
        case makeRoom = "make_room"
        /// No group fits them from now on.
        case noGroup = "no_group"
        /// No longer in data/parents.csv.
        case left

        /// The reason as the match summary and `out/changes.csv` state it.
        public var phrase: String {
            switch self {
            case .joined: "joined the program"
            case .placeOpened: "a place opened for them"
            case .mentorLeft: "their mentor left"
            case .groupEnded: "their group can no longer meet at that time and place"
            case .familyChanged: "their own answers changed and the group no longer fits them"
            case .betterLanguage: "for a better language match"
            case .openHouse: "to meet at their school's open house"
            case .makeRoom: "to make room for other families"
            case .noGroup: "no group fits them from now on"
            case .left: "left the program"
            }
        }
    }

    public var parent: ParentID
    /// The group before and after the run (nil: none).
    public var before: GroupID?
    public var after: GroupID?
    public var reason: Reason

    public init(parent: ParentID, before: GroupID?, after: GroupID?, reason: Reason) {
        self.parent = parent
        self.before = before
        self.after = after
        self.reason = reason
    }
}

/// A parent without a group from now on, and why (the reasons `explain` gives).
public struct UnmatchedParent: Sendable, Equatable {
    public var parent: ParentID
    public var reasons: [String]
    /// The rule that decided it (`shared_language`, `time_fit`, a district plugin's name, …) or
    /// `capacity`, as `explain` names it; nil in runs stored before the cause was kept. Stored with
    /// the run for the report, not written to `schedule.json` (spec section 5 fixes its fields).
    public var cause: String?

    public init(parent: ParentID, reasons: [String], cause: String? = nil) {
        self.parent = parent
        self.reasons = reasons
        self.cause = cause
    }
}

extension ScheduledGroup {
    /// The id of a group: `MENTOR-TU1800-SITE`, `MENTOR-TU1800-virtual` or `MENTOR-openhouse-SITE`.
    ///
    /// Unique by construction, so that one family's feed can never name another group's mentor or
    /// school: the mentor part never contains `-` (`%` and `-` are written `%25` and `%2D`), the
    /// time part is `DDHHMM` or `openhouse`, and the rest is the site, with `%` written `%25` and
    /// a site whose id is `virtual` written `%76irtual`. Ids of the usual form (`M007`,
    /// `lincoln-es`) are unchanged.
    public static func makeID(mentor: MentorID, weekday: Weekday?, startMinute: Int?, mode: MeetingMode, site: SiteID?) -> GroupID {
        let mentorPart = mentor.rawValue.replacingEvery("%", with: "%25").replacingEvery("-", with: "%2D")
        let timePart: String
        if let weekday, let startMinute {
            timePart = weekday.code + String(formatMinuteOfDay(startMinute).filter { $0 != ":" })
        } else {
            timePart = "openhouse"
        }
        let placePart: String
        if mode == .virtual || site == nil {
            placePart = "virtual"
        } else {
            let escaped = site!.rawValue.replacingEvery("%", with: "%25")
            placePart = escaped == "virtual" ? "%76irtual" : escaped
        }
        return mentorPart + "-" + timePart + "-" + placePart
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free, so the core stays portable).
    func replacingEvery(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
