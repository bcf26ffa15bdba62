import EnlaceCore

/// One mentor's part of the Lagrangian relaxation: with each parent priced at λ_p, the best
/// configuration of the mentor's groups (at most K, pairwise non-overlapping) and the parents it
/// would take.
///
/// The value of a configuration Q is w_group·|Q| plus the best assignment of parents to Q (group
/// sizes, mentor capacity, each parent once) of reduced weights r(p, g) = w(p, g) − λ_p.
///
/// **Each group's best T parents suffice**, T being the most parents any configuration seats
/// (`capacity`). Rank a group's members by reduced weight in it, ties to the lower index. If an
/// optimal assignment seats p in group g although T members of g rank above p, at most T − 1 of
/// them are seated, so one of them is free and can take p's seat without lowering the value;
/// repeating this ends with every seated parent among its group's best T. So an evaluation ranks
/// each group's members once (a bounded insertion, linear in the members), and every configuration
/// is then valued over at most K·T parents, however many fit its groups.
///
/// Over those lists a configuration is valued greedily, best reduced weight first, each parent
/// taken when the configuration can still seat it. Where every listed parent has one reduced
/// weight in all the configuration's groups it is listed in (groups of one kind: with the built-in
/// rules a parent's weights differ only by the open-house term), the seatable sets form a matroid
/// (transversal, truncated at the capacity) and the greedy is exact. Where a parent weighs more in
/// one of them (an open-house and a weekly group), valuing it at its best weight can only overstate
/// the configuration, so such a configuration is valued exactly by a min-cost flow over its at most
/// K·T listed parents whenever the overstatement could make it the best.
///
/// The lists and the valuation are in `MentorSubproblem+Lists.swift`; the search over
/// configurations is `solve`, below.
struct MentorSubproblem {
    let mentor: Int
    /// The mentor's candidate groups with at least one fitting parent (indices into the model).
    let groups: [Int]
    /// `conflicts[i][j]`: groups i and j overlap in time.
    let conflicts: [[Bool]]
    /// Every parent fitting one of the groups (model indices); the "local" index of a parent is its
    /// position here.
    let parents: [Int32]
    /// Per group: local indices of the fitting parents and their weights w(p, g), parallel arrays.
    let members: [[Int32]]
    let weights: [[Int32]]
    let maxGroups: Int
    /// Most parents of each group (by position in `groups`).
    let groupSizes: [Int]
    /// The most parents a configuration can seat: the mentor's capacity, or the seats of its K
    /// largest groups if fewer. Also the length of each group's ranked list.
    let capacity: Int
    /// Points for opening each group.
    let groupWeights: [Double]
    /// Sums of the k largest group sizes and of the k best group weights, k = 0...maxGroups.
    let largestSeats: [Int]
    let bestGroupWeights: [Double]
    /// Buffers reused by `solve`.
    let workspace: SubproblemWorkspace

    init(model: MatchModel, mentor m: Int) {
        mentor = m
        let groups = model.groupsOfMentor[m].filter { !model.fits[$0].isEmpty }
        self.groups = groups
        conflicts = groups.map { g in groups.map { h in g != h && model.conflicts(g, h) } }
        let union = Array(Set(groups.flatMap { model.fits[$0] })).sorted()
        let local = Dictionary(uniqueKeysWithValues: union.enumerated().map { ($1, Int32($0)) })
        parents = union
        members = groups.map { g in model.fits[g].map { local[$0]! } }
        weights = groups.map { model.pairWeights[$0] }
        maxGroups = min(model.maxGroups[m], groups.count)
        groupSizes = groups.map { model.groupSize[$0] }
        capacity = min(model.mentorCapacity[m], groupSizes.sorted(by: >).prefix(maxGroups).reduce(0, +))
        groupWeights = groups.map { Double(model.groupWeight[$0]) }
        let largest = groupSizes.sorted(by: >), heaviest = groupWeights.sorted(by: >)
        largestSeats = (0...maxGroups).map { largest.prefix($0).reduce(0, +) }
        bestGroupWeights = (0...maxGroups).map { heaviest.prefix($0).reduce(0, +) }
        workspace = SubproblemWorkspace(Scratch(parents: union.count, groups: groups.count, maxGroups: maxGroups,
                                                listLength: capacity))
    }

    /// A configuration's value (−∞: none satisfies the fixing), its groups (positions in
    /// `groups`) and the parents it takes (model indices).
    typealias Answer = (value: Double, groups: [Int], parents: [Int32])

