/// The best assignment of people (one unit each) to capacitated seats, exactly: a min-cost flow
/// solved one person at a time by shortest augmenting paths.
///
/// The network: node 0 is the sink; the caller adds the other nodes' arcs (parent → group with
/// the pair's cost, group → mentor with the group size, mentor → sink with the capacity). Every
/// person also has an arc straight to the sink at cost 0, "stays unassigned", so each person's
/// unit always has somewhere to go and the problem is a transportation problem with fixed
/// supplies. `place(_:)` sends one person's unit along a cheapest path in the residual network:
/// the person may take a free seat, or push others along a chain of moves, or push someone out
/// to "unassigned" when that pays.
///
/// Node potentials keep every residual arc's reduced cost non-negative, so each path is found by
/// Dijkstra, which stops as soon as the sink is settled; only the nodes it settled change their
/// potential (by their distance minus the sink's), which keeps the invariant. A new person's
/// potential is set from its own arcs (it has no incoming residual arc yet). The flow after each
/// `place` is optimal for the people placed so far (the successive-shortest-path argument with
/// fixed supplies), so placing everyone gives the exact optimum, in any order.
///
/// Why not one global min-cost flow: with Enlace's few distinct weights, a source-rooted
/// successive-shortest-path run needs a full Dijkstra over the whole network for each of dozens
/// of path lengths; here each search is local — when a free seat is near, it settles a handful of
/// nodes — so the cost follows the contention, not the size of the network.
///
/// - Complexity: O(Σ over people of the arcs of the nodes its search settles × log); in the worst
///   case O(people × arcs × log nodes).
/// - Reference: R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows* (1993), §9.7
///   (successive shortest paths with reduced costs); R. Jonker, A. Volgenant, "A shortest
///   augmenting path algorithm for dense and sparse linear assignment problems", *Computing* 38
///   (1987) (one augmentation per row, early exit).
struct AssignmentNetwork {
    static let sink = 0
    private(set) var nodeCount: Int
    /// Each node's arcs as added (even indices), chained through `next`.
    private var head: [Int32]
    private var next: [Int32] = []
    private var to: [Int32] = []
    private var capacity: [Int32] = []
    private var cost: [Int64] = []
    /// Each node's residual twins (odd indices) that carry capacity, i.e. the flow it may send
    /// back. Kept apart from `head`'s chain: a group fitting hundreds of parents has a twin per
    /// parent but only its members' can be used, and scanning all of them was most of the time.
    private var active: [[Int32]]
    /// Where each twin sits in its node's `active` list (−1: not there).
    private var activeSlot: [Int32] = []
    /// Node potentials: residual arcs have `cost + potential[from] − potential[to] ≥ 0`.
    private(set) var potential: [Int64]
    // Dijkstra's scratch, kept between searches; `stamp` tells which entries are current.
    private var distance: [Int64]
    private var predecessor: [Int32]
    private var stamp: [Int32]
    private var settledStamp: [Int32]
    private var generation: Int32 = 0
    private var settled: [Int32] = []
    private var heap = DistanceHeap()

    init(nodes: Int) {
        nodeCount = nodes
        head = Array(repeating: -1, count: nodes)
        active = Array(repeating: [], count: nodes)
        potential = Array(repeating: 0, count: nodes)
        distance = Array(repeating: 0, count: nodes)
        predecessor = Array(repeating: -1, count: nodes)
        stamp = Array(repeating: 0, count: nodes)
        settledStamp = Array(repeating: 0, count: nodes)
    }

