import EnlaceCore
@testable import EnlaceStore
import Foundation
import GRDB
import Testing

/// Runs are stored with the effort that made them; databases from before the effort column
/// migrate with their runs marked standard.
@Suite struct RunStoreTests {
    private static func run(effort: String, score: Int) -> RunRecord {
        RunRecord(createdAt: "2026-11-29T18:00:00Z", fingerprint: "f", settingsTOML: "name = \"T\"", effort: effort,
                  score: score, bound: score + 5, matched: 1, groups: 1, scheduleJSON: "{}",
                  assignments: [StoredAssignment(parent: ParentID("p1"), mentor: MentorID("m1"), group: "g1")])
    }

    @Test func theEffortOfEachRunIsKept() throws {
        let store = try Store(path: StoreImportTests.temporaryDatabase())
        #expect(try store.latestRunEffort() == nil)
        try store.saveRun(Self.run(effort: "thorough", score: 10))
        #expect(try store.latestRunEffort() == "thorough")
        try store.saveRun(Self.run(effort: "standard", score: 11))
        #expect(try store.latestRunEffort() == "standard")
        #expect(throws: StoreError.self) { try store.saveRun(Self.run(effort: "turbo", score: 12)) }
        #expect(try store.runCount() == 2)
    }

    @Test func runsStoredBeforeTheEffortColumnMigrateAsStandard() throws {
        let path = StoreImportTests.temporaryDatabase()
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v4-feed-contents")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (created_at, fingerprint, settings_toml, score, bound, parents, matched, groups, schedule_json)
                VALUES ('2026-10-01T18:00:00Z', 'f', '', 7, 9, 1, 0, 0, '{}')
                """)
        }
        let store = try Store(path: path)
        #expect(try store.latestRunEffort() == "standard")
        #expect(try store.runCount() == 1)
    }
}
