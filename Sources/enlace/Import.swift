import ArgumentParser
import EnlaceWorkflows
import Foundation

extension Enlace {
    /// `enlace import`: validates the program folder and loads it into the database.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the program folder and load it into DIR/enlace.sqlite.",
            discussion: """
                Reads enlace.toml, data/*.csv, calendars/open-houses/*.ics and calendars/blackouts.ics. \
                A bad file is refused whole with a message naming the file, line and column, and the \
                database stays exactly as it was. Re-importing the same files changes nothing.
                """)

        @OptionGroup var options: ProgramOptions

        @Flag(help: "Print a JSON summary on stdout instead of text.")
        var json = false

        func run() throws {
            let outcome = try runWorkflow { () throws(WorkflowError) in
                try ImportWorkflow.run(ProgramWorkspace(folder: options.folder), now: Date(), log: .cli)
            }
            if json {
                print(outcome.json)
            } else {
                print("Imported \(outcome.imported)")
                print("Database: \(outcome.checked.workspace.databasePath)")
            }
        }
    }
}
