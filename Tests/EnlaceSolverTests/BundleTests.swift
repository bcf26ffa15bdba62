import EnlacePlugins
import EnlaceTestSupport
@testable import EnlaceSolver
import Testing

/// The bundle method's master problem and the bound it lowers.
@Suite struct BundleTests {
    /// The master's answer minimises the proximal model: no nearby point (each coordinate moved
    /// alone, and random directions, all kept at λ ≥ 0) and no far one does better. Checked to
    /// fail when the master returns its centre unmoved.
    @Test func theMasterMinimisesTheProximalModel() {
        var random = TinyInstances(seed: 77)
        var moved = 0
        for trial in 0..<60 {
            let parents = random.int(2...7), mentors = random.int(1...3)
            var master = BundleMaster(mentors: mentors, parents: parents)
            for m in 0..<mentors {
                for _ in 0..<random.int(1...5) {
                    let seated = (0..<parents).filter { _ in random.int(0...2) == 0 }.map { Int32($0) }
                    master.add(mentor: m, parents: seated, weight: Double(random.int(0...60)), groups: [random.int(0...9)])
                }
            }
            let center = (0..<parents).map { _ in Double(random.int(0...30)) }
            let t = [0.05, 0.5, 2, 20][random.int(0...3)]
            let point = master.solve(center: center, t: t, maxSweeps: 20_000, tolerance: 1e-10)
            func objective(_ x: [Double]) -> Double {
                master.model(at: x) + zip(x, center).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / (2 * t)
            }
            let best = objective(point), slack = 1e-6 * max(1, abs(best))
            #expect(point.allSatisfy { $0 >= 0 }, "trial \(trial)")
            if point != center { moved += 1 }
            for p in 0..<parents {
                for delta in [-1.0, -0.1, -0.001, 0.001, 0.1, 1] {
                    var other = point
                    other[p] = max(0, other[p] + delta)
                    #expect(objective(other) >= best - slack, "trial \(trial): coordinate \(p) by \(delta)")
                }
            }
            for _ in 0..<40 {
                let scale = [0.01, 1, 10][random.int(0...2)]
                let other = point.map { max(0, $0 + scale * Double(random.int(-100...100)) / 100) }
                #expect(objective(other) >= best - slack, "trial \(trial): direction")
            }
        }
        #expect(moved >= 30, "\(moved) of 60 masters moved from their centre")
    }

    /// A fixing's restriction keeps exactly the configurations it allows, with weights summing
    /// to one again, and leaves other mentors' cuts alone.
    @Test func restrictingKeepsTheAllowedConfigurations() {
        var master = BundleMaster(mentors: 2, parents: 4)
        master.add(mentor: 0, parents: [0, 1], weight: 30, groups: [3])
        master.add(mentor: 0, parents: [2], weight: 12, groups: [3, 5])
        master.add(mentor: 0, parents: [1, 3], weight: 25, groups: [5])
        master.add(mentor: 1, parents: [3], weight: 9, groups: [7])
        _ = master.solve(center: [10, 10, 10, 10], t: 1)
        let others = master.cuts[1]
        var forced = master
        forced.restrict(mentor: 0) { $0.contains(5) }
        #expect(forced.cuts[0].map(\.groups) == [[3, 5], [5]])
        #expect(forced.cuts[1] == others)
        let sum = forced.alphas[0].reduce(0, +)
        #expect(sum == 0 || abs(sum - 1) < 1e-9)
        var banned = master
        banned.restrict(mentor: 0) { !$0.contains(5) }
        #expect(banned.cuts[0].map(\.groups) == [[], [3]], "the empty configuration stays unless a group is forced")
        // The same configuration again keeps one cut, with the larger weight.
        banned.add(mentor: 0, parents: [1, 0], weight: 31, groups: [3])
        #expect(banned.cuts[0].map(\.weight) == [0, 31])
    }

