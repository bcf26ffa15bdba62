import EnlaceCore
import EnlaceFeeds
import Foundation
import GRDB

/// What a publication changes in the feed history: events to write and events to forget.
public struct FeedHistoryChanges: Sendable {
    public var upserts: [(owner: FeedOwner, event: StoredFeedEvent)] = []
    public var deletions: [(owner: FeedOwner, uid: String)] = []

    public init() {}

    public var isEmpty: Bool { upserts.isEmpty && deletions.isEmpty }
}

extension Store {
    /// Every stored feed token, by owner.
    public func feedTokens() throws -> [FeedOwner: String] {
        try read { db in
            var tokens: [FeedOwner: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, owner_id, token FROM feed_tokens") {
                guard let kind = FeedKind(rawValue: row[0]) else { continue }
                tokens[FeedOwner(kind: kind, id: row[1])] = row[2]
            }
            return tokens
        }
    }

    /// The tokens of `owners`, drawing and storing one for each owner that has none yet.
    ///
    /// Tokens are never re-drawn: a family subscribes once and keeps its link for good (until
    /// `revokeFeedToken`). A person who leaves the program keeps their row, so that coming back
    /// brings the old subscription back to life.
    public func ensureFeedTokens(for owners: [FeedOwner], createdAt: String,
                                 using generator: inout some RandomNumberGenerator) throws -> [FeedOwner: String] {
        var tokens = try feedTokens()
        let missing = owners.filter { tokens[$0] == nil }
        guard !missing.isEmpty else { return tokens }
        var drawn: [(FeedOwner, String)] = []
        var used = Set(tokens.values)
        for owner in missing {
            var token = FeedToken.generate(using: &generator)
            while !used.insert(token).inserted { token = FeedToken.generate(using: &generator) }
            drawn.append((owner, token))
        }
        try write("the new feed tokens were not stored") { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO feed_tokens (kind, owner_id, token, created_at) VALUES (?, ?, ?, ?)")
            for (owner, token) in drawn {
                try insert.execute(arguments: [owner.kind.rawValue, owner.id, token, createdAt])
            }
        }
        for (owner, token) in drawn { tokens[owner] = token }
        return tokens
    }

    /// Replaces the token of `owner` with a fresh one; returns the old token (nil if the owner had
    /// none) and the new one. The caller removes the old file at once.
    public func revokeFeedToken(_ owner: FeedOwner, at date: String,
                                using generator: inout some RandomNumberGenerator) throws -> (old: String?, new: String) {
        let used = Set(try feedTokens().values)
        var token = FeedToken.generate(using: &generator)
        while used.contains(token) { token = FeedToken.generate(using: &generator) }
        let old = try read { db in
            try String.fetchOne(db, sql: "SELECT token FROM feed_tokens WHERE kind = ? AND owner_id = ?",
                                arguments: [owner.kind.rawValue, owner.id])
        }
        try write("the new token was not stored; the old one still works") { db in
            try db.execute(sql: """
                INSERT INTO feed_tokens (kind, owner_id, token, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(kind, owner_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at
                """, arguments: [owner.kind.rawValue, owner.id, token, date])
        }
        return (old, token)
    }

    /// Every feed's published events, by owner.
    ///
    /// Each distinct set of texts is decoded once and shared by every event that shows it.
    ///
    /// - Throws: `StoreError` when a stored content cannot be decoded or a history row refers to
    ///   a content that is not there (a damaged database).
    public func feedHistory() throws -> [FeedOwner: [StoredFeedEvent]] {
        try read { db in
            let templates = try FeedContents.templates(db)
            var history: [FeedOwner: [StoredFeedEvent]] = [:]
            // Rows come in key order, so each feed's rows are consecutive: one dictionary insert per feed.
            var owner: FeedOwner?
            var events: [StoredFeedEvent] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT kind, owner_id, uid, start_minute, end_minute, sequence, last_modified, status, content_id
                FROM feed_events ORDER BY kind, owner_id, uid
                """)
            while let row = try rows.next() {
                guard let kind = FeedKind(rawValue: row[0]), let status = EventStatus(rawValue: row[7]) else { continue }
                let id: String = row[1]
                if owner?.kind != kind || owner?.id != id {
                    if let owner { history[owner] = events }
                    owner = FeedOwner(kind: kind, id: id)
                    events = []
                }
                let contentID: Int64 = row[8]
                guard let template = templates[contentID] else {
                    throw StoreError(description: "the feed history of \(kind.rawValue) \(id) refers to a missing content (\(contentID)): the database is damaged")
                }
                events.append(StoredFeedEvent(content: template.with(uid: row[2], start: row[3], end: row[4]),
                                              sequence: row[5], lastModified: row[6], status: status))
            }
            if let owner { history[owner] = events }
            return history
        }
    }

    /// Applies a publication's changes to the feed history in one transaction; contents that no
    /// event shows any more are deleted.
    public func saveFeedHistory(_ changes: FeedHistoryChanges) throws {
        guard !changes.isEmpty else { return }
        try write("the feed history was not stored; the next run will publish the same changes again") { db in
            // A first publication replaces nothing, so it has nothing to clean up.
            let hadContents = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM feed_contents)") ?? false
            // The record of the last publication describes the history it was stored with.
            try Store.invalidateFeedPublication(db)
            var contents = FeedContents.Writer(db)
            let upsert = try RowStatement(db, sql: """
                INSERT INTO feed_events (kind, owner_id, uid, start_minute, end_minute, sequence, last_modified, status, content_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(kind, owner_id, uid) DO UPDATE SET start_minute = excluded.start_minute,
                    end_minute = excluded.end_minute, sequence = excluded.sequence, last_modified = excluded.last_modified,
                    status = excluded.status, content_id = excluded.content_id
                """)
            for (owner, event) in changes.upserts {
                let contentID = try contents.id(of: event.content)
                try upsert.execute { row in
                    try row.bind(owner.kind.rawValue, at: 1)
                    try row.bind(owner.id, at: 2)
                    try row.bind(event.uid, at: 3)
                    try row.bind(event.content.start, at: 4)
                    try row.bind(event.content.end, at: 5)
                    try row.bind(event.sequence, at: 6)
                    try row.bind(event.lastModified, at: 7)
                    try row.bind(event.status.rawValue, at: 8)
                    try row.bind(contentID, at: 9)
                }
            }
            let delete = try db.cachedStatement(sql: "DELETE FROM feed_events WHERE kind = ? AND owner_id = ? AND uid = ?")
            for (owner, uid) in changes.deletions {
                try delete.execute(arguments: [owner.kind.rawValue, owner.id, uid])
            }
            if hadContents { try FeedContents.deleteUnreferenced(db) }
        }
    }

    private func write(_ failure: String, _ body: (Database) throws -> Void) throws {
        do { try pool.write(body) } catch { throw StoreError(description: "\(failure): \(error)") }
    }
}
