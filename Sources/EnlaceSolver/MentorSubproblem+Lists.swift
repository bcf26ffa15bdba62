import EnlaceCore

// Each group's ranked list under the current prices, and the value of a configuration over the
// lists (the argument is in `MentorSubproblem`'s documentation). The per-parent buffers these
// loops read and write (`FixedBuffer`), and `SeatCounter`, are in this file so that they are
// inlined into the loops in every build, not only with whole-module optimization.

extension MentorSubproblem {
    /// Ranks each group's members under prices `lambda` (`rank(group:)`): every group but the
    /// banned ones, or with `onlyForced` only the forced ones (the others' lists left empty).
    func rankGroups(lambda: [Double], fixing: MentorFixing, onlyForced: Bool, _ scratch: inout Scratch) {
        let price = scratch.price
        for (u, p) in parents.enumerated() { price[u] = lambda[Int(p)] }
        for i in groups.indices {
            if onlyForced ? fixing.forced.contains(i) : !fixing.banned.contains(i) {
                rank(group: i, &scratch)
            } else {
                scratch.listCount[i] = 0
            }
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

    /// Each group's value alone, into `scratch.singles` (returned): its weight plus the best of its
    /// list up to its size. Exact for one group (one kind of weight); a configuration is worth at
    /// most the sum of its groups'.
    func singleValues(_ scratch: inout Scratch) -> [Double] {
        for i in groups.indices {
            let base = i * capacity
            var single = groupWeights[i]
            for k in 0..<min(groupSizes[i], scratch.listCount[i]) { single += scratch.listValue[base + k] }
            scratch.singles[i] = single
        }
        return scratch.singles
    }

    /// The `capacity` best listed weights of distinct parents, each parent at its best over the
    /// groups' lists, best first, into `scratch.topValues`.
    func bestListedValues(_ scratch: inout Scratch) {
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
    func seatBound(_ chosen: [Int], _ scratch: inout Scratch) -> Double {
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
    func configurationValue(_ chosen: [Int], _ scratch: inout Scratch, threshold: Double) -> Double {
        let mixed = collectListed(chosen, &scratch)
        let total = greedyValue(chosen, &scratch)
        if mixed && total > threshold { return exactValue(chosen, &scratch) }
        return total
    }

    /// Stamps the parents listed in the configuration's groups with a new generation, each with
    /// its best listed weight and the groups it is listed in (bits by position in `chosen`), into
    /// `scratch.touched`; true when a parent is listed with different weights (mixed kinds).
    private func collectListed(_ chosen: [Int], _ scratch: inout Scratch) -> Bool {
        let length = capacity
        scratch.generation += 1
        let generation = scratch.generation
        let stamp = scratch.stamp, best = scratch.value, slots = scratch.slots
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
        return mixed
    }

    /// The greedy over the parents `collectListed` stamped: the lists merged best first (a
    /// parent's first appearance carries its best weight), each parent taken when the
    /// configuration can still seat it, into `scratch.taken`. Returns the value.
    private func greedyValue(_ chosen: [Int], _ scratch: inout Scratch) -> Double {
        let length = capacity, generation = scratch.generation
        let best = scratch.value, slots = scratch.slots, seen = scratch.seen
        let listParent = scratch.listParent, listValue = scratch.listValue, listCount = scratch.listCount
        var assignment = SeatCounter(chosen, sizes: groupSizes)
        let seats = min(capacity, chosen.reduce(0) { $0 + groupSizes[$1] })
        var total = chosen.reduce(0) { $0 + groupWeights[$1] }
        scratch.taken.removeAll(keepingCapacity: true)
        scratch.heads.removeAll(keepingCapacity: true)
        scratch.heads.append(contentsOf: repeatElement(0, count: chosen.count))
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
        return total
    }

    /// The exact best assignment of the listed parents (`scratch.touched`) to a configuration in
    /// which some weigh more in one group than another: a small `AssignmentNetwork` with costs
    /// scaled by `exactScale` and rounded up in value, so the result can only overstate the true
    /// value (by under 1/`exactScale` per parent), which keeps the bound valid. The parents taken
    /// are left in `scratch.taken`.
    private func exactValue(_ chosen: [Int], _ scratch: inout Scratch) -> Double {
        let scale = Self.exactScale
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

    /// The scale of `exactValue`'s integer costs: fine enough that rounding up by less than
    /// 1/2^20 a parent leaves the value within `seatBoundMargin`, coarse enough that a mentor's
    /// costs stay far inside Int64.
    static let exactScale = Double(1 << 20)
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
