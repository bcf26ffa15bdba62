import ArgumentParser
import EnlaceCore
import EnlaceIO
import EnlaceReport
import EnlaceSolver
import EnlaceWorkflows
import Foundation

extension EnlaceBench {
    /// `enlace-bench solve`: the matcher's stages with their seconds and scores, on stderr, and one
    /// JSON line on stdout. Reads the program folder and solves it with the program's plugins (its
    /// `[plugins]` settings and libraries, as `enlace match` prepares them), without a database or
    /// outputs (a first run: no continuity). Used to find where the matcher's time goes
    /// (docs/PERFORMANCE.md).
    struct SolveBenchmark: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "solve",
                                                        abstract: "Solve a program folder and report the matcher's stages.")

        @OptionGroup var options: BenchProgram

        @Option(help: "Evaluations of the root relaxation (default: scaled to the model).")
        var iterations: Int?

        @Option(help: "Exact exchange evaluations (default: scaled to the model).")
        var swaps: Int?

        @Option(help: "Rounds of local search (default: scaled to the model).")
        var rounds: Int?

        @Option(help: "Branch-and-bound nodes (default: scaled to the model).")
        var nodes: Int?

        @Option(help: "Evaluations of the relaxation at each branch-and-bound node.")
        var nodeSteps: Int?

        @Option(help: "Neighbourhoods of the neighbourhood search (default: scaled to the model).")
        var neighbourhoods: Int?

        @Option(help: "Subgradient steps per neighbourhood.")
        var neighbourhoodSteps: Int?

        @Option(help: "Search models of up to this many fitting pairs whole, over candidates beyond (default: the matcher's, MatchModel.searchablePairs).")
        var searchablePairs: Int = MatchModel.searchablePairs

        @Option(help: "On districts too large to search whole: subgradient steps of the seat-price bound (default: scaled to the model).")
        var seatPriceSteps: Int?

        @Option(help: "On districts too large to search whole: parents weighing most in each open group added for the last exact assignment (default: scaled to the model).")
        var widening: Int?

        @Flag(help: "Solve the relaxation exactly whatever the model's size.")
        var exact = false

        @Option(help: "standard or thorough, as `enlace match --effort` ; with any budget option, one pass: the effort's budgets so changed.")
        var effort: SolverOptions.Effort = .standard

        @Option(help: "With --dual subgradient: steps without progress before the step size halves.")
        var patience: Int?

        @Option(help: "Evaluations between roundings of the relaxation (0: with the bundle, once when it stops; with subgradient steps, the first step only).")
        var roundEvery: Int?

        @Option(help: "How the relaxation's bound is lowered, at the root and at branch-and-bound nodes: bundle or subgradient (default: bundle, as `enlace match`).")
        var dual: SolverOptions.DualMethod?

        @Flag(help: "Run district plugins without the crash guard, to measure what it costs (Benchmarks/plugin-overhead.sh --crash-guard).")
        var unguardedPlugins = false

        @Option(help: ArgumentHelp("Write every configuration the relaxation generated, at the root and at branch-and-bound nodes (the configuration LP's columns), and the root's bound to this JSON file, for Benchmarks/configuration_lp.py; one pass, as with a budget option.", valueName: "path"))
        var writeColumns: String?

        func validate() throws {
            if writeColumns != nil && dual == .subgradient {
                throw ValidationError("--write-columns needs the bundle method: subgradient steps generate no columns to keep.")
            }
            if let roundEvery, roundEvery < 0 { throw ValidationError("--round-every must be 0 or more.") }
        }

        func run() throws {
            let started = DispatchTime.now().uptimeNanoseconds
            func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
            let loaded: LoadedProgram, rules: RuleSet
            do {
                (loaded, rules) = try CheckedProgram.rulesForFirstRun(options.workspace, crashGuard: !unguardedPlugins)
            } catch {
                throw ValidationError(error.message)
            }
            let read = seconds()
            let model = try MatchModel(program: loaded.program, rules: rules, searchablePairs: searchablePairs)
            let built = seconds()
            // Without budget options, exactly what `enlace match --effort` runs (for thorough, the
            // standard pass and then the thorough one); with any, one pass with those budgets.
            let overridden = iterations != nil || swaps != nil || rounds != nil || nodes != nil || nodeSteps != nil
                || neighbourhoods != nil || neighbourhoodSteps != nil || exact || patience != nil || roundEvery != nil || dual != nil
                || writeColumns != nil || seatPriceSteps != nil || widening != nil
            var solverOptions = SolverOptions.scaled(for: model, effort: effort)
            if let iterations { solverOptions.lagrangianIterations = iterations }
            if let swaps { solverOptions.maxSwapEvaluations = swaps }
            if let rounds { solverOptions.improvementRounds = rounds }
            if let nodes { solverOptions.branchingNodes = nodes }
            if let nodeSteps { solverOptions.stepsPerNode = nodeSteps }
            if let neighbourhoods { solverOptions.neighbourhoods = neighbourhoods }
            if let neighbourhoodSteps { solverOptions.neighbourhoodSteps = neighbourhoodSteps }
            if exact { solverOptions.exactRelaxation = true }
            if let seatPriceSteps { solverOptions.seatPriceSteps = seatPriceSteps }
            if let widening { solverOptions.widening = widening }
            if let patience { solverOptions.stepPatience = patience }
            if let roundEvery { (solverOptions.roundEvery, solverOptions.bundleRoundEvery) = (roundEvery, roundEvery) }
            if let dual { solverOptions.dualMethod = dual }
            solverOptions.trace = { printToStderr($0) }
            let columns = ColumnsReport()
            if writeColumns != nil { solverOptions.columns = { columns.keep($0, bound: $1) } }
            let solution = overridden ? Solver.solve(model, options: solverOptions)
                : Solver.solve(model, effort: effort, trace: { printToStderr($0) })
            let total = seconds()
            if let writeColumns {
                guard let (list, bound) = columns.value else {
                    throw ValidationError("--write-columns: no relaxation ran on this model (its first schedule was proven optimal, or the district is too large to search whole), so there are no columns.")
                }
                try AtomicFile.write(ColumnsReport.json(list, bound: bound), to: URL(fileURLWithPath: writeColumns))
            }
            let pairs = model.pairCount
            let matched = solution.groupOfParent.lazy.filter { $0 != nil }.count
            let coverage = solution.matchedBound.map { ",\"matched_bound\":\($0)" } ?? ""
            print("{\"parents\":\(loaded.program.parents.count),\"pairs\":\(pairs),\"matched\":\(matched)\(coverage),\"score\":\(solution.score),\"bound\":\(solution.bound),"
                  + "\"gap\":\(String(format: "%.5f", solution.gap)),\"read_seconds\":\(String(format: "%.3f", read)),"
                  + "\"model_seconds\":\(String(format: "%.3f", built - read)),\"solve_seconds\":\(String(format: "%.3f", total - built))}")
        }
    }
}

/// The relaxation's columns, handed over by the solver (`SolverOptions.columns`).
private final class ColumnsReport: @unchecked Sendable {
    // Written once, by the solving thread, before `solve` returns; read after it.
    private(set) var value: ([RelaxationColumn], Double)?

    func keep(_ columns: [RelaxationColumn], bound: Double) { value = (columns, bound) }

    /// {"bound": …, "columns": [{"mentor", "groups", "parents", "weight"}, …]}, one column a line.
    static func json(_ columns: [RelaxationColumn], bound: Double) -> String {
        func list(_ values: [Int]) -> String { JSONText.inlineArray(values.map(String.init)) }
        let lines = columns.map {
            "{\"mentor\": \($0.mentor), \"groups\": \(list($0.groups)), \"parents\": \(list($0.parents)), \"weight\": \($0.weight)}"
        }
        return JSONText.object([("bound", String(bound)), ("columns", JSONText.array(lines, level: 1))]) + "\n"
    }
}
