/// A session that was held (spec section 9), with the parents it was held for: what attendance
/// is counted against.
public struct HeldSession: Sendable, Equatable {
    /// The group that met.
    public var group: GroupID
    /// The group's mentor.
    public var mentor: MentorID
    /// Whether the group met at its site or online.
    public var mode: MeetingMode
    /// Nil for virtual groups.
    public var site: SiteID?
    /// The session's local start.
    public var start: LocalDateTime
    /// The session's local end.
    public var end: LocalDateTime
    /// The parents whose stints cover the session's start, sorted.
    public var parents: [ParentID]

    /// A session of `group` held from `start` to `end` for `parents`.
    public init(group: GroupID, mentor: MentorID, mode: MeetingMode, site: SiteID?, start: LocalDateTime, end: LocalDateTime,
                parents: [ParentID]) {
        self.group = group
        self.mentor = mentor
        self.mode = mode
        self.site = site
        self.start = start
        self.end = end
        self.parents = parents
    }
}

extension Schedule {
    /// Every session that starts before `cut`, with the parents it was held for, sorted by group
    /// id then start.
    ///
    /// A session between this run's `now` and a later `cut` was planned as a future session: it
    /// is for the group's members then (the open stints), exactly as the next run will hold it.
    ///
    /// - Complexity: O(sessions × stints of their group).
    public func heldSessions(before cut: LocalDateTime) -> [HeldSession] {
        let stints = stintsByGroup
        var result: [HeldSession] = []
        for group in groups {
            let members = stints[group.id] ?? []
            for session in group.sessions where session.start < cut {
                result.append(HeldSession(group: group.id, mentor: group.mentor, mode: group.mode, site: group.site,
                                          start: session.start, end: session.end, parents: parents(of: session, stints: members)))
            }
        }
        return result
    }
}
