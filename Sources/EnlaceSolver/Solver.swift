import Dispatch
import EnlaceCore

// # The matcher
//
// **Problem.** Choose, for every mentor m, at most K of m's candidate groups that pairwise do not
// overlap in time, and assign each parent to at most one open group that the parent fits, with at
// most G parents per group and at most capacity(m) parents per mentor, maximising
//
//     Σ_{parent p in group g} w(p, g)  +  w_group · (number of open groups)
//
// where w(p, g) sums the pair terms of spec section 4 (matched, preferred language, open house,
// shared topics, continuity) and w_group = −20 by default. This is a capacitated facility-location
// problem with side constraints (K, overlaps): NP-hard in general.
//
// **Algorithm.** Six stages, all deterministic:
// 1. *Greedy opening* (lazy greedy). Each candidate group's gain is the weight of the best parents
//    it could still take (up to G and the mentor's remaining capacity) plus w_group. Gains only
//    fall as parents are taken, so a max-heap of stale gains, re-evaluated when popped, finds the
//    best group each step. Ties go to groups whose parents have fewer alternatives.
// 2. *Exact assignment.* With the open groups fixed, the best assignment is a min-cost flow
//    (parent → group → mentor → sink, capacities 1, G, capacity(m)); `AssignmentNetwork` solves it
//    exactly, one shortest augmenting path per parent, moving parents between groups to make room
//    for those with fewer options.
// 3. *Lagrangian relaxation* (`LagrangianRelaxation`). Pricing each parent at λ_p splits the
//    problem into one small problem per mentor (`MentorSubproblem`: the best ≤ K non-overlapping
//    groups and the parents they would seat). The prices start at the dual prices of the
//    transportation bound (`UpperBound`), so the first L(λ) is already at most that bound; a
//    proximal bundle method lowers it (`runBundle`, `BundleMaster`): every configuration a mentor
//    returns is kept as a cut of that mentor's term, and the next prices minimise the cuts' model
//    near the best prices so far. This is column generation seen from the dual; it reaches the
//    configuration LP's value in tens of evaluations where subgradient steps took thousands (or
//    stalled), and it knows when it has (the model predicts no further decrease). An evaluation
//    solves again only the mentors one of whose parents changed
//    price (or whose branch-and-bound fixing changed): the others' answers cannot have moved.
//    Every few evaluations the mentors' configurations are turned into
//    schedules — as they are, mentor by mentor with parents already taken removed
//    ("Lagrangian greedy"), and each mentor's heaviest configuration in the master's fractional
//    solution — each completed by stage 2 and the greedy; the best is the incumbent.
//    Above 50,000 fitting pairs (`isSmall`), where each exact assignment costs a quarter of a
//    second or more, the greedy's schedule is not assigned exactly first, the bundle takes
//    evaluations up to 24 million pairs' worth (31 at 4,000 parents, about a second) and only
//    then rounds, once: each mentor's heaviest configuration in the master, opened with the
//    parents of its cut, completed by the greedy and assigned exactly. The Lagrangian greedy
//    and the local search are left out (docs/PERFORMANCE.md, "Session 9").
// 4. *Local search* (`exchangeWithFlow`). For each mentor, try another candidate in place of
//    each open group (or in a free place), ranked by a cheap estimate, re-assigning everyone by
//    stage 2; keep changes that raise the score. Skipped when stage 3 proved the incumbent optimal.
// 5. *Branch and bound* (`BranchAndBound`, small models only). Best first on "this group has
//    parents / has none" for the group the master opens most fractionally; each node continues
//    its parent's bundle (the cuts its fixing allows) for a few evaluations from its parent's
//    prices and is rounded like stage 3, until the bound meets the score (optimality proven) or
//    the node budget ends (the bound of the best open node is reported): branch and price, with
//    the pricing done by the mentors' subproblems.
// 6. *Neighbourhood search* (`NeighbourhoodSearch`, small models not proven optimal). For a few
//    mentors at a time (one, and the two sharing most parents with it), the others keep the
//    incumbent's groups and the relaxation of what is left proposes groups for the few; its
//    configurations are rounded as in stage 3, everyone re-assigned exactly: rearrangements of
//    several mentors at once, which the one-group exchanges of stage 4 cannot make.
// Every loop is bounded by budgets the caller gives (`SolverOptions`), never by the clock.
//
// **Large districts.** Above `MatchModel.searchablePairs` (3 million) fitting pairs — a district of
// 60,000 parents has about 100 million — the model keeps, per group, a sample of candidates from
// its fit class (every member of a class with enough groups is someone's candidate, the parents
// with fewest alternatives first) and only stages 1 and 2 run, over the candidates. The relaxations
// of stages 3–5 would bound the candidates, not the district, so the bound comes from
// `CoverageBound`: a maximum flow from parents through fit classes to mentors' seats (how many
// parents any schedule can match; the 60,000- and 600,000-parent districts reach it exactly) and,
// for the score, that many parents' best weights.
//
// **Bound.** The reported bound is the smallest of the valid upper bounds met: the best
// Lagrangian value L(λ) (which keeps K, overlaps and group sizes; only evaluated values count,
// never the bundle's model of them), the transportation relaxation
// `UpperBound`, and the branch and bound's. Scores are integers, so a bound less than one above
// the score proves it optimal.
//
// **Effort.** `enlace match --effort thorough` (`Solver.solve(_:effort:)`) runs the standard pass
// and, unless it proved its schedule optimal, a second pass from that schedule with larger budgets
// (`SolverOptions.scaled(for:effort:)`): the relaxation solved exactly until the bundle converges
// on mid-sized districts, many more branch-and-bound nodes and neighbourhoods on small ones.
// Seconds to minutes instead of seconds; never a worse score or bound than the standard pass.
//
// **Guarantees.** The solution satisfies every hard constraint by construction (checked in tests
// and by the independent Python checker); its score is recomputed from scratch; the same model
// and budgets give the same solution. Failure modes: none — an instance where nobody fits
// anything yields an empty solution, which callers report as "no feasible group". Cost grows with
// the number of fitting parent–group pairs searched: all of them up to 3 million, candidates
// beyond (docs/PERFORMANCE.md has the figures).

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
    public enum DualMethod: String, CaseIterable, Sendable { case subgradient, bundle }
    /// Receives one line per stage (what ran, its score or bound, its seconds), for benchmarks.
    /// The clock is read only when this is set, and nothing the solver decides depends on it.
    public var trace: (@Sendable (String) -> Void)? = nil
    /// Receives, once the search ends, every configuration the bundle method generated, at the
    /// root and at branch-and-bound nodes (the columns of the configuration LP; a node's fixings
    /// only narrow which configurations it prices, so each is a column of the whole model), and
    /// the root relaxation's bound: for `Benchmarks/configuration_lp.py`, which tells from them
    /// how far that bound is from the LP's value. Nothing with subgradient steps.
    public var columns: (@Sendable (_ columns: [RelaxationColumn], _ rootBound: Double) -> Void)? = nil

    public init() {}

    /// How much work a run may do: `standard` keeps a district of 4,000 parents within about two
    /// seconds; `thorough` gives up that speed for a tighter bound and a better schedule.
    public enum Effort: String, CaseIterable, Sendable {
        case standard, thorough
    }

    /// Budgets scaled to the model's size (`scaled(for:)`), raised for `.thorough` (the second
    /// pass of `Solver.solve(_:effort:)`):
    /// - beyond small models (mid-sized districts), every rounding is assigned exactly (and joined
    ///   by the Lagrangian greedy's), for up to 400 evaluations (the bundle method converged
    ///   after 78 at 4,000 parents), rounded every 15 per started million pairs or every one per
    ///   50,000 pairs (at least 4), whichever is more often (each rounding costs two exact
    ///   assignments), and once more at convergence; with subgradient steps, a step size that
    ///   halves only after 40 steps without progress, rounded every 25;
    /// - on small models, up to 3,000 evaluations (the bundle method converges within the
    ///   standard 200 on every district measured; subgradient steps did not, and halve their step
    ///   only after 100 steps without progress), then 1,000 nodes of branch and bound wherever
    ///   the model is small (standard: 400, and only up to 3,000 pairs), and one neighbourhood
    ///   per mentor;
    /// - truncated models (`MatchModel.isTruncated`) are solved as in `.standard`: their
    ///   relaxation would bound the candidates only.
    /// Deterministic: the same model and effort give the same budgets (docs/PERFORMANCE.md has the
    /// figures and the times).
    public static func scaled(for model: MatchModel, effort: Effort) -> SolverOptions {
        var options = scaled(for: model)
        guard effort == .thorough, !model.isTruncated else { return options }
        if model.isSmall {
            options.lagrangianIterations = 3_000
            options.stepPatience = 100
            options.roundEvery = 25
            options.branchingNodes = max(options.branchingNodes, 1_000)
            options.neighbourhoods = max(options.neighbourhoods, model.program.mentors.count)
        } else {
            options.exactRelaxation = true
            options.lagrangianIterations = 400
            options.stepPatience = 40
            options.roundEvery = 25
            // Each rounding costs two exact assignments, whose cost grows with the pairs: about
            // 0.65 s at 4,000 parents (0.76 million pairs), 6.5 s at 8,000 (2.9 million), where
            // rounding every 15 evaluations spent 151 of the relaxation's 194 s (and every 45,
            // 67 s for a schedule 8 points lower). Where they are cheap, more often: every 4
            // evaluations at 2,000 parents (0.22 million pairs, 0.13 s a rounding) found 170,030
            // where every 15 found 169,973 (one pass from scratch).
            options.bundleRoundEvery = min(15 * Int((Double(model.pairCount) / 1_000_000).rounded(.up)),
                                           max(4, model.pairCount / 50_000))
        }
        return options
    }

    /// Budgets scaled to the model's size: each unit of budget costs work proportional to the
    /// number of fitting parent–group pairs, so the budgets shrink as that number grows past the
    /// size of a large school (about 12,000 pairs) to keep runs on a district within seconds.
    /// Deterministic: the same model gives the same budgets.
    public static func scaled(for model: MatchModel) -> SolverOptions {
        let pairs = max(model.pairCount, 1)
        let factor = min(1.0, 12_000.0 / Double(pairs))
        var options = SolverOptions()
        if model.isSmall {
            options.lagrangianIterations = max(20, Int(Double(options.lagrangianIterations) * factor))
        } else {
            // Beyond small models, evaluations worth 24 million pairs (an evaluation, with its
            // master, costs about 35 ms per million pairs on two cores) and one rounding when the
            // bundle stops (a rounding at 4,000 parents costs as much as 12 evaluations): on four
            // 4,000-parent districts 30–31 evaluations take the gap from 2.6% to 0.4–0.8% within
            // the two seconds (27–28 left up to 0.92%, 32 gave the same gaps 0.1 s later); at
            // 2,000 parents the bundle converges within its 107.
            options.lagrangianIterations = max(2, min(options.lagrangianIterations, 24_000_000 / pairs))
            options.bundleRoundEvery = 0
        }
        options.maxSwapEvaluations = max(4, Int(Double(options.maxSwapEvaluations) * factor))
        // Beyond small models each exact assignment costs a quarter of a second or more (at 4,000
        // parents), and the local search found no more than 0.03% there: no local search.
        if !model.isSmall { options.improvementRounds = 0 }
        // Branch and bound only where nodes are cheap (about a hundred parents, a single school);
        // larger programs report the Lagrangian bound (`enlace-bench solve --nodes` tries more).
        options.branchingNodes = pairs <= 3_000 ? 400 : 0
        // One neighbourhood per mentor up to a school-sized model, fewer beyond (each costs work
        // in proportion to the pairs): at 250-400 parents they found 0.03-0.2% more.
        options.neighbourhoods = model.isSmall ? max(4, Int(Double(model.program.mentors.count) * factor)) : 0
        return options
    }
}

