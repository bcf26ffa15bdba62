import EnlaceCore
import EnlaceDemo
import EnlaceStore
import Foundation
import Testing
@testable import EnlaceWorkflows

/// A generated district lived through to 1 December (spec sections 9 and 11): matched before the
/// term, its attendance of September to November generated from that run, matched again (which
/// imports the attendance), then `enlace participation`.
@Suite(.serialized) struct ParticipationWorkflowTests {
    static let asOf = SampleDistrict.asOf

    /// The district after the run of 1 December, with its attendance files.
    static func district(seed: UInt64 = 2026) throws -> District {
        let district = try District(seed: seed)
        let launch = try MatchWorkflow.run(district.workspace, now: SampleDistrict.launch, effort: .standard, log: .silent)
        let loaded = try CheckedProgram.load(district.workspace)
        for file in SampleDistrict.attendance(schedule: launch.schedule, asOf: asOf, program: loaded, seed: seed) {
            let url = district.workspace.folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        _ = try MatchWorkflow.run(district.workspace, now: asOf, effort: .standard, log: .silent)
        return district
    }

    static func permissions(_ url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    @Test func participationOfATermInProgress() throws {
        let district = try Self.district()
        defer { district.remove() }
        let store = try district.workspace.existingStore()
        let stored = try store.attendance()
        #expect(stored.count > 50, "the match of 1 December imported the attendance")
        let result = try ParticipationWorkflow.run(district.workspace, now: Self.asOf, log: .silent)
        let run = try #require(try store.latestRun())
        #expect(result.participation.rows == Participation(schedule: run.schedule, cut: run.schedule.now, attendance: stored).rows)
        #expect(result.summary.attended == stored.count, "every stored record is a session held for its family")
        #expect(result.summary.inPerson > 0 && result.summary.virtual > 0 && result.summary.recording > 0)
        #expect(!result.participation.followUp.isEmpty && result.summary.unmatchedRows > 0)
        for url in result.files + [district.workspace.outFolder.appendingPathComponent("attendance-unmatched.csv")] {
            #expect(try Self.permissions(url) == 0o600, "\(url.lastPathComponent) holds attendance")
        }
        let text = try String(contentsOf: result.files[0], encoding: .utf8)
        #expect(text == ParticipationCSV.participation(result.participation.rows))
    }

    @Test func importingTheSameFilesAgainChangesNothing() throws {
        let district = try Self.district()
        defer { district.remove() }
        let first = try ParticipationWorkflow.run(district.workspace, now: Self.asOf, log: .silent)
        let bytes = try result(of: first)
        let again = try ParticipationWorkflow.run(district.workspace, now: Self.asOf, log: .silent)
        #expect(!again.imported.changedAnything)
        #expect(again.imported.attendance.total == first.imported.attendance.total && again.imported.recordings.total > 0)
        #expect(try result(of: again) == bytes)
    }

    private func result(of run: ParticipationWorkflow.Result) throws -> [Data] {
        try run.files.map { try Data(contentsOf: $0) }
    }

    @Test func aSignInRowForNoHeldSessionIsListedNotRefused() throws {
        let district = try Self.district()
        defer { district.remove() }
        let store = try district.workspace.existingStore()
        let before = try store.attendance()
        let sheet = district.workspace.folder.appendingPathComponent("data/attendance/sign-in-2026-10.csv")
        var text = try String(contentsOf: sheet, encoding: .utf8)
        let lines = text.split(separator: "\n").count
        let group = try #require(try store.latestRun()?.schedule.groups.first { $0.mode == .inPerson }?.id)
        text += "2026-10-31,\(group),P0001,Ana,in_person\n"
        try text.write(to: sheet, atomically: true, encoding: .utf8)
        _ = try ImportWorkflow.run(district.workspace, now: Self.asOf, log: .silent)
        #expect(try store.attendance() == before, "the row counts for nobody")
        let unmatched = try String(contentsOf: district.workspace.outFolder.appendingPathComponent("attendance-unmatched.csv"), encoding: .utf8)
        #expect(unmatched.contains("data/attendance/sign-in-2026-10.csv,\(lines + 1),P0001"), "\(unmatched)")
        #expect(unmatched.contains("group \(group) has no session on 2026-10-31"))
    }

    @Test func minVirtualMinutesComesFromTheSettings() throws {
        let district = try Self.district()
        defer { district.remove() }
        let before = try ParticipationWorkflow.run(district.workspace, now: Self.asOf, log: .silent)
        #expect(before.summary.virtual > 0)
        let settings = district.workspace.folder.appendingPathComponent("enlace.toml")
        try (try String(contentsOf: settings, encoding: .utf8) + "\n[participation]\nmin_virtual_minutes = 600\n")
            .write(to: settings, atomically: true, encoding: .utf8)
        let after = try ParticipationWorkflow.run(district.workspace, now: Self.asOf, log: .silent)
        #expect(after.imported.attendance.changed > 0)
        #expect(after.summary.virtual < before.summary.virtual, "no report row reaches 600 minutes: only the mentors' sign-ins count")
        #expect(after.summary.unmatchedRows > before.summary.unmatchedRows)
    }

    @Test func theSampleAttendanceIsTheSameForASeedAndLooksReal() throws {
        let district = try District(seed: 7)
        defer { district.remove() }
        let launch = try MatchWorkflow.run(district.workspace, now: SampleDistrict.launch, effort: .standard, log: .silent)
        let loaded = try CheckedProgram.load(district.workspace)
        let files = SampleDistrict.attendance(schedule: launch.schedule, asOf: Self.asOf, program: loaded, seed: 7)
        #expect(files == SampleDistrict.attendance(schedule: launch.schedule, asOf: Self.asOf, program: loaded, seed: 7))
        #expect(files != SampleDistrict.attendance(schedule: launch.schedule, asOf: Self.asOf, program: loaded, seed: 8))
        let reports = files.filter { $0.path.hasPrefix("data/attendance/zoom-") }
        #expect(!reports.isEmpty && files.contains { $0.path == "data/attendance/sign-in-2026-09.csv" })
        #expect(reports.contains { $0.contents.hasPrefix("Meeting ID,Topic,Start Time") })
        #expect(reports.contains { $0.contents.hasPrefix("Name (Original Name),User Email,Join Time,Leave Time") })
        let rows = reports.flatMap { $0.contents.split(separator: "\n").map(String.init) }
        #expect(rows.contains { $0.contains(",,") && !$0.hasPrefix("Name") }, "a guest without an email")
        #expect(rows.contains { $0.contains("m.reyes.office@example.com") }, "an address no family gave")
        let recordings = try #require(files.first { $0.path == "data/recordings.csv" })
        #expect(recordings.contents.split(separator: "\n").count >= 2)
        #expect(files.allSatisfy { !$0.contents.contains("2026-12-0") }, "nothing of a session after 1 December")
    }
}
