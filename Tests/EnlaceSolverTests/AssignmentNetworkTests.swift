import EnlacePlugins
import EnlaceTestSupport
@testable import EnlaceSolver
import Testing

@Suite struct AssignmentNetworkTests {
    /// Two parents (nodes 4, 5), two one-seat groups (2, 3) of one mentor (1): the greedy choice
    /// (p0 takes the 10-point seat) is wrong; placing p1 moves p0 to keep both matched.
    @Test func findsTheAssignmentThatGreedyMisses() {
        var network = AssignmentNetwork(nodes: 6)
        network.addArc(from: 1, to: AssignmentNetwork.sink, capacity: 2, cost: 0)
        network.addArc(from: 2, to: 1, capacity: 1, cost: 0)
        network.addArc(from: 3, to: 1, capacity: 1, cost: 0)
        let a = network.addArc(from: 4, to: 2, capacity: 1, cost: -10)
        let b = network.addArc(from: 4, to: 3, capacity: 1, cost: -9)
        let c = network.addArc(from: 5, to: 2, capacity: 1, cost: -8)
        #expect(network.place(4) == -10)
        #expect(network.flow(on: a) == 1)
        #expect(network.place(5) == -7)  // p0 moves (−9 + 10), p1 takes its seat (−8)
        #expect(network.flow(on: a) == 0 && network.flow(on: b) == 1 && network.flow(on: c) == 1)
    }

    /// A later parent worth more pushes an earlier one out to "unassigned" when seats run out.
    @Test func pushesOutTheLessValuableParent() {
        var network = AssignmentNetwork(nodes: 4)
        network.addArc(from: 1, to: AssignmentNetwork.sink, capacity: 1, cost: 0)
        let first = network.addArc(from: 2, to: 1, capacity: 1, cost: -3)
        let second = network.addArc(from: 3, to: 1, capacity: 1, cost: -5)
        #expect(network.place(2) == -3)
        #expect(network.place(3) == -2)
        #expect(network.flow(on: first) == 0 && network.flow(on: second) == 1)
    }

    /// An arc that does not pay (positive cost) stays empty: "unassigned" costs 0.
    @Test func leavesUnprofitableArcsEmpty() {
        var network = AssignmentNetwork(nodes: 3)
        network.addArc(from: 1, to: AssignmentNetwork.sink, capacity: 5, cost: 0)
        let arc = network.addArc(from: 2, to: 1, capacity: 1, cost: 3)
        #expect(network.place(2) == 0)
        #expect(network.flow(on: arc) == 0)
    }

    /// Random parents → groups → mentors networks: the total cost equals the best assignment
    /// found by enumerating every choice, whatever order the parents are placed in.
    @Test(arguments: 0..<40)
    func equalsEnumerationOnRandomNetworks(seed: Int) {
        var random = TinyInstances(seed: UInt64(seed) &+ 99)
        let instance = RandomNetwork(&random, mentors: 1...2, groups: 1...3, parents: 1...6, groupSize: 1...2, capacity: 1...3) {
            $0.int(0...3) == 0 ? nil : $0.int(1...12)
        }
        let (mentors, groups, parents) = (instance.mentors, instance.groups, instance.parents)
        let (mentorOf, groupSize, capacity, weight) = (instance.mentorOf, instance.groupSize, instance.capacity, instance.weight)

        var best = 0
        var choice = Array(repeating: -1, count: parents)
        func visit(_ p: Int) {
            if p == parents {
                var inGroup = Array(repeating: 0, count: groups), ofMentor = Array(repeating: 0, count: mentors)
                var total = 0
                for (q, g) in choice.enumerated() where g >= 0 {
                    inGroup[g] += 1
                    ofMentor[mentorOf[g]] += 1
                    total += weight[q][g]!
                }
                if (0..<groups).allSatisfy({ inGroup[$0] <= groupSize[$0] }) && (0..<mentors).allSatisfy({ ofMentor[$0] <= capacity[$0] }) {
                    best = max(best, total)
                }
                return
            }
            for g in [-1] + (0..<groups).filter({ weight[p][$0] != nil }) {
                choice[p] = g
                visit(p + 1)
            }
        }
        visit(0)

        for reversed in [false, true] {
            var (network, _, _, _) = instance.network()
            var total: Int64 = 0
            for p in reversed ? Array((0..<parents).reversed()) : Array(0..<parents) { total += network.place(instance.node(parent: p)) }
            #expect(-total == Int64(best), "seed \(seed), reversed \(reversed)")
        }
    }

