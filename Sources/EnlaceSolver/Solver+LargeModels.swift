extension Solver {
    /// Models too large to search whole (`MatchModel.isTruncated`): the greedy and the exact
    /// assignment run over each group's candidates (the local search is left out: it found
    /// nothing there; docs/PERFORMANCE.md, "Large districts"); the bound ignores the group
    /// structure (`CoverageBound`), since the relaxation's would bound the candidates only.
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
                        score: score, terms: terms, bound: max(score, bound.score + model.togetherSlack), matchedBound: bound.parents)
    }
}
