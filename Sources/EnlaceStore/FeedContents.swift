import EnlaceCore
import EnlaceFeeds
import Foundation
import GRDB

/// The texts of a published event (title, description, place, meeting link) as the store keeps
/// them: one `feed_contents` row per distinct set of texts, referenced by every history row that
/// shows them.
///
/// An event's UID and times are columns of its `feed_events` row, since they differ from session
/// to session; its texts are the same for every session of a group in one language, and for every
/// parent of the group who reads that language. At 60,000 parents, 894,098 history rows show 13,517
/// distinct texts (154,199 distinct contents counting UIDs and times), so each text is written,
/// read and decoded once instead of once per row.
struct StoredTexts: Codable, Sendable {
    var summary: String
    var description: String
    var location: String?
    var meetingURL: String?
    var meetingLabel: String?
    /// Absent for sessions (and in contents stored before events had a kind: then the UID tells).
    var kind: EventKind?
    /// Absent only in contents stored before events kept their own language and organizer.
    var language: String?
    var organizerName: String?
    var organizerEmail: String?
    /// Absent when false.
    var transparent: Bool?
    var group: String?
    var mentor: String?

    init(_ content: EventContent) {
        summary = content.summary
        description = content.description
        location = content.location
        meetingURL = content.meetingURL
        meetingLabel = content.meetingLabel
        kind = content.kind == .session ? nil : content.kind
        language = content.language
        organizerName = content.organizer?.name
        organizerEmail = content.organizer?.email
        transparent = content.transparent ? true : nil
        group = content.group
        mentor = content.mentor?.rawValue
    }

    /// A content with these texts and an empty UID, for `with(uid:start:end:)`: the texts are
    /// used as stored (they were cleaned when first planned), never cleaned again. A content
    /// stored without a kind is a session, or an open house when its UID says so
    /// (`EventKind.legacy(uid:)`, applied by `with`).
    var template: EventContent {
        var content = EventContent(uid: "", start: LocalDateTime(minutes: 0), end: LocalDateTime(minutes: 0),
                                   summary: "", description: "")
        content.summary = summary
        content.description = description
        content.location = location
        content.meetingURL = meetingURL
        content.meetingLabel = meetingLabel
        content.kind = kind ?? .session
        content.language = language
        if let organizerName, let organizerEmail {
            content.organizer = EventOrganizer(name: organizerName, email: organizerEmail)
        }
        content.transparent = transparent ?? false
        content.group = group
        content.mentor = mentor.map(MentorID.init)
        return content
    }
}

extension EventContent {
    /// This content with another UID and times (a template's texts, shared, not copied). An open
    /// house stored before events had a kind is told by its UID.
    func with(uid: String, start: Int, end: Int) -> EventContent {
        var content = self
        content.uid = uid
        content.start = start
        content.end = end
        if content.language == nil && content.kind == .session { content.kind = EventKind.legacy(uid: uid) }
        return content
    }
}

/// The `feed_contents` table: each distinct set of event texts once, as JSON with sorted keys
/// (equal texts give equal JSON, which the table's UNIQUE constraint then keeps to one row).
enum FeedContents {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Finds or stores the row of an event's texts, inside one write transaction.
    struct Writer {
        private let db: Database
        private let encoder = FeedContents.encoder()
        private var ids: [ExactTexts: Int64] = [:]
        /// The texts last looked up: a feed's events alternate between a few sets of texts (its
        /// group's sessions, its site's open houses), and equal texts share storage, so these
        /// are found without hashing.
        private var recent: [(texts: ExactTexts, id: Int64)] = []

        init(_ db: Database) { self.db = db }

        /// The id of `content`'s texts, stored now if no row holds them yet.
        ///
        /// - Complexity: amortized O(1) for texts already seen by this writer; otherwise one
        ///   encoding and one or two statements.
        mutating func id(of content: EventContent) throws -> Int64 {
            let texts = ExactTexts(content)
            if let hit = recent.firstIndex(where: { $0.texts == texts }) { return recent[hit].id }
            let id = try lookUp(texts)
            if recent.count == 4 { recent.removeFirst() }
            recent.append((texts, id))
            return id
        }

        private mutating func lookUp(_ texts: ExactTexts) throws -> Int64 {
            let content = texts.content
            if let id = ids[texts] { return id }
            let json = String(decoding: try encoder.encode(StoredTexts(content)), as: UTF8.self)
            let id: Int64
            if let stored = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM feed_contents WHERE content = ?"),
                                               arguments: [json]) {
                id = stored
            } else {
                try db.cachedStatement(sql: "INSERT INTO feed_contents (content) VALUES (?)").execute(arguments: [json])
                id = db.lastInsertedRowID
            }
            ids[texts] = id
            return id
        }
    }

    /// Every stored content by id, each decoded once, as a template for `EventContent.with`.
    ///
    /// - Throws: when a row is not the JSON `Writer` stores (a damaged database).
    static func templates(_ db: Database) throws -> [Int64: EventContent] {
        let decoder = JSONDecoder()
        var templates: [Int64: EventContent] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, content FROM feed_contents")
        while let row = try rows.next() {
            let text: String = row[1]
            templates[row[0]] = try decoder.decode(StoredTexts.self, from: Data(text.utf8)).template
        }
        return templates
    }

    /// Deletes the contents that no history row shows any more (after events were deleted or
    /// changed), so that nothing of a forgotten or purged event stays behind.
    ///
    /// - Complexity: one scan of `feed_events` (about 0.3 s at 60,000 parents). An index on
    ///   `feed_events(content_id)` would make this a lookup per content, but would cost every first
    ///   publication as much time again as writing the history itself.
    /// - Returns: how many contents were deleted.
    @discardableResult
    static func deleteUnreferenced(_ db: Database) throws -> Int {
        try db.execute(sql: "DELETE FROM feed_contents WHERE id NOT IN (SELECT content_id FROM feed_events)")
        return db.changesCount
    }

    /// Migration `v4-feed-contents`: moves every history row of `v3-feeds` (its content as one JSON
    /// text) to the new `feed_events` (UID and times as columns, texts in `feed_contents`).
    ///
    /// - Throws: when a stored content is not valid JSON for an event (a damaged database), naming
    ///   the row; the migration's transaction then leaves the database as it was.
    static func migrateV3History(_ db: Database) throws {
        let decoder = JSONDecoder()
        var writer = Writer(db)
        var decoded: [ExactText: EventContent] = [:]
        let insert = try db.makeStatement(sql: """
            INSERT INTO feed_events_v4 (kind, owner_id, uid, start_minute, end_minute, sequence, last_modified, status, content_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let rows = try Row.fetchCursor(db, sql: "SELECT kind, owner_id, uid, sequence, last_modified, status, content FROM feed_events")
        while let row = try rows.next() {
            let kind: String = row[0], owner: String = row[1], uid: String = row[2], text: String = row[6]
            let content: EventContent
            if let known = decoded[ExactText(text)] {
                content = known
            } else {
                do {
                    content = try decoder.decode(EventContent.self, from: Data(text.utf8))
                } catch {
                    throw StoreError(description: "the feed history of \(kind) \(owner), event \(uid), cannot be read: \(error)")
                }
                decoded[ExactText(text)] = content
            }
            let sequence: Int = row[3], lastModified: Int64 = row[4], status: String = row[5]
            try insert.execute(arguments: [kind, owner, uid, content.start, content.end, sequence, lastModified, status,
                                           try writer.id(of: content)])
        }
    }
}
