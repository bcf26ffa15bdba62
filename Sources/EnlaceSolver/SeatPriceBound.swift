import Dispatch
import EnlaceCore

/// A score bound for districts too large to search whole that, unlike the coverage bound's best
/// weights, knows *where* each parent scores: a transportation relaxation (parents to mentors'
/// seats), bounded through its dual.
///
/// *Relaxation.* Mentor m seats at most `CoverageBound.seats(m)` parents; group sizes, overlaps
/// and which groups open are dropped, and a parent placed with m earns its best weight in m's
/// groups that admit it. The group weights: when every group of m weighs at most γ_m ≤ 0 and
/// holds at most s_m parents, n parents need at least ⌈n / s_m⌉ groups, which cost at least
/// |γ_m|·⌈n / s_m⌉; that step function is at least its convex hull, which charges each of the
/// first s_m·⌊seats / s_m⌋ seats |γ_m| / s_m and each of the r remaining seats |γ_m| / r (a
/// seat tier each, the cheaper filled first). Positive group weights are added as in
/// `CoverageBound`: each mentor's best `maxGroups`. Pricing each tier's seats at μ ≥ 0
/// (Lagrangian duality) bounds the relaxation by
///
///     L(μ) = Σ_p max(0, max_{g admits p} w(p, g) − π_{mentor(g)}) + Σ_tiers seats_t · μ_t,
///     π_m = min over m's tiers t of (cost_t + μ_t),
///
/// for every μ ≥ 0. Subgradient steps (`bound(groupOfParent:target:steps:)`) lower L; every evaluated L
/// is a valid bound, whatever the prices, and the smallest is kept.
///
/// *Weights.* Every fitting pair is scored once, and each parent's best weight over a mentor's
/// groups kept in one byte (rounded up to the list's step, so never below the weight). The solver
/// computes it up to `CoverageBound.exhaustiveScoringPairs` fitting pairs: beyond, scoring every
/// pair takes minutes, and the rules' ceilings (the same in every group) gave a bound looser than
/// `CoverageBound`'s (docs/PERFORMANCE.md, "Large districts"). The steps are a fixed number (no
/// clock), so the bound depends on the model alone.
struct SeatPriceBound {
    /// The mentor of each list (mentors with seats whose groups admit someone).
    private var mentorOfList: [Int] = []
    /// Each mentor's parents and their best weights there (`offset + code × step`).
    private var lists: [[Int32]] = []
    private var codes: [[UInt8]] = []
    private var offset: [Double] = []
    private var step: [Double] = []
    private let model: MatchModel
    /// Two seat tiers per mentor (`2m`, `2m + 1`): their seats and each seat's group cost.
    private var tierSeats: [Int] = []
    private var tierCost: [Double] = []
    /// Per group: every parent fitting it (`MatchModel.fittingParents(of:)`) and each one's weight
    /// there (`groupOffset + code × groupStep`, rounded up like the mentors' lists), for the
    /// configuration bound (`ConfigurationBound`), which values the groups one by one.
    private(set) var groupParents: [[Int32]] = []
    private var groupCodes: [[UInt8]] = []
    private var groupOffset: [Double] = []
    private var groupStep: [Double] = []

    /// The seat-price bound and the parent prices of the evaluation that gave it: each parent's
    /// best priced weight (at least zero), the Lagrangian prices the configuration bound starts
    /// from.
    struct Result {
        let bound: Int
        let parentPrices: [Double]
    }

    /// The bound for `model` after `steps` subgradient steps (see `bound(groupOfParent:target:steps:)`).
    static func compute(_ model: MatchModel, groupOfParent: [Int?], target: Int, steps: Int) -> Int {
        SeatPriceBound(model).bound(groupOfParent: groupOfParent, target: target, steps: steps).bound
    }

    /// The table of weights for `model`: every fitting pair scored once.
    init(_ model: MatchModel) {
        self.model = model
        setTiers()
        let tiers = tierSeats
        let scorers = model.rules.with(.pairScore)
        // One list per mentor: each parent's best weight over the mentor's groups, which is all
        // the relaxation asks (a parent fits several groups of most mentors it fits).
        var scores: [Int] = [], touched: [Int32] = []
        var bestOf = Array(repeating: Int.min, count: model.program.parents.count)
        let groupCount = model.groups.count
        groupParents = Array(repeating: [], count: groupCount)
        groupCodes = Array(repeating: [], count: groupCount)
        groupOffset = Array(repeating: 0, count: groupCount)
        groupStep = Array(repeating: 1, count: groupCount)
        for m in model.program.mentors.indices where tiers[2 * m] + tiers[2 * m + 1] > 0 {
            touched.removeAll(keepingCapacity: true)
            for g in model.groupsOfMentor[m] {
                let list = model.fittingParents(of: g)
                guard !list.isEmpty else { continue }
                scores.removeAll(keepingCapacity: true)
                scores.append(contentsOf: repeatElement(0, count: list.count))
                for scorer in scorers { scorer.rule.score(list, in: model.groups[g], into: &scores) }
                storeGroup(g, parents: list, scores: scores)
                for (i, p) in list.enumerated() {
                    if bestOf[Int(p)] == Int.min { touched.append(p) }
                    bestOf[Int(p)] = max(bestOf[Int(p)], scores[i])
                }
            }
            guard !touched.isEmpty else { continue }
            touched.sort()
            let weights = touched.map { bestOf[Int($0)] }
            for p in touched { bestOf[Int(p)] = Int.min }
            let low = weights.min()!, high = weights.max()!
            let unit = max(1, (high - low + 254) / 255)
            mentorOfList.append(m)
            lists.append(touched)
            codes.append(weights.map { UInt8(($0 - low + unit - 1) / unit) })
            offset.append(Double(low))
            step.append(Double(unit))
        }
    }

