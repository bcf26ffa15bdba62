import EnlaceCore
import EnlacePlugins
import EnlaceTestSupport
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
        for (seed, model) in enumerableModels(seeds: 1000..<1080) {
            let optimum = bruteForceOptimum(model)
            let solution = Solver.solve(model)
            #expect(solution.score == optimum, "seed \(seed): solver \(solution.score), optimum \(optimum)")
            #expect(solution.bound >= optimum)
            if optimum >= 200 { nontrivial += 1 }
        }
        #expect(nontrivial >= 15)
    }

    /// Both ways of bounding the transportation relaxation are valid: the exact flow and the dual
    /// descent used on large models are at least the enumerated optimum, and the descent (any
    /// seat prices give a valid bound) is never below the exact flow's optimum.
    @Test func transportationBoundsAreValid() {
        var compared = 0
        for (seed, model) in enumerableModels(seeds: 5000..<5060) {
            let optimum = bruteForceOptimum(model)
            let start = Solver.solve(model).groupOfParent.map { $0.map { model.groups[$0].mentor } }
            let exact = UpperBound.compute(model, target: optimum, mentorOfParent: start)
            let descent = UpperBound.compute(model, target: optimum, mentorOfParent: start, exact: false)
            #expect(exact.bound >= optimum, "seed \(seed)")
            #expect(descent.bound >= exact.bound, "seed \(seed): descent \(descent.bound), exact \(exact.bound)")
            #expect(descent.prices.count == model.program.parents.count && descent.prices.allSatisfy { $0 >= 0 })
            compared += 1
        }
        #expect(compared >= 30)
    }

    /// The rounding of mid-sized models (one exact assignment, the relaxation's parents as seeds)
    /// gives feasible schedules, however the mentors' claims overlap, whose assignment is already
    /// the best for the groups they open: assigning exactly again gains nothing. The prices are
    /// lowered between rounds so that mentors claim the same parents (guarded below).
    @Test func seededRoundingsAreFeasibleAndAssignedExactly() {
        var overlapping = 0
        for (seed, model) in randomModels(seeds: 0..<40, offset: 7_000, mentors: 2...4, parents: 6...14) {
            var relaxation = LagrangianRelaxation(model: model)
            for round in 0..<3 {
                let (_, configurations, claims) = relaxation.evaluate()
                if claims.contains(where: { $0 > 1 }) { overlapping += 1 }
                var state = SearchState(model: model)
                state.openConfigurations(configurations, seededWith: relaxation.taken)
                let solution = model.solution(groupOfParent: state.groupOfParent)
                #expect(violations(solution, model) == [], "seed \(seed), round \(round)")
                #expect(Set(solution.openGroups) == state.openGroups, "seed \(seed), round \(round): an open group is empty")
                let score = model.weightedScore(state.groupOfParent)
                state.reassignExactly()
                #expect(model.weightedScore(state.groupOfParent) == score, "seed \(seed), round \(round)")
                relaxation.lambda = relaxation.lambda.map { $0 * 0.5 }
            }
        }
        #expect(overlapping >= 10)
    }

    /// Solving only the mentors whose parents' prices or whose fixings changed gives the L(λ) of
    /// solving every mentor again (a new relaxation at the same prices and fixings), step after
    /// step and across a change of fixings; and some steps do skip mentors.
    @Test func solvingOnlyStaleMentorsGivesTheWholeBound() {
        var skipped = 0
        for (seed, model) in randomModels(seeds: 0..<30, offset: 9_100, mentors: 2...5, parents: 6...16) {
            var relaxation = LagrangianRelaxation(model: model)
            for step in 0..<12 {
                relaxation.run(iterations: 1, target: 0) { _, _ in 0 }
                if step == 6, !relaxation.subproblems[0].groups.isEmpty { relaxation.fixings[0].banned = [0] }
                let solved = relaxation.subproblemsSolved
                let incremental = relaxation.evaluate().bound
                skipped += relaxation.subproblems.count - (relaxation.subproblemsSolved - solved)
                var whole = LagrangianRelaxation(model: model, prices: relaxation.lambda)
                whole.fixings = relaxation.fixings
                #expect(abs(incremental - whole.evaluate().bound) < 1e-6, "seed \(seed), step \(step)")
            }
        }
        #expect(skipped > 0)
    }

    /// The neighbourhood search, started from the greedy's schedule, keeps schedules feasible,
    /// never lowers the score, and improves it on many programs (guarded below, so the test fails
    /// if it stops finding anything).
    @Test func neighbourhoodsImproveTheGreedySchedule() {
        var improved = 0
        for (seed, model) in randomModels(seeds: 0..<40, offset: 11_000, mentors: 3...6, parents: 10...30) {
            var best = SearchState(model: model)
            best.openGreedily()
            best.reassignExactly()
            let start = model.weightedScore(best.groupOfParent)
            var bestScore = start
            var relaxation = LagrangianRelaxation(model: model)
            relaxation.run(iterations: 20, target: start) { _, _ in start }
            let search = NeighbourhoodSearch(model: model, width: 1, steps: 6)
            _ = search.run(root: relaxation, count: model.program.mentors.count, incumbent: { best }, round: { configurations in
                var trial = SearchState(model: model)
                trial.openConfigurations(configurations)
                let score = model.weightedScore(trial.groupOfParent)
                if score > bestScore {
                    best = trial
                    bestScore = score
                }
                return bestScore
            })
            #expect(violations(model.solution(groupOfParent: best.groupOfParent), model) == [], "seed \(seed)")
            #expect(bestScore >= start, "seed \(seed)")
            if bestScore > start { improved += 1 }
        }
        #expect(improved >= 10, "\(improved) of 40 improved")
    }

    /// Each mentor's subproblem returns the best configuration under random prices, with or
    /// without a fixing, as enumeration finds it: every set of at most K pairwise non-overlapping
    /// groups (the forced ones in, the banned ones out), each seated by trying every parent in every
    /// group or none. The parents it returns are a seating worth its value.
    @Test func mentorSubproblemsAreSolvedExactly() {
        var compared = 0
        for (seed, model) in enumerableModels(seeds: 7000..<7120) {
            var generator = TinyInstances(seed: UInt64(seed) &+ 99)
            let lambda = model.program.parents.indices.map { _ in Double(generator.int(0...140)) + 0.25 }
            for m in model.program.mentors.indices {
                let sub = MentorSubproblem(model: model, mentor: m)
                guard !sub.groups.isEmpty else { continue }
                // Fixings as branch and bound makes them: one group forced or banned, and a random
                // mix of several forced and several banned.
                var shuffled = Array(sub.groups.indices)
                for k in shuffled.indices.reversed() { shuffled.swapAt(k, generator.int(0...k)) }
                let forcedCount = generator.int(0...min(2, shuffled.count)), bannedCount = generator.int(0...(shuffled.count - forcedCount))
                let mixed = MentorFixing(forced: Array(shuffled.prefix(forcedCount)).sorted(),
                                         banned: Array(shuffled.dropFirst(forcedCount).prefix(bannedCount)).sorted())
                for fixing in [MentorFixing(), MentorFixing(forced: [], banned: [0]), MentorFixing(forced: [0], banned: []), mixed] {
                    let result = sub.solve(lambda: lambda, hint: [], fixing: fixing)
                    let expected = enumeratedBest(sub, lambda: lambda, fixing: fixing)
                    #expect(result.value == expected || abs(result.value - expected) < 1e-3, "seed \(seed), mentor \(m), \(fixing): \(result.value) != \(expected)")
                    if result.value > -.infinity {
                        #expect(Set(result.parents).count == result.parents.count && result.parents.count <= sub.capacity, "seed \(seed)")
                    }
                    compared += 1
                }
            }
        }
        #expect(compared >= 150)
    }

    /// The best value of `sub`'s configurations under `fixing` by enumeration (−∞ when none is
    /// allowed; the empty configuration is worth 0).
    private func enumeratedBest(_ sub: MentorSubproblem, lambda: [Double], fixing: MentorFixing) -> Double {
        let positions = sub.groups.indices.filter { !fixing.banned.contains($0) }
        var best = -Double.infinity
        func seat(_ chosen: [Int], _ k: Int, _ counts: inout [Int], _ total: Int) -> Double {
            guard k < sub.parents.count else { return 0 }
            var value = seat(chosen, k + 1, &counts, total)
            guard total < sub.capacity else { return value }
            for (slot, i) in chosen.enumerated() where counts[slot] < sub.groupSizes[i] {
                guard let j = sub.members[i].firstIndex(of: Int32(k)) else { continue }
                counts[slot] += 1
                value = max(value, Double(sub.weights[i][j]) - lambda[Int(sub.parents[k])] + seat(chosen, k + 1, &counts, total + 1))
                counts[slot] -= 1
            }
            return value
        }
        func visit(_ start: Int, _ chosen: [Int]) {
            if fixing.forced.allSatisfy(chosen.contains) {
                var counts = Array(repeating: 0, count: chosen.count)
                best = max(best, chosen.reduce(0) { $0 + sub.groupWeights[$1] } + seat(chosen, 0, &counts, 0))
            }
            guard chosen.count < sub.maxGroups else { return }
            for k in start..<positions.count {
                let i = positions[k]
                guard !chosen.contains(where: { sub.conflicts[$0][i] }) else { continue }
                visit(k + 1, chosen + [i])
            }
        }
        visit(0, [])
        return best
    }

    /// Mentors sharing parents are counted by a merge of their sorted lists.
    @Test func commonCountMergesSortedLists() {
        #expect(commonCount([1, 3, 5, 7], [2, 3, 4, 7, 9]) == 2)
        #expect(commonCount([], [1]) == 0)
        #expect(commonCount([4], [4]) == 1)
    }
}
