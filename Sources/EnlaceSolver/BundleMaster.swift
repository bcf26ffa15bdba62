/// The master problem of a disaggregated proximal bundle method for the Lagrangian dual
/// (`LagrangianRelaxation.runBundle`):
///
///     L(λ) = Σ_p λ_p + Σ_m S_m(λ),    S_m(λ) = max over mentor m's configurations of (W − x·λ),
///
/// where a configuration's W is its weight (group weights plus its parents' weights) and x the
/// set of parents it seats. Every configuration an evaluation returns is kept as a cut of its
/// mentor's S_m (with the empty configuration, W = 0, from the start), so the model
///
///     Ľ(λ) = Σ_p λ_p + Σ_m max_{i ∈ cuts(m)} (W_i − x_i·λ)  ≤  L(λ)
///
/// is the configuration LP restricted to the configurations seen (column generation, seen from
/// the dual). The next prices minimise the model near the stability centre λ̂:
///
///     min_{λ ≥ 0}  Ľ(λ) + ‖λ − λ̂‖² / (2t),
///
/// solved through its dual over one simplex of cut weights α_m per mentor:
///
///     φ(α) = Σ_{m,i} α_mi·W_i + Σ_p h_p(G_p),   G_p = 1 − Σ_{m,i} α_mi·[p ∈ x_i],
///     h_p(G) = min_{λ ≥ 0} (G·λ + (λ − λ̂_p)² / (2t)),  attained at λ_p = max(0, λ̂_p − t·G),
///
/// concave and differentiable with ∂φ/∂α_mi = W_i − x_i·λ(α). It is maximised mentor by mentor,
/// moving weight between the mentor's steepest and flattest weighted cuts (as in SMO); a move
/// changes λ only on the two cuts' parents, so it costs the size of the two configurations. Each
/// move is a Newton step, halved until φ rises.
///
/// - Reference: K. C. Kiwiel, "Proximity control in bundle methods for convex nondifferentiable
///   minimization", *Mathematical Programming* 46 (1990); A. Frangioni, "Generalized bundle
///   methods", *SIAM Journal on Optimization* 13 (2002), for the disaggregated model and its
///   link to stabilised column generation.
struct BundleMaster {
    struct Cut: Equatable {
        /// The parents seated (model indices, ascending), the configuration's weight and groups
        /// (model indices).
        var parents: [Int32]
        var weight: Double
        var groups: [Int] = []
    }

    /// Each mentor's cuts (at least one each once the first evaluation's are added; at first,
    /// the empty configuration, valid unless a fixing forces a group).
    private(set) var cuts: [[Cut]]
    /// The cuts' weights α (each mentor's sum to 1) and the solves since each last had weight.
    private(set) var alphas: [[Double]]
    private var idle: [[Int]]
    let parentCount: Int
    /// Most cuts kept per mentor: beyond it, the cut idle longest is dropped.
    let capacity: Int
    /// The default `capacity`: a mentor's master keeps the configurations it alternates between
    /// near convergence, while each sweep's cost stays bounded.
    static let cutsPerMentor = 40
    /// Sweeps over the mentors at most per `solve`: a converging master stops well before; lower
    /// caps gave the same gaps (docs/PERFORMANCE.md, "Matcher").
    static let sweeps = 300
    /// `solve` stops when no mentor can gain more than this by moving weight between its cuts:
    /// far below the point that separates integral scores.
    static let defaultTolerance = 1e-4
    /// A move's Newton step is halved at most this many times, and dropped once below
    /// `smallestShift` (40 halvings take any weight there): φ cannot rise along that pair of cuts.
    static let halvings = 40
    static let smallestShift = 1e-12
    /// Where every cut given to any copy of this master goes, dropped or not (nil: nowhere): the
    /// columns of the configuration LP that the relaxation generated (`SolverOptions.columns`).
    /// Shared by the copies that branch-and-bound children take.
    var log: ColumnLog?

    init(mentors: Int, parents: Int, capacity: Int = BundleMaster.cutsPerMentor) {
        cuts = Array(repeating: [Cut(parents: [], weight: 0)], count: mentors)
        alphas = Array(repeating: [1], count: mentors)
        idle = Array(repeating: [0], count: mentors)
        parentCount = parents
        self.capacity = max(2, capacity)
    }

