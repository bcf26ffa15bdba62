import EnlaceCore
import EnlacePlugins
import EnlaceTestSupport
@testable import EnlaceSolver
import Testing

/// Section 8's pair rule: parents kept apart never share a group, in any stage, and the bound
/// stays a true upper bound.
@Suite struct KeepApartTests {
    /// Tiny programs where parents who would share a group are kept apart: the schedule honours
    /// every pair, scores at most the enumerated optimum (which honours them too), and the bound is
    /// at least that optimum.
    @Test func honoursPairsWithATrueBoundOnTinyInstances() {
        var constrained = 0, optimal = 0, compared = 0
        for (seed, model) in enumerableModels(seeds: 2000..<2200) {
            let free = Solver.solve(model)
            // Keep apart pairs the unconstrained schedule seats together, so the rule must act.
            let together = free.parentsByGroup().values.filter { $0.count >= 2 }.map { ($0[0], $0[1]) }
            guard !together.isEmpty else { continue }
            let kept = MatchModel(program: keepingApart(together, in: model.program))
            #expect(kept.hasApart)
            let solution = Solver.solve(kept)
            #expect(violations(solution, kept) == [], "seed \(seed)")
            let optimum = bruteForceOptimum(kept)
            #expect(solution.score <= optimum, "seed \(seed)")
            #expect(solution.bound >= optimum, "seed \(seed): bound \(solution.bound) below the optimum \(optimum)")
            #expect(kept.score(groupOfParent: solution.groupOfParent).total == solution.score)
            constrained += 1
            compared += 1
            if solution.score == optimum { optimal += 1 }
        }
        #expect(constrained >= 30, "enough instances where the rule changes the schedule")
        // Keeping apart by forbidding seats is a heuristic; on these instances it finds the optimum
        // nearly always.
        #expect(optimal * 10 >= compared * 9, "optimal on \(optimal) of \(compared)")
    }

    /// Larger random programs, every stage running, searched whole and over candidates: no pair
    /// ever shares a group.
    @Test(arguments: 0..<20)
    func noPairSharesAGroup(seed: Int) {
        var generator = TinyInstances(seed: UInt64(seed) &+ 77)
        let program = generator.program(mentors: generator.int(2...4), parents: generator.int(8...14))
        var pairs: [(Int, Int)] = []
        for _ in 0..<generator.int(2...6) {
            pairs.append((generator.int(0...program.parents.count - 1), generator.int(0...program.parents.count - 1)))
        }
        let apart = keepingApart(pairs, in: program)
        let model = MatchModel(program: apart)
        let solution = Solver.solve(model)
        #expect(violations(solution, model) == [])
        #expect(solution.bound >= solution.score)
        #expect(Solver.solve(model) == solution, "deterministic")
        // The path for districts too large to search whole, forced on this one.
        let truncated = try! MatchModel(program: apart, rules: RuleSet.builtIn(program: apart), searchablePairs: 0)
        let large = Solver.solve(truncated)
        #expect(violations(large, model) == [], "over candidates")
        #expect(large.bound >= large.score && Solver.solve(truncated) == large)
        // Beyond the pairs scored one by one: the configuration bound over score types.
        var options = SolverOptions.scaled(for: truncated)
        options.seatPriceSteps = 0
        options.typedBound = true
        let typed = Solver.solve(truncated, options: options)
        #expect(violations(typed, model) == [], "over score types")
        #expect(typed.bound >= typed.score)
    }

    /// The unmatched reason names the rule, never the other family.
    @Test func anUnmatchedParentIsToldWhichRule() throws {
        for (_, model) in enumerableModels(seeds: 2000..<2200) {
            let free = Solver.solve(model)
            guard let pair = free.parentsByGroup().values.first(where: { $0.count == 2 }) else { continue }
            let kept = MatchModel(program: keepingApart([(pair[0], pair[1])], in: model.program))
            let solution = Solver.solve(kept)
            guard let explanation = kept.explainUnmatched(solution).first(where: { $0.cause.rawValue == "keep_apart" }) else { continue }
            let reason = try #require(explanation.reasons.first)
            #expect(reason.contains("holds a family this parent is kept apart from"))
            #expect(reason.hasSuffix("(keep_apart)"))
            for parent in kept.program.parents { #expect(!reason.contains(parent.name)) }
            return
        }
        Issue.record("no tiny instance left a kept-apart parent unmatched")
    }
}
