import ArgumentParser
import EnlaceCore
import EnlaceIO
import EnlaceReport
import EnlaceSolver
import EnlaceStore
import Foundation

extension Enlace {
    /// `enlace match`: solves the program and writes `out/schedule.json` and `out/assignments.csv`.
    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Match parents with mentors and times; write out/schedule.json and out/assignments.csv.",
            discussion: """
                Imports the program folder first (so the database always holds what was matched), keeps \
                parents with their previous mentor where it pays (the continuity weight), and stores the \
                run. Exit codes: 0 done, 1 bad input, 2 usage error, 3 no feasible group for anyone.
                """)

        @OptionGroup var options: ProgramOptions

        @Flag(help: "Print a one-object JSON summary on stdout (parents, matched, groups, score, bound, gap, seconds).")
        var json = false

        @Option(help: ArgumentHelp("How hard the matcher works: standard, or thorough for a tighter bound and a better schedule in minutes instead of seconds on a district (docs/PERFORMANCE.md).",
                                   valueName: "standard|thorough"))
        var effort: SolverOptions.Effort = .standard

        func run() throws {
            let started = Date()
            let checked = try checkProgram(from: options.folder)
            // The import is stored while the model is built and solved: they need only the files
            // just read and the previous run, which an import does not change. On a district of
            // 4,000 parents its 0.15 s fit in the stages before the relaxation, which use one core.
            // Nothing is written until it has committed; if it fails, the match fails with its
            // reason and writes nothing, as when it ran first.
            let storing = InBackground { try checked.storeImport() }
            try match(checked, started: started) {
                do { _ = try storing.wait() } catch { throw failWithInputError("\(error)") }
            }
        }

        /// Matches a checked program; `imported` returns once the program is stored (or throws
        /// why it could not be), and is called before anything is written. The demo calls this
        /// too, after its own import, so that it imports once.
        func match(_ checked: CheckedProgram, started: Date, imported: () throws -> Void) throws {
            let solved: (model: MatchModel, solution: Solution, previous: [ParentID: StoredAssignment])
            do {
                solved = try solve(checked)
            } catch {
                try imported()  // the import is waited for whatever happens, and its failure reported
                throw error
            }
            try imported()
            let (model, solution, previous) = solved
            let store = checked.store, program = checked.loaded.program
            let report = ScheduleReport(model: model, solution: solution)
            let schedule: String
            do { schedule = try report.scheduleJSON() } catch { throw failWithInputError(error.description) }
            let assignments = program.parents.enumerated().map { p, parent in
                let group = solution.groupOfParent[p].map { model.groups[$0] }
                return StoredAssignment(parent: parent.id, mentor: group.map { program.mentors[$0.mentor].id }, group: group?.id)
            }
            let matched = assignments.filter { $0.mentor != nil }.count
            // The outputs are staged before the run is stored and put in place after: a crash
            // anywhere leaves the previous run with its outputs or (after the next start) the new
            // run with its outputs, never one run's schedule with another's assignments.
            let outputs = try AtomicFileSet.stage([("schedule.json", Array(schedule.utf8), 0o644),
                                                   ("assignments.csv", Array(report.assignmentsCSV().utf8), 0o644)],
                                                  in: options.folder.appendingPathComponent("out"), tag: "match")
            do {
                try store.saveRun(RunRecord(
                    createdAt: ISO8601DateFormatter().string(from: started), fingerprint: checked.loaded.inputFingerprint,
                    settingsTOML: checked.loaded.settingsText, effort: effort.rawValue, score: solution.score, bound: solution.bound, matched: matched,
                    groups: solution.openGroups.count, scheduleJSON: schedule, assignments: assignments))
            } catch {
                outputs.discard()
                throw error
            }
            try outputs.commit()
            let changes = RunChanges(previous: previous, current: assignments)
            let seconds = Date().timeIntervalSince(started)
            if json {
                print("{\"parents\":\(program.parents.count),\"matched\":\(matched),\"groups\":\(solution.openGroups.count),"
                      + "\"score\":\(solution.score),\"bound\":\(solution.bound),\"gap\":\(String(format: "%.6f", solution.gap)),"
                      + "\"seconds\":\(String(format: "%.3f", seconds))}")
            } else {
                printSummary(report: report, matched: matched, changes: changes, seconds: seconds)
            }
            if matched == 0 && !program.parents.isEmpty {
                printToStderr("enlace: no parent fits any group; see the reasons in out/schedule.json.")
                throw ExitCode(3)
            }
        }

        /// Reads the previous run, prepares the rules and the model, and solves it.
        private func solve(_ checked: CheckedProgram) throws -> (model: MatchModel, solution: Solution, previous: [ParentID: StoredAssignment]) {
            let previous = try checked.store.latestAssignments()
            let program = checked.loaded.program
            let progress = ProgressIndicator("Matching \(program.parents.count) parents with \(program.mentors.count) mentors")
            let rules = try preparedRules(checked.plugins, loaded: checked.loaded,
                                          previous: previous.compactMapValues(\.mentor))
            var model: MatchModel
            do { model = try MatchModel(program: program, rules: rules) } catch { throw failWithInputError(error.description + "\nNothing was written.") }
            if !previous.isEmpty {
                let groupIndex = Dictionary(model.groups.map { ($0.id, Int32($0.index)) }, uniquingKeysWith: { first, _ in first })
                model.previousGroup = program.parents.map { previous[$0.id]?.group.flatMap { groupIndex[$0] } ?? -1 }
            }
            let solution = Solver.solve(model, effort: effort)
            progress.finish()
            return (model, solution, previous)
        }

        private func printSummary(report: ScheduleReport, matched: Int, changes: RunChanges?, seconds: Double) {
            let solution = report.solution, program = report.model.program
            print("Matched \(matched) of \(program.parents.count) parents in \(solution.openGroups.count) groups.")
            print("Score \(solution.score) (bound \(solution.bound), gap \(String(format: "%.2f", solution.gap * 100))%\(effort == .thorough ? ", thorough" : "")).")
            let blocked = report.blockedCounts.filter { $0.count > 0 }
            if !blocked.isEmpty {
                print("Unmatched: " + blocked.map { "\($0.count) by \($0.cause.rawValue)" }.joined(separator: ", ") + ".")
            }
            if let changes {
                print("Since the previous run: \(changes.changedMentor) parents changed mentor, \(changes.changedTime) changed meeting time or place, \(changes.newlyMatched) newly matched, \(changes.lostMatch) no longer matched.")
            }
            print("Wrote \(options.folder.appendingPathComponent("out/schedule.json").path) and out/assignments.csv (\(String(format: "%.2f", seconds)) s).")
            // Districts too large to search whole get nothing more from a thorough run.
            if effort == .standard && solution.gap >= 0.005 && !report.model.isTruncated {
                print("For a tighter bound and perhaps a better schedule (minutes instead of seconds on a large district): "
                      + "enlace match --program \(options.folder.path) --effort thorough")
            }
        }
    }
}

/// How the new run differs from the previous one, parent by parent.
struct RunChanges {
    var changedMentor = 0, changedTime = 0, newlyMatched = 0, lostMatch = 0

    /// Nil before the first run.
    init?(previous: [ParentID: StoredAssignment], current: [StoredAssignment]) {
        guard !previous.isEmpty else { return nil }
        for now in current {
            guard let before = previous[now.parent] else { continue }
            switch (before.mentor, now.mentor) {
            case (nil, .some): newlyMatched += 1
            case (.some, nil): lostMatch += 1
            case (.some(let a), .some(let b)) where a != b: changedMentor += 1
            case (.some, .some) where before.group != now.group: changedTime += 1
            default: break
            }
        }
    }
}

extension SolverOptions.Effort: ExpressibleByArgument {}
extension SolverOptions.DualMethod: ExpressibleByArgument {}
