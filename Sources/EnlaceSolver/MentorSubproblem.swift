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
/// K·T listed parents whenever the overstatement could make it the best. (Before the lists, that
/// flow ran over every member and was kept for small models; elsewhere the overstatement stood,
/// and the bound at 4,000 parents converged 1,400 points, 0.4%, higher.)
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

    /// The best configuration under prices `lambda`: its value (≥ 0; the empty configuration is
    /// worth 0), its groups (as positions in `groups`), and the parents it takes (model indices).
    ///
    /// - Complexity: O(pairs of the mentor × log T) to rank the groups' members, then a depth-first
    ///   search over configurations of at most K groups, pruned by the sum of single-group values
    ///   and by the best seats any configuration of that many groups could fill. A configuration
    ///   of two or more groups is then bounded from its lists' heads (`seatBound`, O(K·T)) and
    ///   valued (O(K²·T)) only when the bound could beat the best so far: at 4,000 parents one in
    ///   six is.
    ///
    /// `hint` (positions in `groups`, usually the previous answer) is evaluated first: prices move
    /// little between evaluations, so it is often still best, and its value prunes the search.
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
        let price = scratch.price
        for (u, p) in parents.enumerated() { price[u] = lambda[Int(p)] }
        // Every group forced or banned (a mentor the neighbourhood search holds fixed): the forced
        // configuration is the only one, and only its groups need ranking.
        let fixed = !forced.isEmpty && forced.count + fixing.banned.count == groups.count
        for i in groups.indices {
            if fixed ? forced.contains(i) : !fixing.banned.contains(i) {
                rank(group: i, &scratch)
            } else {
                scratch.listCount[i] = 0
            }
        }
        var best: (value: Double, groups: [Int], parents: [Int32]) = (0, [], [])
        func takenParents() -> [Int32] { scratch.taken.map { parents[Int($0)] } }
        if fixed { return (configurationValue(forced, &scratch, threshold: -.infinity), forced, takenParents()) }
        // A group alone is worth the best of its list up to its size (one kind of weight: exact);
        // a configuration at most the sum of its groups'.
        for i in groups.indices {
            let base = i * capacity
            var single = groupWeights[i]
            for k in 0..<min(groupSizes[i], scratch.listCount[i]) { single += scratch.listValue[base + k] }
            scratch.singles[i] = single
        }
        let singles = scratch.singles
        scratch.order.removeAll(keepingCapacity: true)
        for i in groups.indices where singles[i] > 0 && !forced.contains(i) && !fixing.banned.contains(i) { scratch.order.append(i) }
        scratch.order.sort { (singles[$0], -$0) > (singles[$1], -$1) }
        let order = scratch.order
        // A configuration of k groups is also worth at most the best min(seats of the k largest
        // groups, capacity) parents, each at its best listed weight, plus the k best group weights;
        // `deepest[k]` is the most any configuration of k or more groups is worth that way. When
        // the capacity binds, this ends the search early.
        bestListedValues(&scratch)
        var prefix = 0.0, taken = 0
        for k in 0...maxGroups {
            while taken < min(largestSeats[k], scratch.topValues.count) {
                prefix += scratch.topValues[taken]
                taken += 1
            }
            scratch.deepest[k] = prefix + bestGroupWeights[k]
        }
        for k in stride(from: maxGroups - 1, through: 0, by: -1) { scratch.deepest[k] = max(scratch.deepest[k], scratch.deepest[k + 1]) }
        let deepest = scratch.deepest
        if !forced.isEmpty {
            best = (configurationValue(forced, &scratch, threshold: -.infinity), forced, takenParents())
        }
        if !hint.isEmpty && forced.allSatisfy(hint.contains) && !hint.contains(where: fixing.banned.contains) {
            let value = configurationValue(hint, &scratch, threshold: best.value)
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
                // (The margin covers rounding: `exactValue` rounds its weights up by up to 2^-20.)
                if chosen.count == 1 || seatBound(chosen, &scratch) > best.value - 1e-4 {
                    let value = configurationValue(chosen, &scratch, threshold: best.value)
                    if value > best.value { best = (value, chosen, takenParents()) }
                }
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
        /// Prices by local parent index.
        let price: FixedBuffer<Double>
        /// Group i's ranked list: `listCount[i]` entries from `i × capacity` on, best first, of
        /// its members worth something (local index, reduced weight).
        let listParent: FixedBuffer<Int32>, listValue: FixedBuffer<Double>, listCount: FixedBuffer<Int>
        /// Per local parent, for the configuration being valued: its best listed weight, the
        /// configuration's groups it is listed in (bits by position in the configuration), and
        /// stamps saying which entries are current and which parents the greedy has seen.
        let value: FixedBuffer<Double>
        let slots: FixedBuffer<UInt64>
        let stamp: FixedBuffer<Int>, seen: FixedBuffer<Int>
        var generation = 0
        /// The listed parents of the configuration being valued (local indices), each once.
        var touched: [Int32] = []
        /// Each configuration group's next list position in the greedy's merge.
        var heads: [Int] = []
        /// A parent's node in `exactValue`'s network.
        let node: FixedBuffer<Int32>
        var singles: [Double], order: [Int] = []
        var topValues: [Double] = [], deepest: [Double]
        /// The parents (local indices) the last valued configuration takes.
        var taken: [Int32] = []
        var network = AssignmentNetwork(nodes: 0)

        init(parents: Int, groups: Int, maxGroups: Int, listLength: Int) {
            price = FixedBuffer(repeating: 0, count: parents)
            listParent = FixedBuffer(repeating: 0, count: groups * listLength)
            listValue = FixedBuffer(repeating: 0, count: groups * listLength)
            listCount = FixedBuffer(repeating: 0, count: groups)
            value = FixedBuffer(repeating: 0, count: parents)
            slots = FixedBuffer(repeating: 0, count: parents)
            stamp = FixedBuffer(repeating: -1, count: parents)
            seen = FixedBuffer(repeating: -1, count: parents)
            node = FixedBuffer(repeating: 0, count: parents)
            singles = Array(repeating: 0, count: groups)
            deepest = Array(repeating: 0, count: maxGroups + 1)
        }

        init() {
            self.init(parents: 0, groups: 0, maxGroups: 0, listLength: 0)
        }
    }

    /// Fills group i's ranked list: its best `capacity` members by reduced weight, worth more than
    /// nothing, best first, ties to the lower index (a bounded insertion).
    private func rank(group i: Int, _ scratch: inout Scratch) {
        let length = capacity, base = i * length
        let groupMembers = members[i], groupWeights = weights[i]
        let price = scratch.price, values = scratch.listValue, listed = scratch.listParent
        var count = 0
        for j in groupMembers.indices {
            let u = groupMembers[j]
            let value = Double(groupWeights[j]) - price[Int(u)]
            guard value > 0 else { continue }
            var k: Int
            if count < length {
                k = count
                count += 1
            } else {
                let last = base + length - 1
                guard length > 0, value > values[last] || (value == values[last] && u < listed[last]) else { continue }
                k = length - 1
            }
            while k > 0 {
                let before = base + k - 1
                guard value > values[before] || (value == values[before] && u < listed[before]) else { break }
                values[before + 1] = values[before]
                listed[before + 1] = listed[before]
                k -= 1
            }
            values[base + k] = value
            listed[base + k] = u
        }
        scratch.listCount[i] = count
    }

    /// The `capacity` best listed weights of distinct parents, each parent at its best over the
    /// groups' lists, best first, into `scratch.topValues`.
    private func bestListedValues(_ scratch: inout Scratch) {
        scratch.generation += 1
        let generation = scratch.generation
        let stamp = scratch.stamp, best = scratch.value, listParent = scratch.listParent, listValue = scratch.listValue
        scratch.touched.removeAll(keepingCapacity: true)
        for i in groups.indices {
            let base = i * capacity
            for k in 0..<scratch.listCount[i] {
                let u = Int(listParent[base + k]), value = listValue[base + k]
                if stamp[u] != generation {
                    stamp[u] = generation
                    best[u] = value
                    scratch.touched.append(Int32(u))
                } else if value > best[u] {
                    best[u] = value
                }
            }
        }
        scratch.topValues.removeAll(keepingCapacity: true)
        guard capacity > 0 else { return }
        for u in scratch.touched {
            let value = best[Int(u)]
            if scratch.topValues.count == capacity {
                guard value > scratch.topValues[capacity - 1] else { continue }
                scratch.topValues.removeLast()
            }
            var k = scratch.topValues.count
            scratch.topValues.append(value)
            while k > 0 && scratch.topValues[k - 1] < value {
                scratch.topValues[k] = scratch.topValues[k - 1]
                k -= 1
            }
            scratch.topValues[k] = value
        }
    }

    /// An upper bound on configuration `chosen`'s value, cheaper than the value itself: its groups'
    /// weights plus its best listed weights, at most each group's size from its list and at most
    /// the configuration's seats in all, as if no parent were listed in two of its groups (a
    /// parent listed twice may be counted twice). A merge of the lists' heads, no parent stamped.
    private func seatBound(_ chosen: [Int], _ scratch: inout Scratch) -> Double {
        let length = capacity, listValue = scratch.listValue, listCount = scratch.listCount
        var total = 0.0, seats = 0
        for i in chosen {
            total += groupWeights[i]
            seats += groupSizes[i]
        }
        scratch.heads.removeAll(keepingCapacity: true)
        scratch.heads.append(contentsOf: repeatElement(0, count: chosen.count))
        for _ in 0..<min(seats, capacity) {
            var pick = -1, pickValue = 0.0
            for (slot, i) in chosen.enumerated() where scratch.heads[slot] < min(listCount[i], groupSizes[i]) {
                let value = listValue[i * length + scratch.heads[slot]]
                if pick < 0 || value > pickValue { (pick, pickValue) = (slot, value) }
            }
            guard pick >= 0 else { break }
            scratch.heads[pick] += 1
            total += pickValue
        }
        return total
    }

    /// The value of configuration `chosen` (positions in `groups`) over its groups' ranked lists:
    /// greedy, best weight first (a merge of the lists), each parent taken when the configuration
    /// can still seat it; exact unless a listed parent weighs more in one of the groups than in
    /// another, and then valued by `exactValue` when the greedy's value exceeds `threshold` (below
    /// it, the greedy's overstatement is returned: the configuration cannot be the best). The
    /// parents taken (local indices) are left in `scratch.taken`.
    private func configurationValue(_ chosen: [Int], _ scratch: inout Scratch, threshold: Double) -> Double {
        let length = capacity
        scratch.generation += 1
        let generation = scratch.generation
        let stamp = scratch.stamp, best = scratch.value, slots = scratch.slots, seen = scratch.seen
        let listParent = scratch.listParent, listValue = scratch.listValue, listCount = scratch.listCount
        scratch.touched.removeAll(keepingCapacity: true)
        var mixed = false
        for (slot, i) in chosen.enumerated() {
            let base = i * length
            for k in 0..<listCount[i] {
                let u = Int(listParent[base + k]), value = listValue[base + k]
                if stamp[u] != generation {
                    stamp[u] = generation
                    best[u] = value
                    slots[u] = 1 << UInt64(slot)
                    scratch.touched.append(Int32(u))
                } else {
                    if value != best[u] {
                        mixed = true
                        best[u] = max(best[u], value)
                    }
                    slots[u] |= 1 << UInt64(slot)
                }
            }
        }
        var assignment = SeatCounter(chosen, sizes: groupSizes)
        let seats = min(capacity, chosen.reduce(0) { $0 + groupSizes[$1] })
        var total = chosen.reduce(0) { $0 + groupWeights[$1] }
        scratch.taken.removeAll(keepingCapacity: true)
        scratch.heads.removeAll(keepingCapacity: true)
        scratch.heads.append(contentsOf: repeatElement(0, count: chosen.count))
        // The lists merged best first: a parent's first appearance carries its best weight.
        while scratch.taken.count < seats {
            var pick = -1, pickValue = 0.0, pickParent: Int32 = 0
            for (slot, i) in chosen.enumerated() where scratch.heads[slot] < listCount[i] {
                let entry = i * length + scratch.heads[slot]
                let value = listValue[entry], u = listParent[entry]
                if pick < 0 || value > pickValue || (value == pickValue && u < pickParent) {
                    pick = slot
                    pickValue = value
                    pickParent = u
                }
            }
            guard pick >= 0 else { break }
            scratch.heads[pick] += 1
            let u = Int(pickParent)
            guard seen[u] != generation else { continue }
            seen[u] = generation
            if assignment.insert(slots: slots[u]) {
                total += best[u]
                scratch.taken.append(pickParent)
            }
        }
        if mixed && total > threshold { return exactValue(chosen, &scratch) }
        return total
    }

    /// The exact best assignment of the listed parents (`scratch.touched`) to a configuration in
    /// which some weigh more in one group than another: a small `AssignmentNetwork` with costs
    /// scaled by 2^20 and rounded up in value, so the result can only overstate the true value (by
    /// under 2^-20 per parent), which keeps the bound valid. The parents taken are left in
    /// `scratch.taken`.
    private func exactValue(_ chosen: [Int], _ scratch: inout Scratch) -> Double {
        let scale = Double(1 << 20)
        let parentBase = 2 + chosen.count
        scratch.network.reset(nodes: parentBase + scratch.touched.count)
        scratch.network.addArc(from: 1, to: AssignmentNetwork.sink, capacity: capacity, cost: 0)
        for (slot, i) in chosen.enumerated() { scratch.network.addArc(from: 2 + slot, to: 1, capacity: groupSizes[i], cost: 0) }
        for (k, u) in scratch.touched.enumerated() { scratch.node[Int(u)] = Int32(parentBase + k) }
        for (slot, i) in chosen.enumerated() {
            let base = i * capacity
            for k in 0..<scratch.listCount[i] {
                let u = Int(scratch.listParent[base + k]), value = scratch.listValue[base + k]
                scratch.network.addArc(from: Int(scratch.node[u]), to: 2 + slot, capacity: 1, cost: -Int64((value * scale).rounded(.up)))
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
    /// What stands in `scratch` while the buffers are taken: made once, so that taking them
    /// allocates nothing.
    private let placeholder = MentorSubproblem.Scratch()

    init(_ scratch: MentorSubproblem.Scratch) { self.scratch = scratch }

    /// The buffers, moved out (so that the caller's copy is unique and mutated in place); the
    /// caller puts them back when done.
    func take() -> MentorSubproblem.Scratch {
        var taken = placeholder
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

/// A fixed-size buffer of plain values, read and written in place: the subproblem's per-parent
/// and per-list scratch, touched hundreds of millions of times in a run, where an array's
/// copy-on-write check on every write inside an `inout` struct showed in profiles. Indices are
/// not checked (the subproblem computes them from its own sizes; the tests compare its answers
/// with enumeration).
final class FixedBuffer<Element> {
    private let base: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating value: Element, count: Int) {
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }
}
