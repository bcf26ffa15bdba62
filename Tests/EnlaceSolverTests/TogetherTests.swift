import EnlaceCore
import EnlacePlugins
import EnlaceTestSupport
@testable import EnlaceSolver
import Testing

/// Section 8's soft pair term: points when two parents share a group, with a bound that stays a
/// true upper bound.
@Suite struct TogetherTests {
    /// A district rule giving `points` to each of `pairs` sharing a group.
    final class Together: PreparedRule {
        let hooks: RuleHooks = [.parentsTogether]
        let pairs: [ParentPairPoints]

        init(_ pairs: [ParentPairPoints]) { self.pairs = pairs }

        func parentsTogether() -> [ParentPairPoints] { pairs }
        func justify(parent: Int, together other: Int) -> String? { "meets with a family of the same household" }
    }

    /// The built-in rules plus `Together(pairs)`.
    static func model(_ program: Program, pairs: [ParentPairPoints]) -> MatchModel {
        let builtIn = RuleSet.builtIn(program: program)
        let rules = RuleSet(rules: builtIn.rules + [ActiveRule(name: "together", role: .soft, source: .folder("Together"), rule: Together(pairs))],
                            previousMentor: builtIn.previousMentor)
        return try! MatchModel(program: program, rules: rules)
    }

    @Test func scoresPairsWithATrueBoundOnTinyInstances() {
        var scored = 0, optimal = 0
        for (seed, plain) in enumerableModels(seeds: 3000..<3200) {
            // Pairs the plain schedule seats apart but who fit a group together.
            let free = Solver.solve(plain)
            var pairs: [ParentPairPoints] = []
            let parents = plain.program.parents.indices
            for p in parents {
                for q in parents where q > p && free.groupOfParent[p] != free.groupOfParent[q] {
                    let shared = plain.groups.indices.contains { plain.fits[$0].contains(Int32(p)) && plain.fits[$0].contains(Int32(q)) }
                    if shared && pairs.count < 2 { pairs.append(ParentPairPoints(ParentPair(Int32(p), Int32(q)), points: 60)) }
                }
            }
            guard !pairs.isEmpty else { continue }
            let model = Self.model(plain.program, pairs: pairs)
            let solution = Solver.solve(model)
            let optimum = bruteForceOptimum(model)
            #expect(violations(solution, model) == [], "seed \(seed)")
            #expect(solution.score <= optimum, "seed \(seed)")
            #expect(solution.bound >= optimum, "seed \(seed): bound \(solution.bound) below the optimum \(optimum)")
            let rescored = model.score(groupOfParent: solution.groupOfParent)
            #expect(rescored.total == solution.score)
            #expect(rescored.terms == solution.terms)
            scored += 1
            if solution.score == optimum { optimal += 1 }
        }
        #expect(scored >= 30, "enough instances with pairs")
        // Pair points are found by moves after each exact assignment, a heuristic.
        #expect(optimal * 10 >= scored * 8, "optimal on \(optimal) of \(scored)")
    }

    @Test func pairPointsAreATermAndAreExplained() throws {
        for (_, plain) in enumerableModels(seeds: 3000..<3400) {
            let free = Solver.solve(plain)
            guard let members = free.parentsByGroup().values.first(where: { $0.count >= 2 }) else { continue }
            let pair = ParentPair(Int32(members[0]), Int32(members[1]))
            let model = Self.model(plain.program, pairs: [ParentPairPoints(pair, points: 7)])
            let solution = Solver.solve(model)
            guard let g = solution.groupOfParent[members[0]], solution.groupOfParent[members[1]] == g else { continue }
            #expect(solution.terms["together"] == 7)
            let explanation = model.explain(parent: members[0], in: solution)
            #expect(explanation.justifications.contains("meets with a family of the same household: +7 (together)"))
            return
        }
        Issue.record("no tiny instance kept a scored pair together")
    }
}
