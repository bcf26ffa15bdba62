import EnlaceCore
import GRDB

/// What an import stores of spec section 11: the attendance records and recording links that
/// data/attendance/*.csv and data/recordings.csv give, resolved against the run.
public struct ParticipationImport: Sendable, Equatable {
    /// At most one record per parent, group and session.
    public var attendance: [AttendanceRecord]
    /// Every recording link of data/recordings.csv.
    public var recordings: [Recording]

    /// What an import stores: these records and links, replacing the stored ones.
    public init(attendance: [AttendanceRecord], recordings: [Recording]) {
        self.attendance = attendance
        self.recordings = recordings
    }
}

extension Store {
    /// Every stored attendance record, sorted by parent, group and session.
    public func attendance() throws -> [AttendanceRecord] {
        try read { db in try AttendanceRows.all(db) }
    }

    /// Every stored recording link, sorted by kind, target and date.
    public func recordings() throws -> [Recording] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT kind, target_id, date, url FROM recordings ORDER BY kind, target_id, date").compactMap { row in
                guard let date = LocalDate(iso: row[2] as String) else { return nil }
                let id: String = row[1]
                return Recording(target: (row[0] as String) == "site" ? .site(SiteID(id)) : .group(id), date: date, url: row[3])
            }
        }
    }
}

/// How attendance and recordings map to the rows of migration `v8-participation`.
enum AttendanceRows {
    static func all(_ db: Database) throws -> [AttendanceRecord] {
        var records: [AttendanceRecord] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT parent_id, group_id, session_minute, mode FROM attendance ORDER BY parent_id, group_id, session_minute")
        while let row = try rows.next() {
            let mode: String = row[3]
            guard let parsed = AttendanceMode(rawValue: mode) else {
                throw StoreError(description: "an attendance row has the unknown mode \"\(mode)\"; the database was changed by hand")
            }
            records.append(AttendanceRecord(parent: ParentID(row[0] as String), group: row[1], session: LocalDateTime(minutes: row[2]), mode: parsed))
        }
        return records
    }

    /// Makes the stored attendance exactly `records`: rows are added, changed (a better mode) or
    /// removed by key, so that storing the same records again changes nothing.
    static func sync(_ records: [AttendanceRecord], _ db: Database) throws -> ImportSummary.Counts {
        var counts = ImportSummary.Counts(total: records.count)
        var existing: [AttendanceKey: String] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT parent_id, group_id, session_minute, mode FROM attendance")
        while let row = try rows.next() {
            existing[AttendanceKey(parent: ParentID(row[0] as String), group: row[1], session: LocalDateTime(minutes: row[2]))] = row[3]
        }
        let insert = try RowStatement(db, sql: "INSERT INTO attendance (parent_id, group_id, session_minute, mode) VALUES (?1, ?2, ?3, ?4)")
        let update = try RowStatement(db, sql: "UPDATE attendance SET mode = ?4 WHERE parent_id = ?1 AND group_id = ?2 AND session_minute = ?3")
        for record in records {
            let old = existing.removeValue(forKey: record.key)
            guard old != record.mode.rawValue else { continue }
            try (old == nil ? insert : update).execute { binder in
                try binder.bind(record.parent.rawValue, at: 1)
                try binder.bind(record.group, at: 2)
                try binder.bind(record.session.minutes, at: 3)
                try binder.bind(record.mode.rawValue, at: 4)
            }
            if old == nil { counts.added += 1 } else { counts.updated += 1 }
        }
        let delete = try RowStatement(db, sql: "DELETE FROM attendance WHERE parent_id = ?1 AND group_id = ?2 AND session_minute = ?3")
        for key in existing.keys {
            try delete.execute { binder in
                try binder.bind(key.parent.rawValue, at: 1)
                try binder.bind(key.group, at: 2)
                try binder.bind(key.session.minutes, at: 3)
            }
            counts.removed += 1
        }
        return counts
    }

    /// Makes the stored recording links exactly `recordings`, by target and date.
    static func syncRecordings(_ recordings: [Recording], _ db: Database) throws -> ImportSummary.Counts {
        struct Key: Hashable { let kind: String, target: String, date: String }
        func key(_ recording: Recording) -> Key {
            switch recording.target {
            case .group(let id): Key(kind: "group", target: id, date: recording.date.description)
            case .site(let id): Key(kind: "site", target: id.rawValue, date: recording.date.description)
            }
        }
        var counts = ImportSummary.Counts(total: recordings.count)
        var existing: [Key: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT kind, target_id, date, url FROM recordings") {
            existing[Key(kind: row[0], target: row[1], date: row[2])] = row[3]
        }
        for recording in recordings {
            let key = key(recording)
            let old = existing.removeValue(forKey: key)
            guard old != recording.url else { continue }
            try db.execute(sql: """
                INSERT INTO recordings (kind, target_id, date, url) VALUES (?, ?, ?, ?)
                ON CONFLICT(kind, target_id, date) DO UPDATE SET url = excluded.url
                """, arguments: [key.kind, key.target, key.date, recording.url])
            if old == nil { counts.added += 1 } else { counts.updated += 1 }
        }
        for key in existing.keys {
            try db.execute(sql: "DELETE FROM recordings WHERE kind = ? AND target_id = ? AND date = ?", arguments: [key.kind, key.target, key.date])
            counts.removed += 1
        }
        return counts
    }
}

extension Store {
    /// Every parent id the database still holds anything about: the roster, the stored runs'
    /// members and unmatched families, and the attendance.
    public func knownParentIDs() throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT id FROM parents UNION SELECT parent_id FROM run_memberships
                UNION SELECT parent_id FROM run_unmatched UNION SELECT parent_id FROM attendance
                """))
        }
    }
}
