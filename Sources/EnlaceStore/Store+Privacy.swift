import EnlaceCore
import Foundation
import GRDB

/// What `forgetParent` removed from the database.
public struct ForgottenParent: Sendable, Equatable {
    /// Whether the parent's row (name, contacts, preferences) was there.
    public var parentRow: Bool
    /// Stored runs that placed the parent in a group or listed them as unmatched.
    public var runs: Int
    /// The token of the parent's feed (its file is `calendars/feeds/TOKEN.ics`), if one was drawn.
    public var feedToken: String?
    /// Events of the parent's feed history.
    public var feedEvents: Int
    /// The note that the family's files are still to clean (`finishForget(note:)`).
    public var pending = 0
    /// The parent's attendance records (spec section 11).
    public var attendance = 0
}

/// Everything the database holds about one family, for a records request.
public struct ParentRecord: Sendable, Encodable {
    /// One stored run's decision about the family: their stints in groups, or why they had none.
    public struct RunEntry: Sendable, Encodable {
        public struct Stint: Sendable, Encodable {
            public var group: String
            public var mentor: String
            /// Local date-times (`YYYY-MM-DDTHH:MM`) bounding the sessions of the stint.
            public var from: String
            public var until: String?
        }

        public var run: Int
        public var createdAt: String
        public var groups: [Stint]
        public var unmatchedReasons: [String]?
    }

    /// One session the family attended (spec section 11).
    public struct Attended: Sendable, Encodable {
        /// The group whose session it was.
        public var group: String
        /// The session's local start (`YYYY-MM-DDTHH:MM`).
        public var session: String
        /// `in_person`, `virtual` or `recording`.
        public var mode: String
    }

    /// The family's calendar feed, without its secret token (see docs/PRIVACY.md).
    public struct Feed: Sendable, Encodable {
        public var hasLink: Bool
        public var linkCreatedAt: String?
        public var events: Int
        public var cancelledEvents: Int
    }

    public var id: String
    /// Whether the imported roster (data/parents.csv as last imported) still holds the family; when
    /// not, the fields of their row are absent and the rest is what runs and feeds still keep.
    public var inRoster: Bool
    public var name: String?
    public var email: String?
    public var phone: String?
    public var languages: String?
    public var site: String?
    public var modes: String?
    public var availability: String?
    public var openHouse: Bool?
    public var topics: String?
    /// Custom columns of data/parents.csv (e.g. needs_interpreter).
    public var attributes: [String: String]?
    public var runs: [RunEntry]
    /// Every session the family attended, oldest first.
    public var attendance: [Attended]
    public var feed: Feed
}

/// What `purge` deleted.
public struct PurgeSummary: Sendable, Equatable {
    public var runs = 0
    public var feedEvents = 0
    /// Attendance records of sessions before the date.
    public var attendance = 0
    /// Database size in bytes before and after VACUUM.
    public var bytesBefore = 0
    public var bytesAfter = 0
}

