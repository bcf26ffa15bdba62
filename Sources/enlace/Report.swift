import ArgumentParser
import EnlaceWorkflows
import Foundation

extension Enlace {
    /// `enlace report`: writes out/report.html, the coordinator's report of the latest match.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write out/report.html: how the program is doing, for principals, the board and parent committees.",
            discussion: """
                One self-contained page (charts in SVG, nothing fetched from the network) that opens offline and \
                prints on Letter or A4, in the language of report_language (en or es): the headline figures, \
                families by language and school, the waiting families grouped by what would help, mentors' load, \
                the term's calendar, the curriculum and participation. Reads the stored program and the latest \
                match; families appear as counts, and only the waiting families by id. The same data and --now \
                give the same file.
                """)

        @OptionGroup var options: ProgramOptions
        @OptionGroup var clock: NowOption

        @Flag(help: "Print a one-object JSON summary on stdout (report, language, bytes, families, matched, waiting, groups, …).")
        var json = false

        func run() throws {
            let now = try clock.date()
            let result = try runWorkflow { () throws(WorkflowError) in
                try ReportWorkflow.run(ProgramWorkspace(folder: options.folder), now: now)
            }
            if json {
                print(result.json)
                return
            }
            let headline = result.figures.headline
            print("Wrote \(result.file.path) (\(result.language.rawValue), \(result.bytes / 1024 + 1) KB): "
                  + "\(headline.matched) of \(headline.families) families with a group, \(headline.waiting) waiting in \(result.figures.waiting.count) groups by need.")
        }
    }
}
