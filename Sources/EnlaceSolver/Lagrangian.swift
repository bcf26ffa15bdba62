import Dispatch
import EnlaceCore

/// Lagrangian relaxation of the matcher's model: a bound, and configurations for the primal search.
///
/// Relaxing "each parent in at most one group" with prices λ_p ≥ 0 splits the problem by mentor:
///
///     L(λ) = Σ_p λ_p + Σ_m S_m(λ)
///
/// where S_m(λ) is mentor m's best configuration under the prices (`MentorSubproblem`). Every
/// L(λ) is an upper bound on the optimum; the bundle method (`runBundle`) or subgradient steps
/// (`run`, Polyak's rule towards the best known score) lower it. The bound is the configuration
/// LP's, as strong as the best exact solvers' root bound and much stronger than the flow
/// relaxation, because it keeps K, overlaps and group sizes.
///
/// - Reference: M. L. Fisher, "The Lagrangian relaxation method for solving integer programming
///   problems", *Management Science* 27 (1981); B. T. Polyak, "Minimization of unsmooth
///   functionals" (1969) for the step size.
struct LagrangianRelaxation {
    let subproblems: [MentorSubproblem]
    /// The prices. Setting them marks stale only the mentors of parents whose price changed.
    var lambda: [Double] {
        get { prices }
        set {
            for p in prices.indices where prices[p] != newValue[p] { markStale(parent: p) }
            prices = newValue
        }
    }
    private var prices: [Double]
    /// The lowest L(λ) seen.
    private(set) var bestBound = Double.infinity
    /// Subgradient steps taken so far.
    private(set) var steps = 0
    /// Mentor subproblems solved so far (mentors not stale are not solved again).
    private(set) var subproblemsSolved = 0
    /// Each mentor's last configuration (positions in its subproblem's groups), tried first next time.
    private var hints: [[Int]]
    /// Branch-and-bound decisions, per mentor (none outside branch and bound).
    var fixings: [MentorFixing] {
        didSet { for m in fixings.indices where fixings[m] != oldValue[m] { stale[m] = true } }
    }
    /// Mentors whose last configuration may no longer be their best: a price of one of their
    /// parents, or their fixing, changed since they were solved. A mentor's subproblem depends on
    /// nothing else, and solved again from its last answer (the hint) it returns that answer, so
    /// the others keep theirs unsolved (most parents' prices stay put between steps once each is
    /// claimed once).
    private var stale: [Bool]
    /// The mentors each parent fits (indices into `subproblems`).
    private let mentorsOfParent: [[Int32]]
    /// Each mentor's parents and value in the last evaluation (model indices).
    private(set) var taken: [[Int32]]
    private(set) var values: [Double]
    /// Whether to solve the subproblems one after another: for small models, handing them to
    /// threads costs more than solving them.
    private let sequential: Bool

    /// - Parameter prices: starting prices, one per parent (e.g. `UpperBound`'s dual prices);
    ///   by default each parent's price starts at half its best weight, so that the relaxation
    ///   starts near a sensible split instead of every mentor claiming every parent.
    init(model: MatchModel, prices: [Double]? = nil) {
        subproblems = model.program.mentors.indices.map { MentorSubproblem(model: model, mentor: $0) }
        if let prices {
            self.prices = prices
        } else {
            var best = Array(repeating: 0.0, count: model.program.parents.count)
            for sub in subproblems {
                for (i, members) in sub.members.enumerated() {
                    for (j, u) in members.enumerated() {
                        let p = Int(sub.parents[Int(u)])
                        best[p] = max(best[p], Double(sub.weights[i][j]))
                    }
                }
            }
            self.prices = best.map { $0 / 2 }
        }
        var mentorsOfParent = Array(repeating: [Int32](), count: model.program.parents.count)
        for (m, sub) in subproblems.enumerated() {
            for p in sub.parents { mentorsOfParent[Int(p)].append(Int32(m)) }
        }
        self.mentorsOfParent = mentorsOfParent
        stale = Array(repeating: true, count: subproblems.count)
        hints = Array(repeating: [], count: subproblems.count)
        fixings = Array(repeating: MentorFixing(), count: subproblems.count)
        taken = Array(repeating: [], count: subproblems.count)
        values = Array(repeating: 0, count: subproblems.count)
        sequential = model.isSmall
    }

    private mutating func markStale(parent p: Int) {
        for m in mentorsOfParent[p] { stale[Int(m)] = true }
    }

    /// Mentor `m`'s configuration in the last evaluation (positions in its subproblem's groups).
    func configuration(of m: Int) -> [Int] { hints[m] }

    /// Counts one evaluation of L(λ) and keeps it if it is the lowest.
    mutating func noteEvaluation(_ value: Double) {
        steps += 1
        bestBound = min(bestBound, value)
    }

    /// Starts a new search for the bound from the current prices (a branch-and-bound node): the
    /// best bound and the step count are forgotten, the prices kept.
    mutating func restart() {
        bestBound = .infinity
        steps = 0
    }

    /// One evaluation of L(λ) at the current prices: its value and each mentor's configuration
    /// (as model group indices) and parents.
    mutating func evaluate() -> (bound: Double, configurations: [[Int]], claims: [Int]) {
        var value = prices.reduce(0, +)
        var configurations: [[Int]] = []
        var claims = Array(repeating: 0, count: prices.count)
        for (m, best) in solveStale() {
            hints[m] = best.groups
            taken[m] = best.parents
            values[m] = best.value
        }
        for (m, sub) in subproblems.enumerated() {
            value += values[m]
            configurations.append(hints[m].map { sub.groups[$0] })
            for p in taken[m] { claims[Int(p)] += 1 }
        }
        return (value, configurations, claims)
    }