extension Store {
    /// Removes one family from the database: their row, their place in every stored run, their feed token and
    /// feed history, with the event texts no other feed shows. Then VACUUMs and truncates the WAL,
    /// so the deleted bytes are gone from the files too (`secure_delete` zeroes them first).
    ///
    /// - Returns: what was removed, or nil when the database knows nothing of `id`.
    /// - Throws: `StoreError`; nothing is removed unless everything is.
    public func forgetParent(_ id: String) throws -> ForgottenParent? {
        let forgotten: ForgottenParent? = try writeOutsideTransaction("the family was not removed (nothing changed)") { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            var result: ForgottenParent?
            try db.inTransaction {
                let found = ForgottenParent(
                    parentRow: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM parents WHERE id = ?", arguments: [id]) ?? 0 > 0,
                    runs: try Int.fetchOne(db, sql: """
                        SELECT COUNT(*) FROM (SELECT run_id FROM run_memberships WHERE parent_id = ?1
                                              UNION SELECT run_id FROM run_unmatched WHERE parent_id = ?1
                                              UNION SELECT run_id FROM run_changes WHERE parent_id = ?1)
                        """, arguments: [id]) ?? 0,
                    feedToken: try String.fetchOne(db, sql: "SELECT token FROM feed_tokens WHERE kind = 'parent' AND owner_id = ?", arguments: [id]),
                    feedEvents: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feed_events WHERE kind = 'parent' AND owner_id = ?", arguments: [id]) ?? 0,
                    attendance: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance WHERE parent_id = ?", arguments: [id]) ?? 0)
                guard found.parentRow || found.runs > 0 || found.feedToken != nil || found.feedEvents > 0 || found.attendance > 0 else {
                    return .rollback
                }
                result = found
                // The files (their feed, their rows in the outputs) are removed after this
                // commits; until that is done, the next command finishes it (`pendingForgets`).
                try db.execute(sql: "INSERT INTO pending_forgets (feed_token) VALUES (?)", arguments: [found.feedToken])
                result?.pending = Int(db.lastInsertedRowID)
                try db.execute(sql: "DELETE FROM parents WHERE id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM run_memberships WHERE parent_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM run_unmatched WHERE parent_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM run_changes WHERE parent_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM feed_tokens WHERE kind = 'parent' AND owner_id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM feed_events WHERE kind = 'parent' AND owner_id = ?", arguments: [id])
                try Store.invalidateFeedPublication(db)
                try db.execute(sql: "DELETE FROM attendance WHERE parent_id = ?", arguments: [id])
                try FeedContents.deleteUnreferenced(db)
                return .commit
            }
            return result
        }
        if forgotten != nil { try compact() }
        return forgotten
    }

    /// Everything stored about one family, or nil for an unknown id.
    /// Everything stored under `id`, in the roster or not (a family removed from data/parents.csv
    /// still has runs, a link and feed history until it is forgotten); nil when nothing is.
    public func parentRecord(_ id: String) throws -> ParentRecord? {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT id, name, email, phone, languages, site_id, modes, availability, open_house, topics, attributes
                FROM parents WHERE id = ?
                """, arguments: [id])
            let runs = try runEntries(parent: id, db)
            let created = try String.fetchOne(db, sql: "SELECT created_at FROM feed_tokens WHERE kind = 'parent' AND owner_id = ?", arguments: [id])
            let events = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feed_events WHERE kind = 'parent' AND owner_id = ?", arguments: [id]) ?? 0
            let cancelled = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM feed_events WHERE kind = 'parent' AND owner_id = ? AND status = 'CANCELLED'",
                                             arguments: [id]) ?? 0
            let attended = try Row.fetchAll(db, sql: "SELECT group_id, session_minute, mode FROM attendance WHERE parent_id = ? ORDER BY session_minute, group_id",
                                            arguments: [id])
                .map { ParentRecord.Attended(group: $0[0], session: LocalDateTime(minutes: $0[1]).description, mode: $0[2]) }
            guard row != nil || !runs.isEmpty || created != nil || events > 0 || !attended.isEmpty else { return nil }
            var record = ParentRecord(id: id, inRoster: row != nil, runs: runs, attendance: attended,
                                      feed: .init(hasLink: created != nil, linkCreatedAt: created, events: events, cancelledEvents: cancelled))
            if let row {
                let attributesText: String = row[10]
                record.name = row[1]
                record.email = row[2]
                record.phone = row[3]
                record.languages = row[4]
                record.site = row[5]
                record.modes = row[6]
                record.availability = row[7]
                record.openHouse = (row[8] as Int) != 0
                record.topics = row[9]
                record.attributes = (try? JSONDecoder().decode([String: String].self, from: Data(attributesText.utf8))) ?? [:]
            }
            return record
        }
    }

    /// End-of-term purge: deletes the runs created before `date` except the latest (with their
    /// groups and members) and the feed events whose sessions ended before `date` (local time),
    /// with the event texts no other event shows, and the attendance of sessions that started
    /// before `date`, then VACUUMs. The caller refuses dates after
    /// today: a purged past event is never published again (a feed never adds the past), so no
    /// SEQUENCE goes back.
    ///
    /// - Parameter date: the first day to keep; runs are compared by their ISO 8601 `created_at`.
    public func purge(before date: LocalDate) throws -> PurgeSummary {
        var summary = PurgeSummary()
        summary.bytesBefore = fileSize
        let day = date.description
        try writeOutsideTransaction("nothing was purged") { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.inTransaction {
                // The latest run is the program's present (held sessions, current groups): it stays.
                try db.execute(sql: "DELETE FROM runs WHERE created_at < ? AND id <> (SELECT MAX(id) FROM runs)", arguments: [day])
                summary.runs = db.changesCount
                try db.execute(sql: "DELETE FROM feed_events WHERE end_minute <= ?",
                               arguments: [LocalDateTime(date: date, minuteOfDay: 0).minutes])
                summary.feedEvents = db.changesCount
                try Store.invalidateFeedPublication(db)
                try db.execute(sql: "DELETE FROM attendance WHERE session_minute < ?",
                               arguments: [LocalDateTime(date: date, minuteOfDay: 0).minutes])
                summary.attendance = db.changesCount
                try FeedContents.deleteUnreferenced(db)
                return .commit
            }
        }
        try compact()
        summary.bytesAfter = fileSize
        return summary
    }

    /// The family's place in every stored run, oldest first.
    private func runEntries(parent id: String, _ db: Database) throws -> [ParentRecord.RunEntry] {
        var entries: [Int: ParentRecord.RunEntry] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, created_at FROM runs ORDER BY id") {
            entries[row[0]] = ParentRecord.RunEntry(run: row[0], createdAt: row[1], groups: [], unmatchedReasons: nil)
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT m.run_id, m.group_id, g.mentor_id, m.from_minute, m.until_minute FROM run_memberships m
            JOIN run_groups g ON g.run_id = m.run_id AND g.group_id = m.group_id
            WHERE m.parent_id = ? ORDER BY m.run_id, m.from_minute
            """, arguments: [id]) {
            entries[row[0]]?.groups.append(.init(group: row[1], mentor: row[2], from: LocalDateTime(minutes: row[3]).description,
                                                 until: (row[4] as Int?).map { LocalDateTime(minutes: $0).description }))
        }
        for row in try Row.fetchAll(db, sql: "SELECT run_id, reasons FROM run_unmatched WHERE parent_id = ?", arguments: [id]) {
            entries[row[0]]?.unmatchedReasons = Coding.stringArray(row[1])
        }
        return entries.values.filter { !$0.groups.isEmpty || $0.unmatchedReasons != nil }.sorted { $0.run < $1.run }
    }

