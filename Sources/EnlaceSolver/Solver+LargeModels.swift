extension Solver {
    /// Models too large to search whole (`MatchModel.isTruncated`): the greedy and the exact
    /// assignment run over each group's candidates (the local search is left out: it found
    /// nothing there; docs/PERFORMANCE.md, "Large districts"); then the parents of each open
    /// group's class who weigh most there, whom the candidates (dealt without looking at weights)
    /// often miss, take the seats of lighter members when they are unmatched (`upgrade`). The
    /// bound ignores the group structure (`CoverageBound`, `SeatPriceBound`), since the
    /// relaxation's would bound the candidates only.
    static func solveLarge(_ model: MatchModel, options: SolverOptions) -> Solution {
        var clock = StageClock(trace: options.trace)
        var best = SearchState(model: model)
        best.openGreedily()
        clock.lap("greedy over \(model.pairCount) candidate pairs", model.weightedScore(best.groupOfParent))
        best.reassignExactly()
        clock.lap("exact assignment", model.weightedScore(best.groupOfParent))
        if options.widening > 0 {
            best = upgrade(best, by: options.widening)
            clock.lap("unmatched parents among the open groups' \(options.widening) heaviest in place of lighter members", best.model.weightedScore(best.groupOfParent))
        }
        let bound = CoverageBound.compute(model)
        let matched = best.groupOfParent.lazy.filter { $0 != nil }.count, weighted = best.model.weightedScore(best.groupOfParent)
        clock.lap("coverage bound: \(matched) of at most \(bound.parents) parents matched; score bound \(bound.score)", weighted)
        let priced = options.seatPriceSteps > 0
            ? SeatPriceBound.compute(model, groupOfParent: best.groupOfParent, target: weighted, steps: options.seatPriceSteps) : Int.max
        clock.lap("seat-price bound \(priced) (\(options.seatPriceSteps) steps)", weighted)
        let (score, terms) = model.score(groupOfParent: best.groupOfParent)
        return Solution(openGroups: best.openGroups.sorted(), groupOfParent: best.groupOfParent, score: score, terms: terms,
                        bound: max(score, min(bound.score, priced) + model.togetherSlack), matchedBound: bound.parents)
    }

    /// `state` over a model whose lists of the open groups also hold the `extra` parents of their
    /// class who weigh most there (`MatchModel.widened`), with those of them who are unmatched
    /// placed: group by group (in index order), heaviest first, each takes a free seat or the
    /// seat of the member weighing least there when it weighs more (that member is then
    /// unmatched). Every move raises the score; a flow over the widened lists would find more but
    /// costs minutes at 60,000 parents (docs/PERFORMANCE.md, "Large districts"). No parent joins
    /// a group holding someone they are kept apart from, and programs with pairs scoring
    /// together (which a move could split) are left as they are.
    static func upgrade(_ state: SearchState, by extra: Int) -> SearchState {
        guard !state.model.hasTogether else { return state }
        let groups = state.openGroups.sorted()
        let model = state.model.widened(groups, by: extra)
        var wide = SearchState(model: model)
        for g in groups {
            wide.open(g)
            for p in state.members[g] { wide.assign(p, to: g) }
        }
        for g in groups {
            let heaviest = model.fits[g].indices.sorted { (model.pairWeights[g][$0], -$0) > (model.pairWeights[g][$1], -$1) }
            for i in heaviest.prefix(extra) {
                let q = Int(model.fits[g][i]), weight = Int(model.pairWeights[g][i])
                guard wide.groupOfParent[q] == nil, wide.members[g].allSatisfy({ !model.keptApart(q, $0) }) else { continue }
                if wide.room(g) > 0 {
                    if weight > 0 { wide.assign(q, to: g) }
                    continue
                }
                let lightest = wide.members[g].min { (model.weight(parent: $0, group: g), -$0) < (model.weight(parent: $1, group: g), -$1) }
                guard let p = lightest, model.weight(parent: p, group: g) < weight else { continue }
                wide.unassign(p, from: g)
                wide.assign(q, to: g)
            }
        }
        return wide
    }
}

extension MatchModel {
    /// This model with each of `groups`' lists (candidates, on a truncated model) joined by the
    /// `extra` parents who weigh most in it among those that fit it (ties to lower indices), and
    /// those pairs' weights. Every pair added fits, so a schedule of the result is one of this
    /// model, with the same score.
    ///
    /// - Complexity: the pair-score rules asked once about every parent fitting one of `groups`.
    func widened(_ groups: [Int], by extra: Int) -> MatchModel {
        var copy = self
        let scorers = rules.with(.pairScore)
        var scores: [Int] = []
        for g in groups {
            let all = fittingParents(of: g)
            guard all.count > fits[g].count else { continue }
            scores.removeAll(keepingCapacity: true)
            scores.append(contentsOf: repeatElement(0, count: all.count))
            for scorer in scorers { scorer.rule.score(all, in: self.groups[g], into: &scores) }
            let heaviest = all.indices.sorted { (scores[$0], -$0) > (scores[$1], -$1) }.prefix(extra)
            var keep = Set(heaviest)
            for p in fits[g] { if let i = MatchModel.position(of: p, in: all) { keep.insert(i) } }
            let positions = keep.sorted()
            copy.fits[g] = positions.map { all[$0] }
            copy.pairWeights[g] = positions.map { Int32(clamping: scores[$0]) }
        }
        return copy
    }
}
