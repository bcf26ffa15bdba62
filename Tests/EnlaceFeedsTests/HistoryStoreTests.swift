import EnlaceCore
import EnlaceFeeds
import EnlaceStore
import Foundation
import Testing

@Suite("The feed history in the database keeps what families read")
struct HistoryStoreTests {
    @Test("language, organizer, kind, TRANSP, group and mentor of every event read back as published, and publishing again changes nothing")
    func roundTrip() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-history-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try Store(path: path)
        var changes = FeedHistoryChanges()
        let published = Families.published.second
        for (feed, events) in published { changes.upserts += events.map { (feed.owner, $0) } }
        try store.saveFeedHistory(changes)
        let stored = try store.feedHistory()
        for (feed, events) in published {
            let back = (stored[feed.owner] ?? []).sorted { $0.uid < $1.uid }
            let expected = events.sorted { $0.uid < $1.uid }
            #expect(back.count == expected.count, "\(feed.owner)")
            for (read, written) in zip(back, expected) {
                #expect(read.content.hasSameBytes(as: written.content) && read == written, "\(feed.owner) \(written.uid)")
            }
        }
        #expect(stored.values.joined().contains { $0.content.kind == .waitingList && $0.status == .cancelled && $0.content.transparent })
        // Publishing the same run again from the stored history: every event as it was.
        let again = Families.publish(Families.after, Families.secondSchedule, history: stored, clock: Families.secondClock)
        for (feed, events) in again {
            #expect(events.sorted { $0.uid < $1.uid } == (stored[feed.owner] ?? []).sorted { $0.uid < $1.uid }, "\(feed.owner)")
        }
    }
}
