import EnlacePlugins
import EnlaceTestSupport
@testable import EnlaceSolver
import Testing

@Suite struct SeatCounterTests {
    /// For one and two groups the counters answer exactly as the augmenting-path checker does,
    /// on random sequences of parents (each fitting one group, the other, or both).
    @Test(arguments: 0..<200)
    func agreesWithAugmentingPaths(seed: Int) {
        var random = TinyInstances(seed: UInt64(seed))
        let bins = random.int(1...2)
        let sizes = (0..<bins).map { _ in random.int(0...4) }
        var counter = SeatCounter(Array(sizes.indices), sizes: sizes), checker = AssignmentChecker(binSizes: sizes)
        for _ in 0..<12 {
            let slots = UInt64(random.int(1...(bins == 1 ? 1 : 3)))
            #expect(counter.insert(slots: slots) == checker.insert(slots: slots), "seed \(seed), sizes \(sizes)")
        }
    }
}
