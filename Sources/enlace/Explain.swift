import ArgumentParser
import EnlaceWorkflows
import Foundation

extension Enlace {
    /// `enlace explain parent|mentor ID`: why the latest run put someone where it did.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain the latest match for one parent or mentor: fitting groups, score terms, what changed, what would change it.",
            discussion: "Reads the stored program and runs; changes nothing.")

        enum Kind: String, ExpressibleByArgument, CaseIterable { case parent, mentor }

        @Argument(help: "parent or mentor")
        var kind: Kind

        @Argument(help: "The parent's or mentor's id.")
        var id: String

        @OptionGroup var options: ProgramOptions

        func run() throws {
            let workspace = ProgramWorkspace(folder: options.folder)
            let lines = try runWorkflow { () throws(WorkflowError) in
                switch kind {
                case .parent: try ExplainWorkflow.parent(id, in: workspace)
                case .mentor: try ExplainWorkflow.mentor(id, in: workspace)
                }
            }
            for line in lines { print(line) }
        }
    }
}
