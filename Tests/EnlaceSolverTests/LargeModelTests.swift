import EnlaceCore
import EnlacePlugins
import EnlaceTestSupport
@testable import EnlaceSolver
import Testing

/// The path for districts too large to search whole: shared fit classes, candidate lists, the
/// coverage bound and its flow, and explanations that no longer read every fitting pair. Each test
/// forces that path on small programs (`searchablePairs: 0`) and compares it with the whole model.
@Suite struct LargeModelTests {
    private func models(seed: Int, mentors: ClosedRange<Int> = 2...6, parents: ClosedRange<Int> = 10...40) -> (whole: MatchModel, truncated: MatchModel) {
        var generator = TinyInstances(seed: UInt64(seed))
        let program = generator.program(mentors: generator.int(mentors), parents: generator.int(parents))
        let rules = RuleSet.builtIn(program: program)
        return (try! MatchModel(program: program, rules: rules),
                try! MatchModel(program: program, rules: rules, searchablePairs: 0))
    }

    /// Each group's class holds exactly the parents the spec's rules, written directly, let into
    /// the group, and classes are really shared (fewer classes than groups on most programs).
    @Test func fitClassesHoldEachGroupsFits() {
        var shared = 0
        for seed in 0..<20 {
            let (whole, _) = models(seed: seed)
            let direct = DirectReference.tables(program: whole.program)
            #expect(direct.groupIDs == whole.groups.map(\.id))
            for g in whole.groups.indices {
                #expect(whole.fitClasses.members[Int(whole.fitClasses.classOfGroup[g])] == direct.fits[g], "seed \(seed), group \(g)")
                #expect(whole.fitClasses.groupsOfClass[Int(whole.fitClasses.classOfGroup[g])].contains(g))
            }
            if whole.fitClasses.members.count < whole.groups.count { shared += 1 }
        }
        #expect(shared >= 10)
    }

    /// Candidates are fitting parents, at most the limit per group, ascending; a class with enough
    /// groups offers every member to some group.
    @Test(arguments: 0..<20)
    func candidatesAreFittingAndCoverTheirClass(seed: Int) {
        let (whole, truncated) = models(seed: seed, parents: 30...60)
        #expect(truncated.isTruncated)
        var offered = Array(repeating: Set<Int32>(), count: truncated.fitClasses.members.count)
        for g in truncated.groups.indices {
            let candidates = truncated.fits[g]
            #expect(Set(candidates).isSubset(of: Set(whole.fits[g])))
            #expect(candidates == candidates.sorted())
            #expect(candidates.count <= MatchModel.candidateLimit(groupSize: truncated.groupSize[g]), "no previous run here")
            offered[Int(truncated.fitClasses.classOfGroup[g])].formUnion(candidates)
        }
        var groupsOfClass = Array(repeating: 0, count: offered.count)
        for c in truncated.fitClasses.classOfGroup { groupsOfClass[Int(c)] += 1 }
        for (c, members) in truncated.fitClasses.members.enumerated()
        where groupsOfClass[c] * MatchModel.candidateLimit(groupSize: truncated.program.settings.maxGroupSize) >= members.count {
            #expect(offered[c] == Set(members), "class \(c)")
        }
    }

    /// A re-run on candidates keeps families with their mentor: the parents a mentor had are
    /// candidates of that mentor's groups, and the continuity term does the rest.
    @Test(arguments: 0..<12)
    func rerunsKeepParentsWithTheirMentor(seed: Int) {
        var generator = TinyInstances(seed: UInt64(seed))
        let program = generator.program(mentors: generator.int(3...6), parents: generator.int(40...80))
        let first = Solver.solve(try! MatchModel(program: program, rules: RuleSet.builtIn(program: program), searchablePairs: 0))
        let previous = first.groupOfParent.map { $0.map { MatchModel(program: program).groups[$0].mentor } }
        let rules = RuleSet.builtIn(program: program, previousMentor: previous)
        let model = try! MatchModel(program: program, rules: rules, searchablePairs: 0)
        for g in model.groups.indices {
            let kept = model.fittingParents(of: g).filter { previous[Int($0)] == model.groups[g].mentor }
            #expect(Set(kept).isSubset(of: Set(model.fits[g])), "group \(g)")
        }
        let second = Solver.solve(model)
        let before = previous.compactMap { $0 }.count
        let stayed = program.parents.indices.filter { p in
            previous[p] != nil && second.groupOfParent[p].map { model.groups[$0].mentor } == previous[p]
        }.count
        #expect(stayed * 10 >= before * 9, "\(stayed) of \(before) kept their mentor")
    }