    /// The stale mentors' subproblems at the current prices, with their mentors, in mentor order;
    /// afterwards no mentor is stale. Mentors are independent, so they are solved on all cores;
    /// each result depends only on its own inputs, so the answer is the same whatever the scheduling.
    mutating func solveStale() -> [(mentor: Int, best: (value: Double, groups: [Int], parents: [Int32]))] {
        let subproblems = self.subproblems, hints = self.hints, fixings = self.fixings, prices = self.prices
        let mentors = stale.indices.filter { stale[$0] }
        stale = Array(repeating: false, count: stale.count)
        subproblemsSolved += mentors.count
        if sequential {
            return mentors.map { ($0, subproblems[$0].solve(lambda: prices, hint: hints[$0], fixing: fixings[$0])) }
        }
        let results = ResultSlots(count: mentors.count)
        DispatchQueue.concurrentPerform(iterations: mentors.count) { k in
            let m = mentors[k]
            results.store(subproblems[m].solve(lambda: prices, hint: hints[m], fixing: fixings[m]), at: k)
        }
        return Array(zip(mentors, results.values))
    }

    /// Configurations chosen mentor by mentor at the current prices, most valuable mentor first,
    /// each mentor seeing only the parents no earlier mentor took: a feasible-leaning rounding of
    /// the relaxation (the "Lagrangian greedy"). Mentors are ranked by their values in the last
    /// `evaluate()`.
    func sequentialConfigurations() -> [[Int]] {
        let order = subproblems.indices.sorted { (values[$0], -$0) > (values[$1], -$1) }
        var prices = self.prices
        var configurations = Array(repeating: [Int](), count: subproblems.count)
        for m in order where values[m] > 0 {
            let best = subproblems[m].solve(lambda: prices, fixing: fixings[m])
            guard best.value > -.infinity else { continue }
            configurations[m] = best.groups.map { subproblems[m].groups[$0] }
            for p in best.parents { prices[Int(p)] = .infinity }
        }
        return configurations
    }

    /// Scores are integers, so a bound less than one above the best score proves it optimal; this
    /// much is allowed for the bound's floating-point error (and a step must lower the bound by
    /// more to count as progress).
    static let integralMargin = 1e-9
    /// Subgradient steps stop when the fraction of Polyak's step has halved this far: the steps
    /// then move no price by a meaningful amount.
    static let smallestStepFraction = 1e-4

    /// Runs `iterations` subgradient steps; `target` is the best known score (for Polyak's step)
    /// and `onConfigurations` receives each step's configurations for the primal search (it may
    /// return a better score, which becomes the new target).
    ///
    /// - Complexity: `iterations` evaluations of every mentor's subproblem.
    /// `roundEvery` spaces the calls of `onConfigurations` (the first step always calls it; 0:
    /// only the first).
    /// `theta` is the first step's fraction of Polyak's step; it halves after `patience` steps
    /// in a row that did not lower the bound. Each rounding hands over the
    /// mentors' configurations with the parents each mentor took (claims may overlap), then,
    /// with `sequentialRounding`, the Lagrangian greedy's configurations (no parents).
    mutating func run(iterations: Int, target: Int, roundEvery: Int = 8, theta: Double = 1, patience: Int = 8,
                      sequentialRounding: Bool = true,
                      onConfigurations: (_ configurations: [[Int]], _ taken: [[Int32]]?) -> Int) {
        var target = Double(target)
        var theta = theta
        var sinceImprovement = 0
        for iteration in 0..<iterations {
            let (bound, configurations, claims) = evaluate()
            steps += 1
            if bound < bestBound - Self.integralMargin {
                bestBound = bound
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
                if sinceImprovement >= patience {
                    theta /= 2
                    sinceImprovement = 0
                }
            }
            if bound == -.infinity { break }  // the node's fixings admit no configuration
            if iteration == 0 || (roundEvery > 0 && iteration % roundEvery == 0) {
                target = max(target, Double(onConfigurations(configurations, taken)))
                if sequentialRounding {
                    target = max(target, Double(onConfigurations(sequentialConfigurations(), nil)))
                }
            }
            // Integral scores: a bound within 1 of the best score proves it optimal.
            if bestBound - target < 1 - Self.integralMargin || theta < Self.smallestStepFraction { break }
            var normSquared = 0.0
            let gradient = claims.map { 1.0 - Double($0) }
            for (p, g) in gradient.enumerated() where !(g > 0 && prices[p] == 0) { normSquared += g * g }
            guard normSquared > 0 else { break }
            let step = theta * (bound - target) / normSquared
            for p in prices.indices {
                let price = max(0, prices[p] - step * gradient[p])
                if price != prices[p] {
                    prices[p] = price
                    markStale(parent: p)
                }
            }
        }
    }
}

/// Write-once slots filled from concurrent iterations, each index by exactly one of them.
private final class ResultSlots: @unchecked Sendable {
    typealias Result = (value: Double, groups: [Int], parents: [Int32])
    private let storage: UnsafeMutablePointer<Result>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: (0, [], []), count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    /// Stores the result of iteration `index`. Distinct indices are distinct memory, and each is
    /// written by one iteration before `values` is read, which is why the class may be shared.
    func store(_ result: Result, at index: Int) { storage[index] = result }

    var values: [Result] { Array(UnsafeBufferPointer(start: storage, count: count)) }
}