    /// Networks too large to enumerate, with long chains of moves: every placement order reaches
    /// the same optimum, and the flow respects every capacity and conserves at every node.
    @Test(arguments: 0..<12)
    func everyOrderReachesTheSameOptimum(seed: Int) {
        var random = TinyInstances(seed: UInt64(seed) &+ 4_242)
        let instance = RandomNetwork(&random, mentors: 2...6, groups: 4...14, parents: 20...60, groupSize: 1...6, capacity: 1...8) {
            $0.int(0...2) == 0 ? $0.int(90...131) : nil
        }
        let (mentors, groups, parents) = (instance.mentors, instance.groups, instance.parents)
        let (mentorOf, groupSize, capacity, weight) = (instance.mentorOf, instance.groupSize, instance.capacity, instance.weight)
        let orders = [Array(0..<parents), Array((0..<parents).reversed()), (0..<parents).sorted { ($0 * 7919) % parents < ($1 * 7919) % parents }]
        var totals: [Int64] = []
        for order in orders {
            var (network, mentorArcs, groupArcs, parentArcs) = instance.network()
            var total: Int64 = 0
            for p in order { total += network.place(instance.node(parent: p)) }
            totals.append(total)
            var inGroup = Array(repeating: 0, count: groups), perParent = Array(repeating: 0, count: parents), value: Int64 = 0
            for (p, g, arc) in parentArcs where network.flow(on: arc) > 0 {
                inGroup[g] += 1
                perParent[p] += 1
                value += Int64(weight[p][g]!)
            }
            #expect(perParent.allSatisfy { $0 <= 1 }, "seed \(seed)")
            #expect(value == -total, "seed \(seed): the flow's value is the placements' total")
            for p in 0..<parents { #expect(network.isAssigned(instance.node(parent: p)) == (perParent[p] == 1), "seed \(seed), parent \(p)") }
            for g in 0..<groups {
                #expect(network.flow(on: groupArcs[g]) == inGroup[g] && inGroup[g] <= groupSize[g], "seed \(seed), group \(g)")
            }
            for m in 0..<mentors {
                let load = (0..<groups).filter { mentorOf[$0] == m }.reduce(0) { $0 + inGroup[$1] }
                #expect(network.flow(on: mentorArcs[m]) == load && load <= capacity[m], "seed \(seed), mentor \(m)")
            }
        }
        #expect(totals.allSatisfy { $0 == totals[0] }, "seed \(seed): \(totals)")
    }

    /// A network emptied by `reset(nodes:)` and filled again solves like a new one: the same
    /// totals and the same flow on every arc, over networks of growing and shrinking sizes.
    @Test func aResetNetworkSolvesLikeANewOne() {
        var random = TinyInstances(seed: 31_337)
        var reused = AssignmentNetwork(nodes: 0)
        for round in 0..<30 {
            let instance = RandomNetwork(&random, mentors: 1...5, groups: 2...10, parents: 3...40, groupSize: 1...5, capacity: 1...9) {
                $0.int(0...1) == 0 ? $0.int(80...130) : nil
            }
            var (fresh, _, _, freshArcs) = instance.network()
            reused.reset(nodes: 0)
            var (again, _, _, againArcs) = instance.network(reusing: reused)
            var totals: (Int64, Int64) = (0, 0)
            for p in 0..<instance.parents {
                totals.0 += fresh.place(instance.node(parent: p))
                totals.1 += again.place(instance.node(parent: p))
            }
            #expect(totals.0 == totals.1, "round \(round)")
            #expect(zip(freshArcs, againArcs).allSatisfy { fresh.flow(on: $0.arc) == again.flow(on: $1.arc) }, "round \(round)")
            reused = again
        }
    }
}

/// A random parents → groups → mentors network: the sink, then mentors, groups and parents.
private struct RandomNetwork {
    let mentors: Int, groups: Int, parents: Int
    let mentorOf: [Int], groupSize: [Int], capacity: [Int]
    /// Each parent's weight in each group, nil where it does not fit.
    let weight: [[Int?]]

    init(_ random: inout TinyInstances, mentors: ClosedRange<Int>, groups: ClosedRange<Int>, parents: ClosedRange<Int>,
         groupSize: ClosedRange<Int>, capacity: ClosedRange<Int>, weight: (inout TinyInstances) -> Int?) {
        let m = random.int(mentors), g = random.int(groups), p = random.int(parents)
        (self.mentors, self.groups, self.parents) = (m, g, p)
        mentorOf = (0..<g).map { _ in random.int(0...m - 1) }
        self.groupSize = (0..<g).map { _ in random.int(groupSize) }
        self.capacity = (0..<m).map { _ in random.int(capacity) }
        self.weight = (0..<p).map { _ in (0..<g).map { _ in weight(&random) } }
    }

    func node(parent p: Int) -> Int { 1 + mentors + groups + p }

    /// The network with every arc, none placed yet, and the arcs' indices.
    /// With `reusing`, that network is reset and filled (its storage kept) instead of a new one.
    func network(reusing: AssignmentNetwork? = nil) -> (AssignmentNetwork, mentorArcs: [Int], groupArcs: [Int], parentArcs: [(parent: Int, group: Int, arc: Int)]) {
        var network: AssignmentNetwork
        if var reusing {
            reusing.reset(nodes: 1 + mentors + groups + parents)
            network = reusing
        } else {
            network = AssignmentNetwork(nodes: 1 + mentors + groups + parents)
        }
        let mentorArcs = (0..<mentors).map { network.addArc(from: 1 + $0, to: AssignmentNetwork.sink, capacity: capacity[$0], cost: 0) }
        let groupArcs = (0..<groups).map { network.addArc(from: 1 + mentors + $0, to: 1 + mentorOf[$0], capacity: groupSize[$0], cost: 0) }
        var parentArcs: [(parent: Int, group: Int, arc: Int)] = []
        for p in 0..<parents {
            for g in 0..<groups {
                if let w = weight[p][g] {
                    parentArcs.append((p, g, network.addArc(from: node(parent: p), to: 1 + mentors + g, capacity: 1, cost: -Int64(w))))
                }
            }
        }
        return (network, mentorArcs, groupArcs, parentArcs)
    }
}
