import ArgumentParser
import EnlaceWorkflows
import Foundation

extension Enlace {
    /// `enlace forget parent ID`: removes one family from the database, the feeds and the outputs.
    struct Forget: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a family from everything Enlace holds (database, feed, outputs).",
            discussion: """
                Deletes the parent's row, their place in every stored run, their feed link and feed \
                history and their attendance, then compacts the database so the deleted bytes are gone; removes their feed \
                file, writes out/schedule.json, out/assignments.csv and out/changes.csv again from the \
                stored run without them, and drops their rows from out/feeds.csv, out/participation.csv, \
                out/follow-up.csv and out/attendance-unmatched.csv (the schedule is not recomputed). data/parents.csv is the coordinator's file and is left \
                alone: remove the family there too, or the next import brings them back.
                """)

        /// Whom to forget.
        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case parent
        }

        @Argument(help: "What to forget: parent.")
        var kind: Kind
        @Argument(help: "The parent's id (data/parents.csv).")
        var id: String
        @OptionGroup var options: ProgramOptions

        func run() throws {
            let forgotten = try runWorkflow { () throws(WorkflowError) in
                try PrivacyWorkflow.forget(parent: id, in: ProgramWorkspace(folder: options.folder))
            }
            let database = forgotten.database
            print("Forgot parent \(id).")
            print("Database: " + [database.parentRow ? "their row (name, contacts, preferences, custom columns)" : nil,
                                  "their place in \(database.runs) stored runs",
                                  database.feedToken != nil ? "their feed link" : nil,
                                  "\(database.feedEvents) feed events", "\(database.attendance) attendance records"]
                .compactMap { $0 }.joined(separator: ", ")
                  + "; the database was compacted.")
            print("Files: " + (forgotten.files.isEmpty ? "none held them." : forgotten.files.joined(separator: ", ") + "."))
            print("Mentor feeds list the first names of a group's parents: they drop this family's at the next `enlace match` and `enlace feeds`.")
            if !forgotten.attendanceRows.isEmpty {
                let rows = forgotten.attendanceRows
                printToStderr("warning: data/attendance/ still holds \(rows.count) rows of \(id) (\(rows.prefix(5).joined(separator: "; "))\(rows.count > 5 ? "; …" : "")): remove them, or the next import reads them again.")
            }
            if forgotten.stillInRoster {
                printToStderr("warning: \(id) is still in data/parents.csv (the coordinator's file, which Enlace does not edit): remove the row there, or the next import brings the family back.")
            }
        }
    }
}
