import EnlaceCore
import EnlaceFeeds
import Foundation
import GRDB
import Testing
@testable import EnlaceStore

/// The feed history in the database: each distinct set of event texts stored once, read back
/// byte for byte, cleaned up when no event shows it any more, and migrated from the v3 layout.
@Suite struct FeedHistoryStoreTests {
    static let day = LocalDate(year: 2026, month: 10, day: 6)!

    /// A session of group `group` on day `offset` after `day`, with the texts of `language`.
    static func event(_ group: String, _ offset: Int, language: String, tag: String = "p", sequence: Int = 0,
                      status: EventStatus = .confirmed) -> StoredFeedEvent {
        let start = LocalDateTime(date: LocalDate(dayNumber: day.dayNumber + offset), minuteOfDay: 18 * 60)
        let end = LocalDateTime(minutes: start.minutes + 60)
        let content = EventContent(uid: "\(group)-\(offset)-\(tag)@enlace", start: start, end: end,
                                   summary: "Meeting (\(language))", description: "Group \(group) in \(language)\nBring your questions.",
                                   location: language == "virtual" ? nil : "Lincoln Elementary, 100 Main St",
                                   meetingURL: language == "virtual" ? "https://meet.example.org/\(group)" : nil,
                                   meetingLabel: language == "virtual" ? "Join" : nil)
        return StoredFeedEvent(content: content, sequence: sequence, lastModified: 1_785_585_600, status: status)
    }

    static func parent(_ id: String) -> FeedOwner { FeedOwner(kind: .parent, id: id) }

    /// Three parents of group G1 (two read Spanish, one Vietnamese) and a mentor: four distinct texts.
    static let published: [FeedOwner: [StoredFeedEvent]] = [
        parent("P1"): [event("G1", 0, language: "es"), event("G1", 28, language: "es")],
        parent("P2"): [event("G1", 0, language: "es"), event("G1", 28, language: "es")],
        parent("P3"): [event("G1", 0, language: "vi"), event("G1", 28, language: "vi")],
        FeedOwner(kind: .mentor, id: "M1"): [event("G1", 0, language: "mentor", tag: "m"), event("G2", 7, language: "virtual", tag: "m")],
    ]

    static func changes(_ history: [FeedOwner: [StoredFeedEvent]]) -> FeedHistoryChanges {
        var changes = FeedHistoryChanges()
        for (owner, events) in history.sorted(by: { $0.key < $1.key }) {
            changes.upserts += events.map { (owner, $0) }
        }
        return changes
    }

    static func contents(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT content FROM feed_contents ORDER BY content") }
    }

