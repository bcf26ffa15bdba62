import ArgumentParser
import EnlaceCore
import EnlaceDemo
import EnlaceStore
import EnlaceWorkflows
import Foundation

extension EnlaceBench {
    /// `enlace-bench attendance`: writes the sample generator's attendance (sign-in sheets, one
    /// participant report per month, recordings) of the latest run's sessions before `--as-of`
    /// into the program's `data/attendance/`, for Benchmarks/participation-benchmark.sh.
    struct AttendanceBenchmark: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "attendance",
                                                        abstract: "Write generated attendance files of the latest run's held sessions.")

        @OptionGroup var options: BenchProgram

        @Option(help: "Sessions that start before this moment (RFC 3339) are held.")
        var asOf: String

        @Option(help: "The generator's seed.")
        var seed: UInt64 = 2026

        func run() throws {
            guard let moment = ISO8601DateFormatter().date(from: asOf) else { throw ValidationError("--as-of must be an RFC 3339 time.") }
            let workspace = options.workspace
            let loaded: LoadedProgram
            let run: RunRecord
            do {
                loaded = try CheckedProgram.load(workspace)
                run = try workspace.latestRun(try workspace.existingStore())
            } catch {
                throw ValidationError(error.message)
            }
            var families: [ParentID: SampleAttendance.Family] = [:]
            for parent in loaded.program.parents {
                families[parent.id] = SampleAttendance.Family(name: parent.name, email: loaded.parentContacts[parent.id]?.email)
            }
            let cut = WallClock.local(moment, timezone: loaded.program.settings.timezone)
            let files = SampleAttendance(schedule: run.schedule, heldBefore: cut, families: families, seed: seed)
                .files(openHouses: loaded.program.openHouses, reports: .perMonth)
            var rows = 0
            for file in files {
                let url = workspace.folder.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url, atomically: true, encoding: .utf8)
                rows += file.contents.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } - 1
            }
            print("{\"files\":\(files.count),\"rows\":\(rows)}")
        }
    }
}
