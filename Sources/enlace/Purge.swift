import ArgumentParser
import EnlaceCore
import EnlaceWorkflows
import Foundation

extension Enlace {
    /// `enlace purge --before DATE`: the end-of-term purge of run history and feed history.
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "End-of-term purge: delete old runs and the feed history of past sessions.",
            discussion: """
                Deletes the runs created before DATE (with every family's assignment in them) and the \
                feed events of sessions that ended before DATE, then compacts the database so the \
                deleted bytes are gone. The imported program (data/*.csv) is not touched.
                """)

        @OptionGroup var options: ProgramOptions
        @Option(help: "The first day to keep (YYYY-MM-DD).")
        var before: String

        func validate() throws {
            guard LocalDate(iso: before) != nil else { throw ValidationError("--before must be a date such as 2027-07-01.") }
        }

        func run() throws {
            let summary = try runWorkflow { () throws(WorkflowError) in
                try PrivacyWorkflow.purge(before: LocalDate(iso: before)!, in: ProgramWorkspace(folder: options.folder))
            }
            print("Purged \(summary.runs) runs created before \(before) and \(summary.feedEvents) feed events of sessions that ended before it.")
            print("Database compacted: \(summary.bytesBefore / 1024) KB → \(summary.bytesAfter / 1024) KB.")
        }
    }
}