    /// Adds mentor `m`'s configuration of `groups` seating `parents` with weight `weight` (a
    /// configuration it already has is kept once, with the larger weight).
    mutating func add(mentor m: Int, parents: [Int32], weight: Double, groups: [Int]) {
        let sorted = parents.sorted(), groups = groups.sorted()
        log?.columns.append(RelaxationColumn(mentor: m, groups: groups, parents: sorted.map(Int.init), weight: weight))
        if let i = cuts[m].firstIndex(where: { $0.parents == sorted && $0.groups == groups }) {
            cuts[m][i].weight = max(cuts[m][i].weight, weight)
            return
        }
        if cuts[m].count >= capacity {
            // The cut idle longest; with none idle, the lightest, whose weight goes to the heaviest.
            let candidates = cuts[m].indices
            let drop = candidates.filter { alphas[m][$0] == 0 }.max { (idle[m][$0], -$0) < (idle[m][$1], -$1) }
                ?? candidates.min { (alphas[m][$0], $0) < (alphas[m][$1], $1) }!
            let heaviest = cuts[m].indices.filter { $0 != drop }.max { (alphas[m][$0], -$0) < (alphas[m][$1], -$1) }!
            alphas[m][heaviest] += alphas[m][drop]
            cuts[m].remove(at: drop)
            alphas[m].remove(at: drop)
            idle[m].remove(at: drop)
        }
        cuts[m].append(Cut(parents: sorted, weight: weight, groups: groups))
        alphas[m].append(0)
        idle[m].append(0)
    }

    /// Keeps only mentor `m`'s configurations whose groups satisfy `isAllowed` (a branch-and-bound
    /// child's fixing): the others are no longer the mentor's, so their cuts would not be valid.
    /// The remaining weights are scaled back to a sum of 1 (all zero if none had weight).
    mutating func restrict(mentor m: Int, to isAllowed: ([Int]) -> Bool) {
        let keep = cuts[m].indices.filter { isAllowed(cuts[m][$0].groups) }
        cuts[m] = keep.map { cuts[m][$0] }
        alphas[m] = keep.map { alphas[m][$0] }
        idle[m] = keep.map { idle[m][$0] }
        let total = alphas[m].reduce(0, +)
        if total > 0 { alphas[m] = alphas[m].map { $0 / total } }
    }

    /// Each mentor's configuration of largest weight α in the last solution (the master's
    /// fractional schedule, rounded mentor by mentor; ties go to the earlier cut).
    func heaviestConfigurations() -> [[Int]] {
        heaviestCuts().map(\.groups)
    }

    /// Each mentor's cut of largest weight α in the last solution (ties to the earlier cut): its
    /// configuration's groups and the parents it seats.
    func heaviestCuts() -> [Cut] {
        cuts.indices.map { m in
            guard let i = alphas[m].indices.max(by: { (alphas[m][$0], -$0) < (alphas[m][$1], -$1) }) else { return Cut(parents: [], weight: 0) }
            return cuts[m][i]
        }
    }

    /// The model Ľ at `point`.
    func model(at point: [Double]) -> Double {
        var value = point.reduce(0, +)
        for mentorCuts in cuts {
            var best = -Double.infinity
            for cut in mentorCuts { best = max(best, cut.weight - cut.parents.reduce(0) { $0 + point[Int($1)] }) }
            value += best
        }
        return value
    }

    /// Solves the master around `center` with proximity `t` and returns its minimiser.
    ///
    /// - Complexity: at most `maxSweeps` sweeps over the mentors, each O(size of all cuts).
    mutating func solve(center: [Double], t: Double, maxSweeps: Int = BundleMaster.sweeps,
                        tolerance: Double = BundleMaster.defaultTolerance) -> [Double] {
        let flat = FlatCuts(cuts)
        let starts = flat.starts, members = flat.members, cutWeights = flat.weights, firstCut = flat.firstCut
        precondition(cuts.allSatisfy { !$0.isEmpty }, "every mentor needs a cut")
        // A mentor whose cuts have no weight (restricted by a fixing) starts on its newest cut.
        for m in cuts.indices where alphas[m].allSatisfy({ $0 == 0 }) { alphas[m][alphas[m].count - 1] = 1 }
        var alpha = Array(alphas.joined())
        var aggregate = Array(repeating: 1.0, count: parentCount)
        for c in alpha.indices where alpha[c] > 0 {
            for k in starts[c]..<starts[c + 1] { aggregate[Int(members[k])] -= alpha[c] }
        }
        var point = (0..<parentCount).map { max(0, center[$0] - t * aggregate[$0]) }
        var gradients = Array(repeating: 0.0, count: alpha.count)
        var changes: [(Int32, Double)] = []
        members.withUnsafeBufferPointer { members in
            for _ in 0..<maxSweeps {
                var largestGap = 0.0
                for m in cuts.indices where firstCut[m + 1] - firstCut[m] > 1 {
                    let range = firstCut[m]..<firstCut[m + 1]
                    var up = range.lowerBound, down = -1
                    point.withUnsafeBufferPointer { point in
                        for c in range {
                            var value = cutWeights[c]
                            for k in starts[c]..<starts[c + 1] { value -= point[Int(members[k])] }
                            gradients[c] = value
                            if value > gradients[up] { up = c }
                            if alpha[c] > 0 && (down < 0 || value < gradients[down]) { down = c }
                        }
                    }
                    guard down >= 0, up != down else { continue }
                    let gap = gradients[up] - gradients[down]
                    guard gap > tolerance else { continue }
                    largestGap = max(largestGap, gap)
                    // The parents whose aggregate the move changes: −1 per unit moved for the
                    // steeper cut's own, +1 for the flatter's (those in both do not change).
                    changes.removeAll(keepingCapacity: true)
                    symmetricDifference(members[starts[up]..<starts[up + 1]], members[starts[down]..<starts[down + 1]], into: &changes)
                    let available = alpha[down]
                    let shift = Self.shift(gap: gap, available: available, weightGain: cutWeights[up] - cutWeights[down],
                                           changes: changes, aggregate: aggregate, center: center, t: t)
                    guard shift > 0 else { continue }
                    alpha[up] += shift
                    alpha[down] = shift == available ? 0 : alpha[down] - shift
                    for (p32, sign) in changes {
                        let p = Int(p32)
                        aggregate[p] += sign * shift
                        point[p] = max(0, center[p] - t * aggregate[p])
                    }
                }
                if largestGap <= tolerance { break }
            }
        }
        for m in cuts.indices {
            for i in cuts[m].indices {
                alphas[m][i] = alpha[firstCut[m] + i]
                idle[m][i] = alphas[m][i] > 0 ? 0 : idle[m][i] + 1
            }
        }
        return point
    }

