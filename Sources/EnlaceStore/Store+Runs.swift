import EnlaceCore
import GRDB

/// A run as recorded in the database: what was matched, from which inputs, and its schedule.
public struct RunRecord: Sendable, Equatable {
    /// The run's number (0 until stored).
    public var id: Int
    /// When the run was made, ISO 8601 UTC.
    public var createdAt: String
    /// Fingerprint of the input files the run was made from.
    public var fingerprint: String
    public var settingsTOML: String
    /// The solver's effort (`SolverOptions.Effort`'s raw value): with the settings and the
    /// inputs, what determines the schedule.
    public var effort: String
    public var schedule: Schedule

    public init(id: Int = 0, createdAt: String, fingerprint: String, settingsTOML: String, effort: String = "standard",
                schedule: Schedule) {
        self.id = id
        self.createdAt = createdAt
        self.fingerprint = fingerprint
        self.settingsTOML = settingsTOML
        self.effort = effort
        self.schedule = schedule
    }
}

extension Store {
    /// The latest run, or nil before the first `enlace match`.
    public func latestRun() throws -> RunRecord? {
        try run(runsBack: 0)
    }

    /// The run `runsBack` runs before the latest (0: the latest), or nil when there is none.
    public func run(runsBack: Int) throws -> RunRecord? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT id, created_at, fingerprint, settings_toml, effort, program_name, timezone, now_minute, score, bound,
                       curriculum_value, required_missing
                FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?
                """, arguments: [runsBack]) else { return nil }
            return try RunRows.read(row, db)
        }
    }

    /// The number of stored runs.
    public func runCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0 }
    }

    /// Records a run in one transaction; returns its number.
    ///
    /// - Throws: `StoreError` when the schedule breaks an invariant the rows enforce (two groups
    ///   with one id, a parent in two groups at once, a stint in an unknown group); nothing is stored.
    @discardableResult
    public func saveRun(_ run: RunRecord) throws -> Int {
        do {
            return try pool.write { db in try RunRows.insert(run, db) }
        } catch {
            throw StoreError(description: "the run was not stored: \(error)")
        }
    }
}

/// How a run's schedule maps to the rows of `runs`, `run_terms`, `run_groups`, `run_sessions`,
/// `run_memberships` and `run_unmatched` (migration `v6-typed-runs`), the curriculum's summary
/// (`v9-topics`) and the unmatched parents' causes (`v10-unmatched-cause`).
enum RunRows {
    static func insert(_ run: RunRecord, _ db: Database) throws -> Int {
        let schedule = run.schedule
        let matched = Set(schedule.memberships.lazy.filter { $0.until == nil }.map(\.parent)).count
        let parents = matched + schedule.unmatched.count
        try db.execute(sql: """
            INSERT INTO runs (created_at, fingerprint, settings_toml, effort, program_name, timezone, now_minute,
                              score, bound, parents, matched, groups, curriculum_value, required_missing)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [run.createdAt, run.fingerprint, run.settingsTOML, run.effort, schedule.programName,
                             schedule.timezone, schedule.now.minutes, schedule.score.total, schedule.score.bound,
                             parents, matched, schedule.groups.count, schedule.curriculum.value,
                             Coding.topics(schedule.curriculum.requiredMissing)])
        let id = Int(db.lastInsertedRowID)
        let term = try db.cachedStatement(sql: "INSERT INTO run_terms (run_id, position, key, value) VALUES (?, ?, ?, ?)")
        for (position, item) in schedule.score.terms.enumerated() {
            try term.execute(arguments: [id, position, item.key, item.value])
        }
        let group = try db.cachedStatement(sql: """
            INSERT INTO run_groups (run_id, group_id, mentor_id, kind, mode, site_id, weekday, start_minute, minutes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let session = try db.cachedStatement(sql: """
            INSERT INTO run_sessions (run_id, group_id, start_minute, end_minute, topic_id) VALUES (?, ?, ?, ?, ?)
            """)
        for g in schedule.groups {
            try group.execute(arguments: [id, g.id, g.mentor.rawValue, g.kind.rawValue, g.mode.rawValue, g.site?.rawValue,
                                          g.weekday?.code, g.startMinute, g.minutes])
            for s in g.sessions {
                try session.execute(arguments: [id, g.id, s.start.minutes, s.end.minutes, s.topic?.rawValue])
            }
        }
        let stint = try db.cachedStatement(sql: """
            INSERT INTO run_memberships (run_id, parent_id, group_id, from_minute, until_minute) VALUES (?, ?, ?, ?, ?)
            """)
        for m in schedule.memberships {
            try stint.execute(arguments: [id, m.parent.rawValue, m.group, m.from.minutes, m.until?.minutes])
        }
        let unmatched = try db.cachedStatement(sql: "INSERT INTO run_unmatched (run_id, parent_id, reasons, cause) VALUES (?, ?, ?, ?)")
        for u in schedule.unmatched {
            try unmatched.execute(arguments: [id, u.parent.rawValue, Coding.jsonArray(u.reasons), u.cause])
        }
        let change = try db.cachedStatement(sql: """
            INSERT INTO run_changes (run_id, parent_id, before_group, after_group, reason) VALUES (?, ?, ?, ?, ?)
            """)
        for c in schedule.changes {
            try change.execute(arguments: [id, c.parent.rawValue, c.before, c.after, c.reason.rawValue])
        }
        return id
    }

    /// The run of `row` (the `runs` columns `Store.run(runsBack:)` selects) with its schedule.
    static func read(_ row: Row, _ db: Database) throws -> RunRecord {
        let id: Int = row[0]
        let terms = try Row.fetchAll(db, sql: "SELECT key, value FROM run_terms WHERE run_id = ? ORDER BY position", arguments: [id])
            .map { ScoreTerm(key: $0[0], value: $0[1]) }
        var sessions: [GroupID: [ScheduledSession]] = [:]
        for s in try Row.fetchAll(db, sql: "SELECT group_id, start_minute, end_minute, topic_id FROM run_sessions WHERE run_id = ?",
                                  arguments: [id]) {
            sessions[s[0], default: []].append(ScheduledSession(start: LocalDateTime(minutes: s[1]), end: LocalDateTime(minutes: s[2]),
                                                                topic: (s[3] as String?).map(TopicID.init)))
        }
        let groups = try Row.fetchAll(db, sql: """
            SELECT group_id, mentor_id, kind, mode, site_id, weekday, start_minute, minutes FROM run_groups WHERE run_id = ?
            """, arguments: [id]).map { g in
            try group(g, sessions: sessions[g[0]] ?? [])
        }
        let memberships = try Row.fetchAll(db, sql: """
            SELECT parent_id, group_id, from_minute, until_minute FROM run_memberships WHERE run_id = ?
            """, arguments: [id]).map {
            Membership(parent: ParentID($0[0]), group: $0[1], from: LocalDateTime(minutes: $0[2]),
                       until: ($0[3] as Int?).map(LocalDateTime.init(minutes:)))
        }
        let unmatched = try Row.fetchAll(db, sql: "SELECT parent_id, reasons, cause FROM run_unmatched WHERE run_id = ?", arguments: [id])
            .map { UnmatchedParent(parent: ParentID($0[0]), reasons: Coding.stringArray($0[1]), cause: $0[2]) }
        let changes = try Row.fetchAll(db, sql: "SELECT parent_id, before_group, after_group, reason FROM run_changes WHERE run_id = ?",
                                       arguments: [id]).compactMap { row -> FamilyChange? in
            FamilyChange.Reason(rawValue: row[3]).map { FamilyChange(parent: ParentID(row[0]), before: row[1], after: row[2], reason: $0) }
        }
        let schedule = Schedule(programName: row[5], timezone: row[6], now: LocalDateTime(minutes: row[7]),
                                score: ScheduleScore(total: row[8], bound: row[9], terms: terms),
                                groups: groups, memberships: memberships, unmatched: unmatched, changes: changes,
                                curriculum: CurriculumSummary(value: row[10], requiredMissing: Coding.topicList(row[11])))
        return RunRecord(id: id, createdAt: row[1], fingerprint: row[2], settingsTOML: row[3], effort: row[4], schedule: schedule)
    }

    private static func group(_ row: Row, sessions: [ScheduledSession]) throws -> ScheduledGroup {
        let id: String = row[0]
        guard let kind = ScheduledGroup.Kind(rawValue: row[2]), let mode = MeetingMode(rawValue: row[3]) else {
            throw StoreError(description: "run group \(id) has an unknown kind or mode; the database was changed by hand")
        }
        let weekday = (row[5] as String?).flatMap { Weekday(code: $0) }
        return ScheduledGroup(id: id, mentor: MentorID(row[1]), kind: kind, mode: mode, site: (row[4] as String?).map(SiteID.init),
                              weekday: weekday, startMinute: row[6], minutes: row[7], sessions: sessions)
    }
}
