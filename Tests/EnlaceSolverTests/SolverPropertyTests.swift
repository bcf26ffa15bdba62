import EnlaceCore
@testable import EnlaceSolver
import Testing

@Suite struct SolverPropertyTests {
    @Test(arguments: 0..<60)
    func solutionIsFeasibleScoredAndBounded(seed: Int) {
        var generator = TinyInstances(seed: UInt64(seed))
        let program = generator.program(mentors: generator.int(1...4), parents: generator.int(3...12))
        let model = MatchModel(program: program)
        let solution = Solver.solve(model)
        #expect(violations(solution, model) == [])
        let rescored = model.score(groupOfParent: solution.groupOfParent)
        #expect(rescored.total == solution.score)
        #expect(rescored.terms == solution.terms)
        #expect(solution.bound >= solution.score)
        #expect(Solver.solve(MatchModel(program: program)) == solution)
    }

    /// The solver reaches the enumerated optimum; the instances are dense enough to matter (most
    /// have several parents competing for few seats), which the second expectation guards.
    @Test func matchesBruteForceOnTinyInstances() {
        var nontrivial = 0
        for seed in 0..<80 {
            var generator = TinyInstances(seed: UInt64(1000 + seed))
            let program = generator.program(mentors: 2, parents: generator.int(3...6))
            let model = MatchModel(program: program)
            guard model.groups.count <= 12 else { continue }
            let optimum = bruteForceOptimum(model)
            let solution = Solver.solve(model)
            #expect(solution.score == optimum, "seed \(seed): solver \(solution.score), optimum \(optimum)")
            #expect(solution.bound >= optimum)
            if optimum >= 200 { nontrivial += 1 }
        }
        #expect(nontrivial >= 15)
    }
}
