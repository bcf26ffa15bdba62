import Dispatch
import EnlaceCore

/// The Lagrangian relaxation (`LagrangianRelaxation`: group sizes, K and overlaps kept, each
/// parent priced at λ_p) evaluated once, for a district too large to search whole, at the parent
/// prices the seat-price bound ends with: a valid bound for any prices, and much tighter than the
/// seat-price bound itself, which lets a mentor fill its seats from the parents of all its groups
/// at once (docs/PERFORMANCE.md, "Large districts").
///
/// *Lists.* A mentor's subproblem needs only each group's T best parents by reduced weight
/// w(p, g) − λ_p (T: the most parents the mentor can seat; `MentorSubproblem`), so each group's
/// list is drawn from every parent fitting it, whatever the candidates, with the weights the
/// seat-price table keeps (never below the true weights, so the value stays an upper bound).
///
/// *Schedule.* The evaluation's configurations, with each group's listed parents as extra
/// candidates, are rounded into a schedule (`round`): the lists are where each group's heaviest
/// parents for the prices are, which the candidates, dealt without looking at weights, miss.
struct ConfigurationBound {
    /// The bound (integral, rounded down; pairs' points not included).
    let bound: Int
    /// Each mentor's configuration (model group indices) and the parents it takes.
    let configurations: [[Int]]
    let taken: [[Int32]]
    /// Per group: its listed parents, best reduced weight first.
    let lists: [[Int32]]

    /// Evaluates the relaxation of `model` at parent prices `prices` over `table`'s weights.
    ///
    /// - Complexity: O(fitting pairs × log T) to list the groups (on every core, each group on its
    ///   own, so the result does not depend on the scheduling), then one search of each mentor's
    ///   configurations over lists of length T.
    init(_ model: MatchModel, table: SeatPriceBound, prices: [Double]) {
        self.init(ConfigurationBound.evaluate(model, table: table, prices: prices, lengths: ConfigurationBound.listLengths(model)))
    }

    init(_ evaluation: Evaluation) {
        bound = Int((evaluation.value + Solver.boundTolerance).rounded(.down))
        configurations = evaluation.configurations
        taken = evaluation.taken
        lists = evaluation.lists
    }

    /// One evaluation: L at `prices`, the mentors' configurations, the parents they take, and the
    /// groups' lists.
    struct Evaluation {
        let value: Double
        let configurations: [[Int]]
        let taken: [[Int32]]
        let lists: [[Int32]]
    }

    private static func evaluate(_ model: MatchModel, table: SeatPriceBound, prices: [Double], lengths: [Int]) -> Evaluation {
        let groupCount = model.groups.count
        let slices = min(64, max(1, groupCount))
        var parts = [[(parents: [Int32], weights: [Int32])]?](repeating: nil, count: slices)
        parts.withUnsafeMutableBufferPointer { buffer in
            // Each slot is written by exactly one slice, and read only after every slice is done.
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: slices) { slice in
                output[slice] = ((slice * groupCount / slices)..<((slice + 1) * groupCount / slices)).map { g in
                    ConfigurationBound.best(table.groupWeights(g), prices: prices, length: lengths[g])
                }
            }
        }
        return relax(model, listed: parts.flatMap { $0! }, prices: prices)
    }

    /// The relaxation of `model` at `prices` over each group's list `listed` (best reduced weight
    /// first, with the weights).
    static func relax(_ model: MatchModel, listed: [(parents: [Int32], weights: [Int32])], prices: [Double]) -> Evaluation {
        // The subproblems read lists in ascending parent order, as the model's.
        var priced = model
        let ascending = listed.map { list in zip(list.parents, list.weights).sorted { $0.0 < $1.0 } }
        priced.fits = ascending.map { $0.map(\.0) }
        priced.pairWeights = ascending.map { $0.map(\.1) }
        var relaxation = LagrangianRelaxation(model: priced, prices: prices)
        let evaluation = relaxation.evaluate()
        return Evaluation(value: evaluation.bound, configurations: evaluation.configurations, taken: relaxation.taken,
                          lists: listed.map(\.parents))
    }

    /// Per group, how many parents its list needs: the most its mentor can seat
    /// (`CoverageBound.seats`: its capacity, at most the seats of its `maxGroups` largest groups
    /// that admit anyone), at least what the mentor's subproblem seats.
    static func listLengths(_ model: MatchModel) -> [Int] {
        var lengths = Array(repeating: 0, count: model.groups.count)
        for m in model.program.mentors.indices {
            let most = CoverageBound.seats(model, mentor: m)
            for g in model.groupsOfMentor[m] { lengths[g] = most }
        }
        return lengths
    }

    /// The `length` parents of `group` with the largest reduced weights (ties to the lower
    /// index), best first, with their weights (rounded up to integers).
    static func best(_ group: (parents: [Int32], weights: [Double]), prices: [Double], length: Int)
        -> (parents: [Int32], weights: [Int32]) {
        guard length > 0 else { return ([], []) }
        var values: [Double] = [], parents: [Int32] = [], weights: [Int32] = []
        values.reserveCapacity(length)
        for (p, weight) in zip(group.parents, group.weights) {
            let value = weight - prices[Int(p)]
            if values.count == length {
                guard value > values[length - 1] || (value == values[length - 1] && p < parents[length - 1]) else { continue }
                values.removeLast()
                parents.removeLast()
                weights.removeLast()
            }
            var k = values.count
            while k > 0 && (value > values[k - 1] || (value == values[k - 1] && p < parents[k - 1])) { k -= 1 }
            values.insert(value, at: k)
            parents.insert(p, at: k)
            weights.insert(Int32(clamping: Int(weight.rounded(.up))), at: k)
        }
        return (parents, weights)
    }
}
