@testable import EnlaceSolver
import Testing

@Suite struct MinCostFlowTests {
    /// Two parents, two one-seat groups: the greedy choice (p0 takes the 10-point seat) is wrong;
    /// the optimum moves p0 to keep p1 matched.
    @Test func findsTheAssignmentThatGreedyMisses() {
        var flow = MinCostFlow(nodes: 6)
        flow.addArc(from: 0, to: 1, capacity: 1, cost: 0)
        flow.addArc(from: 0, to: 2, capacity: 1, cost: 0)
        let a = flow.addArc(from: 1, to: 3, capacity: 1, cost: -10)
        let b = flow.addArc(from: 1, to: 4, capacity: 1, cost: -9)
        let c = flow.addArc(from: 2, to: 3, capacity: 1, cost: -8)
        flow.addArc(from: 3, to: 5, capacity: 1, cost: 0)
        flow.addArc(from: 4, to: 5, capacity: 1, cost: 0)
        #expect(flow.minimizeCost(source: 0, sink: 5) == -17)
        #expect(flow.flow(on: a) == 0 && flow.flow(on: b) == 1 && flow.flow(on: c) == 1)
    }

    @Test func leavesUnprofitableArcsEmpty() {
        var flow = MinCostFlow(nodes: 3)
        let arc = flow.addArc(from: 0, to: 1, capacity: 5, cost: 3)
        flow.addArc(from: 1, to: 2, capacity: 5, cost: -1)
        #expect(flow.minimizeCost(source: 0, sink: 2) == 0)
        #expect(flow.flow(on: arc) == 0)
    }
}
