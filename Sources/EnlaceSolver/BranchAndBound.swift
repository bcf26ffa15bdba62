/// Proves small models optimal (or narrows their gap): best-first branch and bound on "group g
/// has parents / has none", bounded at every node by the Lagrangian relaxation.
///
/// A node fixes some groups open (the mentor's configuration must contain them) and some closed
/// (it must not); the two children of a node split its solutions exactly, so a node whose
/// Lagrangian bound is below the best score plus one (scores are integers) holds nothing better
/// and is dropped. Each node starts from its parent's prices and continues its parent's bundle
/// (`LagrangianRelaxation.runBundle`) for a few evaluations (`stepsPerNode`), with the cuts its
/// fixing allows: branch and price, the mentors' subproblems pricing. It rounds its
/// configurations and the master's heaviest ones into schedules like the root does (any feasible
/// schedule may become the incumbent, fixings or not). With `bundle` off, nodes take subgradient
/// steps instead.
///
/// Branching: the group the bundle master opens most fractionally (its configurations' weights
/// holding it sum closest to one half). Without one (or without the bundle): the group, among the
/// mentors' relaxed configurations, that holds the most parents claimed by more than one mentor
/// (where the relaxation is most wrong); when no parent is over-claimed, a group the relaxation
/// opens that the incumbent does not, else any group the relaxation opens that is not forced yet.
///
/// The bound it returns is valid whatever the node budget: the larger of the best score and the
/// bounds of every node left unexplored or unbranchable. When the search finishes within the
/// budget, that is the best score itself: the schedule is proven optimal.
///
/// - Complexity: at most `nodeLimit` nodes, each `stepsPerNode` evaluations of every mentor's
///   subproblem, as many solves of the bundle master, and its roundings.
struct BranchAndBound {
    let model: MatchModel
    let nodeLimit: Int
    let stepsPerNode: Int
    /// Whether nodes lower their bounds by the bundle method, each child continuing its parent's
    /// cuts (those its fixing allows), or by subgradient steps.
    var bundle = true

    /// An open node; the queue pops the best bound first, the older node on equal bounds.
    private struct Node: Comparable {
        var fixings: [MentorFixing]
        var lambda: [Double]
        var bound: Double
        /// The bundle method's cuts and proximity, inherited from the parent (nil: subgradient).
        var state: BundleState?
        /// Creation order, the tie-break between equal bounds (deterministic).
        var serial: Int

        static func < (a: Node, b: Node) -> Bool { (a.bound, -a.serial) < (b.bound, -b.serial) }
        static func == (a: Node, b: Node) -> Bool { a.serial == b.serial }
    }

    /// Runs the search from the root relaxation (its prices and bound, and with `bundle` its
    /// bundle, `rootState`, if it has one); `round` turns configurations into a schedule and
    /// returns the best score known after it (it keeps the incumbent). Returns the proven bound
    /// and the number of nodes explored.
    func run(root: LagrangianRelaxation, rootState: BundleState? = nil, incumbentScore: Int, incumbentGroups: Set<Int>,
             round: ([[Int]]) -> (score: Int, groups: Set<Int>)) -> (bound: Int, nodes: Int) {
        var relaxation = root
        var best = incumbentScore, bestGroups = incumbentGroups
        var queue = MaxHeap<Node>()
        let firstState = bundle ? rootState ?? BundleState(mentors: root.subproblems.count, parents: root.lambda.count) : nil
        queue.push(Node(fixings: relaxation.fixings, lambda: relaxation.lambda, bound: root.bestBound, state: firstState, serial: 0))
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
            var state = node.state
            func lower(_ iterations: Int, roundEvery: Int) {
                if state != nil {
                    relaxation.runBundle(iterations: iterations, target: best, roundEvery: roundEvery, state: &state!) { configurations, _ in keep(configurations) }
                } else {
                    relaxation.run(iterations: iterations, target: best, roundEvery: roundEvery, theta: iterations == stepsPerNode ? 0.5 : 1) { configurations, _ in keep(configurations) }
                }
            }
            lower(stepsPerNode, roundEvery: stepsPerNode)
            // The master's fractional schedule, rounded mentor by mentor, after the node's steps.
            if let master = state?.master, !prunable(relaxation.bestBound) { _ = keep(master.heaviestConfigurations()) }
            var bound = min(node.bound, relaxation.bestBound)
            if prunable(bound) { continue }
            guard let (m, position) = state.flatMap({ fractionalGroup($0.master, relaxation, fixings: node.fixings) })
                    ?? branchingGroup(relaxation, fixings: node.fixings, incumbent: bestGroups) else {
                // Nothing left to branch on: only more steps can lower this node's bound.
                lower(10 * stepsPerNode, roundEvery: 5 * stepsPerNode)
                bound = min(bound, relaxation.bestBound)
                if !prunable(bound) { unresolved = max(unresolved, bound) }
                continue
            }
            var closed = node.fixings, open = node.fixings
            closed[m].banned.append(position)
            open[m].forced.append(position)
            let g = relaxation.subproblems[m].groups[position]
            var closedState = state, openState = state
            closedState?.master.restrict(mentor: m) { !$0.contains(g) }
            openState?.master.restrict(mentor: m) { $0.contains(g) }
            for (fixings, childState) in [(closed, closedState), (open, openState)] {
                serial += 1
                queue.push(Node(fixings: fixings, lambda: relaxation.lambda, bound: bound, state: childState, serial: serial))
            }
        }
        let bound = unresolved == -.infinity ? best : max(best, Int((unresolved + 1e-6).rounded(.down)))
        return (bound, nodes)
    }

    /// The group the bundle master opens most fractionally (its configurations' weights holding
    /// it sum closest to one half; ties to the first mentor and group), as (mentor, position in
    /// its subproblem); nil when every group is open wholly or not at all, or already fixed.
    private func fractionalGroup(_ master: BundleMaster, _ relaxation: LagrangianRelaxation,
                                 fixings: [MentorFixing]) -> (mentor: Int, position: Int)? {
        var choice: (distance: Double, mentor: Int, position: Int)?
        for (m, sub) in relaxation.subproblems.enumerated() {
            var usage: [Int: Double] = [:]
            for (i, cut) in master.cuts[m].enumerated() where master.alphas[m][i] > 0 {
                for g in cut.groups { usage[g, default: 0] += master.alphas[m][i] }
            }
            for (position, g) in sub.groups.enumerated() {
                guard let u = usage[g], u > 1e-6, u < 1 - 1e-6,
                      !fixings[m].forced.contains(position), !fixings[m].banned.contains(position) else { continue }
                let distance = abs(u - 0.5)
                if choice == nil || distance < choice!.distance { choice = (distance, m, position) }
            }
        }
        return choice.map { ($0.mentor, $0.position) }
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