/// One column of the configuration LP: a configuration of a mentor (model indices) — the groups
/// it opens, the parents it seats — and its weight (the objective's terms for them).
public struct RelaxationColumn: Sendable, Equatable {
    public let mentor: Int
    public let groups: [Int]
    public let parents: [Int]
    public let weight: Double
}

/// Solves a `MatchModel`; see the essay at the top of this file.
public enum Solver {
    /// The best solution found within the budgets, with its upper bound. `start`, a feasible
    /// schedule of this model (an earlier pass's), becomes the first incumbent when it beats the
    /// greedy's: every stage then searches for something better than it.
    public static func solve(_ model: MatchModel, options: SolverOptions? = nil, start: Solution? = nil) -> Solution {
        let options = options ?? SolverOptions.scaled(for: model)
        if model.isTruncated { return solveLarge(model, options: options) }
        var clock = StageClock(trace: options.trace)
        var best = SearchState(model: model)
        best.openGreedily()
        clock.lap("greedy", model.weightedScore(best.groupOfParent))
        // Beyond small models the relaxation's rounding assigns exactly; assigning the greedy's
        // schedule too cost a quarter of the standard run at 4,000 parents, for a schedule the
        // rounding beat by 1.3%.
        if model.isSmall {
            best.reassignExactly()
            clock.lap("exact assignment", model.weightedScore(best.groupOfParent))
        }
        var bestScore = model.weightedScore(best.groupOfParent)
        if let start, model.weightedScore(start.groupOfParent) > bestScore {
            for g in best.openGroups.sorted() { best.close(g) }
            for g in start.openGroups { best.open(g) }
            for (p, g) in start.groupOfParent.enumerated() { if let g { best.assign(p, to: g) } }
            bestScore = model.weightedScore(best.groupOfParent)
            clock.lap("start", bestScore)
        }
        let exact = options.exactRelaxation ?? model.isSmall
        let flowBound = UpperBound.compute(model, target: bestScore, mentorOfParent: best.groupOfParent.map { $0.map { model.groups[$0].mentor } }, exact: exact)
        clock.lap("flow bound \(flowBound.bound)", bestScore)
        var relaxation = LagrangianRelaxation(model: model, prices: flowBound.prices)
        var rounds = 0
        var roundingClock = StageClock(trace: options.trace), roundingNanoseconds: UInt64 = 0
        /// Configurations already rounded without seeds: rounding is deterministic, so the same
        /// configurations again (branch-and-bound children often keep their parent's) give the
        /// same schedule and are skipped.
        var rounded = Set<[[Int]]>()
        /// Turns configurations into a schedule; the best so far is kept. Returns the best score.
        func round(_ configurations: [[Int]], seeds: [[Int32]]? = nil) -> Int {
            let seeds = exact ? nil : seeds
            if seeds == nil {
                guard rounded.insert(configurations).inserted else { return bestScore }
            }
            var trial = SearchState(model: model)
            trial.openConfigurations(configurations, seededWith: seeds)
            let score = model.weightedScore(trial.groupOfParent)
            if score > bestScore {
                best = trial
                bestScore = score
            }
            return bestScore
        }
        // Beyond small models the Lagrangian greedy's schedules were never the best (4,000
        // parents), and each costs an exact assignment: only the relaxation's own are rounded.
        func roundTimed(_ configurations: [[Int]], _ taken: [[Int32]]?) -> Int {
            roundingClock.restart()
            defer { roundingNanoseconds += roundingClock.elapsed() }
            rounds += 1
            return round(configurations, seeds: taken)
        }
        var bundleState = BundleState(mentors: model.program.mentors.count, parents: model.program.parents.count)
        let columnLog = options.columns == nil || options.dualMethod != .bundle ? nil : ColumnLog()
        bundleState.master.log = columnLog
        switch options.dualMethod {
        case .subgradient:
            relaxation.run(iterations: options.lagrangianIterations, target: bestScore, roundEvery: options.roundEvery,
                           patience: options.stepPatience, sequentialRounding: exact, onConfigurations: roundTimed)
        case .bundle:
            relaxation.runBundle(iterations: options.lagrangianIterations, target: bestScore, roundEvery: options.bundleRoundEvery,
                                 sequentialRounding: exact, state: &bundleState, onConfigurations: roundTimed)
        }
        clock.lap("lagrangian (\(relaxation.steps) steps, \(relaxation.subproblemsSolved) mentor subproblems solved, \(rounds) roundings taking \(roundingNanoseconds / 1_000_000) ms; bound \(relaxation.bestBound))", bestScore)
        let bestLagrangian = relaxation.bestBound
        if Double(bestScore) + 1 <= bestLagrangian + 1e-6 && options.improvementRounds > 0 {
            best.improve(rounds: options.improvementRounds, maxEvaluations: options.maxSwapEvaluations)
        }
        bestScore = model.weightedScore(best.groupOfParent)
        clock.lap("local search", bestScore)
        let lagrangianBound = bestLagrangian.isFinite ? Int((bestLagrangian + 1e-6).rounded(.down)) : Int.max
        var bound = min(lagrangianBound, flowBound.bound)
        if bound > bestScore && options.branchingNodes > 0 {
            var search = BranchAndBound(model: model, nodeLimit: options.branchingNodes, stepsPerNode: options.stepsPerNode)
            search.bundle = options.dualMethod == .bundle
            let result = search.run(root: relaxation, rootState: bundleState,
                                    incumbentScore: bestScore, incumbentGroups: best.openGroups) { configurations in
                (round(configurations), best.openGroups)
            }
            bound = min(bound, result.bound)
            clock.lap("branch and bound (\(result.nodes) nodes; bound \(result.bound))", bestScore)
        }
        if let report = options.columns, let columnLog { report(columnLog.columns, bestLagrangian) }
        if bound > bestScore && options.neighbourhoods > 0 {
            let search = NeighbourhoodSearch(model: model, width: 2, steps: options.neighbourhoodSteps)
            let searched = search.run(root: relaxation, count: options.neighbourhoods, incumbent: { best }) { configurations in
                round(configurations)
            }
            clock.lap("neighbourhoods (\(options.neighbourhoods) tried, \(searched) with room)", bestScore)
        }
        let (score, terms) = model.score(groupOfParent: best.groupOfParent)
        return Solution(openGroups: best.openGroups.sorted(), groupOfParent: best.groupOfParent,
                        score: score, terms: terms, bound: bound)
    }
}

