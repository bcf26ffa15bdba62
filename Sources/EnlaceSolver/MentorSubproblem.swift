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
    /// Sums of the k largest group sizes and of the k best group weights, k = 0...maxGroups.
    let largestSeats: [Int]
    let bestGroupWeights: [Double]
    /// Buffers reused by `solve`.
    let workspace: SubproblemWorkspace
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
        let largest = groupSizes.sorted(by: >), heaviest = groupWeights.sorted(by: >)
        largestSeats = (0...maxGroups).map { largest.prefix($0).reduce(0, +) }
        bestGroupWeights = (0...maxGroups).map { heaviest.prefix($0).reduce(0, +) }
        workspace = SubproblemWorkspace(Scratch(parents: union.count, groups: groups.count, maxGroups: maxGroups))
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
        var scratch = workspace.take()
        defer { workspace.scratch = scratch }
        for (u, p) in parents.enumerated() {
            scratch.price[u] = lambda[Int(p)]
            scratch.reduced[u] = Double(base[u]) - scratch.price[u]
        }
        // Read-only from here on (the lets share the scratch's storage until the call ends).
        let price = scratch.price, reduced = scratch.reduced
        // Every group forced or banned (a mentor the neighbourhood search holds fixed): the forced
        // configuration is the only one, and only its members need ranking.
        let fixed = !forced.isEmpty && forced.count + fixing.banned.count == groups.count
        // The parents worth something at their base weight, best first: a uniform group's members
        // weigh their base in it, so a configuration of uniform groups takes its parents in this order.
        scratch.ranked.removeAll(keepingCapacity: true)
        for u in reduced.indices where reduced[u] > 0 {
            let word = u / 64, bit = UInt64(1) << UInt64(u % 64)
            if !fixed || forced.contains(where: { memberBits[$0][word] & bit != 0 }) { scratch.ranked.append(Int32(u)) }
        }
        scratch.ranked.sort { (reduced[Int($0)], -$0) > (reduced[Int($1)], -$1) }
        let ranked = scratch.ranked
        // Each uniform group's ranked members as bits by rank position, so that a walk visits only
        // the members of its configuration, in rank order, instead of every ranked parent.
        let words = (ranked.count + 63) / 64
        scratch.rankWords = words
        for (k, u) in ranked.enumerated() { scratch.position[Int(u)] = Int32(k) }
        scratch.rankBits.removeAll(keepingCapacity: true)
        scratch.rankBits.append(contentsOf: repeatElement(0, count: groups.count * words))
        for i in groups.indices where uniform[i] && (!fixed || forced.contains(i)) {
            for u in members[i] where reduced[Int(u)] > 0 {
                let k = Int(scratch.position[Int(u)])
                scratch.rankBits[i * words + k / 64] |= 1 << UInt64(k % 64)
            }
        }
        var best: (value: Double, groups: [Int], parents: [Int32]) = (0, [], [])
        /// The configuration's value; the parents it takes are left in `scratch.taken`.
        func evaluate(_ configuration: [Int], threshold: Double? = nil) -> Double {
            configuration.allSatisfy { uniform[$0] } ? walk(configuration, ranked, reduced, &scratch)
                : configurationValue(configuration, price, &scratch, threshold: threshold ?? best.value)
        }
        func takenParents() -> [Int32] { scratch.taken.map { parents[Int($0)] } }
        if fixed { return (evaluate(forced, threshold: -.infinity), forced, takenParents()) }
        for u in parents.indices { scratch.upper[u] = 0 }
        for i in groups.indices {
            for (j, u32) in members[i].enumerated() {
                let u = Int(u32)
                scratch.upper[u] = max(scratch.upper[u], Double(weights[i][j]) - price[u])
            }
        }
        let upper = scratch.upper
        for i in groups.indices {
            let single = topSum(members[i], of: upper, count: min(groupSizes[i], capacity), buffer: &scratch.top) + groupWeights[i]
            scratch.singles[i] = single
        }
        let singles = scratch.singles
        scratch.order.removeAll(keepingCapacity: true)
        for i in groups.indices where singles[i] > 0 && !forced.contains(i) && !fixing.banned.contains(i) { scratch.order.append(i) }
        scratch.order.sort { (singles[$0], -$0) > (singles[$1], -$1) }
        let order = scratch.order
        // A configuration of k groups is also worth at most the mentor's best min(seats of the k
        // largest groups, capacity) parents plus the k best group weights; `deepest[k]` is the
        // most any configuration of k or more groups is worth that way. When the capacity binds,
        // this ends the search early.
        scratch.sortedUpper.removeAll(keepingCapacity: true)
        for value in upper where value > 0 { scratch.sortedUpper.append(value) }
        scratch.sortedUpper.sort(by: >)
        var taken = 0, prefix = 0.0
        for k in 0...maxGroups {
            while taken < min(largestSeats[k], capacity, scratch.sortedUpper.count) {
                prefix += scratch.sortedUpper[taken]
                taken += 1
            }
            scratch.deepest[k] = prefix + bestGroupWeights[k]
        }
        for k in stride(from: maxGroups - 1, through: 0, by: -1) { scratch.deepest[k] = max(scratch.deepest[k], scratch.deepest[k + 1]) }
        let deepest = scratch.deepest
        if !forced.isEmpty {
            best = (evaluate(forced, threshold: -.infinity), forced, takenParents())
        }
        if !hint.isEmpty && forced.allSatisfy(hint.contains) && !hint.contains(where: fixing.banned.contains) {
            let value = evaluate(hint)
            if value > best.value { best = (value, hint, takenParents()) }
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
                if deepest[chosen.count + 1] <= best.value { break }
                chosen.append(i)
                let value = evaluate(chosen)
                if value > best.value { best = (value, chosen, takenParents()) }
                if chosen.count < maxGroups { visit(from: k + 1, optimistic: optimistic + singles[i]) }
                chosen.removeLast()
            }
        }
        if chosen.count < maxGroups { visit(from: 0, optimistic: forced.reduce(0) { $0 + singles[$1] }) }
        return best
    }

    /// Per-parent and per-group buffers of `solve` and its helpers, reused from call to call
    /// (`SubproblemWorkspace`).
    struct Scratch {
        var price: [Double], upper: [Double], reduced: [Double]
        var value: [Double]
        var slots: [UInt64]
        var stamp: [Int]
        /// A parent's node in `exactValue`'s network.
        var node: [Int32]
        var generation = 0
        var ranked: [Int32] = [], singles: [Double], order: [Int] = []
        var sortedUpper: [Double] = [], deepest: [Double], top: [Double] = []
        /// The parents (local indices) the last evaluated configuration takes.
        var taken: [Int32] = []
        var touched: [Int32] = [], refused: [UInt64] = []
        /// Rank positions of the ranked parents (valid for ranked parents only), and per group
        /// `rankWords` words of bits by rank position, set for its ranked members (uniform groups).
        var position: [Int32]
        var rankBits: [UInt64] = [], rankWords = 0
        var network = AssignmentNetwork(nodes: 0)

        init(parents: Int, groups: Int, maxGroups: Int) {
            price = Array(repeating: 0, count: parents)
            upper = price
            reduced = price
            value = price
            slots = Array(repeating: 0, count: parents)
            stamp = Array(repeating: -1, count: parents)
            node = Array(repeating: 0, count: parents)
            position = Array(repeating: 0, count: parents)
            singles = Array(repeating: 0, count: groups)
            deepest = Array(repeating: 0, count: maxGroups + 1)
        }

        init() {
            self.init(parents: 0, groups: 0, maxGroups: 0)
        }
    }

    /// The greedy (matroid) assignment for a configuration of uniform groups: walk the mentor's
    /// parents best first (`ranked`: those worth something, by reduced base weight) and keep each
    /// member of a chosen group that the configuration can still seat. Exact for such groups.
    /// Returns the value; the parents taken are left in `scratch.taken`.
    ///
    /// A parent refused with a set of possible groups S stays refused, and so does any later parent
    /// whose possible groups are a subset of S (it could only take the same seats, and the set of
    /// seated parents only grows), so those are skipped without a matching search.
    ///
    /// The members come from `scratch.rankBits`: the words of the chosen groups, OR-ed, give the
    /// configuration's ranked members in rank order.
    ///
    /// - Complexity: O(ranked parents / 64 × configuration size + members visited × configuration
    ///   size), stopping once the seats are full.
    private func walk(_ chosen: [Int], _ ranked: [Int32], _ reduced: [Double], _ scratch: inout Scratch) -> Double {
        var assignment = SeatCounter(chosen, sizes: groupSizes)
        let seats = min(capacity, chosen.reduce(0) { $0 + groupSizes[$1] })
        var total = chosen.reduce(0) { $0 + groupWeights[$1] }
        scratch.taken.removeAll(keepingCapacity: true)
        scratch.refused.removeAll(keepingCapacity: true)
        let words = scratch.rankWords
        scan: for w in 0..<words {
            var any: UInt64 = 0
            for i in chosen { any |= scratch.rankBits[i * words + w] }
            while any != 0 {
                guard scratch.taken.count < seats else { break scan }
                let b = any.trailingZeroBitCount
                any &= any - 1
                let bit = UInt64(1) << UInt64(b)
                var slots: UInt64 = 0
                for (slot, i) in chosen.enumerated() where scratch.rankBits[i * words + w] & bit != 0 { slots |= 1 << UInt64(slot) }
                guard !scratch.refused.contains(where: { slots & ~$0 == 0 }) else { continue }
                guard assignment.insert(slots: slots) else {
                    scratch.refused.append(slots)
                    continue
                }
                let u32 = ranked[w * 64 + b]
                total += reduced[Int(u32)]
                scratch.taken.append(u32)
            }
        }
        return total
    }

    /// Greedy (matroid) assignment of parents to the configuration, by best reduced weight over it
    /// (or `exactValue` when `exactMixed`). Returns the value; the parents taken (local indices)
    /// are left in `scratch.taken`.
    private func configurationValue(_ chosen: [Int], _ price: [Double], _ scratch: inout Scratch,
                                    threshold: Double) -> Double {
        scratch.generation += 1
        scratch.touched.removeAll(keepingCapacity: true)
        for (slot, i) in chosen.enumerated() {
            for (j, u32) in members[i].enumerated() {
                let u = Int(u32), value = Double(weights[i][j]) - price[u]
                guard value > 0 else { continue }
                if scratch.stamp[u] != scratch.generation {
                    scratch.stamp[u] = scratch.generation
                    scratch.value[u] = value
                    scratch.slots[u] = 0
                    scratch.touched.append(u32)
                }
                scratch.value[u] = max(scratch.value[u], value)
                scratch.slots[u] |= 1 << UInt64(slot)
            }
        }
        let value = scratch.value
        scratch.touched.sort { (value[Int($0)], -$0) > (value[Int($1)], -$1) }
        var assignment = SeatCounter(chosen, sizes: groupSizes)
        var total = chosen.reduce(0) { $0 + groupWeights[$1] }
        scratch.taken.removeAll(keepingCapacity: true)
        for u in scratch.touched {
            guard scratch.taken.count < capacity else { break }
            if assignment.insert(slots: scratch.slots[Int(u)]) {
                total += value[Int(u)]
                scratch.taken.append(u)
            }
        }
        // The greedy value overstates the exact one; only a configuration that could beat the
        // best so far needs the exact value.
        if exactMixed && total > threshold { return exactValue(chosen, price, &scratch) }
        return total
    }

    /// The exact best assignment of parents (`scratch.touched`) to a mixed configuration (a
    /// parent's weight differs between its groups): a small `AssignmentNetwork` with costs scaled
    /// by 2^20 and rounded up in value, so the result can only overstate the true value (by under
    /// 2^-20 per parent), which keeps the bound valid. The parents taken are left in `scratch.taken`.
    private func exactValue(_ chosen: [Int], _ price: [Double], _ scratch: inout Scratch) -> Double {
        let scale = Double(1 << 20)
        let parentBase = 2 + chosen.count
        scratch.network.reset(nodes: parentBase + scratch.touched.count)
        scratch.network.addArc(from: 1, to: AssignmentNetwork.sink, capacity: capacity, cost: 0)
        for (slot, i) in chosen.enumerated() { scratch.network.addArc(from: 2 + slot, to: 1, capacity: groupSizes[i], cost: 0) }
        for (k, u) in scratch.touched.enumerated() { scratch.node[Int(u)] = Int32(parentBase + k) }
        for (slot, i) in chosen.enumerated() {
            for (j, u32) in members[i].enumerated() {
                // Exactly the members worth something are in `touched`, and so have a node.
                let value = Double(weights[i][j]) - price[Int(u32)]
                guard value > 0 else { continue }
                scratch.network.addArc(from: Int(scratch.node[Int(u32)]), to: 2 + slot, capacity: 1, cost: -Int64((value * scale).rounded(.up)))
            }
        }
        var total: Int64 = 0
        for k in scratch.touched.indices { total += scratch.network.place(parentBase + k) }
        scratch.taken.removeAll(keepingCapacity: true)
        for (k, u) in scratch.touched.enumerated() where scratch.network.isAssigned(parentBase + k) { scratch.taken.append(u) }
        return Double(-total) / scale + chosen.reduce(0) { $0 + groupWeights[$1] }
    }
}

