import EnlaceCore
import GRDB

/// One parent's place in a stored run.
public struct StoredAssignment: Sendable, Equatable {
    public let parent: ParentID
    public let mentor: MentorID?
    public let group: String?

    public init(parent: ParentID, mentor: MentorID?, group: String?) {
        self.parent = parent
        self.mentor = mentor
        self.group = group
    }
}

/// A run as recorded in the database.
public struct RunRecord: Sendable {
    public var createdAt: String
    public var fingerprint: String
    public var settingsTOML: String
    /// The solver's effort (`SolverOptions.Effort`'s raw value): with the settings and the
    /// inputs, what determines the schedule.
    public var effort: String
    public var score: Int
    public var bound: Int
    public var matched: Int
    public var groups: Int
    public var scheduleJSON: String
    public var assignments: [StoredAssignment]

    public init(createdAt: String, fingerprint: String, settingsTOML: String, effort: String = "standard", score: Int, bound: Int,
                matched: Int, groups: Int, scheduleJSON: String, assignments: [StoredAssignment]) {
        self.createdAt = createdAt
        self.fingerprint = fingerprint
        self.settingsTOML = settingsTOML
        self.effort = effort
        self.score = score
        self.bound = bound
        self.matched = matched
        self.groups = groups
        self.scheduleJSON = scheduleJSON
        self.assignments = assignments
    }
}

extension Store {
    /// The assignments of the latest run, by parent (empty before the first run).
    public func latestAssignments() throws -> [ParentID: StoredAssignment] {
        try assignments(runsBack: 0)
    }

    /// The assignments of the run `runsBack` runs before the latest (0: the latest), by parent;
    /// empty when there is no such run.
    public func assignments(runsBack: Int) throws -> [ParentID: StoredAssignment] {
        try read { db in
            guard let run = try Int.fetchOne(db, sql: "SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?", arguments: [runsBack]) else { return [:] }
            let rows = try Row.fetchAll(db, sql: "SELECT parent_id, mentor_id, group_id FROM run_assignments WHERE run_id = ?", arguments: [run])
            return Dictionary(uniqueKeysWithValues: rows.map { row in
                let parent = ParentID(row[0] as String)
                return (parent, StoredAssignment(parent: parent, mentor: (row[1] as String?).map(MentorID.init), group: row[2]))
            })
        }
    }

    /// The number of stored runs.
    public func runCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM runs") ?? 0 }
    }

    /// The effort of the latest run, if any.
    public func latestRunEffort() throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT effort FROM runs ORDER BY id DESC LIMIT 1") }
    }

    /// The latest run's `schedule.json`, if any.
    public func latestSchedule() throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT schedule_json FROM runs ORDER BY id DESC LIMIT 1") }
    }

    /// Records a run and its assignments in one transaction; returns the run's number.
    @discardableResult
    public func saveRun(_ run: RunRecord) throws -> Int {
        do {
            return try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO runs (created_at, fingerprint, settings_toml, effort, score, bound, parents, matched, groups, schedule_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run.createdAt, run.fingerprint, run.settingsTOML, run.effort, run.score, run.bound,
                                     run.assignments.count, run.matched, run.groups, run.scheduleJSON])
                let id = Int(db.lastInsertedRowID)
                let insert = try db.cachedStatement(sql: "INSERT INTO run_assignments (run_id, parent_id, mentor_id, group_id) VALUES (?, ?, ?, ?)")
                for assignment in run.assignments {
                    try insert.execute(arguments: [id, assignment.parent.rawValue, assignment.mentor?.rawValue, assignment.group])
                }
                return id
            }
        } catch {
            throw StoreError(description: "the run was not stored: \(error)")
        }
    }
}