    /// Keeps group `g`'s parents and their weights `scores`, one byte each, rounded up.
    private mutating func storeGroup(_ g: Int, parents: [Int32], scores: [Int]) {
        let low = scores.min()!, high = scores.max()!
        let unit = max(1, (high - low + 254) / 255)
        groupParents[g] = parents
        groupCodes[g] = scores.map { UInt8(($0 - low + unit - 1) / unit) }
        groupOffset[g] = Double(low)
        groupStep[g] = Double(unit)
    }

    /// Group `g`'s parents and an upper bound of each one's weight there (exact when the group's
    /// weights span at most 255 points), parallel arrays.
    func groupWeights(_ g: Int) -> (parents: [Int32], weights: [Double]) {
        let base = groupOffset[g], unit = groupStep[g]
        return (groupParents[g], groupCodes[g].map { base + Double($0) * unit })
    }

    /// Each parent's best weight over the groups of mentors with seats (rounded up as the table
    /// keeps it; `Int.min` where none admits the parent): what `CoverageBound` would score again.
    func bestWeights() -> [Int] {
        var best = Array(repeating: Int.min, count: model.program.parents.count)
        for g in groupParents.indices where !groupParents[g].isEmpty {
            let base = Int(groupOffset[g]), unit = Int(groupStep[g])
            for (p, code) in zip(groupParents[g], groupCodes[g]) { best[Int(p)] = max(best[Int(p)], base + Int(code) * unit) }
        }
        return best
    }

    /// Each mentor's two seat tiers (see the type's comment); a mentor whose groups may weigh
    /// more than zero gets its seats in one tier at no cost.
    private mutating func setTiers() {
        for m in model.program.mentors.indices {
            let seats = CoverageBound.seats(model, mentor: m)
            let own = model.groupsOfMentor[m].filter { CoverageBound.admitsAnyone(model, $0) && model.groupSize[$0] > 0 }
            let heaviest = own.map { model.groupWeight[$0] }.max() ?? 0, largest = own.map { model.groupSize[$0] }.max() ?? 1
            guard heaviest < 0, seats > 0 else {
                tierSeats += [seats, 0]
                tierCost += [0, 0]
                continue
            }
            let full = seats / largest * largest, rest = seats - full
            tierSeats += [full, rest]
            tierCost += [Double(-heaviest) / Double(largest), rest > 0 ? Double(-heaviest) / Double(rest) : 0]
        }
    }

    /// The smallest L over `steps` price updates, rounded down to an integer (scores are
    /// integers), plus the positive group weights. L depends on the mentors' seat prices π only
    /// (each tier's μ is then max(0, π − its cost), the least that keeps the tier's seats at π).
    /// The first prices are the schedule's margins: a full mentor's seats at the least its
    /// schedule's parents earn there (what one more seat would displace), the others' at the seat
    /// the best weights would fill last. Then deflected subgradient steps (each direction the
    /// subgradient plus half the last direction, which damps the zigzag of plain steps), of
    /// Polyak's length towards the schedule's score, the length halving whenever L has not
    /// fallen for three steps.
    ///
    /// - Parameters:
    ///   - groupOfParent: a schedule of the model, for the first prices.
    ///   - target: its score, for the steps' length.
    /// - Complexity: O(steps × (distinct fitting parent–mentor pairs + mentors)).
    func bound(groupOfParent: [Int?], target: Int, steps: Int) -> Result {
        let start = evaluate(Array(repeating: 0, count: model.program.mentors.count))
        var lowest = start.value, lowestPrices = start.surplus
        var prices = startingPrices(groupOfParent: groupOfParent, best: start.best)
        var direction = Array(repeating: 0.0, count: prices.count)
        var scale = 0.5, stalled = 0
        for _ in 0..<steps {
            let priced = evaluate(prices)
            if priced.value < lowest - 1e-9 {
                lowest = priced.value
                lowestPrices = priced.surplus
                stalled = 0
            } else {
                stalled += 1
                if stalled >= 3 {
                    scale /= 2
                    stalled = 0
                }
            }
            var gradient = prices.indices.map { m in
                Double((prices[m] > tierCost[2 * m] ? tierSeats[2 * m] : 0) + (prices[m] > tierCost[2 * m + 1] ? tierSeats[2 * m + 1] : 0))
            }
            for m in priced.mentor where m >= 0 { gradient[Int(m)] -= 1 }
            for m in prices.indices {
                direction[m] = gradient[m] + direction[m] / 2
                // A price at its floor that the step would lower further stays there.
                if direction[m] > 0 && prices[m] <= tierCost[2 * m] { direction[m] = 0 }
            }
            let norm = direction.reduce(0.0) { $0 + $1 * $1 }
            guard norm > 0, priced.value > Double(target) else { break }
            let length = scale * (priced.value - Double(target)) / norm
            for m in prices.indices { prices[m] = max(tierCost[2 * m], prices[m] - length * direction[m]) }
        }
        return Result(bound: Int((lowest + Solver.boundTolerance).rounded(.down)) + positiveGroupWeights(),
                      parentPrices: lowestPrices)
    }