    /// The best configuration under prices `lambda`: its value (≥ 0; the empty configuration is
    /// worth 0), its groups (as positions in `groups`), and the parents it takes (model indices).
    ///
    /// - Complexity: O(pairs of the mentor × log T) to rank the groups' members, then a depth-first
    ///   search over configurations of at most K groups, pruned by the sum of single-group values
    ///   and by the best seats any configuration of that many groups could fill. A configuration
    ///   of two or more groups is then bounded from its lists' heads (`seatBound`, O(K·T)) and
    ///   valued (O(K²·T)) only when the bound could beat the best so far, which spares most.
    ///
    /// `hint` (positions in `groups`, usually the previous answer) is evaluated first: prices move
    /// little between evaluations, so it is often still best, and its value prunes the search.
    ///
    /// `fixing` (branch and bound) restricts the configurations: every forced group is in it, no
    /// banned group is; the value is −∞ when no configuration satisfies it.
    func solve(lambda: [Double], hint: [Int] = [], fixing: MentorFixing = MentorFixing()) -> Answer {
        let forced = fixing.forced
        if forced.count > maxGroups || forced.contains(where: { g in forced.contains { conflicts[g][$0] } }) {
            return (-.infinity, [], [])
        }
        var scratch = workspace.take()
        defer { workspace.scratch = scratch }
        // Every group forced or banned (a mentor the neighbourhood search holds fixed): the forced
        // configuration is the only one, and only its groups need ranking.
        let fixed = !forced.isEmpty && forced.count + fixing.banned.count == groups.count
        rankGroups(lambda: lambda, fixing: fixing, onlyForced: fixed, &scratch)
        if fixed { return (configurationValue(forced, &scratch, threshold: -.infinity), forced, takenParents(scratch)) }
        var space = SearchSpace(singles: singleValues(&scratch), deepest: deepestValues(&scratch))
        space.order = searchOrder(space.singles, fixing: fixing, &scratch)
        var best: Answer = (0, [], [])
        if !forced.isEmpty {
            best = (configurationValue(forced, &scratch, threshold: -.infinity), forced, takenParents(scratch))
        }
        if !hint.isEmpty && forced.allSatisfy(hint.contains) && !hint.contains(where: fixing.banned.contains) {
            let value = configurationValue(hint, &scratch, threshold: best.value)
            if value > best.value { best = (value, hint, takenParents(scratch)) }
        }
        var chosen = forced
        if chosen.count < maxGroups {
            visit(from: 0, optimistic: forced.reduce(0) { $0 + space.singles[$1] }, chosen: &chosen, best: &best, space, &scratch)
        }
        return best
    }

    /// What the depth-first search over configurations reads: each group's value alone
    /// (`singleValues`), the most a configuration of k or more groups is worth (`deepestValues`),
    /// and the groups to try, most valuable alone first.
    private struct SearchSpace {
        let singles: [Double]
        let deepest: [Double]
        var order: [Int] = []
    }

    /// Adds to `chosen` each group of `space.order` from `start` on that overlaps none of it, in
    /// turn, values the configuration when its bound could beat `best`, and recurses; stops where
    /// the bounds show that nothing further can beat `best`.
    private func visit(from start: Int, optimistic: Double, chosen: inout [Int], best: inout Answer,
                       _ space: SearchSpace, _ scratch: inout Scratch) {
        let order = space.order, singles = space.singles
        for k in start..<order.count {
            let i = order[k]
            guard !chosen.contains(where: { conflicts[$0][i] }) else { continue }
            // Pruning: a configuration's value is at most the sum of its groups' single values.
            let remaining = maxGroups - chosen.count - 1
            let extra = order[(k + 1)...].prefix(remaining).reduce(0) { $0 + singles[$1] }
            if optimistic + singles[i] + extra <= best.value { break }
            if space.deepest[chosen.count + 1] <= best.value { break }
            chosen.append(i)
            if chosen.count == 1 || seatBound(chosen, &scratch) > best.value - Self.seatBoundMargin {
                let value = configurationValue(chosen, &scratch, threshold: best.value)
                if value > best.value { best = (value, chosen, takenParents(scratch)) }
            }
            if chosen.count < maxGroups {
                visit(from: k + 1, optimistic: optimistic + singles[i], chosen: &chosen, best: &best, space, &scratch)
            }
            chosen.removeLast()
        }
    }

    /// How far below the best value a seat bound may be and its configuration still be valued:
    /// `exactValue` rounds its weights up by up to 2^-20 a parent, so a bound within this of the
    /// best may still hide a better configuration.
    static let seatBoundMargin = 1e-4

    /// The groups worth something alone and neither forced nor banned, most valuable alone first
    /// (ties to the lower position).
    private func searchOrder(_ singles: [Double], fixing: MentorFixing, _ scratch: inout Scratch) -> [Int] {
        scratch.order.removeAll(keepingCapacity: true)
        for i in groups.indices where singles[i] > 0 && !fixing.forced.contains(i) && !fixing.banned.contains(i) {
            scratch.order.append(i)
        }
        scratch.order.sort { (singles[$0], -$0) > (singles[$1], -$1) }
        return scratch.order
    }

    /// `deepest[k]`: the most any configuration of k or more groups is worth at best — the best
    /// min(seats of the k largest groups, capacity) listed parents, each at its best listed
    /// weight, plus the k best group weights. When the capacity binds, this ends the search early.
    private func deepestValues(_ scratch: inout Scratch) -> [Double] {
        bestListedValues(&scratch)
        var prefix = 0.0, taken = 0
        for k in 0...maxGroups {
            while taken < min(largestSeats[k], scratch.topValues.count) {
                prefix += scratch.topValues[taken]
                taken += 1
            }
            scratch.deepest[k] = prefix + bestGroupWeights[k]
        }
        for k in stride(from: maxGroups - 1, through: 0, by: -1) {
            scratch.deepest[k] = max(scratch.deepest[k], scratch.deepest[k + 1])
        }
        return scratch.deepest
    }

    /// The parents (model indices) the last valued configuration takes.
    private func takenParents(_ scratch: Scratch) -> [Int32] { scratch.taken.map { parents[Int($0)] } }
}

/// Branch-and-bound decisions about one mentor's groups (positions in its subproblem's groups).
struct MentorFixing: Equatable, Sendable {
    /// Groups every configuration must contain.
    var forced: [Int] = []
    /// Groups no configuration may contain.
    var banned: [Int] = []
}

