import EnlaceFeeds
import GRDB
import GRDBSQLite

/// What the last publication was made from and what it left published, as digests (the
/// `feed_publication` table): when the next publication finds the same inputs and the same files,
/// it would publish exactly what is there, so it need not plan, merge, render or write anything.
///
/// The record is written after the feed history and the staged files of a publication, before
/// its folder replaces the published one; storing history deletes it first. A crash in between
/// leaves a record whose folder digest does not match the folder, or none: the next publication
/// then publishes in full.
public struct FeedPublicationRecord: Sendable, Equatable {
    /// Digest of everything the feeds were made from (program, run, recordings, translations,
    /// tokens, Enlace itself), as the publisher computes it.
    public var inputs: String
    /// Digest of the published folder's listing: every entry's name, mode, size, inode and
    /// modification time.
    public var folder: String
    /// Digest of `out/feeds.csv`'s bytes and mode.
    public var list: String
    /// What the publication reported (counts, warnings), for the publisher to report again.
    public var summary: String

    public init(inputs: String, folder: String, list: String, summary: String) {
        self.inputs = inputs
        self.folder = folder
        self.list = list
        self.summary = summary
    }
}

extension Store {
    /// The record of the last publication, nil when there is none or it was invalidated.
    public func feedPublication() throws -> FeedPublicationRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT inputs, folder, list, summary FROM feed_publication WHERE id = 1").map {
                FeedPublicationRecord(inputs: $0[0], folder: $0[1], list: $0[2], summary: $0[3])
            }
        }
    }

    /// Stores the record of the publication whose history was just stored.
    public func saveFeedPublication(_ record: FeedPublicationRecord) throws {
        do {
            try pool.write { db in
                try db.execute(sql: "INSERT OR REPLACE INTO feed_publication (id, inputs, folder, list, summary) VALUES (1, ?, ?, ?, ?)",
                               arguments: [record.inputs, record.folder, record.list, record.summary])
            }
        } catch {
            throw StoreError(description: "the record of the publication was not stored; the next run publishes in full: \(error)")
        }
    }

    /// The `enlace.toml` text the last import stored, nil before the first import.
    public func storedSettingsText() throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT toml FROM program_settings WHERE id = 1") }
    }

    /// The feed token of `owner`, nil when it has none.
    public func feedToken(of owner: FeedOwner) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT token FROM feed_tokens WHERE kind = ? AND owner_id = ?", arguments: [owner.kind.rawValue, owner.id])
        }
    }

    /// Forgets the record of the last publication (the history changed outside a publication).
    static func invalidateFeedPublication(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM feed_publication")
    }

    /// Passes every row a publication reads from the database besides the feed history, as bytes
    /// in chunks of about 64 KB, to `consume`, from one snapshot: the settings, sites, mentors,
    /// parents, open houses, blackouts, topics and recordings, and the latest run's groups,
    /// sessions and memberships (without the run's number: a re-match that plans the same gives
    /// the same bytes); when `tokens` is set, the feed tokens instead. Each value is typed and
    /// sized, so two different sets of rows never give the same bytes.
    ///
    /// Of the run itself only what shapes feeds is read: not its moment (`now_minute`), which
    /// feeds use only to word why an event is cancelled, and a publication whose history is
    /// stored has no event left to cancel for the same plan; not its score, its input files'
    /// fingerprint or the changes it lists for families.
    ///
    /// - Complexity: one scan of each table (about 0.2 s at 60,000 parents).
    public func feedInputRows(tokens: Bool, _ consume: (UnsafeRawBufferPointer) -> Void) throws {
        let queries = tokens ? ["SELECT kind, owner_id, token FROM feed_tokens ORDER BY kind, owner_id"] : Self.feedInputQueries
        try withoutActuallyEscaping(consume) { consume in
            try read { db in try Self.feedInputRows(queries, db, ByteSink(consume)) }
        }
    }

    private static func feedInputRows(_ queries: [String], _ db: Database, _ sink: ByteSink) throws {
        var sink = sink
        for sql in queries {
            sink.text(sql)
            let statement = try db.makeStatement(sql: sql)
            let handle = statement.sqliteStatement
            // A run's number differs from run to run, whatever it planned.
            let columns = (0..<sqlite3_column_count(handle)).filter { String(cString: sqlite3_column_name(handle, $0)) != "run_id" }
            while true {
                let code = sqlite3_step(handle)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage) }
                sink.byte(0x1E)
                for column in columns { sink.value(handle, column) }
            }
            sqlite3_reset(handle)
        }
        sink.flush()
    }

    /// Whole tables in key order (`SELECT *`: a column added by a later migration changes the
    /// digest, which only costs one full publication).
    private static let feedInputQueries = [
        "SELECT * FROM program_settings",
        "SELECT * FROM sites ORDER BY id",
        "SELECT * FROM mentors ORDER BY id",
        "SELECT * FROM mentor_sites ORDER BY mentor_id, site_id",
        "SELECT * FROM parents ORDER BY id",
        "SELECT * FROM open_houses ORDER BY site_id, start_minute, source_uid",
        "SELECT * FROM blackouts ORDER BY date",
        "SELECT * FROM topics ORDER BY id",
        "SELECT * FROM recordings ORDER BY kind, target_id, date",
        "SELECT settings_toml, effort, program_name, timezone FROM runs WHERE id = (SELECT MAX(id) FROM runs)",
        "SELECT * FROM run_groups WHERE run_id = (SELECT MAX(id) FROM runs) ORDER BY group_id",
        "SELECT * FROM run_sessions WHERE run_id = (SELECT MAX(id) FROM runs) ORDER BY group_id, start_minute",
        "SELECT * FROM run_memberships WHERE run_id = (SELECT MAX(id) FROM runs) ORDER BY parent_id, from_minute",
    ]
}

/// Bytes gathered into chunks before they are handed on (hashing many small values one call
/// each costs more than the reading).
private struct ByteSink {
    private var buffer: [UInt8] = []
    private let consume: (UnsafeRawBufferPointer) -> Void

    init(_ consume: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.consume = consume
        buffer.reserveCapacity(1 << 16)
    }

    mutating func byte(_ value: UInt8) {
        buffer.append(value)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func integer(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    mutating func text(_ value: String) {
        integer(Int64(value.utf8.count))
        buffer.append(contentsOf: value.utf8)
    }

    /// One column of the current row: its type, then its value (text and blobs with their length).
    mutating func value(_ statement: SQLiteStatement, _ column: Int32) {
        let type = sqlite3_column_type(statement, column)
        byte(UInt8(truncatingIfNeeded: type))
        switch type {
        case SQLITE_INTEGER: integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: integer(Int64(bitPattern: sqlite3_column_double(statement, column).bitPattern))
        case SQLITE_NULL: break
        default:
            let pointer = type == SQLITE_BLOB ? sqlite3_column_blob(statement, column) : UnsafeRawPointer(sqlite3_column_text(statement, column))
            let count = Int(sqlite3_column_bytes(statement, column))
            integer(Int64(count))
            if let pointer, count > 0 { buffer.append(contentsOf: UnsafeRawBufferPointer(start: pointer, count: count)) }
        }
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        buffer.withUnsafeBytes { consume($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