extension Solver {
    /// Solves with the budgets of `effort` (what `enlace match --effort` runs). A thorough run
    /// first solves with the standard budgets; when that does not prove the schedule optimal, it
    /// solves again with the thorough ones, starting from the standard schedule, and keeps the
    /// better schedule (the standard one on equal scores) with the smaller of the two bounds, both
    /// valid. So a thorough run is never worse than a standard one, in score or in bound, and
    /// costs nothing more where the standard run proves its schedule optimal. Each pass is
    /// deterministic, so the result is too.
    public static func solve(_ model: MatchModel, effort: SolverOptions.Effort,
                             trace: (@Sendable (String) -> Void)? = nil) -> Solution {
        solve(model, effort: effort, standard: SolverOptions.scaled(for: model), trace: trace)
    }

    /// `solve(_:effort:)` with the first pass's budgets given (tests make it weaker than the
    /// standard's, to leave gaps for the thorough pass to narrow).
    static func solve(_ model: MatchModel, effort: SolverOptions.Effort, standard: SolverOptions,
                      trace: (@Sendable (String) -> Void)?) -> Solution {
        var standard = standard
        standard.trace = trace
        let first = solve(model, options: standard)
        guard effort == .thorough, !model.isTruncated, first.bound > first.score else { return first }
        trace?("thorough pass")
        var thorough = SolverOptions.scaled(for: model, effort: .thorough)
        thorough.trace = trace
        let second = solve(model, options: thorough, start: first)
        let best = second.score > first.score ? second : first
        return Solution(openGroups: best.openGroups, groupOfParent: best.groupOfParent, score: best.score,
                        terms: best.terms, bound: min(first.bound, second.bound), matchedBound: best.matchedBound)
    }