    /// With each parent's previous group known, a re-run with nothing changed keeps more parents
    /// at the same time with the same mentor than without it (never fewer), on truncated and whole
    /// models, and keeps nearly everyone on truncated ones.
    @Test func rerunsKeepParentsInTheirGroup() {
        var gained = 0
        for seed in 600..<616 {
            var generator = TinyInstances(seed: UInt64(seed))
            let program = generator.program(mentors: generator.int(3...6), parents: generator.int(40...80))
            for searchable in [0, MatchModel.searchablePairs] {
                let first = Solver.solve(try! MatchModel(program: program, rules: RuleSet.builtIn(program: program), searchablePairs: searchable))
                let groups = MatchModel(program: program).groups
                let rules = RuleSet.builtIn(program: program, previousMentor: first.groupOfParent.map { $0.map { groups[$0].mentor } })
                let blind = try! MatchModel(program: program, rules: rules, searchablePairs: searchable)
                var aware = blind
                aware.previousGroup = first.groupOfParent.map { Int32($0 ?? -1) }
                func stayed(_ solution: Solution) -> Int {
                    program.parents.indices.filter { first.groupOfParent[$0] != nil && solution.groupOfParent[$0] == first.groupOfParent[$0] }.count
                }
                let withGroups = stayed(Solver.solve(aware)), without = stayed(Solver.solve(blind))
                let before = first.groupOfParent.compactMap { $0 }.count
                #expect(withGroups >= without, "seed \(seed), searchable \(searchable)")
                if searchable == 0 { #expect(withGroups * 10 >= before * 9, "seed \(seed): \(withGroups) of \(before) stayed") }
                if withGroups > without { gained += 1 }
            }
        }
        #expect(gained > 0, "knowing the previous groups never changed anything")
    }

    /// The solver on candidates keeps every hard rule (checked from the program, not the model),
    /// reports the score the whole model gives its schedule, and never beats either bound.
    @Test(arguments: 0..<30)
    func truncatedSolutionsAreFeasibleAndBounded(seed: Int) {
        let (whole, truncated) = models(seed: seed)
        let solution = Solver.solve(truncated)
        #expect(violations(solution, whole) == [])
        #expect(whole.score(groupOfParent: solution.groupOfParent).total == solution.score)
        let bound = CoverageBound.compute(truncated)
        let matched = solution.groupOfParent.compactMap { $0 }.count
        #expect(matched <= bound.parents)
        #expect(solution.bound >= solution.score && solution.bound <= max(solution.score, bound.score))
        #expect(bound == CoverageBound.compute(whole), "the bound reads the classes, which truncation keeps")
        #expect(bound.score >= Solver.solve(whole).score)
        #expect(Solver.solve(truncated) == solution)
    }

    /// The coverage bound is at least the most parents any schedule matches (by enumeration) and
    /// equals a plain augmenting-path matching of parents to mentors' seats.
    @Test func coverageBoundIsValidAndExact() {
        var compared = 0
        for seed in 200..<260 {
            var generator = TinyInstances(seed: UInt64(seed))
            let model = MatchModel(program: generator.program(mentors: 2, parents: generator.int(3...7)))
            guard model.groups.count <= 12 else { continue }
            let bound = CoverageBound.compute(model)
            #expect(bound.parents >= mostMatched(model), "seed \(seed)")
            #expect(bound.parents == referenceCoverage(model), "seed \(seed)")
            #expect(bound.score >= bruteForceOptimum(model), "seed \(seed)")
            compared += 1
        }
        #expect(compared >= 30)
        for seed in 300..<320 {
            let (whole, _) = models(seed: seed, parents: 20...60)
            #expect(CoverageBound.compute(whole).parents == referenceCoverage(whole), "seed \(seed)")
        }
    }

    /// The seat-price bound is valid — at least the enumerated optimum — the same on a truncated
    /// model as on the whole one, and on most programs tighter than the coverage bound's score.
    @Test func seatPriceBoundIsValid() {
        var compared = 0, tighter = 0
        for (seed, model) in enumerableModels(seeds: 600..<700) {
            let optimum = bruteForceOptimum(model)
            let solution = Solver.solve(model)
            let priced = SeatPriceBound.compute(model, groupOfParent: solution.groupOfParent, target: solution.score, steps: 30)
            #expect(priced >= optimum, "seed \(seed): \(priced), optimum \(optimum)")
            if priced < CoverageBound.compute(model).score { tighter += 1 }
            compared += 1
        }
        #expect(compared >= 30 && tighter * 2 >= compared, "\(tighter) of \(compared) tighter")
        for seed in 0..<12 {
            let (whole, truncated) = models(seed: seed, parents: 20...60)
            let solution = Solver.solve(truncated)
            let onWhole = SeatPriceBound.compute(whole, groupOfParent: solution.groupOfParent, target: solution.score, steps: 30)
            #expect(SeatPriceBound.compute(truncated, groupOfParent: solution.groupOfParent, target: solution.score, steps: 30) == onWhole)
            #expect(onWhole >= Solver.solve(whole).score, "seed \(seed)")
        }
    }

    /// The configuration bound is the Lagrangian relaxation's value at the seat-price bound's
    /// parent prices: equal to the whole model's relaxation evaluated there (so each group's T
    /// best parents by reduced weight were enough), the same on a truncated model, at least the
    /// enumerated optimum, never above the seat-price bound, and below it on most programs of a
    /// few mentors (on two mentors' programs the seat prices are nearly exact already).
    @Test func configurationBoundIsTheRelaxationAtTheSeatPrices() {
        func bounds(_ model: MatchModel, _ solution: Solution) -> (seats: Int, configured: Int, whole: Int) {
            let table = SeatPriceBound(model)
            let seats = table.bound(groupOfParent: solution.groupOfParent, target: solution.score, steps: 30)
            var whole = LagrangianRelaxation(model: model, prices: seats.parentPrices)
            let value = whole.evaluate().bound
            return (seats.bound, ConfigurationBound(model, table: table, prices: seats.parentPrices).bound,
                    Int((value + Solver.boundTolerance).rounded(.down)))
        }
        var compared = 0
        for (seed, model) in enumerableModels(seeds: 600..<700) {
            let found = bounds(model, Solver.solve(model))
            #expect(found.configured == found.whole, "seed \(seed)")
            #expect(found.configured >= bruteForceOptimum(model), "seed \(seed)")
            #expect(found.configured <= found.seats, "seed \(seed)")
            compared += 1
        }
        #expect(compared >= 30)
        var tighter = 0
        for seed in 0..<16 {
            let (whole, truncated) = models(seed: seed, mentors: 4...8, parents: 30...60)
            let solution = Solver.solve(truncated)
            let onTruncated = bounds(truncated, solution), onWhole = bounds(whole, solution)
            #expect(onTruncated.configured == onWhole.configured, "seed \(seed)")
            #expect(onWhole.configured == onWhole.whole && onWhole.configured <= onWhole.seats, "seed \(seed)")
            #expect(onWhole.configured >= Solver.solve(whole).score, "seed \(seed)")
            if onWhole.configured < onWhole.seats { tighter += 1 }
        }
        #expect(tighter >= 5, "\(tighter) of 16 tighter")
    }

    /// Chains of moves never lower the score or unseat anyone, and keep every hard rule; from a
    /// schedule that seated the parents with most alternatives first, they seat parents left out.
    @Test func chainsSeatParentsWithoutUnseatingAnyone() {
        var seated = 0
        for seed in 0..<30 {
            let (whole, truncated) = models(seed: seed, mentors: 2...4, parents: 30...60)
            var state = SearchState(model: truncated)
            for g in Solver.solve(truncated).openGroups { state.open(g) }
            let byAlternatives = truncated.program.parents.indices.sorted {
                (state.groupsOfParent[$0].count, -$0) > (state.groupsOfParent[$1].count, -$1)
            }
            for p in byAlternatives {
                if let g = state.groupsOfParent[p].map(Int.init).first(where: { state.openGroups.contains($0) && state.room($0) > 0 }) {
                    state.assign(p, to: g)
                }
            }
            let before = state.groupOfParent, score = truncated.weightedScore(before)
            state.seatByChains()
            #expect(truncated.weightedScore(state.groupOfParent) >= score, "seed \(seed)")
            #expect(zip(before, state.groupOfParent).allSatisfy { $0 == nil || $1 != nil }, "seed \(seed)")
            let solution = Solution(openGroups: state.openGroups.sorted(), groupOfParent: state.groupOfParent, score: 0, terms: [:], bound: 0)
            #expect(violations(solution, whole) == [], "seed \(seed)")
            if state.groupOfParent.compactMap({ $0 }).count > before.compactMap({ $0 }).count { seated += 1 }
        }
        #expect(seated >= 2, "chains seated someone on \(seated) of 30 programs")
    }

    /// Each built-in pair-score rule's ceiling is at least what it gives the parent in any fitting
    /// group (continuity included: half the parents have a previous mentor), and the bound from
    /// the ceilings is valid, and no tighter than the one from scoring every pair.
    @Test(arguments: 0..<20)
    func ceilingsBoundEveryPair(seed: Int) {
        var generator = TinyInstances(seed: UInt64(seed))
        let program = generator.program(mentors: generator.int(2...5), parents: generator.int(10...30))
        let previous = program.parents.indices.map { $0 % 2 == 0 ? Optional($0 % program.mentors.count) : nil }
        let model = try! MatchModel(program: program, rules: RuleSet.builtIn(program: program, previousMentor: previous))
        let scorers = model.rules.with(.pairScore)
        #expect(scorers.count >= 5 && scorers.allSatisfy { $0.hooks.contains(.scoreCeiling) })
        var tight = 0
        for rule in scorers {
            for g in model.groups.indices where !model.fits[g].isEmpty {
                var scores = Array(repeating: 0, count: model.fits[g].count)
                rule.rule.score(model.fits[g], in: model.groups[g], into: &scores)
                for (i, p) in model.fits[g].enumerated() {
                    let ceiling = rule.rule.scoreCeiling(parent: Int(p))
                    #expect(scores[i] <= ceiling, "\(rule.name), parent \(p), group \(g)")
                    if scores[i] == ceiling && ceiling > 0 { tight += 1 }
                }
            }
        }
        #expect(tight > 0)
        let exhaustive = CoverageBound.compute(model), fromCeilings = CoverageBound.compute(model, exhaustiveScoringPairs: 0)
        #expect(fromCeilings.parents == exhaustive.parents)
        #expect(fromCeilings.score >= exhaustive.score)
        #expect(exhaustive.score >= Solver.solve(model).score)
    }

    /// Each built-in pair-score rule keeps the promise of its keys: parents with one key get the
    /// same points in every group both fit (continuity and same-group included: half the parents
    /// have a previous run), and the types are fewer than the parents.
    @Test(arguments: 0..<20)
    func scoreKeysScoreAlike(seed: Int) throws {
        var generator = TinyInstances(seed: UInt64(seed) &+ 5)
        let program = generator.program(mentors: generator.int(2...5), parents: generator.int(20...40))
        let previous = program.parents.indices.map { $0 % 2 == 0 ? Optional($0 % program.mentors.count) : nil }
        let model = try MatchModel(program: program, rules: RuleSet.builtIn(program: program, previousMentor: previous))
        let scorers = model.rules.with(.pairScore)
        #expect(scorers.count >= 5 && scorers.allSatisfy { $0.hooks.contains(.scoreKeys) })
        let types = try #require(model.scoreTypes)
        #expect(types.count < program.parents.count)
        var compared = 0
        for rule in scorers {
            let keys = rule.rule.scoreKeys()
            for g in model.groups.indices where !model.fits[g].isEmpty {
                var scores = Array(repeating: 0, count: model.fits[g].count)
                rule.rule.score(model.fits[g], in: model.groups[g], into: &scores)
                var byKey: [Int32: Int] = [:]
                for (i, p) in model.fits[g].enumerated() {
                    if let other = byKey[keys[Int(p)]] {
                        #expect(other == scores[i], "\(rule.name), parent \(p), group \(g)")
                        compared += 1
                    }
                    byKey[keys[Int(p)]] = scores[i]
                }
            }
        }
        #expect(compared > 0)
        for g in model.groups.indices {
            var byType: [Int32: Int32] = [:]
            for (i, p) in model.fits[g].enumerated() {
                let weight = model.pairWeights[g][i]
                #expect(byType[types.typeOfParent[Int(p)], default: weight] == weight, "parent \(p), group \(g)")
                byType[types.typeOfParent[Int(p)]] = weight
            }
        }
    }

    /// The configuration bound over score types (each group's list drawn from its class's types,
    /// without scoring its other parents) is the whole model's Lagrangian relaxation at zero
    /// prices, on whole and truncated models alike: at least the optimum, by enumeration on tiny
    /// programs; and its lists hold parents that fit, heaviest first, with their true weights.
    @Test func typedConfigurationBoundIsTheRelaxationAtZeroPrices() throws {
        func relaxedAtZero(_ model: MatchModel) -> Int {
            var whole = LagrangianRelaxation(model: model, prices: Array(repeating: 0, count: model.program.parents.count))
            return Int((whole.evaluate().bound + Solver.boundTolerance).rounded(.down))
        }
        var compared = 0
        for (seed, model) in enumerableModels(seeds: 600..<700) {
            let typed = ConfigurationBound(model, types: try #require(model.scoreTypes))
            #expect(typed.bound == relaxedAtZero(model), "seed \(seed)")
            #expect(typed.bound >= bruteForceOptimum(model), "seed \(seed)")
            compared += 1
        }
        #expect(compared >= 30)
        for seed in 0..<16 {
            let (whole, truncated) = models(seed: seed, mentors: 4...8, parents: 30...60)
            let types = try #require(truncated.scoreTypes)
            let typed = ConfigurationBound(truncated, types: types)
            #expect(typed.bound == relaxedAtZero(whole), "seed \(seed)")
            #expect(typed.bound >= Solver.solve(whole).score, "seed \(seed)")
            let lengths = ConfigurationBound.listLengths(truncated)
            let listed = ConfigurationBound.typedLists(truncated, types: types, lengths: lengths)
            for g in truncated.groups.indices {
                #expect(listed[g].parents.count == min(lengths[g], whole.fits[g].count), "seed \(seed), group \(g)")
                #expect(Set(listed[g].parents).count == listed[g].parents.count)
                #expect(listed[g].weights == listed[g].weights.sorted(by: >))
                for (p, weight) in zip(listed[g].parents, listed[g].weights) {
                    #expect(Int(weight) == whole.weight(parent: Int(p), group: g) && whole.fits[g].contains(p), "seed \(seed), group \(g)")
                }
                let heaviest = whole.pairWeights[g].sorted(by: >).prefix(listed[g].parents.count).map { $0 }
                #expect(listed[g].weights == heaviest, "seed \(seed), group \(g)")
            }
        }
    }

    /// The path for districts beyond the pairs scored one by one, forced on small programs: the
    /// schedule keeps every hard rule, and its bound is at least the whole model's best score and
    /// at most the coverage bound from the rules' ceilings it replaces.
    @Test(arguments: 0..<12)
    func typedPathKeepsEveryRuleAndBoundsTheOptimum(seed: Int) {
        let (whole, truncated) = models(seed: seed &+ 300, mentors: 3...8, parents: 30...70)
        var options = SolverOptions.scaled(for: truncated)
        options.seatPriceSteps = 0
        options.widening = 0
        options.typedBound = true
        let solution = Solver.solve(truncated, options: options)
        #expect(violations(solution, whole) == [], "seed \(seed)")
        #expect(solution.bound >= Solver.solve(whole).score, "seed \(seed)")
        #expect(solution.bound <= CoverageBound.compute(truncated, exhaustiveScoringPairs: 0).score, "seed \(seed)")
        #expect(Solver.solve(truncated, options: options) == solution, "deterministic")
    }

    /// Dinic's flow equals a plain breadth-first augmenting-path flow on random networks.
    @Test func flowMatchesEdmondsKarp() {
        var generator = TinyInstances(seed: 77)
        for round in 0..<60 {
            let nodes = generator.int(4...14)
            var arcs: [(Int, Int, Int)] = []
            for _ in 0..<generator.int(3...40) {
                let from = generator.int(0...nodes - 1), to = generator.int(0...nodes - 1)
                if from != to { arcs.append((from, to, generator.int(1...5))) }
            }
            var network = UnitFlowNetwork(nodes: nodes)
            for (from, to, capacity) in arcs { network.addArc(from, to, capacity: capacity) }
            #expect(network.maximumFlow(from: 0, to: 1) == edmondsKarp(nodes: nodes, arcs: arcs, source: 0, sink: 1), "round \(round)")
        }
    }

    /// Unmatched parents get the same reasons from the truncated model (which counts fitting
    /// mentors by class and walks the rules in key order) as from the whole one.
    @Test(arguments: 0..<20)
    func explanationsDoNotDependOnTruncation(seed: Int) {
        let (whole, truncated) = models(seed: seed, mentors: 1...3, parents: 20...50)
        let solution = Solver.solve(whole)
        #expect(whole.explainUnmatched(solution) == truncated.explainUnmatched(solution))
    }

    /// What `enlace explain` reads — every fitting parent of a group, whether a pair fits, its
    /// weight, a parent's alternatives and levers — is the same on a truncated model as on the whole.
    @Test(arguments: 0..<12)
    func explainReadsEveryFitOnTruncatedModels(seed: Int) {
        let (whole, truncated) = models(seed: seed, mentors: 1...4, parents: 20...50)
        let solution = Solver.solve(whole)
        for g in whole.groups.indices {
            #expect(truncated.fittingParents(of: g) == whole.fits[g])
            for p in whole.program.parents.indices {
                #expect(truncated.admits(parent: p, group: g) == whole.fits[g].contains(Int32(p)))
                #expect(truncated.fullWeight(parent: p, group: g) == whole.weight(parent: p, group: g))
            }
        }
        for p in whole.program.parents.indices {
            #expect(text(truncated.explain(parent: p, in: solution)) == text(whole.explain(parent: p, in: solution)), "parent \(p)")
        }
    }

    /// The walk over fit classes as bit sets gives the same reasons as filtering every group one
    /// rule at a time, on programs where several rules are what keeps parents out.
    @Test func classWalkEqualsFilteringEveryGroup() {
        var causes = Set<String>()
        for seed in 400..<460 {
            let (whole, _) = models(seed: seed, mentors: 1...4, parents: 20...60)
            let solution = Solver.solve(whole)
            let walked = whole.explainUnmatched(solution), filtered = whole.explainUnmatched(solution, walkingClasses: false)
            #expect(walked == filtered, "seed \(seed)")
            causes.formUnion(walked.map(\.cause.rawValue))
        }
        #expect(causes.count >= 3, "causes met: \(causes.sorted())")
    }

    // MARK: - References

    private func text(_ e: ParentExplanation) -> [String] {
        ["\(e.parent) \(e.group.map(String.init) ?? "-")"] + e.terms.map { "\($0.key)=\($0.value)" } + e.justifications
            + e.alternatives.map { "\($0.group) \($0.weight) \($0.whyNot ?? "-")" } + e.reasons + e.levers
    }

    private func mostMatched(_ model: MatchModel) -> Int {
        bruteForceBest(model) { $0.compactMap { $0 }.count }
    }

    /// Parents matched to mentors (a parent fits a mentor with a group it fits), each mentor
    /// holding `CoverageBound.seats`, by augmenting paths one parent at a time.
    private func referenceCoverage(_ model: MatchModel) -> Int {
        let mentors = model.program.mentors.indices
        let seats = mentors.map { CoverageBound.seats(model, mentor: $0) }
        let fitting = model.program.parents.indices.map { p in
            mentors.filter { m in model.groupsOfMentor[m].contains { model.fits[$0].contains(Int32(p)) } }
        }
        var holders = mentors.map { _ in [Int]() }
        func place(_ p: Int, _ visited: inout Set<Int>) -> Bool {
            for m in fitting[p] where seats[m] > 0 && visited.insert(m).inserted {
                if holders[m].count < seats[m] {
                    holders[m].append(p)
                    return true
                }
                for (i, q) in holders[m].enumerated() where place(q, &visited) {
                    holders[m][i] = p
                    return true
                }
            }
            return false
        }
        var matched = 0
        for p in model.program.parents.indices {
            var visited = Set<Int>()
            if place(p, &visited) { matched += 1 }
        }
        return matched
    }

    private func edmondsKarp(nodes: Int, arcs: [(Int, Int, Int)], source: Int, sink: Int) -> Int {
        var capacity = Array(repeating: Array(repeating: 0, count: nodes), count: nodes)
        for (from, to, c) in arcs { capacity[from][to] += c }
        var total = 0
        while true {
            var parent = Array(repeating: -1, count: nodes)
            parent[source] = source
            var queue = [source], head = 0
            while head < queue.count {
                let u = queue[head]
                head += 1
                for v in 0..<nodes where parent[v] < 0 && capacity[u][v] > 0 {
                    parent[v] = u
                    queue.append(v)
                }
            }
            guard parent[sink] >= 0 else { return total }
            var push = Int.max, v = sink
            while v != source { push = min(push, capacity[parent[v]][v]); v = parent[v] }
            v = sink
            while v != source {
                capacity[parent[v]][v] -= push
                capacity[v][parent[v]] += push
                v = parent[v]
            }
            total += push
        }
    }
}