    static func count(_ path: String, _ sql: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: sql) ?? 0 }
    }

    /// Whether both histories hold the same events, every text byte for byte.
    static func same(_ a: [FeedOwner: [StoredFeedEvent]], _ b: [FeedOwner: [StoredFeedEvent]]) -> Bool {
        func sorted(_ events: [StoredFeedEvent]) -> [StoredFeedEvent] { events.sorted { $0.uid < $1.uid } }
        return a.count == b.count && a.allSatisfy { owner, events in
            guard let other = b[owner], events.count == other.count else { return false }
            return zip(sorted(events), sorted(other)).allSatisfy { x, y in
                x.content.hasSameBytes(as: y.content) && x.sequence == y.sequence && x.lastModified == y.lastModified && x.status == y.status
            }
        }
    }

    @Test func historyReadsBackAndEachDistinctTextIsStoredOnce() throws {
        let path = StoreImportTests.temporaryDatabase()
        let store = try Store(path: path)
        try store.saveFeedHistory(Self.changes(Self.published))
        #expect(Self.same(try store.feedHistory(), Self.published))
        let contents = try Self.contents(path)
        #expect(contents.count == 4, "es, vi, the mentor's in-person and virtual texts: \(contents)")
        #expect(try Self.count(path, "SELECT COUNT(*) FROM feed_events") == 8)
        #expect(contents.allSatisfy { !$0.contains("@enlace") }, "UIDs are columns, not content")

        try store.saveFeedHistory(Self.changes(Self.published))
        #expect(try Self.contents(path) == contents, "saving the same events again adds nothing")
    }

    @Test func textsThatDifferOnlyInUnicodeNormalizationAreKeptApart() throws {
        let path = StoreImportTests.temporaryDatabase()
        let store = try Store(path: path)
        var composed = Self.event("G1", 0, language: "es"), decomposed = Self.event("G1", 0, language: "es")
        composed.content.summary = "Reuni\u{F3}n"
        decomposed.content.summary = "Reunio\u{301}n"
        #expect(composed.content.summary == decomposed.content.summary, "Swift's String == treats them as equal")
        var changes = FeedHistoryChanges()
        changes.upserts = [(Self.parent("P1"), composed), (Self.parent("P2"), decomposed)]
        try store.saveFeedHistory(changes)
        #expect(try Self.contents(path).count == 2)
        let history = try store.feedHistory()
        #expect(history[Self.parent("P1")]?.first?.content.summary.utf8.elementsEqual(composed.content.summary.utf8) == true)
        #expect(history[Self.parent("P2")]?.first?.content.summary.utf8.elementsEqual(decomposed.content.summary.utf8) == true)
    }

    @Test func contentsNoEventShowsAnyMoreAreDeleted() throws {
        let path = StoreImportTests.temporaryDatabase()
        let store = try Store(path: path)
        try store.saveFeedHistory(Self.changes(Self.published))
        // P3 changes to Spanish texts (the Vietnamese ones are no longer shown) and the mentor's
        // virtual session is dropped from the history.
        var changes = FeedHistoryChanges()
        changes.upserts = [(Self.parent("P3"), Self.event("G1", 0, language: "es", sequence: 1)),
                           (Self.parent("P3"), Self.event("G1", 28, language: "es", sequence: 1))]
        changes.deletions = [(FeedOwner(kind: .mentor, id: "M1"), "G2-7-m@enlace")]
        try store.saveFeedHistory(changes)
        let contents = try Self.contents(path)
        #expect(contents.count == 2 && !contents.contains { $0.contains("(vi)") || $0.contains("meet.example.org") }, "\(contents)")
        let history = try store.feedHistory()
        #expect(history[Self.parent("P3")]?.map(\.sequence) == [1, 1])
        #expect(history[FeedOwner(kind: .mentor, id: "M1")]?.count == 1)
    }

    @Test func forgettingAParentDeletesTheTextsOnlyTheirFeedShowed() throws {
        let path = StoreImportTests.temporaryDatabase()
        let store = try Store(path: path)
        try store.saveFeedHistory(Self.changes(Self.published))
        let forgotten = try #require(try store.forgetParent("P3"))
        #expect(forgotten.feedEvents == 2)
        let contents = try Self.contents(path)
        #expect(contents.count == 3 && !contents.contains { $0.contains("(vi)") }, "\(contents)")
        var others = Self.published
        others[Self.parent("P3")] = nil
        #expect(Self.same(try store.feedHistory(), others), "the other feeds keep every event and text")

        #expect(try store.forgetParent("P1")?.feedEvents == 2)
        #expect(try Self.contents(path).count == 3, "P2 still shows the Spanish texts")
    }

    @Test func purgeDeletesPastEventsAndTheTextsOnlyTheyShowed() throws {
        let path = StoreImportTests.temporaryDatabase()
        let store = try Store(path: path)
        try store.saveFeedHistory(Self.changes(Self.published))
        // Every session on or before day + 7 has ended by day + 8: the mentor's two sessions and
        // the parents' first ones.
        let summary = try store.purge(before: LocalDate(dayNumber: Self.day.dayNumber + 8))
        #expect(summary.feedEvents == 5)
        let contents = try Self.contents(path)
        #expect(contents.count == 2 && contents.allSatisfy { $0.contains("(es)") || $0.contains("(vi)") }, "\(contents)")
        let history = try store.feedHistory()
        #expect(history.count == 3 && history.values.allSatisfy { $0.count == 1 && $0[0].content.start > Self.day.dayNumber * 1440 + 7 * 1440 })
    }

    // MARK: - Migration from v3 (one JSON content per history row)

    /// A database as the v3 schema left it, holding `history` the way v3 stored it.
    static func v3Database(_ history: [FeedOwner: [StoredFeedEvent]], damaged: Bool = false) throws -> String {
        let path = StoreImportTests.temporaryDatabase()
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v3-feeds")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try queue.write { db in
            for (owner, events) in history {
                for event in events {
                    let json = String(decoding: try encoder.encode(event.content), as: UTF8.self)
                    try db.execute(sql: """
                        INSERT INTO feed_events (kind, owner_id, uid, sequence, last_modified, status, content_hash, content)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [owner.kind.rawValue, owner.id, event.uid, event.sequence, event.lastModified,
                                         event.status.rawValue, "0123456789abcdef", damaged && owner.id == "P2" ? "{\"uid\":" : json])
                }
            }
        }
        return path
    }

    @Test func aV3DatabaseMigratesWithEveryEventAndEachTextOnce() throws {
        var history = Self.published
        history[Self.parent("P2")] = [Self.event("G1", 0, language: "es", sequence: 2, status: .cancelled),
                                      Self.event("G1", 28, language: "es")]
        let path = try Self.v3Database(history)
        let store = try Store(path: path)
        #expect(Self.same(try store.feedHistory(), history))
        #expect(try Self.contents(path).count == 4)
        #expect(try Self.count(path, "SELECT COUNT(*) FROM pragma_table_info('feed_events') WHERE name IN ('content', 'content_hash')") == 0)
        #expect(try Self.count(path, "SELECT COUNT(*) FROM feed_events WHERE status = 'CANCELLED' AND sequence = 2") == 1)

        // Texts saved after the migration find the migrated rows.
        try store.saveFeedHistory(Self.changes(Self.published))
        #expect(try Self.contents(path).count == 4)
    }

    @Test func aDamagedV3HistoryIsRefusedAndTheDatabaseStaysAsItWas() throws {
        let path = try Self.v3Database(Self.published, damaged: true)
        #expect(throws: StoreError.self) { try Store(path: path) }
        do {
            _ = try Store(path: path)
        } catch {
            #expect("\(error)".contains("the feed history of parent P2, event G1-"), "\(error)")
        }
        #expect(try Self.count(path, "SELECT COUNT(*) FROM feed_events") == 8)
        #expect(try Self.count(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'feed_contents'") == 0)
        #expect(try Self.count(path, "SELECT COUNT(*) FROM grdb_migrations WHERE identifier = 'v4-feed-contents'") == 0)
    }
}