    /// Models too large to search whole (`MatchModel.isTruncated`): the greedy and the exact
    /// assignment run over each group's candidates (the local search found nothing at 60,000
    /// parents in 8 s, so it is left out); the bound ignores the
    /// group structure (`CoverageBound`), since the relaxation's would bound the candidates only.
    static func solveLarge(_ model: MatchModel, options: SolverOptions) -> Solution {
        var clock = StageClock(trace: options.trace)
        var best = SearchState(model: model)
        best.openGreedily()
        clock.lap("greedy over \(model.pairCount) candidate pairs", model.weightedScore(best.groupOfParent))
        best.reassignExactly()
        clock.lap("exact assignment", model.weightedScore(best.groupOfParent))
        let bound = CoverageBound.compute(model)
        clock.lap("coverage bound: \(best.groupOfParent.lazy.filter { $0 != nil }.count) of at most \(bound.parents) parents matched; score bound \(bound.score)", model.weightedScore(best.groupOfParent))
        let (score, terms) = model.score(groupOfParent: best.groupOfParent)
        return Solution(openGroups: best.openGroups.sorted(), groupOfParent: best.groupOfParent,
                        score: score, terms: terms, bound: max(score, bound.score), matchedBound: bound.parents)
    }
}

extension MatchModel {
    /// The number of fitting parent–group pairs: the size every budget is measured against.
    public var pairCount: Int { fits.reduce(0) { $0 + $1.count } }

