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
}