    /// The bundle method reaches the relaxation's value: on random programs its bound is no
    /// higher than that of 3,000 subgradient steps with a patient step size (within 0.05%), in far
    /// fewer evaluations (a twentieth on most), and never below the greedy's score (its evaluations are bounds).
    @Test func theBundleMethodReachesTheRelaxationsValue() {
        var fewer = 0, compared = 0
        for (seed, model) in randomModels(seeds: 0..<12, offset: 31_000, mentors: 4...10, parents: 30...90) {
            var greedy = SearchState(model: model)
            greedy.openGreedily()
            greedy.reassignExactly()
            // A target below the greedy's score, so that neither method stops at a proof.
            let known = model.weightedScore(greedy.groupOfParent), target = known * 19 / 20
            var bundle = LagrangianRelaxation(model: model)
            var state = BundleState(mentors: model.program.mentors.count, parents: model.program.parents.count)
            bundle.runBundle(iterations: 500, target: target, state: &state) { _, _ in target }
            var subgradient = LagrangianRelaxation(model: model)
            subgradient.run(iterations: 3_000, target: target, patience: 100) { _, _ in target }
            #expect(bundle.bestBound >= Double(known) - 1e-6, "seed \(seed)")
            #expect(bundle.bestBound <= subgradient.bestBound + 5e-4 * abs(subgradient.bestBound),
                    "seed \(seed): bundle \(bundle.bestBound) after \(bundle.steps), subgradient \(subgradient.bestBound)")
            if bundle.steps * 20 < subgradient.steps { fewer += 1 }
            compared += 1
        }
        #expect(fewer >= compared / 2, "\(fewer) of \(compared) took a twentieth of the subgradient's evaluations")
    }

    /// With `roundEvery` 0 (districts where a rounding costs many evaluations) the bundle rounds
    /// exactly once, after its last evaluation: the master's heaviest configurations with the
    /// parents of their cuts, each parent seated by one mentor's cut only; with one evaluation
    /// (no master solved yet), that evaluation's configurations and parents. Checked to fail when
    /// the final rounding is left out.
    @Test func roundingOnlyWhenTheBundleStops() {
        var rounded = 0
        for (seed, model) in randomModels(seeds: 0..<8, offset: 32_000, mentors: 4...10, parents: 30...90) {
            let target = 1  // far below any schedule: no proof stops the bundle early
            for iterations in [1, 3, 12] {
                var relaxation = LagrangianRelaxation(model: model)
                var state = BundleState(mentors: model.program.mentors.count, parents: model.program.parents.count)
                var calls: [(configurations: [[Int]], taken: [[Int32]]?)] = []
                relaxation.runBundle(iterations: iterations, target: target, roundEvery: 0, state: &state) { configurations, taken in
                    calls.append((configurations, taken))
                    return target
                }
                #expect(calls.count == 1, "seed \(seed), \(iterations) evaluations: \(calls.count) roundings")
                guard let call = calls.first, let taken = call.taken else { continue }
                rounded += 1
                #expect(call.configurations.count == model.program.mentors.count)
                if iterations == 1 {
                    #expect(call.configurations.map { $0.sorted() } == relaxation.subproblems.indices.map { m in
                        relaxation.configuration(of: m).map { relaxation.subproblems[m].groups[$0] }.sorted()
                    }, "seed \(seed)")
                } else {
                    #expect(call.configurations == state.master.heaviestConfigurations(), "seed \(seed)")
                }
                // Every seeded parent fits one of its mentor's configured groups.
                for (m, parents) in taken.enumerated() {
                    for p in parents {
                        #expect(call.configurations[m].contains { model.fits[$0].contains(p) }, "seed \(seed), mentor \(m)")
                    }
                }
            }
        }
        #expect(rounded == 24)
    }

    /// Branch and price from a one-evaluation root: every bound it returns is at least the
    /// enumerated optimum, and every search that finishes within its budget proves the optimum
    /// (its schedule reaches it). The programs are hard enough that the search branches (guarded).
    /// Checked to fail when both children of a node ban the group instead of one forcing it.
    @Test func branchAndPriceProvesTheEnumeratedOptimum() {
        var branched = 0, finished = 0, models = 0, blindOpen = 0
        for (seed, model) in enumerableModels(seeds: 6000..<6400) {
            models += 1
            let optimum = bruteForceOptimum(model)
            var greedy = SearchState(model: model)
            greedy.openGreedily()
            greedy.reassignExactly()
            var best = model.weightedScore(greedy.groupOfParent), bestGroups = greedy.openGroups
            var root = LagrangianRelaxation(model: model)
            var state = BundleState(mentors: model.program.mentors.count, parents: model.program.parents.count)
            let start = best
            root.runBundle(iterations: 1, target: start, state: &state) { _, _ in start }
            let search = BranchAndBound(model: model, nodeLimit: 300, stepsPerNode: 6)
            let result = search.run(root: root, rootState: state, incumbentScore: best, incumbentGroups: bestGroups) { configurations in
                var trial = SearchState(model: model)
                trial.openConfigurations(configurations)
                let score = model.weightedScore(trial.groupOfParent)
                if score > best { (best, bestGroups) = (score, trial.openGroups) }
                return (best, bestGroups)
            }
            #expect(result.bound >= optimum, "seed \(seed): bound \(result.bound), optimum \(optimum)")
            if result.nodes < 300 {
                finished += 1
                #expect(result.bound == optimum && best == optimum, "seed \(seed): \(best)...\(result.bound), optimum \(optimum)")
            }
            if result.nodes > 1 { branched += 1 }
            // Without roundings the incumbent stays the greedy's, so only the bounds prune: a
            // search that lost part of the solutions would end below the optimum.
            let blind = search.run(root: root, rootState: state, incumbentScore: start, incumbentGroups: greedy.openGroups) { _ in
                (start, greedy.openGroups)
            }
            #expect(blind.bound >= optimum, "seed \(seed): bound without roundings \(blind.bound), optimum \(optimum)")
            if start < optimum { blindOpen += 1 }
        }
        #expect(blindOpen >= 10, "\(blindOpen) greedy schedules below the optimum")
        #expect(models >= 200 && finished == models, "\(finished) of \(models) searches finished")
        #expect(branched >= 5, "\(branched) of \(models) searches branched")
    }

    /// The columns a run reports (`SolverOptions.columns`, for the configuration-LP benchmark) are
    /// configurations of the model, at the root and at branch-and-bound nodes alike: one mentor's
    /// groups, at most its K, none overlapping, and parents each seated in one of them within the
    /// group sizes and the mentor's capacity, weighing exactly the best such seating (found by
    /// enumeration) plus the groups' weights. Their root bound is the run's Lagrangian bound, at
    /// least the schedule's score. Checked to fail when the columns' weights are reported a point high.
    @Test func reportedColumnsAreConfigurationsOfTheModel() {
        final class Box: @unchecked Sendable { var columns: [RelaxationColumn] = []; var bound = 0.0; var calls = 0 }
        var checked = 0
        for (seed, model) in randomModels(seeds: 0..<6, offset: 33_000, mentors: 3...6, parents: 12...30) {
            let box = Box()
            var options = SolverOptions.scaled(for: model)
            options.columns = { box.columns = $0; box.bound = $1; box.calls += 1 }
            let solution = Solver.solve(model, options: options)
            guard box.calls > 0 else { continue }  // the greedy's schedule was proven optimal first
            #expect(box.calls == 1, "seed \(seed)")
            #expect(box.bound >= Double(solution.score) - 1e-6, "seed \(seed)")
            #expect(!box.columns.isEmpty, "seed \(seed)")
            for column in box.columns {
                let groups = column.groups
                #expect(groups.allSatisfy { model.groups[$0].mentor == column.mentor }, "seed \(seed)")
                #expect(groups.count <= model.maxGroups[column.mentor] && Set(groups).count == groups.count, "seed \(seed)")
                for (k, g) in groups.enumerated() { for h in groups[(k + 1)...] { #expect(!model.conflicts(g, h), "seed \(seed)") } }
                #expect(column.parents.count <= model.mentorCapacity[column.mentor] && Set(column.parents).count == column.parents.count)
                // The best seating of exactly these parents in these groups, by enumeration.
                var counts = Array(repeating: 0, count: groups.count)
                func seat(_ k: Int) -> Int? {
                    guard k < column.parents.count else { return 0 }
                    var best: Int?
                    for (slot, g) in groups.enumerated() where counts[slot] < model.groupSize[g] {
                        guard let j = MatchModel.position(of: Int32(column.parents[k]), in: model.fits[g]) else { continue }
                        counts[slot] += 1
                        if let rest = seat(k + 1) { best = max(best ?? .min, Int(model.pairWeights[g][j]) + rest) }
                        counts[slot] -= 1
                    }
                    return best
                }
                let seating = seat(0)
                #expect(seating != nil, "seed \(seed): mentor \(column.mentor)'s column cannot seat its parents")
                let weight = (seating ?? 0) + groups.reduce(0) { $0 + model.groupWeight[$1] }
                // Weights are whole points; the column's is its value under prices plus their sum.
                #expect(abs(column.weight - Double(weight)) < 1e-4, "seed \(seed): \(column.weight) against \(weight)")
                checked += 1
            }
        }
        #expect(checked >= 100, "\(checked) columns checked")
    }
}
