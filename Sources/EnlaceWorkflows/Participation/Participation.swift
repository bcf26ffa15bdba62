import EnlaceCore

/// Who came to what (spec section 11), computed from the run's held sessions and the stored
/// attendance. Pure: the same run, cut and records give the same values.
///
/// - A row per parent and group with at least one session held for the parent, and one (all
///   zeros) for every current member whose group has held nothing for them yet.
/// - Only sessions held for the parent count: a record of a session the parent was not in (the
///   run changed since it was imported) is ignored.
/// - Follow-up: current members whose most recent held sessions in their group, at least two,
///   were all missed.
public struct Participation: Sendable {
    /// One line of `out/participation.csv`.
    public struct Row: Sendable, Equatable {
        /// The parent.
        public var parent: ParentID
        /// The group whose sessions were held for them.
        public var group: GroupID
        /// Sessions held for the parent in the group, those attended, and the attended ones by mode.
        public var held = 0, attended = 0, inPerson = 0, virtual = 0, recording = 0
        /// The date of the last session attended; nil for none.
        public var lastAttended: LocalDate?
    }

    /// One line of `out/follow-up.csv`.
    public struct FollowUp: Sendable, Equatable {
        /// The parent.
        public var parent: ParentID
        /// The mentor of the parent's group, who does the outreach.
        public var mentor: MentorID
        /// Held sessions missed since the last one attended (two or more).
        public var missedInARow: Int
        /// In the group they are in now.
        public var lastAttended: LocalDate?
    }

    /// Sorted by parent, then group.
    public let rows: [Row]
    /// Sorted by parent.
    public let followUp: [FollowUp]
    /// The moment sessions are held before.
    public let cut: LocalDateTime

    /// Participation in `schedule` as of `cut`, from `attendance` (any order).
    ///
    /// - Complexity: O(held sessions × their parents + records), with hashing.
    public init(schedule: Schedule, cut: LocalDateTime, attendance: [AttendanceRecord]) {
        self.cut = cut
        var modes: [AttendanceKey: AttendanceMode] = [:]
        modes.reserveCapacity(attendance.count)
        for record in attendance { modes[record.key] = min(modes[record.key] ?? record.mode, record.mode) }
        var sessions: [PairKey: [(start: LocalDateTime, mode: AttendanceMode?)]] = [:]
        for held in schedule.heldSessions(before: cut) {
            for parent in held.parents {
                let mode = modes[AttendanceKey(parent: parent, group: held.group, session: held.start)]
                sessions[PairKey(parent: parent, group: held.group), default: []].append((held.start, mode))
            }
        }
        for stint in schedule.memberships where stint.until == nil {
            let key = PairKey(parent: stint.parent, group: stint.group)
            if sessions[key] == nil { sessions[key] = [] }
        }
        var rows: [Row] = []
        rows.reserveCapacity(sessions.count)
        for (key, list) in sessions {
            var row = Row(parent: key.parent, group: key.group)
            for session in list {
                row.held += 1
                guard let mode = session.mode else { continue }
                row.attended += 1
                switch mode {
                case .inPerson: row.inPerson += 1
                case .virtual: row.virtual += 1
                case .recording: row.recording += 1
                }
                if row.lastAttended.map({ $0 < session.start.date }) ?? true { row.lastAttended = session.start.date }
            }
            rows.append(row)
        }
        self.rows = rows.sorted { ($0.parent, $0.group) < ($1.parent, $1.group) }
        followUp = Self.followUp(schedule, sessions: sessions, rows: Dictionary(rows.map { (PairKey(parent: $0.parent, group: $0.group), $0) },
                                                                                uniquingKeysWith: { a, _ in a }))
    }

    private struct PairKey: Hashable {
        var parent: ParentID
        var group: GroupID
    }

    private static func followUp(_ schedule: Schedule, sessions: [PairKey: [(start: LocalDateTime, mode: AttendanceMode?)]],
                                 rows: [PairKey: Row]) -> [FollowUp] {
        var result: [FollowUp] = []
        for (parent, stint) in schedule.currentMemberships {
            let key = PairKey(parent: parent, group: stint.group)
            guard let group = schedule.group(stint.group), let list = sessions[key] else { continue }
            var missed = 0
            for session in list.sorted(by: { $0.start > $1.start }) {
                if session.mode != nil { break }
                missed += 1
            }
            if missed >= 2 {
                result.append(FollowUp(parent: parent, mentor: group.mentor, missedInARow: missed, lastAttended: rows[key]?.lastAttended))
            }
        }
        return result.sorted { $0.parent < $1.parent }
    }
}
