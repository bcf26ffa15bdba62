/// A group the matcher may open: one mentor, a time (a weekly slot, or the open houses of a site),
/// a mode, and the dated sessions it would hold (spec section 4, "Candidate groups").
///
/// Plugins see every candidate group (to reject it, to limit its size, to score it) before the
/// matcher chooses which ones open.
public struct CandidateGroup: Sendable, Hashable {
    /// When the group meets.
    public enum Timing: Sendable, Hashable {
        /// A weekly slot of `minutes` starting `start` minutes after midnight on `weekday`.
        case weekly(weekday: Weekday, start: Int)
        /// Anchored to every open house of the group's site.
        case openHouse
    }

    /// Position of the group in the array the matcher is going through: in `admits(_:)`, among
    /// all generated candidates; in later hooks, among the groups that exist (the array
    /// `pairIndex(groups:)` receives, whose `groupKeys` it indexes). The unmatched explanations
    /// also number the groups filters refused among themselves, so key a per-group cache by `id`.
    public let index: Int
    /// Index of the mentor in `Program.mentors`.
    public let mentor: Int
    /// A weekly slot or the open houses of the site.
    public let timing: Timing
    /// Virtual or in person (open-house groups are in person).
    public let mode: MeetingMode
    /// Index of the site in `Program.sites`; nil for virtual groups.
    public let site: Int?
    /// The dated sessions, sorted; never empty.
    public let sessions: [Session]
    /// A stable id built from the mentor, time and place, e.g. `m07-TU1800-lincoln`, so that feeds
    /// keep their event UIDs from one run to the next.
    public let id: String

    public init(index: Int, mentor: Int, timing: Timing, mode: MeetingMode, site: Int?, sessions: [Session], id: String) {
        self.index = index
        self.mentor = mentor
        self.timing = timing
        self.mode = mode
        self.site = site
        self.sessions = sessions
        self.id = id
    }

    public var isOpenHouse: Bool { timing == .openHouse }

    /// Who meets when and where: what stays the same when a group continues from one run to the
    /// next (its sessions from now on may differ).
    public var placement: GroupPlacement { GroupPlacement(mentor: mentor, timing: timing, mode: mode, site: site) }

    /// Whether the two groups (of one mentor) overlap in time: weekly slots on one day, or any dated
    /// session of one against any of the other. Intervals are half-open.
    ///
    /// - Complexity: O(s₁ + s₂) over the sorted session lists.
    public func overlaps(_ other: CandidateGroup, minutes: Int) -> Bool {
        if case .weekly(let day, let start) = timing, case .weekly(let otherDay, let otherStart) = other.timing {
            return day == otherDay && start < otherStart + minutes && otherStart < start + minutes
        }
        var i = 0, j = 0
        while i < sessions.count && j < other.sessions.count {
            let a = sessions[i], b = other.sessions[j]
            if a.start < b.end && b.start < a.end { return true }
            if a.end <= b.end { i += 1 } else { j += 1 }
        }
        return false
    }
}

/// A group's mentor, time, mode and site: two groups with equal placements are the same meeting
/// (spec section 4, `same_group`: same mentor, kind, mode, site, weekday and start).
public struct GroupPlacement: Sendable, Hashable {
    /// Index of the mentor in `Program.mentors`.
    public let mentor: Int
    public let timing: CandidateGroup.Timing
    public let mode: MeetingMode
    /// Index of the site in `Program.sites`; nil for virtual groups.
    public let site: Int?

    public init(mentor: Int, timing: CandidateGroup.Timing, mode: MeetingMode, site: Int?) {
        self.mentor = mentor
        self.timing = timing
        self.mode = mode
        self.site = site
    }
}
