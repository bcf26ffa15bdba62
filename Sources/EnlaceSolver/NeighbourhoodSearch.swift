/// Large-neighbourhood search over the groups of a few mentors at a time, for small models the
/// branch and bound did not prove optimal.
///
/// A neighbourhood frees one mentor (its centre) and the `width` mentors sharing the most fitting
/// parents with it; every other mentor keeps exactly the groups the incumbent opens (its fixing
/// forces them and bans the rest). The Lagrangian relaxation of that restricted problem, started
/// from the root's prices, proposes configurations for the free mentors, and each rounding of
/// them re-assigns every parent exactly, so parents may move between any open groups. This
/// reaches rearrangements that the one-group exchanges of the local search cannot, such as
/// changing several mentors' groups together to match one more family. (The Lagrangian greedy's
/// configurations are not rounded here: they cost as much again and found nothing more;
/// docs/PERFORMANCE.md, "Matcher".)
///
/// Centres are taken most promising first: the mentors fitting the most parents the incumbent
/// leaves unmatched (ties to the lower index). The incumbent is read again for each neighbourhood,
/// so an improvement found in one is kept in the next.
///
/// - Complexity: `count` × `steps` evaluations of the relaxation (every mentor's subproblem, the
///   fixed ones cheap) and `count` × `steps` / 2 roundings (two exact assignments each).
struct NeighbourhoodSearch {
    let model: MatchModel
    /// Mentors freed besides the centre.
    let width: Int
    /// Subgradient steps per neighbourhood; the configurations are rounded every other step.
    let steps: Int

    /// Searches `count` neighbourhoods. `incumbent` gives the best schedule so far; `round` turns
    /// configurations into a schedule, keeps it if it is the best, and returns the best score.
    /// Returns the number of neighbourhoods whose bound left room for a better schedule.
    func run(root: LagrangianRelaxation, count: Int, incumbent: () -> SearchState,
             round: ([[Int]]) -> Int) -> Int {
        let subproblems = root.subproblems
        let start = incumbent()
        let unmatched = subproblems.map { sub in sub.parents.reduce(0) { $0 + (start.groupOfParent[Int($1)] == nil ? 1 : 0) } }
        let centres = subproblems.indices.sorted { (unmatched[$0], -$0) > (unmatched[$1], -$1) }.prefix(count)
        var searched = 0
        for centre in centres {
            let free = Set([centre] + neighbours(of: centre, in: subproblems))
            let best = incumbent()
            var score = model.weightedScore(best.groupOfParent)
            var restricted = root
            var fixings = restricted.fixings
            for (m, sub) in subproblems.enumerated() where !free.contains(m) {
                let open = Set(best.openOfMentor[m])
                fixings[m].forced = sub.groups.indices.filter { open.contains(sub.groups[$0]) }
                fixings[m].banned = sub.groups.indices.filter { !open.contains(sub.groups[$0]) }
            }
            restricted.fixings = fixings
            restricted.restart()
            restricted.run(iterations: steps, target: score, roundEvery: 2, theta: 0.5, sequentialRounding: false) { configurations, _ in
                score = round(configurations)
                return score
            }
            if restricted.bestBound >= Double(score) + 1 - 1e-6 { searched += 1 }
        }
        return searched
    }

    /// The `width` mentors sharing the most fitting parents with mentor `m` (ties to the lower
    /// index), none if they share none.
    private func neighbours(of m: Int, in subproblems: [MentorSubproblem]) -> [Int] {
        let shared = subproblems.indices.map { o in o == m ? 0 : commonCount(subproblems[m].parents, subproblems[o].parents) }
        return subproblems.indices.filter { shared[$0] > 0 }
            .sorted { (shared[$0], -$0) > (shared[$1], -$1) }
            .prefix(width).map { $0 }
    }
}

/// How many values two ascending lists share.
func commonCount(_ a: [Int32], _ b: [Int32]) -> Int {
    var i = 0, j = 0, count = 0
    while i < a.count && j < b.count {
        if a[i] < b[j] {
            i += 1
        } else if a[i] > b[j] {
            j += 1
        } else {
            count += 1
            i += 1
            j += 1
        }
    }
    return count
}
