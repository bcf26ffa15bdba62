import ArgumentParser
import EnlaceWorkflows
import Foundation

extension Enlace {
    /// `enlace letters`: the letters home, text messages and join pages of the latest match.
    struct Letters: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a letter home for every family, their text messages and their join pages.",
            discussion: """
                Writes out/letters/SITE.html (one printable page per family of the site, in the family's \
                language, with a QR code of their calendar link; prints on Letter and A4), out/messages.csv \
                (parent_id,language,text: a text message of at most 300 characters with the family's link, \
                for SMS or WhatsApp) and calendars/join/TOKEN.html (the letter as a phone page, served by \
                `enlace serve` at /join/TOKEN). Run `enlace feeds` first: letters use the published links. \
                The letters and out/messages.csv hold families' names: they are readable by you only.
                """)

        @OptionGroup var options: ProgramOptions
        @OptionGroup var clock: NowOption

        @Option(help: "Write the letters of this site only (its id in data/sites.csv); text messages and join pages are written for every family.")
        var site: String?

        @Flag(help: "Print the summary as JSON.")
        var json = false

        func run() throws {
            let now = try clock.date()
            let summary = try runWorkflow { () throws(WorkflowError) in
                try LettersWorkflow.run(ProgramWorkspace(folder: options.folder), now: now, site: site, log: .cli)
            }
            guard json else {
                print(summary.summary)
                return
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        }
    }
}