/// The buffers one subproblem's `solve` reuses from call to call: a branch and bound calls it tens
/// of thousands of times, and allocating them on every call was a third of its time. A subproblem
/// is solved by one thread at a time (`LagrangianRelaxation.solveStale` gives each mentor to one
/// iteration; every other caller is sequential), which is why copies of a subproblem may share it
/// and why it may be marked Sendable.
final class SubproblemWorkspace: @unchecked Sendable {
    var scratch: MentorSubproblem.Scratch

    init(_ scratch: MentorSubproblem.Scratch) { self.scratch = scratch }

    /// The buffers, moved out (so that the caller's copy is unique and mutated in place); the
    /// caller puts them back when done.
    func take() -> MentorSubproblem.Scratch {
        var taken = MentorSubproblem.Scratch()
        swap(&taken, &scratch)
        return taken
    }
}

/// Branch-and-bound decisions about one mentor's groups (positions in its subproblem's groups).
struct MentorFixing: Equatable, Sendable {
    /// Groups every configuration must contain.
    var forced: [Int] = []
    /// Groups no configuration may contain.
    var banned: [Int] = []
}

/// The sum of the `count` largest positive `values[i]` over `indices`; `buffer` is scratch space.
func topSum(_ indices: [Int32], of values: [Double], count: Int, buffer top: inout [Double]) -> Double {
    top.removeAll(keepingCapacity: true)
    var smallest = 0
    for i in indices {
        let value = values[Int(i)]
        guard value > 0 else { continue }
        if top.count < count {
            top.append(value)
            if top.count == count { smallest = top.indices.min { top[$0] < top[$1] }! }
        } else if count > 0 && value > top[smallest] {
            top[smallest] = value
            smallest = top.indices.min { top[$0] < top[$1] }!
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

    /// Bins `bins` (positions in `sizes`), of sizes `sizes[bin]`.
    init(_ bins: [Int], sizes binSizes: [Int]) {
        switch bins.count {
        case 1: sizes = (binSizes[bins[0]], 0)
        case 2: sizes = (binSizes[bins[0]], binSizes[bins[1]])
        default:
            sizes = (0, 0)
            general = AssignmentChecker(binSizes: bins.map { binSizes[$0] })
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
