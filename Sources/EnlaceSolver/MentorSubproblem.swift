import EnlaceCore

/// One mentor's part of the Lagrangian relaxation: with each parent priced at λ_p, the best
/// configuration of the mentor's groups (at most K, pairwise non-overlapping) and the parents it
/// would take.
///
/// The value of a configuration Q is w_group·|Q| plus the best assignment of parents to Q (group
/// sizes, mentor capacity, each parent once) of reduced weights w(p,g) − λ_p. With the built-in
/// rules a parent's weight differs between the mentor's groups only by the open-house term, so the
/// assignment is computed with each parent's best reduced weight over Q: for groups of one kind this is exact — the
/// assignable parent sets form a matroid (a transversal matroid truncated at the capacity) and the
/// greedy choice is optimal — and for mixed configurations it can only overstate the value, which
/// keeps the Lagrangian bound valid.
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
    /// Each parent's smallest weight over the mentor's groups (its weight in a weekly group).
    let base: [Int32]
    /// Whether every member of group i weighs exactly `base` in it (true for weekly groups):
    /// configurations of such groups are evaluated by one walk down the parents sorted by value.
    let uniform: [Bool]
    /// Per group: a bit per local parent, set for members.
    let memberBits: [[UInt64]]
    let maxGroups: Int
    /// Most parents of each group (by position in `groups`).
    let groupSizes: [Int]
    let capacity: Int
    /// Points for opening each group.
    let groupWeights: [Double]
    /// Whether configurations mixing weekly and open-house groups are valued exactly (a small
    /// flow each) instead of by each parent's best weight over them (an overestimate).
    var exactMixed = false

    init(model: MatchModel, mentor m: Int) {
        mentor = m
        let groups = model.groupsOfMentor[m].filter { !model.fits[$0].isEmpty }
        self.groups = groups
        conflicts = groups.map { g in groups.map { h in g != h && model.conflicts(g, h) } }
        let union = Array(Set(groups.flatMap { model.fits[$0] })).sorted()
        let local = Dictionary(uniqueKeysWithValues: union.enumerated().map { ($1, Int32($0)) })
        parents = union
        let members = groups.map { g in model.fits[g].map { local[$0]! } }
        self.members = members
        let weights = groups.map { model.pairWeights[$0] }
        self.weights = weights
        var base = Array(repeating: Int32.max, count: union.count)
        for (i, group) in members.enumerated() {
            for (j, u) in group.enumerated() { base[Int(u)] = min(base[Int(u)], weights[i][j]) }
        }
        self.base = base
        uniform = members.indices.map { i in members[i].indices.allSatisfy { weights[i][$0] == base[Int(members[i][$0])] } }
        let words = (union.count + 63) / 64
        memberBits = members.map { group in
            var bits = Array(repeating: UInt64(0), count: words)
            for u in group { bits[Int(u) / 64] |= 1 << UInt64(Int(u) % 64) }
            return bits
        }
        maxGroups = min(model.maxGroups[m], groups.count)
        groupSizes = groups.map { model.groupSize[$0] }
        capacity = min(model.mentorCapacity[m], groupSizes.sorted(by: >).prefix(maxGroups).reduce(0, +))
        groupWeights = groups.map { Double(model.groupWeight[$0]) }
    }

    /// The best configuration under prices `lambda`: its value (≥ 0; the empty configuration is
    /// worth 0), its groups (as positions in `groups`), and the parents it takes (model indices).
    ///
    /// - Complexity: a depth-first search over configurations of at most K groups, pruned by the
    ///   sum of single-group values; each visited configuration costs a greedy pass over its parents.
    ///
    /// `hint` (positions in `groups`, usually the previous answer) is evaluated first: prices move
    /// little between subgradient steps, so it is often still best, and its value prunes the search.
    ///
    /// `fixing` (branch and bound) restricts the configurations: every forced group is in it, no
    /// banned group is; the value is −∞ when no configuration satisfies it.
    func solve(lambda: [Double], hint: [Int] = [], fixing: MentorFixing = MentorFixing()) -> (value: Double, groups: [Int], parents: [Int32]) {
        let forced = fixing.forced
        if forced.count > maxGroups || forced.contains(where: { g in forced.contains { conflicts[g][$0] } }) {
            return (-.infinity, [], [])
        }
        let price = parents.map { lambda[Int($0)] }
        var upper = Array(repeating: 0.0, count: parents.count)
        for i in groups.indices {
            for (j, u) in members[i].enumerated() {
                upper[Int(u)] = max(upper[Int(u)], Double(weights[i][j]) - price[Int(u)])
            }
        }
        // Each uniform group's members worth something at these prices, best first: configurations
        // of uniform groups merge these lists.
        let reduced = base.indices.map { Double(base[$0]) - price[$0] }
        let ranked = groups.indices.map { i -> [Int32] in
            guard uniform[i] else { return [] }
            var list = members[i].filter { reduced[Int($0)] > 0 }
            list.sort { (reduced[Int($0)], -$0) > (reduced[Int($1)], -$1) }
            return list
        }
        let singles = groups.indices.map { i in
            topSum(members[i].lazy.map { upper[Int($0)] }, count: min(groupSizes[i], capacity)) + groupWeights[i]
        }
        let order = groups.indices.filter { singles[$0] > 0 && !forced.contains($0) && !fixing.banned.contains($0) }
            .sorted { (singles[$0], -$0) > (singles[$1], -$1) }
        // A configuration of k groups is also worth at most the mentor's best min(seats of the k
        // largest groups, capacity) parents plus the k best group weights: when the capacity
        // binds, this ends the search early.
        var sortedUpper = upper.filter { $0 > 0 }
        sortedUpper.sort(by: >)
        let largest = groupSizes.sorted(by: >), bestGroupWeights = groupWeights.sorted(by: >)
        let capped = (0...maxGroups).map { k in
            sortedUpper.prefix(min(largest.prefix(k).reduce(0, +), capacity)).reduce(0, +) + bestGroupWeights.prefix(k).reduce(0, +)
        }
        var scratch = Scratch(count: parents.count)
        var best: (value: Double, groups: [Int], parents: [Int32]) = (0, [], [])
        func evaluate(_ configuration: [Int], threshold: Double? = nil) -> (Double, [Int32]) {
            configuration.allSatisfy { uniform[$0] } ? walk(configuration, ranked, reduced, &scratch)
                : configurationValue(configuration, price, &scratch, threshold: threshold ?? best.value)
        }
        if !forced.isEmpty {
            let (value, taken) = evaluate(forced, threshold: -.infinity)
            best = (value, forced, taken.map { parents[Int($0)] })
        }
        if !hint.isEmpty && forced.allSatisfy(hint.contains) && !hint.contains(where: fixing.banned.contains) {
            let (value, taken) = evaluate(hint)
            if value > best.value { best = (value, hint, taken.map { parents[Int($0)] }) }
        }
        var chosen = forced
        func visit(from start: Int, optimistic: Double) {
            for k in start..<order.count {
                let i = order[k]
                guard !chosen.contains(where: { conflicts[$0][i] }) else { continue }
                // Pruning: a configuration's value is at most the sum of its groups' single values.
                let remaining = maxGroups - chosen.count - 1
                let extra = order[(k + 1)...].prefix(remaining).reduce(0) { $0 + singles[$1] }
                if optimistic + singles[i] + extra <= best.value { break }
                let deepest = (chosen.count + 1...maxGroups).map { capped[$0] }.max()!
                if deepest <= best.value { break }
                chosen.append(i)
                let (value, taken) = evaluate(chosen)
                if value > best.value { best = (value, chosen, taken.map { parents[Int($0)] }) }
                if chosen.count < maxGroups { visit(from: k + 1, optimistic: optimistic + singles[i]) }
                chosen.removeLast()
            }
        }
        if chosen.count < maxGroups { visit(from: 0, optimistic: forced.reduce(0) { $0 + singles[$1] }) }
        return best
    }

    /// Reusable per-parent buffers for `walk` and `configurationValue`.
    struct Scratch {
        var value: [Double]
        var slots: [UInt64]
        var stamp: [Int]
        var generation = 0

        init(count: Int) {
            value = Array(repeating: 0, count: count)
            slots = Array(repeating: 0, count: count)
            stamp = Array(repeating: -1, count: count)
        }
    }

    /// The greedy (matroid) assignment for a configuration of uniform groups: walk the members of
    /// the chosen groups best first (merging their ranked lists) and keep each one the
    /// configuration can still seat. Exact for such groups.
    ///
    /// A parent refused with a set of possible groups S stays refused, and so does any later parent
    /// whose possible groups are a subset of S (it could only take the same seats, and the set of
    /// seated parents only grows), so those are skipped without a matching search.
    ///
    /// - Complexity: O(members of the chosen groups × configuration size), stopping once the seats
    ///   are full.
    private func walk(_ chosen: [Int], _ ranked: [[Int32]], _ reduced: [Double], _ scratch: inout Scratch) -> (Double, [Int32]) {
        scratch.generation += 1
        let generation = scratch.generation
        var assignment = SeatCounter(binSizes: chosen.map { groupSizes[$0] })
        let seats = min(capacity, chosen.reduce(0) { $0 + groupSizes[$1] })
        var total = chosen.reduce(0) { $0 + groupWeights[$1] }
        var taken: [Int32] = []
        var refused: [UInt64] = []
        var cursor = Array(repeating: 0, count: chosen.count)
        while taken.count < seats {
            var pick = -1, pickValue = -Double.infinity, pickParent: Int32 = 0
            for (slot, i) in chosen.enumerated() {
                let list = ranked[i]
                while cursor[slot] < list.count && scratch.stamp[Int(list[cursor[slot]])] == generation { cursor[slot] += 1 }
                guard cursor[slot] < list.count else { continue }
                let u = list[cursor[slot]], value = reduced[Int(u)]
                if value > pickValue || (value == pickValue && u < pickParent) {
                    pick = slot
                    pickValue = value
                    pickParent = u
                }
            }
            guard pick >= 0 else { break }
            cursor[pick] += 1
            let u = Int(pickParent), word = u / 64, bit = UInt64(1) << UInt64(u % 64)
            scratch.stamp[u] = generation
            var slots: UInt64 = 0
            for (slot, i) in chosen.enumerated() where memberBits[i][word] & bit != 0 { slots |= 1 << UInt64(slot) }
            guard !refused.contains(where: { slots & ~$0 == 0 }) else { continue }
            guard assignment.insert(slots: slots) else {
                refused.append(slots)
                continue
            }
            total += pickValue
            taken.append(pickParent)
        }
        return (total, taken)
    }

    /// Greedy (matroid) assignment of parents to the configuration, by best reduced weight over it
    /// (or `exactValue` when `exactMixed`). Returns the value and the local indices of the parents
    /// taken.
    private func configurationValue(_ chosen: [Int], _ price: [Double], _ scratch: inout Scratch,
                                    threshold: Double) -> (Double, [Int32]) {
        scratch.generation += 1
        var touched: [Int32] = []
        for (slot, i) in chosen.enumerated() {
            for (j, u32) in members[i].enumerated() {
                let u = Int(u32), value = Double(weights[i][j]) - price[u]
                guard value > 0 else { continue }
                if scratch.stamp[u] != scratch.generation {
                    scratch.stamp[u] = scratch.generation
                    scratch.value[u] = value
                    scratch.slots[u] = 0
                    touched.append(u32)
                }
                scratch.value[u] = max(scratch.value[u], value)
                scratch.slots[u] |= 1 << UInt64(slot)
            }
        }
        let value = scratch.value
        touched.sort { (value[Int($0)], -$0) > (value[Int($1)], -$1) }
        var assignment = SeatCounter(binSizes: chosen.map { groupSizes[$0] })
        var total = chosen.reduce(0) { $0 + groupWeights[$1] }
        var taken: [Int32] = []
        for u in touched {
            guard taken.count < capacity else { break }
            if assignment.insert(slots: scratch.slots[Int(u)]) {
                total += value[Int(u)]
                taken.append(u)
            }
        }
        // The greedy value overstates the exact one; only a configuration that could beat the
        // best so far needs the exact value.
        if exactMixed && total > threshold { return exactValue(chosen, touched, price) }
        return (total, taken)
    }

    /// The exact best assignment of parents to a mixed configuration (a parent's weight differs
    /// between its groups): a small `AssignmentNetwork` with costs scaled by 2^20 and rounded up
    /// in value, so the result can only overstate the true value (by under 2^-20 per parent), which
    /// keeps the bound valid.
    private func exactValue(_ chosen: [Int], _ touched: [Int32], _ price: [Double]) -> (Double, [Int32]) {
        let scale = Double(1 << 20)
        let parentBase = 2 + chosen.count
        var network = AssignmentNetwork(nodes: parentBase + touched.count)
        network.addArc(from: 1, to: AssignmentNetwork.sink, capacity: capacity, cost: 0)
        for (slot, i) in chosen.enumerated() { network.addArc(from: 2 + slot, to: 1, capacity: groupSizes[i], cost: 0) }
        var local = [Int32: Int](minimumCapacity: touched.count)
        for (k, u) in touched.enumerated() { local[u] = k }
        for (slot, i) in chosen.enumerated() {
            for (j, u32) in members[i].enumerated() {
                guard let k = local[u32] else { continue }
                let value = Double(weights[i][j]) - price[Int(u32)]
                guard value > 0 else { continue }
                network.addArc(from: parentBase + k, to: 2 + slot, capacity: 1, cost: -Int64((value * scale).rounded(.up)))
            }
        }
        var total: Int64 = 0
        for k in touched.indices { total += network.place(parentBase + k) }
        var taken: [Int32] = []
        for (k, u) in touched.enumerated() where network.isAssigned(parentBase + k) { taken.append(u) }
        return (Double(-total) / scale + chosen.reduce(0) { $0 + groupWeights[$1] }, taken)
    }
}

