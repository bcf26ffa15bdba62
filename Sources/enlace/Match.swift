import ArgumentParser
import EnlaceSolver
import EnlaceWorkflows
import Foundation

extension Enlace {
    /// `enlace match`: solves the program, plans the curriculum and writes `out/schedule.json`,
    /// `out/assignments.csv`, `out/changes.csv`, `out/curriculum.csv` and `out/topic-demand.csv`.
    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Match parents with mentors and times, give each session a topic; write out/schedule.json and the CSV reports.",
            discussion: """
                Imports the program folder first (so the database always holds what was matched), keeps \
                parents with their previous mentor and group where it pays (the continuity and same_group \
                weights), and stores the run. In a term in progress, sessions that started before now are \
                history: they keep their date, place, topic and parents, and only the sessions from now on are \
                planned again. With data/topics.csv, each group's sessions get the topics its families asked \
                for first and the district requires, where the mentor's training and the topics' dates allow \
                (out/curriculum.csv, out/topic-demand.csv). Exit codes: 0 done, 1 bad input, 2 usage error, 3 no feasible group for anyone.
                """)

        @OptionGroup var options: ProgramOptions
        @OptionGroup var clock: NowOption

        @Flag(help: "Print a one-object JSON summary on stdout (parents, matched, groups, score, bound, gap, seconds).")
        var json = false

        @Option(help: ArgumentHelp("How hard the matcher works: standard, or thorough for a tighter bound and a better schedule in minutes instead of seconds on a district (docs/PERFORMANCE.md).",
                                   valueName: "standard|thorough"))
        var effort: SolverOptions.Effort = .standard

        func run() throws {
            let now = try clock.date()
            let result = try runWorkflow { () throws(WorkflowError) in
                try MatchWorkflow.run(ProgramWorkspace(folder: options.folder), now: now, effort: effort, log: .cli)
            }
            try report(result)
        }

        /// Prints what a match did and exits 3 when nobody fits any group.
        func report(_ result: MatchWorkflow.Result) throws {
            let score = result.schedule.score
            if json {
                print("{\"parents\":\(result.parents),\"matched\":\(result.matched),\"groups\":\(result.groups),"
                      + "\"score\":\(score.total),\"bound\":\(score.bound),\"gap\":\(String(format: "%.6f", score.gap)),"
                      + "\"seconds\":\(String(format: "%.3f", result.seconds))}")
            } else {
                print("Matched \(result.matched) of \(result.parents) parents in \(result.groups) groups.")
                print("Score \(score.total) (bound \(score.bound), gap \(String(format: "%.2f", score.gap * 100))%\(effort == .thorough ? ", thorough" : "")).")
                if !result.blocked.isEmpty {
                    print("Unmatched: " + result.blocked.map { "\($0.count) by \($0.cause)" }.joined(separator: ", ") + ".")
                }
                if let changes = result.changeSummary { print(changes) }
                print("Wrote \(options.folder.appendingPathComponent("out/schedule.json").path), out/assignments.csv, out/changes.csv, "
                      + "out/curriculum.csv and out/topic-demand.csv (\(String(format: "%.2f", result.seconds)) s).")
                if let curriculum = result.curriculumSummary { print(curriculum + ".") }
                // Districts too large to search whole get nothing more from a thorough run.
                if effort == .standard && score.gap >= 0.005 && !result.isTruncated {
                    print("For a tighter bound and perhaps a better schedule (minutes instead of seconds on a large district): "
                          + "enlace match --program \(options.folder.path) --effort thorough")
                }
            }
            if result.noneFits {
                printToStderr("enlace: no parent fits any group; see the reasons in out/schedule.json.")
                throw ExitCode(3)
            }
        }
    }
}

extension SolverOptions.Effort: ExpressibleByArgument {}
extension SolverOptions.DualMethod: ExpressibleByArgument {}
