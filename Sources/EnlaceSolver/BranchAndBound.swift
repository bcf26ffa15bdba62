/// Proves small models optimal (or narrows their gap): best-first branch and bound on "group g
/// has parents / has none", bounded at every node by the Lagrangian relaxation.
///
/// A node fixes some groups open (the mentor's configuration must contain them) and some closed
/// (it must not); the two children of a node split its solutions exactly, so a node whose
/// Lagrangian bound is below the best score plus one (scores are integers) holds nothing better
/// and is dropped. Each node starts from its parent's prices, takes a few subgradient steps
/// (`stepsPerNode`), and rounds its configurations into schedules like the root does (any
/// feasible schedule may become the incumbent, fixings or not).
///
/// Branching: the group, among the mentors' relaxed configurations, that holds the most parents
/// claimed by more than one mentor (where the relaxation is most wrong). When no parent is
/// over-claimed, a group the relaxation opens that the incumbent does not, else any group the
/// relaxation opens that is not forced yet.
///
/// The bound it returns is valid whatever the node budget: the larger of the best score and the
/// bounds of every node left unexplored or unbranchable. When the search finishes within the
/// budget, that is the best score itself: the schedule is proven optimal.
///
/// - Complexity: at most `nodeLimit` nodes, each `stepsPerNode` evaluations of every mentor's
///   subproblem plus its roundings.
struct BranchAndBound {
    let model: MatchModel
    let nodeLimit: Int
    let stepsPerNode: Int

    /// An open node; the queue pops the best bound first, the older node on equal bounds.
    private struct Node: Comparable {
        var fixings: [MentorFixing]
        var lambda: [Double]
        var bound: Double
        /// Creation order, the tie-break between equal bounds (deterministic).
        var serial: Int

        static func < (a: Node, b: Node) -> Bool { (a.bound, -a.serial) < (b.bound, -b.serial) }
        static func == (a: Node, b: Node) -> Bool { a.serial == b.serial }
    }

    /// Runs the search from the root relaxation (its prices and bound); `round` turns
    /// configurations into a schedule and returns the best score known after it (it keeps the
    /// incumbent). Returns the proven bound and the number of nodes explored.
    func run(root: LagrangianRelaxation, incumbentScore: Int, incumbentGroups: Set<Int>,
             round: ([[Int]]) -> (score: Int, groups: Set<Int>)) -> (bound: Int, nodes: Int) {
        var relaxation = root
        var best = incumbentScore, bestGroups = incumbentGroups
        var queue = MaxHeap<Node>()
        queue.push(Node(fixings: relaxation.fixings, lambda: relaxation.lambda, bound: root.bestBound, serial: 0))
        var serial = 0
        var unresolved = -Double.infinity
        var nodes = 0
        func prunable(_ bound: Double) -> Bool { bound < Double(best) + 1 - 1e-6 }
        /// Rounds configurations and keeps the schedule if it is the best; returns the best score.
        func keep(_ configurations: [[Int]]) -> Int {
            let result = round(configurations)
            if result.score > best {
                best = result.score
                bestGroups = result.groups
            }
            return best
        }
        while let node = queue.pop() {
            if prunable(node.bound) { continue }
            guard nodes < nodeLimit else {
                // Best first: this is the largest bound left, so the rest cannot raise it.
                unresolved = max(unresolved, node.bound)
                break
            }
            nodes += 1
            relaxation.fixings = node.fixings
            relaxation.lambda = node.lambda
            relaxation.restart()
            relaxation.run(iterations: stepsPerNode, target: best, roundEvery: stepsPerNode, theta: 0.5) { configurations, _ in keep(configurations) }
            var bound = min(node.bound, relaxation.bestBound)
            if prunable(bound) { continue }
            guard let (m, position) = branchingGroup(relaxation, fixings: node.fixings, incumbent: bestGroups) else {
                // Nothing left to branch on: only more steps can lower this node's bound.
                relaxation.run(iterations: 10 * stepsPerNode, target: best, roundEvery: 5 * stepsPerNode, theta: 1) { configurations, _ in keep(configurations) }
                bound = min(bound, relaxation.bestBound)
                if !prunable(bound) { unresolved = max(unresolved, bound) }
                continue
            }
            var closed = node.fixings, open = node.fixings
            closed[m].banned.append(position)
            open[m].forced.append(position)
            for fixings in [closed, open] {
                serial += 1
                queue.push(Node(fixings: fixings, lambda: relaxation.lambda, bound: bound, serial: serial))
            }
        }
        let bound = unresolved == -.infinity ? best : max(best, Int((unresolved + 1e-6).rounded(.down)))
        return (bound, nodes)
    }

    /// The group to branch on (mentor, position in its subproblem), or nil when there is none.
    private func branchingGroup(_ relaxation: LagrangianRelaxation, fixings: [MentorFixing],
                                incumbent: Set<Int>) -> (mentor: Int, position: Int)? {
        var claims = Array(repeating: 0, count: model.program.parents.count)
        for parents in relaxation.taken { for p in parents { claims[Int(p)] += 1 } }
        var choice: (count: Int, mentor: Int, position: Int)?
        var fallback: (mentor: Int, position: Int)?, last: (mentor: Int, position: Int)?
        for (m, sub) in relaxation.subproblems.enumerated() {
            for position in relaxation.configuration(of: m) where !fixings[m].forced.contains(position) {
                let g = sub.groups[position]
                let fitting = Set(model.fits[g])
                let count = relaxation.taken[m].reduce(0) { $0 + (claims[Int($1)] > 1 && fitting.contains($1) ? 1 : 0) }
                if count > 0 && (choice == nil || count > choice!.count) { choice = (count, m, position) }
                if fallback == nil && !incumbent.contains(g) { fallback = (m, position) }
                if last == nil { last = (m, position) }
            }
        }
        return choice.map { ($0.mentor, $0.position) } ?? fallback ?? last
    }
}
