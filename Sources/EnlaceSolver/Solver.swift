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
//    solution — each completed by stage 2 and the greedy; the best is the incumbent
//    (`Incumbent`). Above 50,000 fitting pairs (`isSmall`), where an exact assignment is costly,
//    the greedy's schedule is not assigned exactly first, the bundle takes evaluations up to 24
//    million pairs' worth and only then rounds, once: each mentor's heaviest configuration in the
//    master, opened with the parents of its cut, completed by the greedy and assigned exactly.
//    The Lagrangian greedy and the local search are left out there.
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
// **Large districts.** Above `MatchModel.searchablePairs` (3 million) fitting pairs, the model
// keeps, per group, a sample of candidates from its fit class (every member of a class with enough
// groups is someone's candidate, the parents with fewest alternatives first) and stage 1 runs over
// the candidates (`Solver+LargeModels.swift`); then each open group's heaviest parents of its
// class, when unmatched, take the seats of lighter members. The relaxation of stage 3 over
// the candidates would bound the candidates, not the district, so the bounds read the fit classes:
// `CoverageBound` (a maximum flow from parents through fit classes to mentors' seats — how many
// parents any schedule can match — and that many parents' best weights), `SeatPriceBound` (the
// transportation relaxation to mentors' seats, group costs as seat tiers, bounded through seat
// prices), and `ConfigurationBound`: the Lagrangian relaxation of stage 3 evaluated once at the
// parent prices the seat prices leave, each group's list drawn from every parent of its class
// (a mentor needs only its groups' T best parents by reduced weight). That evaluation's
// configurations are rounded into a second schedule over the candidates joined by those lists
// (filled by reduced weight, chains of moves, the exact assignment, the upgrade); the better
// schedule is kept. Beyond 400 million fitting pairs, where scoring every pair would take
// minutes, the same relaxation is evaluated at zero prices over the parents' score types
// (`ScoreTypes`: one parent of each type scored per group) and rounded the same way; without
// score keys from every pair-score rule, only the coverage bound is computed and the greedy's
// schedule is assigned exactly.
//
// **Bound.** The reported bound is the smallest of the valid upper bounds met: the best
// Lagrangian value L(λ) (which keeps K, overlaps and group sizes; only evaluated values count,
// never the bundle's model of them), the transportation relaxation `UpperBound`, and the branch
// and bound's. Scores are integers, so a bound less than one above
// the score proves it optimal.
//
// **Effort.** `enlace match --effort thorough` (`Solver.solve(_:effort:)`, `Solver+Effort.swift`)
// runs the standard pass and, unless it proved its schedule optimal, a second pass from that
// schedule with larger budgets (`SolverOptions.scaled(for:effort:)`): the relaxation solved
// exactly until the bundle converges on mid-sized districts, many more branch-and-bound nodes and
// neighbourhoods on small ones. Seconds to minutes instead of seconds; never a worse score or
// bound than the standard pass.
//
// **Complexity.** Every loop is bounded by a budget counted in evaluations, nodes, neighbourhoods
// or exchanges. An evaluation of the relaxation ranks every fitting pair once per mentor whose
// prices moved (O(pairs × log T), T the most parents a configuration seats) and searches each
// such mentor's configurations of at most K groups (exponential in K only, pruned by bounds); a
// rounding or an exchange is one exact assignment, a shortest augmenting path per parent over the
// open groups' arcs. So a run's cost grows with the number of fitting parent–group pairs
// searched — all of them up to 3 million, candidates beyond — and the budgets shrink as that
// number grows (`SolverOptions.scaled(for:)`); docs/PERFORMANCE.md, "Matcher", has the figures.
//
// **Guarantees.** The solution satisfies every hard constraint by construction (checked in tests
// and by the independent Python checker); its score is recomputed from scratch; the same model
// and budgets give the same solution. Failure modes: none — an instance where nobody fits
// anything yields an empty solution, which callers report as "no feasible group".
//
// **References.** M. Minoux, "Accelerated greedy algorithms for maximizing submodular set
// functions", *Optimization Techniques*, LNCS 7 (1978), for the lazy greedy; R. K. Ahuja,
// T. L. Magnanti, J. B. Orlin, *Network Flows* (1993), for the min-cost flows; M. L. Fisher,
// "The Lagrangian relaxation method for solving integer programming problems", *Management
// Science* 27 (1981); K. C. Kiwiel, "Proximity control in bundle methods for convex
// nondifferentiable minimization", *Mathematical Programming* 46 (1990), and A. Frangioni,
// "Generalized bundle methods", *SIAM Journal on Optimization* 13 (2002), for the bundle method;
// C. Barnhart et al., "Branch-and-price: column generation for solving huge integer programs",
// *Operations Research* 46 (1998); P. Shaw, "Using constraint programming and local search methods
// to solve vehicle routing problems", *CP 1998*, for the neighbourhood search.

