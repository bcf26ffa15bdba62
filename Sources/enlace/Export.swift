import ArgumentParser
import EnlaceIO
import EnlaceWorkflows
import Foundation

extension Enlace {
    /// `enlace export parent ID`: everything Enlace holds about one family, as JSON.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print everything Enlace holds about one family (JSON), for a records request.",
            discussion: """
                The family's row (name, email, phone, languages, site, availability, topics, custom \
                columns), their groups (with the dates of their stints) or the reasons they had none in every stored run, the sessions they \
                attended (and how: in person, online, the recording), and the status of their \
                calendar feed. The feed's secret link is not printed (links never go to stdout); \
                it is in out/feeds.csv. With --output the JSON goes to a file readable by its owner only.
                """)

        /// Whose records to export.
        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case parent
        }

        @Argument(help: "What to export: parent.")
        var kind: Kind
        @Argument(help: "The parent's id (data/parents.csv).")
        var id: String
        @OptionGroup var options: ProgramOptions
        @Option(help: "Write the JSON to this file (mode 0600) instead of stdout.", completion: .file())
        var output: String?

        func run() throws {
            let json = try runWorkflow { () throws(WorkflowError) in
                try PrivacyWorkflow.export(parent: id, in: ProgramWorkspace(folder: options.folder))
            }
            if let output {
                try AtomicFile.write(json, to: URL(fileURLWithPath: output), permissions: 0o600)
                printToStderr("Wrote the records of \(id) to \(output) (readable by its owner only).")
            } else {
                print(json, terminator: "")
            }
        }
    }
}