/// Branch-and-bound decisions about one mentor's groups (positions in its subproblem's groups).
struct MentorFixing: Equatable, Sendable {
    /// Groups every configuration must contain.
    var forced: [Int] = []
    /// Groups no configuration may contain.
    var banned: [Int] = []
}

/// The sum of the `count` largest positive values.
func topSum(_ values: some Sequence<Double>, count: Int) -> Double {
    var top: [Double] = []
    top.reserveCapacity(count + 1)
    for value in values where value > 0 {
        if top.count < count {
            top.append(value)
        } else if let smallest = top.min(), value > smallest {
            top[top.firstIndex(of: smallest)!] = value
        }
    }
    return top.reduce(0, +)
}

/// Whether a growing set of parents still fits a configuration's groups. For one or two groups
/// Hall's condition is a few counters (each group's own parents within its size, all of them
/// within the sum); for more, `AssignmentChecker`'s augmenting paths.
struct SeatCounter {
    private let sizes: (Int, Int)
    private var counts = (0, 0, 0)
    private var general: AssignmentChecker?

    init(binSizes: [Int]) {
        switch binSizes.count {
        case 1: sizes = (binSizes[0], 0)
        case 2: sizes = (binSizes[0], binSizes[1])
        default:
            sizes = (0, 0)
            general = AssignmentChecker(binSizes: binSizes)
        }
    }

