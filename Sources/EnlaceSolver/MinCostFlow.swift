/// Min-cost flow on a small directed graph, used to assign parents to open groups exactly.
///
/// The problem: given arcs with integer capacities and costs, find a flow from `source` to `sink`
/// of any value that minimises total cost (so arcs with negative cost — weights to maximise — are
/// used only while they pay off).
///
/// The algorithm is the primal–dual successive-shortest-path method: node potentials keep reduced
/// costs non-negative, Dijkstra finds the shortest augmenting distance, and then every augmenting
/// path of that length is pushed at once as a blocking flow on the zero-reduced-cost arcs (as in
/// Dinic's algorithm). Path costs never decrease from one phase to the next, so the first phase
/// whose path cost is not negative proves the current flow optimal. The initial potentials come
/// from the caller's promise that the graph is acyclic (arcs go from lower to higher node numbers),
/// which holds for source → parents → groups → mentors → sink.
///
/// - Complexity: O(P · (E log V)) where P is the number of distinct path lengths met; with the few
///   distinct weights of Enlace's objective P stays small.
/// - Reference: R. K. Ahuja, T. L. Magnanti, J. B. Orlin, *Network Flows* (1993), §9.7.
struct MinCostFlow {
    private(set) var nodeCount: Int
    private var head: [Int32]
    private var next: [Int32] = []
    private var to: [Int32] = []
    private var capacity: [Int32] = []
    private var cost: [Int64] = []

    init(nodes: Int) {
        nodeCount = nodes
        head = Array(repeating: -1, count: nodes)
    }

    /// Adds an arc `from → to` (and its residual twin); returns the arc's index for `flow(on:)`.
    /// Arcs must go from a lower to a higher node number.
    @discardableResult
    mutating func addArc(from: Int, to target: Int, capacity cap: Int, cost c: Int) -> Int {
        precondition(from < target, "arcs must follow the node order")
        let index = to.count
        for (a, b, k, w) in [(from, target, cap, Int64(c)), (target, from, 0, -Int64(c))] {
            to.append(Int32(b))
            capacity.append(Int32(k))
            cost.append(w)
            next.append(head[a])
            head[a] = Int32(to.count - 1)
        }
        return index
    }

    /// Flow currently on arc `arc` (an index returned by `addArc`).
    func flow(on arc: Int) -> Int { Int(capacity[arc ^ 1]) }

    /// Pushes flow from `source` to `sink` while it lowers the total cost; returns the cost.
    mutating func minimizeCost(source: Int, sink: Int) -> Int64 {
        var potential = initialPotentials(source: source)
        var total: Int64 = 0
        while true {
            let distance = dijkstra(source: source, potential: potential)
            guard distance[sink] < .max else { break }
            for v in 0..<nodeCount where distance[v] < .max { potential[v] += distance[v] }
            let pathCost = potential[sink] - potential[source]
            guard pathCost < 0 else { break }
            total += pathCost * blockingFlow(source: source, sink: sink, potential: potential)
        }
        return total
    }

    private func initialPotentials(source: Int) -> [Int64] {
        var potential = Array(repeating: Int64.max, count: nodeCount)
        potential[source] = 0
        for v in 0..<nodeCount where potential[v] < .max {
            var arc = head[v]
            while arc >= 0 {
                let a = Int(arc), w = Int(to[a])
                if capacity[a] > 0 && w > v { potential[w] = min(potential[w], potential[v] + cost[a]) }
                arc = next[a]
            }
        }
        // Unreachable nodes get a potential that keeps every reduced cost into them non-negative.
        let high = potential.filter { $0 < .max }.max() ?? 0
        return potential.map { $0 == .max ? high : $0 }
    }

    private func dijkstra(source: Int, potential: [Int64]) -> [Int64] {
        var distance = Array(repeating: Int64.max, count: nodeCount)
        var heap = MaxHeap<DistanceEntry>()
        distance[source] = 0
        heap.push(DistanceEntry(distance: 0, node: source))
        while let entry = heap.pop() {
            let d = entry.distance, v = entry.node
            if d > distance[v] { continue }
            var arc = head[v]
            while arc >= 0 {
                let a = Int(arc), w = Int(to[a])
                if capacity[a] > 0 {
                    let candidate = d + cost[a] + potential[v] - potential[w]
                    if candidate < distance[w] {
                        distance[w] = candidate
                        heap.push(DistanceEntry(distance: candidate, node: w))
                    }
                }
                arc = next[a]
            }
        }
        return distance
    }

    /// Pushes a blocking flow along arcs of zero reduced cost, in BFS levels so that zero-cost
    /// cycles cannot trap the search; returns the amount pushed.
    private mutating func blockingFlow(source: Int, sink: Int, potential: [Int64]) -> Int64 {
        var pushed: Int64 = 0
        while true {
            var level = Array(repeating: -1, count: nodeCount)
            level[source] = 0
            var queue = [source]
            var index = 0
            while index < queue.count {
                let v = queue[index]
                index += 1
                var arc = head[v]
                while arc >= 0 {
                    let a = Int(arc), w = Int(to[a])
                    if capacity[a] > 0 && level[w] < 0 && cost[a] + potential[v] - potential[w] == 0 {
                        level[w] = level[v] + 1
                        queue.append(w)
                    }
                    arc = next[a]
                }
            }
            guard level[sink] >= 0 else { return pushed }
            var current = head
            while true {
                let amount = augment(source, sink, Int32.max, &level, &current, potential)
                if amount == 0 { break }
                pushed += Int64(amount)
            }
        }
    }

    private mutating func augment(_ v: Int, _ sink: Int, _ limit: Int32, _ level: inout [Int],
                                  _ current: inout [Int32], _ potential: [Int64]) -> Int32 {
        if v == sink { return limit }
        while current[v] >= 0 {
            let a = Int(current[v]), w = Int(to[a])
            if capacity[a] > 0 && level[w] == level[v] + 1 && cost[a] + potential[v] - potential[w] == 0 {
                let amount = augment(w, sink, min(limit, capacity[a]), &level, &current, potential)
                if amount > 0 {
                    capacity[a] -= amount
                    capacity[a ^ 1] += amount
                    return amount
                }
            }
            current[v] = next[a]
        }
        level[v] = -1
        return 0
    }
}

/// A Dijkstra queue entry: the smallest distance is the "largest" entry, so that `MaxHeap` pops
/// it first; ties go to the lower node number, for determinism.
struct DistanceEntry: Comparable {
    let distance: Int64
    let node: Int

    static func < (a: DistanceEntry, b: DistanceEntry) -> Bool {
        (a.distance, a.node) > (b.distance, b.node)
    }
}

/// A binary heap that pops its largest element first.
struct MaxHeap<Element: Comparable> {
    private var items: [Element] = []

    /// The largest element, if any.
    var peek: Element? { items.first }

    /// - Complexity: O(log n).
    mutating func push(_ element: Element) {
        items.append(element)
        var i = items.count - 1
        while i > 0, items[(i - 1) / 2] < items[i] {
            items.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }

    /// Removes and returns the largest element. - Complexity: O(log n).
    mutating func pop() -> Element? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var largest = i
                if l < items.count && items[largest] < items[l] { largest = l }
                if r < items.count && items[largest] < items[r] { largest = r }
                if largest == i { break }
                items.swapAt(i, largest)
                i = largest
            }
        }
        return top
    }
}
