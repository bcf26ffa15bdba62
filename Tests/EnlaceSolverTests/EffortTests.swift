import EnlaceCore
import EnlacePlugins
import EnlaceTestSupport
@testable import EnlaceSolver
import Testing

/// The solver's effort levels and the switches they turn: the exact or the approximate relaxation,
/// the step size's patience and the spacing of roundings.
@Suite struct EffortTests {
    /// Whatever the switches, a schedule is feasible and scored right and the bound is at least
    /// the enumerated optimum: the approximate relaxation of mid-sized districts (dual descent,
    /// mixed configurations overestimated, seeded roundings) bounds as validly as the exact one.
    /// The thorough budgets reach the optimum.
    @Test func everyEffortAndRelaxationGivesValidBounds() {
        var compared = 0
        for (seed, model) in enumerableModels(seeds: 3000..<3080) {
            let optimum = bruteForceOptimum(model)
            var approximate = SolverOptions.scaled(for: model)
            approximate.exactRelaxation = false
            approximate.branchingNodes = 0
            approximate.neighbourhoods = 0
            var patient = SolverOptions.scaled(for: model)
            patient.stepPatience = 40
            patient.roundEvery = 25
            let thorough = SolverOptions.scaled(for: model, effort: .thorough)
            for (name, options) in [("approximate", approximate), ("patient", patient), ("thorough", thorough)] {
                let solution = Solver.solve(model, options: options)
                #expect(violations(solution, model) == [], "seed \(seed), \(name)")
                #expect(model.score(groupOfParent: solution.groupOfParent).total == solution.score, "seed \(seed), \(name)")
                #expect(solution.score <= optimum && solution.bound >= optimum, "seed \(seed), \(name): \(solution.score)...\(solution.bound), optimum \(optimum)")
            }
            #expect(Solver.solve(model, options: thorough).score == optimum, "seed \(seed)")
            compared += 1
        }
        #expect(compared >= 40)
    }

    /// A thorough solve is never worse than its first pass, in score or in bound, and is a
    /// feasible schedule, and a schedule the first pass proves optimal is kept as it is. Where the
    /// first pass leaves a gap, the thorough one narrows some. The standard budgets prove most of
    /// these programs optimal, so the first pass here is also made weaker (a few bundle steps,
    /// no branch and bound, no neighbourhoods) to leave gaps (guarded below).
    @Test func thoroughIsNeverWorseThanStandard() {
        var open = 0, narrowed = 0
        for (seed, model) in randomModels(seeds: 0..<24, offset: 21_000, mentors: 10...16, parents: 80...140) {
            #expect(Solver.solve(model, effort: .standard) == Solver.solve(model, options: .scaled(for: model)),
                    "seed \(seed): standard is the scaled budgets")
            var weak = SolverOptions.scaled(for: model)
            weak.lagrangianIterations = seed % 2 == 0 ? 3 : 200
            weak.branchingNodes = 0
            weak.neighbourhoods = 0
            let standard = Solver.solve(model, options: weak)
            let thorough = Solver.solve(model, effort: .thorough, standard: weak, trace: nil)
            #expect(violations(thorough, model) == [], "seed \(seed)")
            #expect(model.score(groupOfParent: thorough.groupOfParent).total == thorough.score, "seed \(seed)")
            #expect(thorough.score >= standard.score && thorough.bound <= standard.bound && thorough.bound >= thorough.score,
                    "seed \(seed): standard \(standard.score)...\(standard.bound), thorough \(thorough.score)...\(thorough.bound)")
            if standard.bound > standard.score {
                open += 1
                if thorough.bound - thorough.score < standard.bound - standard.score { narrowed += 1 }
            } else {
                #expect(thorough == standard, "seed \(seed): a proven schedule is kept as it is")
            }
        }
        #expect(open >= 2, "\(open) of 24 programs left a gap")
        #expect(narrowed >= 1, "\(narrowed) of \(open) gaps narrowed")
    }

    /// On a small model the thorough effort searches more; on a mid-sized one it solves the
    /// relaxation exactly with a patient step; a truncated model's budgets do not change.
    @Test func thoroughRaisesTheBudgetsWhereTheyPay() throws {
        var generator = TinyInstances(seed: 42)
        let small = MatchModel(program: generator.program(mentors: 4, parents: 20))
        let standardSmall = SolverOptions.scaled(for: small), thoroughSmall = SolverOptions.scaled(for: small, effort: .thorough)
        #expect(thoroughSmall.branchingNodes > standardSmall.branchingNodes)
        #expect(thoroughSmall.neighbourhoods >= standardSmall.neighbourhoods)
        #expect(thoroughSmall.lagrangianIterations > standardSmall.lagrangianIterations)
        #expect(thoroughSmall.stepPatience > standardSmall.stepPatience)
        #expect(thoroughSmall.exactRelaxation == nil, "small models are solved exactly anyway")

        let program = generator.program(mentors: 60, parents: 1_500)
        let mid = MatchModel(program: program)
        try #require(!mid.isSmall && !mid.isTruncated, "\(mid.pairCount) pairs")
        let standardMid = SolverOptions.scaled(for: mid), thoroughMid = SolverOptions.scaled(for: mid, effort: .thorough)
        #expect(standardMid.exactRelaxation == nil && thoroughMid.exactRelaxation == true)
        #expect(thoroughMid.lagrangianIterations > standardMid.lagrangianIterations)
        #expect(thoroughMid.stepPatience > standardMid.stepPatience)

        let truncated = try MatchModel(program: program, rules: RuleSet.builtIn(program: program), searchablePairs: 0)
        let standardLarge = SolverOptions.scaled(for: truncated), thoroughLarge = SolverOptions.scaled(for: truncated, effort: .thorough)
        #expect(thoroughLarge.lagrangianIterations == standardLarge.lagrangianIterations)
        #expect(thoroughLarge.branchingNodes == standardLarge.branchingNodes && thoroughLarge.exactRelaxation == nil)
    }
}
