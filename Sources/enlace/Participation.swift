import ArgumentParser
import EnlaceWorkflows
import Foundation

extension Enlace {
    /// `enlace participation`: who came, in person, online or to the recording, and who needs a call.
    struct Participation: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Count who came to the held sessions; write out/participation.csv and out/follow-up.csv.",
            discussion: """
                Imports the program folder first, with data/attendance/*.csv (sign-in sheets: \
                date,group,parent,mode; video-meeting participant reports with User Email, Join Time and \
                Leave Time) and data/recordings.csv. Then writes out/participation.csv (each family's \
                sessions held, attended, and how) and out/follow-up.csv (families who missed their \
                group's last two sessions or more, for the mentors' calls), both readable by their owner \
                only, and prints participation by mode, site and language. Rows that count for nobody \
                (guests, unknown emails, too few minutes) are listed in out/attendance-unmatched.csv.
                """)

        @OptionGroup var options: ProgramOptions
        @OptionGroup var clock: NowOption

        @Flag(help: "Print one JSON object on stdout (now, families, held, attended, modes, sites, languages, follow_up, unmatched_rows).")
        var json = false

        func run() throws {
            let now = try clock.date()
            let result = try runWorkflow { () throws(WorkflowError) in
                try ParticipationWorkflow.run(ProgramWorkspace(folder: options.folder), now: now, log: .cli)
            }
            if json {
                print(result.summary.json)
            } else {
                print(Self.text(result.summary))
            }
        }

        /// The summary as the coordinator reads it.
        static func text(_ summary: ParticipationSummary) -> String {
            func percent(_ tally: ParticipationSummary.Tally) -> String {
                "\(tally.label) \(Int((tally.rate * 100).rounded()))% (\(tally.attended) of \(tally.held))"
            }
            let modes = summary.modePercentages
            var lines = ["Participation as of \(summary.cut): \(summary.attended) of \(summary.held) sessions held for \(summary.families) families were attended"
                + (summary.held == 0 ? "." : " (\(Int((Double(summary.attended) * 100 / Double(summary.held)).rounded()))%).")]
            if summary.attended > 0 {
                lines.append("By mode: in person \(modes[0])%, online \(modes[1])%, recording \(modes[2])%.")
                lines.append("By site: " + summary.bySite.map(percent).joined(separator: "; ") + ".")
                lines.append("By language: " + summary.byLanguage.map(percent).joined(separator: "; ") + ".")
            }
            lines.append("Follow-up: \(summary.followUp) families missed their group's last two sessions or more (out/follow-up.csv).")
            if summary.unmatchedRows > 0 {
                lines.append("\(summary.unmatchedRows) attendance rows count for nobody (guests, unknown emails, too few minutes): out/attendance-unmatched.csv.")
            }
            lines.append("Wrote out/participation.csv and out/follow-up.csv (readable by their owner only).")
            return lines.joined(separator: "\n")
        }
    }
}