    /// Empties the network and gives it `nodes` nodes, keeping its storage: for callers that solve
    /// many small networks one after another (`MentorSubproblem`'s exact values).
    mutating func reset(nodes: Int) {
        nodeCount = nodes
        func refill<T>(_ array: inout [T], with value: T) {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: repeatElement(value, count: nodes))
        }
        refill(&head, with: -1)
        refill(&potential, with: 0)
        refill(&distance, with: 0)
        refill(&predecessor, with: -1)
        refill(&stamp, with: 0)
        refill(&settledStamp, with: 0)
        generation = 0
        // Inner lists keep their storage; lists past `nodes` stay empty and unused.
        for i in active.indices where !active[i].isEmpty { active[i].removeAll(keepingCapacity: true) }
        if active.count < nodes { active.append(contentsOf: repeatElement([], count: nodes - active.count)) }
        next.removeAll(keepingCapacity: true)
        to.removeAll(keepingCapacity: true)
        capacity.removeAll(keepingCapacity: true)
        cost.removeAll(keepingCapacity: true)
        activeSlot.removeAll(keepingCapacity: true)
        settled.removeAll(keepingCapacity: true)
        heap.removeAll()
    }

    /// Adds an arc and its residual twin; returns the arc's index for `flow(on:)`. A person's
    /// arcs must all be added before it is placed, and are best added one after another: a search
    /// scans every arc of each person it settles, and arcs added apart (group by group) sit apart
    /// in memory, where nearly every scan misses the cache (docs/PERFORMANCE.md, "Matcher").
    @discardableResult
    mutating func addArc(from: Int, to target: Int, capacity cap: Int, cost c: Int64) -> Int {
        let index = to.count
        to.append(Int32(target))
        capacity.append(Int32(cap))
        cost.append(c)
        next.append(head[from])
        head[from] = Int32(index)
        // The twin: reached through `active` once the arc carries flow.
        to.append(Int32(from))
        capacity.append(0)
        cost.append(-c)
        next.append(-1)
        activeSlot.append(-1)
        activeSlot.append(-1)
        return index
    }

    /// Moves one unit along arc `a`, keeping the `active` lists of twins with capacity.
    private mutating func push(_ a: Int) {
        capacity[a] -= 1
        capacity[a ^ 1] += 1
        if a & 1 == 1 && capacity[a] == 0 {
            // A twin used up: it leaves its node's list (the node it starts from is its arc's head).
            let node = Int(to[a ^ 1]), slot = Int(activeSlot[a])
            let last = active[node].removeLast()
            if Int(last) != a {
                active[node][slot] = last
                activeSlot[Int(last)] = Int32(slot)
            }
            activeSlot[a] = -1
        } else if a & 1 == 0 && capacity[a ^ 1] == 1 {
            let node = Int(to[a])
            activeSlot[a ^ 1] = Int32(active[node].count)
            active[node].append(Int32(a ^ 1))
        }
    }

    /// Whether placed person `node` holds a seat (its unit did not go straight to the sink).
    func isAssigned(_ node: Int) -> Bool {
        var arc = head[node]
        while arc >= 0 {
            let a = Int(arc)
            if capacity[a ^ 1] > 0 { return Int(to[a]) != Self.sink }
            arc = next[a]
        }
        return false
    }

    /// Units of flow on arc `arc` (an index returned by `addArc`).
    func flow(on arc: Int) -> Int { Int(capacity[arc ^ 1]) }

    /// Sends person `node`'s unit to the sink along a cheapest residual path, after adding its
    /// arc to the sink ("unassigned"); returns the path's cost (negative when the person or a
    /// chain of moves gains). `node` must not have been placed before.
    @discardableResult
    mutating func place(_ node: Int) -> Int64 {
        addArc(from: node, to: Self.sink, capacity: 1, cost: 0)
        // The new node has no incoming residual arc: any potential that makes its own arcs'
        // reduced costs non-negative keeps the invariant.
        var start = Int64.min
        var arc = head[node]
        while arc >= 0 {
            let a = Int(arc)
            if capacity[a] > 0 { start = max(start, potential[Int(to[a])] - cost[a]) }
            arc = next[a]
        }
        potential[node] = start
        let reach = search(from: node)
        var pathCost: Int64 = 0
        var v = Self.sink
        while v != node {
            let a = Int(predecessor[v])
            push(a)
            pathCost += cost[a]
            v = Int(to[a ^ 1])
        }
        // Nodes settled before the sink move by (their distance − the sink's); the rest keep theirs.
        for v32 in settled {
            let v = Int(v32)
            potential[v] += distance[v] - reach
        }
        return pathCost
    }

    /// Dijkstra from `root` on reduced costs until the sink is settled; returns the sink's distance
    /// and leaves the settled nodes (before the sink) in `settled`, each with its `predecessor` arc.
    private mutating func search(from root: Int) -> Int64 {
        generation &+= 1
        if generation == Int32.max {
            generation = 1
            for i in stamp.indices { stamp[i] = 0; settledStamp[i] = 0 }
        }
        settled.removeAll(keepingCapacity: true)
        heap.removeAll()
        stamp[root] = generation
        distance[root] = 0
        heap.push(0, Int32(root))
        while let (d, v32) = heap.pop() {
            let v = Int(v32)
            if settledStamp[v] == generation || d > distance[v] { continue }
            if v == Self.sink { return d }
            settledStamp[v] = generation
            settled.append(v32)
            let pv = potential[v]
            var arc = head[v]
            while arc >= 0 {
                let a = Int(arc)
                if capacity[a] > 0 { relax(a, from: d + pv) }
                arc = next[a]
            }
            for a in active[v] { relax(Int(a), from: d + pv) }
        }
        preconditionFailure("the sink is always reachable through the person's own arc to it")
    }

    /// Dijkstra's relaxation of residual arc `a`; `base` is its tail's distance plus potential.
    @inline(__always)
    private mutating func relax(_ a: Int, from base: Int64) {
        let w = Int(to[a])
        let candidate = base + cost[a] - potential[w]
        if stamp[w] != generation || candidate < distance[w] {
            stamp[w] = generation
            distance[w] = candidate
            predecessor[w] = Int32(a)
            heap.push(candidate, Int32(w))
        }
    }
}

/// A binary min-heap of (distance, node), ties to the lower node, for `AssignmentNetwork`.
struct DistanceHeap {
    private var keys: [Int64] = []
    private var nodes: [Int32] = []

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    private func less(_ i: Int, _ j: Int) -> Bool {
        keys[i] < keys[j] || (keys[i] == keys[j] && nodes[i] < nodes[j])
    }

    private mutating func swapAt(_ i: Int, _ j: Int) {
        keys.swapAt(i, j)
        nodes.swapAt(i, j)
    }

    mutating func push(_ key: Int64, _ node: Int32) {
        keys.append(key)
        nodes.append(node)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard less(i, parent) else { break }
            swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (Int64, Int32)? {
        guard let key = keys.first, let node = nodes.first else { return nil }
        let lastKey = keys.removeLast(), lastNode = nodes.removeLast()
        if !keys.isEmpty {
            keys[0] = lastKey
            nodes[0] = lastNode
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var smallest = i
                if l < keys.count && less(l, smallest) { smallest = l }
                if r < keys.count && less(r, smallest) { smallest = r }
                if smallest == i { break }
                swapAt(i, smallest)
                i = smallest
            }
        }
        return (key, node)
    }
}