/// Solves a `MatchModel`; see the essay at the top of this file.
public enum Solver {
    /// The best solution found within the budgets, with its upper bound. `start`, a feasible
    /// schedule of this model (an earlier pass's), becomes the first incumbent when it beats the
    /// greedy's: every stage then searches for something better than it.
    public static func solve(_ model: MatchModel, options: SolverOptions? = nil, start: Solution? = nil) -> Solution {
        let options = options ?? SolverOptions.scaled(for: model)
        if model.isTruncated { return solveLarge(model, options: options) }
        var clock = StageClock(trace: options.trace)
        var incumbent = firstIncumbent(model, start: start, options: options, clock: &clock)
        let flowBound = UpperBound.compute(model, target: incumbent.score, mentorOfParent: incumbent.mentorOfParent,
                                           exact: incumbent.exact)
        clock.lap("flow bound \(flowBound.bound)", incumbent.score)
        var relaxation = LagrangianRelaxation(model: model, prices: flowBound.prices)
        var bundle = BundleState(mentors: model.program.mentors.count, parents: model.program.parents.count)
        let columnLog = options.columns == nil || options.dualMethod != .bundle ? nil : ColumnLog()
        bundle.master.log = columnLog
        lowerBound(&relaxation, bundle: &bundle, incumbent: &incumbent, options: options)
        clock.lap("lagrangian (\(relaxation.steps) steps, \(relaxation.subproblemsSolved) mentor subproblems solved, \(incumbent.roundings) roundings taking \(incumbent.roundingNanoseconds / 1_000_000) ms; bound \(relaxation.bestBound))", incumbent.score)
        let rootBound = relaxation.bestBound
        if Double(incumbent.score) + 1 <= rootBound + boundTolerance && options.improvementRounds > 0 {
            incumbent.improve(rounds: options.improvementRounds, maxEvaluations: options.maxSwapEvaluations)
        }
        clock.lap("local search", incumbent.score)
        var bound = min(rootBound.isFinite ? Int((rootBound + boundTolerance).rounded(.down)) : Int.max, flowBound.bound)
        if bound > incumbent.score && options.branchingNodes > 0 {
            bound = min(bound, branch(from: relaxation, bundle: bundle, incumbent: &incumbent, options: options, clock: &clock))
        }
        if let report = options.columns, let columnLog { report(columnLog.columns, rootBound) }
        if bound > incumbent.score && options.neighbourhoods > 0 {
            searchNeighbourhoods(from: relaxation, incumbent: &incumbent, options: options, clock: &clock)
        }
        // The relaxations bound the schedule without pair points; pairs add at most the slack.
        return incumbent.solution(bound: bound == Int.max ? bound : bound + model.togetherSlack)
    }

    /// How far apart two bounds or a bound and a score may be and still count as equal: the
    /// relaxation's floating-point error, far below the one point between integral scores.
    static let boundTolerance = 1e-6

    /// Stages 1 and 2: the greedy's schedule, assigned exactly on small models (beyond them the
    /// relaxation's rounding assigns exactly, and beats the greedy's schedule), or `start` when
    /// it scores higher.
    static func firstIncumbent(_ model: MatchModel, start: Solution?, options: SolverOptions,
                               clock: inout StageClock) -> Incumbent {
        var state = SearchState(model: model)
        state.openGreedily()
        clock.lap("greedy", model.weightedScore(state.groupOfParent))
        if model.isSmall {
            state.reassignExactly()
            clock.lap("exact assignment", model.weightedScore(state.groupOfParent))
        }
        var incumbent = Incumbent(state, exact: options.exactRelaxation ?? model.isSmall, trace: options.trace)
        if let start, model.weightedScore(start.groupOfParent) > incumbent.score {
            incumbent.replace(with: start)
            clock.lap("start", incumbent.score)
        }
        return incumbent
    }

    /// Stage 3: lowers the relaxation's bound from the flow bound's prices, by the bundle method
    /// or subgradient steps, rounding its configurations into schedules as it goes.
    static func lowerBound(_ relaxation: inout LagrangianRelaxation, bundle: inout BundleState, incumbent: inout Incumbent,
                           options: SolverOptions) {
        let target = incumbent.score, sequential = incumbent.exact
        switch options.dualMethod {
        case .subgradient:
            relaxation.run(iterations: options.lagrangianIterations, target: target, roundEvery: options.roundEvery,
                           patience: options.stepPatience, sequentialRounding: sequential) { incumbent.roundTimed($0, $1) }
        case .bundle:
            relaxation.runBundle(iterations: options.lagrangianIterations, target: target, roundEvery: options.bundleRoundEvery,
                                 sequentialRounding: sequential, state: &bundle) { incumbent.roundTimed($0, $1) }
        }
    }

    /// Stage 5: branch and bound from the root relaxation; returns its bound.
    static func branch(from relaxation: LagrangianRelaxation, bundle: BundleState, incumbent: inout Incumbent,
                       options: SolverOptions, clock: inout StageClock) -> Int {
        var search = BranchAndBound(model: incumbent.model, nodeLimit: options.branchingNodes, stepsPerNode: options.stepsPerNode)
        search.bundle = options.dualMethod == .bundle
        let result = search.run(root: relaxation, rootState: bundle, incumbentScore: incumbent.score,
                                incumbentGroups: incumbent.state.openGroups) { configurations in
            (incumbent.round(configurations), incumbent.state.openGroups)
        }
        clock.lap("branch and bound (\(result.nodes) nodes; bound \(result.bound))", incumbent.score)
        return result.bound
    }

    /// Stage 6: the neighbourhood search around the incumbent.
    static func searchNeighbourhoods(from relaxation: LagrangianRelaxation, incumbent: inout Incumbent,
                                     options: SolverOptions, clock: inout StageClock) {
        let search = NeighbourhoodSearch(model: incumbent.model, width: 2, steps: options.neighbourhoodSteps)
        let searched = search.run(root: relaxation, count: options.neighbourhoods,
                                  incumbent: { incumbent.state }, round: { incumbent.round($0) })
        clock.lap("neighbourhoods (\(options.neighbourhoods) tried, \(searched) with room)", incumbent.score)
    }
}