    /// Models small enough for the exact, single-threaded paths: the exact transportation flow,
    /// subproblems solved one after another, the Lagrangian greedy's roundings and the local
    /// search.
    var isSmall: Bool { pairCount <= 50_000 }
}

/// Times the solver's stages for `SolverOptions.trace`; reads no clock when there is no trace.
struct StageClock {
    let trace: (@Sendable (String) -> Void)?
    private var last: UInt64

    init(trace: (@Sendable (String) -> Void)?) {
        self.trace = trace
        last = trace == nil ? 0 : DispatchTime.now().uptimeNanoseconds
    }

    mutating func restart() {
        if trace != nil { last = DispatchTime.now().uptimeNanoseconds }
    }

    /// Nanoseconds since the last lap or restart (0 without a trace).
    func elapsed() -> UInt64 {
        trace == nil ? 0 : DispatchTime.now().uptimeNanoseconds - last
    }

    /// Prints one stage's line; the stage and its score are evaluated only with a trace.
    mutating func lap(_ stage: @autoclosure () -> String, _ score: @autoclosure () -> Int) {
        guard let trace else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        trace("\((now - last) / 1_000_000) ms  \(stage())  score \(score())")
        last = now
    }
}

extension SearchState {
    /// Opens the mentors' configurations from the relaxation, lets the greedy open further groups
    /// for parents still unmatched, and assigns exactly.
    ///
    /// Without `taken` the configurations' groups are first filled by an exact assignment. With
    /// it (each mentor's parents in the relaxation, model indices; a parent claimed by several
    /// mentors goes to the first), each of those parents goes into the mentor's open group it
    /// weighs most in that has room, which saves that assignment (the costly step on mid-sized
    /// models). The seeds only steer the greedy: the final assignment is optimal for the groups
    /// open, whatever they were.
    mutating func openConfigurations(_ configurations: [[Int]], seededWith taken: [[Int32]]? = nil) {
        for groups in configurations {
            for g in groups where canOpen(g) { open(g) }
        }
        if let taken {
            for (m, parents) in taken.enumerated() {
                for p32 in parents where groupOfParent[Int(p32)] == nil {
                    var choice: (weight: Int32, group: Int)?
                    for g in openOfMentor[m] where room(g) > 0 {
                        guard let i = MatchModel.position(of: p32, in: model.fits[g]) else { continue }
                        let w = model.pairWeights[g][i]
                        if choice == nil || w > choice!.weight { choice = (w, g) }
                    }
                    if let choice { assign(Int(p32), to: choice.group) }
                }
            }
        } else {
            reassignExactly()
        }
        openGreedily()
        reassignExactly()
    }
}