    /// The weight to move from a mentor's flattest weighted cut to its steepest, whose gradients
    /// differ by `gap`: a Newton step on φ, at most the `available` weight, halved until φ rises
    /// (0 once below `smallestShift`). `changes` are the parents whose aggregate the move changes,
    /// with the sign it changes by; `weightGain` is the steeper cut's weight minus the other's.
    private static func shift(gap: Double, available: Double, weightGain: Double, changes: [(Int32, Double)],
                              aggregate: [Double], center: [Double], t: Double) -> Double {
        var curvature = 0.0
        for (p, _) in changes where center[Int(p)] - t * aggregate[Int(p)] > 0 { curvature += 1 }
        var shift = curvature > 0 ? min(available, gap / (t * curvature)) : available
        for _ in 0..<halvings {
            // φ's change: the weights' term plus h on the parents that change.
            var change = shift * weightGain
            for (p32, sign) in changes {
                let p = Int(p32)
                change += h(center[p], t, aggregate[p] + sign * shift) - h(center[p], t, aggregate[p])
            }
            if change > 0 { break }
            shift /= 2
            if shift < smallestShift { return 0 }
        }
        return shift
    }

    /// h_p(G) of the master's dual (see the type's documentation), for a parent whose centre price
    /// is `center`.
    private static func h(_ center: Double, _ t: Double, _ g: Double) -> Double {
        let free = center - t * g
        return free > 0 ? g * center - t * g * g / 2 : center * center / (2 * t)
    }
}

/// The cuts laid out flat for the master's sweeps: cut c (mentor by mentor, in order) seats
/// `members[starts[c]..<starts[c + 1]]` and weighs `weights[c]`; mentor m's cuts are
/// `firstCut[m]..<firstCut[m + 1]`.
private struct FlatCuts {
    var starts = [0], members: [Int32] = [], weights: [Double] = [], firstCut = [0]

    init(_ cuts: [[BundleMaster.Cut]]) {
        for mentorCuts in cuts {
            for cut in mentorCuts {
                members.append(contentsOf: cut.parents)
                starts.append(members.count)
                weights.append(cut.weight)
            }
            firstCut.append(weights.count)
        }
    }
}

/// Appends the parents in exactly one of two ascending lists, each with the sign its aggregate
/// takes when weight moves from the second list's cut to the first's: −1 for the first's, +1 for
/// the second's.
private func symmetricDifference(_ a: Slice<UnsafeBufferPointer<Int32>>, _ b: Slice<UnsafeBufferPointer<Int32>>,
                                 into result: inout [(Int32, Double)]) {
    var i = a.startIndex, j = b.startIndex
    while i < a.endIndex || j < b.endIndex {
        if j == b.endIndex || (i < a.endIndex && a[i] < b[j]) {
            result.append((a[i], -1)); i += 1
        } else if i == a.endIndex || b[j] < a[i] {
            result.append((b[j], 1)); j += 1
        } else {
            i += 1; j += 1
        }
    }
}

/// The columns that `BundleMaster` and its copies were given, in order (`BundleMaster.log`).
final class ColumnLog {
    var columns: [RelaxationColumn] = []
}
