import EnlaceCore
import EnlaceStore
import Foundation
import Testing

/// Attendance and recordings in the database (spec section 11): stored with the import, the same
/// records twice change nothing, and forget, export and purge cover them.
@Suite struct AttendanceStoreTests {
    static func at(_ date: String, _ hour: Int) -> LocalDateTime { LocalDateTime(date: LocalDate(iso: date)!, minuteOfDay: hour * 60) }

    static let records = [
        AttendanceRecord(parent: "p1", group: "g1", session: at("2026-09-08", 18), mode: .inPerson),
        AttendanceRecord(parent: "p1", group: "g1", session: at("2026-10-06", 18), mode: .recording),
        AttendanceRecord(parent: "p2", group: "g1", session: at("2026-09-08", 18), mode: .virtual),
    ]
    static let recording = Recording(target: .group("g1"), date: LocalDate(iso: "2026-10-06")!, url: "https://video.example.org/1")

    static func store() throws -> Store {
        let store = try Store(path: StoreImportTests.temporaryDatabase())
        let loaded = StoreImportTests.program(parents: [StoreImportTests.parent("p1"), StoreImportTests.parent("p2")])
        _ = try store.importProgram(loaded, participation: ParticipationImport(attendance: records, recordings: [recording]), importedAt: "t1")
        return store
    }

    @Test func theSameRecordsImportedAgainChangeNothing() throws {
        let store = try Self.store()
        #expect(try store.attendance() == Self.records)
        #expect(try store.recordings() == [Self.recording])
        let loaded = StoreImportTests.program(parents: [StoreImportTests.parent("p1"), StoreImportTests.parent("p2")])
        let again = try store.importProgram(loaded, participation: ParticipationImport(attendance: Self.records, recordings: [Self.recording]),
                                            importedAt: "t2")
        #expect(!again.changedAnything)
        #expect(again.attendance == ImportSummary.Counts(total: 3) && again.recordings == ImportSummary.Counts(total: 1))
    }

    @Test func anImportMakesTheStoredAttendanceExactlyTheFiles() throws {
        let store = try Self.store()
        var changed = Self.records
        changed[1].mode = .virtual
        changed.removeLast()
        changed.append(AttendanceRecord(parent: "p2", group: "g1", session: Self.at("2026-10-06", 18), mode: .inPerson))
        let loaded = StoreImportTests.program(parents: [StoreImportTests.parent("p1"), StoreImportTests.parent("p2")])
        let summary = try store.importProgram(loaded, participation: ParticipationImport(attendance: changed, recordings: []), importedAt: "t2")
        #expect(summary.attendance == ImportSummary.Counts(added: 1, updated: 1, removed: 1, total: 3))
        #expect(summary.recordings == ImportSummary.Counts(removed: 1, total: 0))
        #expect(try store.attendance() == changed.sorted { $0.key < $1.key })
        #expect(summary.description.contains("3 attendance records (1 added, 1 updated, 1 removed)"))
        let untouched = try store.importProgram(loaded, importedAt: "t3")
        #expect(try store.attendance().count == 3 && untouched.attendance == ImportSummary.Counts())
    }

    @Test func forgetRemovesTheFamilysAttendance() throws {
        let store = try Self.store()
        let forgotten = try #require(try store.forgetParent("p1"))
        #expect(forgotten.attendance == 2)
        #expect(try store.attendance().map(\.parent) == ["p2"])
    }

    @Test func exportListsTheSessionsTheFamilyAttended() throws {
        let store = try Self.store()
        let record = try #require(try store.parentRecord("p1"))
        #expect(record.attendance.map(\.session) == ["2026-09-08T18:00", "2026-10-06T18:00"])
        #expect(record.attendance.map(\.mode) == ["in_person", "recording"] && record.attendance[0].group == "g1")
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        #expect(json.contains("\"attendance\""))
    }

    @Test func purgeRemovesTheAttendanceOfSessionsBeforeTheDate() throws {
        let store = try Self.store()
        let summary = try store.purge(before: LocalDate(iso: "2026-10-01")!)
        #expect(summary.attendance == 2)
        #expect(try store.attendance() == [Self.records[1]])
    }
}
