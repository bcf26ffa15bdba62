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
// **Algorithm.** Three stages, all deterministic:
// 1. *Greedy opening* (lazy greedy). Each candidate group's gain is the weight of the best parents
//    it could still take (up to G and the mentor's remaining capacity) plus w_group. Gains only
//    fall as parents are taken, so a max-heap of stale gains, re-evaluated when popped, finds the
//    best group each step. Ties go to groups whose parents have fewer alternatives, which leaves
//    flexible parents for later groups.
// 2. *Exact assignment.* With the open groups fixed, the best assignment is a min-cost flow
//    (source → parent → group → mentor → sink, capacities 1, G, capacity(m)); `MinCostFlow` solves
//    it exactly, moving parents between groups to make room for those with fewer options.
// 3. *Local search.* For each open group, try replacing it with another candidate of the same
//    mentor that fits unmatched parents, or opening such a candidate when the mentor has room;
//    keep a move when the exact re-assignment scores higher. Rounds are bounded by a budget given
//    by the caller, never by the clock.
//
// **Bound.** `UpperBound` relaxes group structure: every parent may go to any mentor with a
// fitting candidate, with the mentor's load capped at min(capacity, K·G), and pays w_group / G
// (each open group holds at most G parents, so this never overstates the group cost). The optimum
// of that transportation problem (again a min-cost flow) is an upper bound on the true optimum, and
// every run reports the gap to it.
//
// **Guarantees.** The solution satisfies every hard constraint by construction (checked in tests
// by an independent checker); its score is recomputed from scratch; the same model and budget give
// the same solution. Failure modes: none — an instance where nobody fits anything yields an empty
// solution, which callers report as "no feasible group".

/// Budgets of the search. They bound work, not time, so results never depend on machine speed.
public struct SolverOptions: Sendable {
    /// Rounds of local search over all open groups.
    public var improvementRounds = 3
    /// Largest number of candidate swaps evaluated exactly per round.
    public var maxSwapEvaluations = 2_000

    public init() {}
}

/// Solves a `MatchModel`; see the essay at the top of this file.
public enum Solver {
    /// The best solution found within the budgets, with its upper bound.
    public static func solve(_ model: MatchModel, options: SolverOptions = SolverOptions()) -> Solution {
        var state = SearchState(model: model)
        state.openGreedily()
        state.reassignExactly()
        state.improve(rounds: options.improvementRounds, maxEvaluations: options.maxSwapEvaluations)
        let (score, terms) = model.score(groupOfParent: state.groupOfParent)
        let bound = UpperBound.compute(model)
        return Solution(openGroups: state.openGroups.sorted(), groupOfParent: state.groupOfParent,
                        score: score, terms: terms, bound: bound)
    }
}
