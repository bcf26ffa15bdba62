import EnlaceCore

/// Budgets of the search. They bound work, not time, so results never depend on machine speed.
public struct SolverOptions: Sendable {
    /// Evaluations of the root's Lagrangian relaxation, by the bundle method (which stops sooner
    /// once its model predicts no further decrease) or subgradient steps; either stops once the
    /// bound proves the best score optimal.
    public var lagrangianIterations = 200
    /// Rounds of local search over all open groups.
    public var improvementRounds = 3
    /// Largest number of candidate exchanges evaluated exactly (one min-cost flow each).
    public var maxSwapEvaluations = 400
    /// Nodes of the branch and bound that runs when the bound has not met the score (0: none).
    public var branchingNodes = 0
    /// Evaluations of the relaxation at each branch-and-bound node.
    public var stepsPerNode = 6
    /// Neighbourhoods of the large-neighbourhood search that runs when the bound has not met the
    /// score after the branch and bound (0: none), and the subgradient steps of each.
    public var neighbourhoods = 0
    public var neighbourhoodSteps = 10
    /// Whether the relaxation is solved exactly (nil: for small models only): the transportation
    /// bound by a min-cost flow instead of dual descent, and every rounding assigned exactly
    /// (without the relaxation's parents as seeds) and joined by the Lagrangian greedy's. Better
    /// schedules beyond small models, at several times the cost per rounding. (The mentors'
    /// subproblems are exact either way.)
    public var exactRelaxation: Bool? = nil
    /// With subgradient steps: the steps in a row that do not lower the bound before the step
    /// size halves, and the steps between roundings of the relaxation into schedules.
    public var stepPatience = 8
    public var roundEvery = 8
    /// The evaluations between roundings when the bundle method lowers the bound (it takes fewer
    /// and larger steps than the subgradient method, so it rounds more often); 0: only once, when
    /// the bundle stops (converged or out of evaluations), its master's heaviest configurations.
    public var bundleRoundEvery = 4
    /// How the relaxation's bound is lowered, at the root and at branch-and-bound nodes: the
    /// bundle method or subgradient steps (kept for comparison; the neighbourhood search takes
    /// subgradient steps either way).
    public var dualMethod = DualMethod.bundle
    /// The ways of lowering the relaxation's bound (`dualMethod`).
    public enum DualMethod: String, CaseIterable, Sendable { case subgradient, bundle }
    /// Subgradient steps of the seat-price bound (`SeatPriceBound`) on models too large to search
    /// whole, up to `CoverageBound.exhaustiveScoringPairs` fitting pairs (0: the coverage bound
    /// alone).
    public var seatPriceSteps = 0
    /// On models too large to search whole, up to `CoverageBound.exhaustiveScoringPairs` fitting
    /// pairs: how many of the parents weighing most in each open group may take the seats of
    /// lighter members (`Solver.upgrade`; 0: none).
    public var widening = 0
    /// On models too large to search whole, beyond `CoverageBound.exhaustiveScoringPairs`
    /// fitting pairs: whether the configuration bound is evaluated over the parents' score types
    /// (`MatchModel.scoreTypes`, when the rules give them) and rounded into a schedule.
    public var typedBound = false
    /// Receives one line per stage (what ran, its score or bound, its seconds), for benchmarks.
    /// The clock is read only when this is set, and nothing the solver decides depends on it.
    public var trace: (@Sendable (String) -> Void)? = nil
    /// Receives, once the search ends, every configuration the bundle method generated, at the
    /// root and at branch-and-bound nodes (the columns of the configuration LP; a node's fixings
    /// only narrow which configurations it prices, so each is a column of the whole model), and
    /// the root relaxation's bound: for `Benchmarks/configuration_lp.py`, which tells from them
    /// how far that bound is from the LP's value. Nothing with subgradient steps.
    public var columns: (@Sendable (_ columns: [RelaxationColumn], _ rootBound: Double) -> Void)? = nil