    /// The first prices (see `bound(groupOfParent:target:steps:)`).
    private func startingPrices(groupOfParent: [Int?], best: [Double]) -> [Double] {
        let total = tierSeats.reduce(0, +)
        let sorted = best.filter { $0 > 0 }.sorted(by: >)
        let margin = total < sorted.count ? sorted[total] : 0
        let mentors = model.program.mentors.count
        var load = Array(repeating: 0, count: mentors), cheapest = Array(repeating: Double.infinity, count: mentors)
        for (p, g) in groupOfParent.enumerated() {
            guard let g else { continue }
            let m = model.groups[g].mentor
            load[m] += 1
            cheapest[m] = min(cheapest[m], Double(model.fullWeight(parent: p, group: g)))
        }
        return (0..<mentors).map { m in
            let full = load[m] >= tierSeats[2 * m] + tierSeats[2 * m + 1] && cheapest[m].isFinite
            return max(tierCost[2 * m], full ? cheapest[m] : margin)
        }
    }

    /// L at some seat prices, with what the next step and the first prices are taken from.
    private struct Evaluation {
        var value: Double
        /// Each parent's mentor of its best priced weight (-1: none above zero) …
        var mentor: [Int32]
        /// … and each parent's best weight before prices.
        var best: [Double]
        /// Each parent's best priced weight, at least zero (the terms of L's first sum).
        var surplus: [Double] = []
    }

    /// The lists are priced in this many contiguous slices, each on a core of its own, whatever
    /// the machine: the slices' maxima are merged in slice order, so the result is the serial
    /// loop's on any number of cores.
    static let slices = 16

    /// L at the mentors' seat prices `prices` (see the type's comment).
    private func evaluate(_ prices: [Double]) -> Evaluation {
        let parentCount = model.program.parents.count
        let slices = min(Self.slices, max(1, mentorOfList.count))
        var parts = [Evaluation?](repeating: nil, count: slices)
        parts.withUnsafeMutableBufferPointer { buffer in
            // Each slot is written by exactly one slice, and read only after every slice is done.
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                var part = Evaluation(value: 0, mentor: Array(repeating: -1, count: parentCount),
                                      best: Array(repeating: 0, count: parentCount))
                var surplus = Array(repeating: 0.0, count: parentCount)
                let lists = (slice * mentorOfList.count / slices)..<((slice + 1) * mentorOfList.count / slices)
                for k in lists {
                    let m = mentorOfList[k]
                    visit(k, mentor: m, price: prices[m], surplus: &surplus, chosen: &part.mentor, best: &part.best)
                }
                part.surplus = surplus
                output[slice] = part
            }
        }
        // Slice by slice in list order, a strictly larger surplus wins: the serial loop's choice.
        var merged = parts[0]!
        for part in parts.dropFirst().map({ $0! }) {
            for p in 0..<parentCount {
                merged.best[p] = max(merged.best[p], part.best[p])
                if part.surplus[p] > merged.surplus[p] {
                    merged.surplus[p] = part.surplus[p]
                    merged.mentor[p] = part.mentor[p]
                }
            }
        }
        var value = merged.surplus.reduce(0, +)
        for m in prices.indices {
            value += Double(tierSeats[2 * m]) * max(0, prices[m] - tierCost[2 * m])
            value += Double(tierSeats[2 * m + 1]) * max(0, prices[m] - tierCost[2 * m + 1])
        }
        merged.value = value
        return merged
    }

    /// Prices the `k`-th list's parents (of mentor `m`) into the running maxima.
    private func visit(_ k: Int, mentor m: Int, price: Double, surplus: inout [Double], chosen: inout [Int32], best: inout [Double]) {
        let base = offset[k], unit = step[k]
        lists[k].withUnsafeBufferPointer { list in
            codes[k].withUnsafeBufferPointer { code in
                for i in 0..<list.count {
                    let p = Int(list[i]), weight = base + Double(code[i]) * unit
                    best[p] = max(best[p], weight)
                    if weight - price > surplus[p] {
                        surplus[p] = weight - price
                        chosen[p] = Int32(m)
                    }
                }
            }
        }
    }

    /// Each mentor's best `maxGroups` positive group weights, summed.
    private func positiveGroupWeights() -> Int {
        model.program.mentors.indices.reduce(0) { sum, m in
            let positive = model.groupsOfMentor[m].map { model.groupWeight[$0] }.filter { $0 > 0 }.sorted(by: >)
            return sum + positive.prefix(model.maxGroups[m]).reduce(0, +)
        }
    }
}
