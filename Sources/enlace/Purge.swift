import ArgumentParser
import EnlaceCore
import EnlaceWorkflows
import Foundation

extension Enlace {
    /// `enlace purge --before DATE`: the end-of-term purge of run history and feed history.
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End-of-term purge: delete old runs, the feed history and the attendance of past sessions.",
            discussion: """
                Deletes the runs created before DATE but the latest (with every family's place in them), the \
                feed events of sessions that ended before DATE and the attendance of sessions before DATE, then \
                compacts the database so the deleted bytes are gone. DATE may not be after today. The imported \
                program (data/*.csv) is not touched: remove the purged sessions' sign-in sheets and meeting \
                reports from data/attendance/ too, or the next import stores their attendance again.
                """)

        @OptionGroup var options: ProgramOptions
        @OptionGroup var clock: NowOption
        @Option(help: "The first day to keep (YYYY-MM-DD).")
        var before: String

        func validate() throws {
            guard LocalDate(iso: before) != nil else { throw ValidationError("--before must be a date such as 2027-07-01.") }
        }

        func run() throws {
            let workspace = ProgramWorkspace(folder: options.folder)
            let now = try clock.date()
            let summary = try runWorkflow { () throws(WorkflowError) in
                let (program, _) = try workspace.storedProgram(try workspace.existingStore())
                let today = WallClock.local(now, timezone: program.settings.timezone).date
                return try PrivacyWorkflow.purge(before: LocalDate(iso: before)!, today: today, in: workspace)
            }
            print("Purged \(summary.runs) runs created before \(before) and \(summary.feedEvents) feed events of sessions that ended before it.")
            print("Purged \(summary.attendance) attendance records of sessions before \(before).")
            print("Database compacted: \(summary.bytesBefore / 1024) KB → \(summary.bytesAfter / 1024) KB.")
        }
    }
}