    /// The default budgets (before `scaled(for:)`).
    public init() {}

    /// How much work a run may do: `standard` keeps a district of 4,000 parents within about two
    /// seconds; `thorough` gives up that speed for a tighter bound and a better schedule.
    public enum Effort: String, CaseIterable, Sendable {
        case standard, thorough
    }
}

extension SolverOptions {
    /// Budgets scaled to the model's size: each unit of budget costs work proportional to the
    /// number of fitting parent–group pairs, so the budgets shrink as that number grows past the
    /// size of a large school to keep runs on a district within seconds. Beyond small models the
    /// bundle gets a fixed amount of evaluation work and rounds once, when it stops, and the
    /// local search is left out (each exact assignment there costs too much for what it finds).
    /// Deterministic: the same model gives the same budgets.
    public static func scaled(for model: MatchModel) -> SolverOptions {
        let pairs = max(model.pairCount, 1)
        let factor = min(1.0, Double(Budget.schoolPairs) / Double(pairs))
        var options = SolverOptions()
        if model.isSmall {
            options.lagrangianIterations = max(Budget.fewestEvaluations, Int(Double(options.lagrangianIterations) * factor))
        } else {
            options.lagrangianIterations = max(2, min(options.lagrangianIterations, Budget.evaluationPairs / pairs))
            options.bundleRoundEvery = 0
        }
        options.maxSwapEvaluations = max(4, Int(Double(options.maxSwapEvaluations) * factor))
        if !model.isSmall { options.improvementRounds = 0 }
        options.branchingNodes = pairs <= Budget.branchingPairs ? Budget.standardNodes : 0
        options.neighbourhoods = model.isSmall ? max(4, Int(Double(model.program.mentors.count) * factor)) : 0
        // Both score every pair of the classes they read: beyond the pairs scored one by one,
        // that takes minutes (docs/PERFORMANCE.md, "Large districts").
        let scored = model.isTruncated && model.fitClasses.pairCount <= CoverageBound.exhaustiveScoringPairs
        options.seatPriceSteps = scored ? Budget.seatPriceSteps : 0
        options.widening = scored ? Budget.widening : 0
        options.typedBound = model.isTruncated && !scored && model.scoreTypes != nil
        return options
    }

    /// Budgets scaled to the model's size (`scaled(for:)`), raised for `.thorough` (the second
    /// pass of `Solver.solve(_:effort:)`):
    /// - beyond small models (mid-sized districts), every rounding is assigned exactly (and joined
    ///   by the Lagrangian greedy's), for up to 400 evaluations, rounded every 15 per started
    ///   million pairs or every one per 50,000 pairs (at least 4), whichever is more often, and
    ///   once more at convergence; with subgradient steps, a step size that halves only after 40
    ///   steps without progress, rounded every 25;
    /// - on small models, up to 3,000 evaluations (subgradient steps halve their step only after
    ///   100 steps without progress), then 1,000 nodes of branch and bound wherever the model is
    ///   small (standard: 400, and only up to 3,000 pairs), and one neighbourhood per mentor;
    /// - truncated models (`MatchModel.isTruncated`) are solved as in `.standard`: their
    ///   relaxation would bound the candidates only.
    /// Deterministic: the same model and effort give the same budgets.
    public static func scaled(for model: MatchModel, effort: Effort) -> SolverOptions {
        var options = scaled(for: model)
        guard effort == .thorough, !model.isTruncated else { return options }
        if model.isSmall {
            options.lagrangianIterations = Budget.thoroughSmallEvaluations
            options.stepPatience = 100
            options.roundEvery = 25
            options.branchingNodes = max(options.branchingNodes, Budget.thoroughNodes)
            options.neighbourhoods = max(options.neighbourhoods, model.program.mentors.count)
        } else {
            options.exactRelaxation = true
            options.lagrangianIterations = Budget.thoroughMidEvaluations
            options.stepPatience = 40
            options.roundEvery = 25
            options.bundleRoundEvery = min(Budget.roundingsPerMillionPairs * Int((Double(model.pairCount) / 1_000_000).rounded(.up)),
                                           max(4, model.pairCount / Budget.pairsPerRounding))
        }
        return options
    }

