import CSystemCalls

extension Solver {
    /// Models too large to search whole (`MatchModel.isTruncated`):
    /// 1. on a re-run, the previous run's groups and members as far as they still fit
    ///    (`keepPreviousGroups`); the greedy over each group's candidates; then the parents of
    ///    each open group's class who weigh most there, whom the candidates (dealt without
    ///    looking at weights) often miss, take the seats of lighter members when they are
    ///    unmatched (`upgrade`);
    /// 2. the coverage bound (`CoverageBound`) and, up to `CoverageBound.exhaustiveScoringPairs`
    ///    fitting pairs, the seat-price bound (`SeatPriceBound`), whose parent prices start the
    ///    Lagrangian relaxation, evaluated once over lists drawn from every fitting parent
    ///    (`ConfigurationBound`): the bound is the smallest of the three;
    /// 3. that evaluation's configurations rounded into a second schedule
    ///    (`roundConfigurations`), which ends with an exact assignment; the better schedule is
    ///    kept (by the whole score, pairs' points included). Beyond `exhaustiveScoringPairs`,
    ///    where scoring every pair would take minutes, the relaxation is evaluated at zero prices
    ///    over the parents' score types instead (`ConfigurationBound.init(_:types:)`, when the
    ///    rules give keys: `SolverOptions.typedBound`) and rounded the same way; without keys the
    ///    greedy's schedule is assigned exactly and the coverage bound stands alone (the local
    ///    search is left out: it found nothing there; docs/PERFORMANCE.md, "Large districts").
    /// Parents kept apart are separated last (`separateKeptApart`), as in every other path.
    static func solveLarge(_ model: MatchModel, options: SolverOptions) -> Solution {
        var clock = StageClock(trace: options.trace)
        var best = SearchState(model: model)
        best.keepPreviousGroups()
        best.openGreedily()
        clock.lap("greedy over \(model.pairCount) candidate pairs", model.weightedScore(best.groupOfParent))
        let table = options.seatPriceSteps > 0 ? SeatPriceBound(model) : nil
        let types = table == nil && options.typedBound ? model.scoreTypes : nil
        if table != nil {
            clock.lap("every fitting pair scored", model.weightedScore(best.groupOfParent))
        } else if types == nil {
            best.reassignExactly()
            clock.lap("exact assignment", model.weightedScore(best.groupOfParent))
        }
        if options.widening > 0 {
            best = upgrade(best, by: options.widening)
            clock.lap("unmatched parents among the open groups' \(options.widening) heaviest in place of lighter members", best.model.weightedScore(best.groupOfParent))
        }
        let bound = CoverageBound.compute(model, bestWeights: table?.bestWeights())
        let matched = best.groupOfParent.lazy.filter { $0 != nil }.count, weighted = best.model.weightedScore(best.groupOfParent)
        clock.lap("coverage bound: \(matched) of at most \(bound.parents) parents matched; score bound \(bound.score)", weighted)
        var priced = Int.max
        // The relaxation's evaluation and the parent prices it was evaluated at.
        var relaxed: (configured: ConfigurationBound, prices: [Double])?
        if let table {
            let seats = table.bound(groupOfParent: best.groupOfParent, target: weighted, steps: options.seatPriceSteps)
            clock.lap("seat-price bound \(seats.bound) (\(options.seatPriceSteps) steps)", weighted)
            let configured = ConfigurationBound(model, table: table, prices: seats.parentPrices)
            priced = min(seats.bound, configured.bound)
            clock.lap("configuration bound \(configured.bound)", weighted)
            relaxed = (configured, seats.parentPrices)
        } else if let types {
            let configured = ConfigurationBound(model, types: types)
            // The relaxation's subproblems are gone: hand their memory back before the rounding
            // builds its own (at 600,000 parents the heap would otherwise keep some 200 MB).
            enlace_release_free_memory()
            priced = configured.bound
            clock.lap("configuration bound \(configured.bound) over \(types.count) score types", weighted)
            relaxed = (configured, Array(repeating: 0, count: model.program.parents.count))
        }
        if let relaxed {
            let rounded = roundConfigurations(model, relaxed.configured, prices: relaxed.prices, widening: options.widening, clock: &clock)
            if model.score(groupOfParent: rounded.groupOfParent).total > model.score(groupOfParent: best.groupOfParent).total {
                best = rounded
            }
        }
        best.separateKeptApart()
        let (score, terms) = model.score(groupOfParent: best.groupOfParent)
        return Solution(openGroups: best.openGroups.sorted(), groupOfParent: best.groupOfParent, score: score, terms: terms,
                        bound: max(score, min(bound.score, priced) + model.togetherSlack), matchedBound: bound.parents)
    }

    /// A schedule from the configuration bound's evaluation: each mentor's configuration opened
    /// (as far as the others' leave it room: the configurations may share parents, not groups),
    /// over the candidates joined by the groups' listed parents; the free seats filled pair by
    /// pair, largest reduced weight first (`SearchState.fill`: the prices say who is worth a seat
    /// where); the greedy opens groups for parents still unmatched; chains of moves seat parents
    /// whose seats went to others with alternatives (`seatByChains`); the exact assignment over
    /// each open group's members and heaviest candidates (`reassignedOverCandidates`), chains
    /// again; and `upgrade`.
    static func roundConfigurations(_ model: MatchModel, _ configured: ConfigurationBound, prices: [Double], widening: Int,
                                    clock: inout StageClock) -> SearchState {
        var state = SearchState(model: model.joined(configured.lists))
        for groups in configured.configurations {
            for g in groups where state.canOpen(g) { state.open(g) }
        }
        state.fill(prices: prices)
        state.openGreedily()
        state.seatByChains()
        clock.lap("configurations opened, filled by reduced weight, chains", state.model.weightedScore(state.groupOfParent))
        state = state.reassignedOverCandidates(of: model)
        state.seatByChains()
        clock.lap("exact assignment over the members and heaviest candidates", state.model.weightedScore(state.groupOfParent))
        if widening > 0 {
            state = upgrade(state, by: widening)
            clock.lap("upgrade", state.model.weightedScore(state.groupOfParent))
        }
        return state
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

    /// This model with each group's list joined by `extra[g]` (parents fitting `g`), their weights
    /// asked of the pair-score rules. Every pair added fits, so a schedule of the result is one of
    /// this model, with the same score.
    func joined(_ extra: [[Int32]]) -> MatchModel {
        var copy = self
        let scorers = rules.with(.pairScore)
        var scores: [Int] = []
        for g in groups.indices where !extra[g].isEmpty {
            let added = extra[g].filter { MatchModel.position(of: $0, in: fits[g]) == nil }.sorted()
            guard !added.isEmpty else { continue }
            scores.removeAll(keepingCapacity: true)
            scores.append(contentsOf: repeatElement(0, count: added.count))
            for scorer in scorers { scorer.rule.score(added, in: self.groups[g], into: &scores) }
            let merged = (Array(zip(fits[g], pairWeights[g])) + Array(zip(added, scores.map { Int32(clamping: $0) }))).sorted { $0.0 < $1.0 }
            copy.fits[g] = merged.map(\.0)
            copy.pairWeights[g] = merged.map(\.1)
        }
        return copy
    }
}
