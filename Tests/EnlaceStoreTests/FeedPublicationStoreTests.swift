import EnlaceCore
import EnlaceFeeds
import Foundation
import GRDB
import Testing
@testable import EnlaceStore

/// The record of the last publication (`feed_publication`) and the rows a publication is made from.
@Suite struct FeedPublicationStoreTests {
    static let record = FeedPublicationRecord(inputs: "i", folder: "f", list: "l", summary: "{}")

    /// All bytes `feedInputRows` passes on.
    static func rows(_ store: Store, tokens: Bool) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try store.feedInputRows(tokens: tokens) { bytes += $0 }
        return bytes
    }

    @Test func theRecordReadsBackAndStoringHistoryDeletesIt() throws {
        let store = try Store(path: StoreImportTests.temporaryDatabase())
        #expect(try store.feedPublication() == nil)
        try store.saveFeedPublication(Self.record)
        #expect(try store.feedPublication() == Self.record)
        try store.saveFeedHistory(FeedHistoryChanges())
        #expect(try store.feedPublication() == Self.record, "no change to the history leaves it")
        try store.saveFeedHistory(FeedHistoryStoreTests.changes(FeedHistoryStoreTests.published))
        #expect(try store.feedPublication() == nil)
    }

    @Test func purgingTheHistoryDeletesTheRecord() throws {
        let store = try Store(path: StoreImportTests.temporaryDatabase())
        try store.saveFeedHistory(FeedHistoryStoreTests.changes(FeedHistoryStoreTests.published))
        try store.saveFeedPublication(Self.record)
        _ = try store.purge(before: LocalDate(year: 2026, month: 10, day: 1)!)
        #expect(try store.feedPublication() == nil)
    }

    @Test func theRowsChangeWithTheTokensAndTheProgram() throws {
        let path = StoreImportTests.temporaryDatabase()
        let store = try Store(path: path)
        let program = try Self.rows(store, tokens: false), tokens = try Self.rows(store, tokens: true)
        #expect(try Self.rows(store, tokens: false) == program && Self.rows(store, tokens: true) == tokens)
        var generator = SystemRandomNumberGenerator()
        _ = try store.ensureFeedTokens(for: [FeedOwner(kind: .parent, id: "P1")], createdAt: "2026-08-01T12:00:00Z", using: &generator)
        #expect(try Self.rows(store, tokens: true) != tokens)
        #expect(try Self.rows(store, tokens: false) == program)
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO blackouts (date) VALUES ('2026-11-26')")
        }
        #expect(try Self.rows(store, tokens: false) != program)
    }
}