    /// The constants the budgets are tuned with, each set on the benchmark districts
    /// (`Benchmarks/matcher-benchmark.sh`; their figures are in docs/PERFORMANCE.md, "Matcher").
    enum Budget {
        /// The fitting pairs of a large school: budgets are full up to it and shrink in proportion
        /// beyond, so that a run's work grows slowly with the district.
        static let schoolPairs = 12_000
        /// The fewest evaluations a small model's relaxation gets, however many pairs it has: the
        /// bundle needs a few tens to settle.
        static let fewestEvaluations = 20
        /// Beyond small models, the pairs' worth of the bundle's evaluations (an evaluation costs in
        /// proportion to the pairs): where more stopped narrowing the gap at 4,000 parents within
        /// the standard run's two seconds, the rounding being left for the end.
        static let evaluationPairs = 24_000_000
        /// A standard pass branches only up to this many pairs (about a hundred parents, one
        /// school), where nodes are cheap; larger programs report the Lagrangian bound
        /// (`enlace-bench solve --nodes` tries more).
        static let branchingPairs = 3_000
        /// A standard pass's branch-and-bound nodes: enough to prove the benchmark's smallest
        /// districts optimal.
        static let standardNodes = 400
        /// A thorough pass on a small model: evaluations enough for subgradient steps to settle
        /// too (the bundle converges within the standard budget), and more nodes to narrow the gap.
        static let thoroughSmallEvaluations = 3_000
        static let thoroughNodes = 1_000
        /// A thorough pass beyond small models: more evaluations than the bundle needed to
        /// converge on the mid-sized benchmark districts.
        static let thoroughMidEvaluations = 400
        /// Each rounding of a thorough pass costs two exact assignments, whose cost grows with the
        /// pairs, so it rounds at most every this many evaluations per started million pairs
        /// (more often spent most of the relaxation's time rounding at 8,000 parents; less often
        /// found worse schedules) …
        static let roundingsPerMillionPairs = 15
        /// … and, where roundings are cheap, every evaluation per this many pairs (at least
        /// every 4): more roundings found better schedules at 2,000 parents.
        static let pairsPerRounding = 50_000
        /// Subgradient steps of the seat-price bound on districts too large to search whole: its
        /// last prices start the configuration bound, which falls with them (at 60,000 parents
        /// 3,614,893 after 80 steps, 3,605,143 after 120, for 2 s more; docs/PERFORMANCE.md).
        static let seatPriceSteps = 120
        /// Parents weighing most in each open group added to its candidates on those districts.
        static let widening = 24
    }
}

/// One column of the configuration LP: a configuration of a mentor (model indices) — the groups
/// it opens, the parents it seats — and its weight (the objective's terms for them).
public struct RelaxationColumn: Sendable, Equatable {
    /// The mentor (model index).
    public let mentor: Int
    /// The groups it opens (model indices, ascending).
    public let groups: [Int]
    /// The parents it seats (model indices, ascending).
    public let parents: [Int]
    /// Its group weights plus its parents' weights in those groups.
    public let weight: Double
}

extension MatchModel {
    /// The number of fitting parent–group pairs: the size every budget is measured against.
    public var pairCount: Int { fits.reduce(0) { $0 + $1.count } }

    /// The most pairs of a small model: beyond it an exact assignment costs too much to run for
    /// every rounding and exchange (docs/PERFORMANCE.md, "Matcher").
    static let smallModelPairs = 50_000

    /// Models small enough for the exact, single-threaded paths: the exact transportation flow,
    /// subproblems solved one after another, the Lagrangian greedy's roundings and the local
    /// search.
    var isSmall: Bool { pairCount <= MatchModel.smallModelPairs }
}