    /// Forgets whose files may still hold the family (a `forget` was killed after its commit): the
    /// note's number and the token of the feed to remove.
    public func pendingForgets() throws -> [(note: Int, feedToken: String?)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, feed_token FROM pending_forgets ORDER BY id").map { ($0[0], $0[1]) }
        }
    }

    /// Marks the files of a forget as cleaned.
    public func finishForget(note: Int) throws {
        try writeOutsideTransaction("the forget was not marked finished") { db in
            try db.execute(sql: "DELETE FROM pending_forgets WHERE id = ?", arguments: [note])
        }
    }

    /// VACUUM, then a checkpoint that empties the WAL: deleted rows leave no bytes behind.
    private func compact() throws {
        try writeOutsideTransaction("the database was not compacted") { db in
            try db.execute(sql: "VACUUM")
            // A reader (`enlace serve`) can keep the WAL from being emptied now; SQLite then
            // recycles it, and removes it when the last connection closes.
            _ = try? db.checkpoint(.truncate)
        }
    }

    private var fileSize: Int {
        (try? FileManager.default.attributesOfItem(atPath: pool.path)[.size] as? Int) ?? 0
    }

    private func writeOutsideTransaction<T>(_ failure: String, _ body: (Database) throws -> T) throws -> T {
        do { return try pool.writeWithoutTransaction(body) } catch { throw StoreError(description: "\(failure): \(error)") }
    }
}