    /// Adds an element that fits the bins whose bits are set in `slots` (non-zero); false (and no
    /// change) when the set would not be assignable.
    mutating func insert(slots: UInt64) -> Bool {
        if general != nil { return general!.insert(slots: slots) }
        var next = counts
        switch slots {
        case 1: next.0 += 1
        case 2: next.1 += 1
        default: next.2 += 1
        }
        guard next.0 <= sizes.0, next.1 <= sizes.1, next.0 + next.1 + next.2 <= sizes.0 + sizes.1 else { return false }
        counts = next
        return true
    }
}

/// Keeps a set of elements assignable to a few bins of given sizes (at most 64 bins), inserting
/// with augmenting paths: Hall's condition for a bipartite b-matching, checked incrementally.
struct AssignmentChecker {
    private var members: [[Int]]
    private var slotsOf: [UInt64] = []
    private let binSizes: [Int]

    init(binSizes: [Int]) {
        members = Array(repeating: [], count: binSizes.count)
        self.binSizes = binSizes
    }

    /// Adds an element that fits the bins whose bits are set in `slots`; false (and no change)
    /// when the set would not be assignable.
    mutating func insert(slots: UInt64) -> Bool {
        let element = slotsOf.count
        slotsOf.append(slots)
        var visited: UInt64 = 0
        if place(element, &visited) { return true }
        slotsOf.removeLast()
        return false
    }

    private mutating func place(_ element: Int, _ visited: inout UInt64) -> Bool {
        var bins = slotsOf[element] & ~visited
        while bins != 0 {
            let bin = bins.trailingZeroBitCount
            bins &= bins - 1
            if members[bin].count < binSizes[bin] {
                members[bin].append(element)
                return true
            }
        }
        bins = slotsOf[element] & ~visited
        while bins != 0 {
            let bin = bins.trailingZeroBitCount
            bins &= bins - 1
            visited |= 1 << UInt64(bin)
            for (position, other) in members[bin].enumerated() where place(other, &visited) {
                members[bin][position] = element
                return true
            }
        }
        return false
    }
}
