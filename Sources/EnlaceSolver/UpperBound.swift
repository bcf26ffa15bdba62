import EnlaceCore

/// An upper bound on the matcher's objective, from a relaxation solved exactly.
///
/// The relaxation forgets which group a parent joins: parent p may go to mentor m when p fits any
/// candidate group of m, earning the best w(p, g) among those groups; mentor m takes at most
/// min(capacity, K·G) parents. Each open group holds at most G parents, so the real group cost,
/// w_group · (number of groups), is at most w_group / G per matched parent when w_group ≤ 0 (and
/// at most w_group per parent when positive). Weights are scaled by G to stay integral. The
/// optimum of this transportation problem, a min-cost flow, is therefore ≥ every feasible score.
///
/// It ignores the K-groups, no-overlap and one-time-per-group structure, which is where the gap
/// it reports comes from.
enum UpperBound {
    /// - Complexity: one min-cost flow over the distinct fitting parent–mentor pairs.
    static func compute(_ model: MatchModel) -> Int {
        let settings = model.program.settings
        let size = settings.maxGroupSize, groupWeight = settings.weights.group
        let perParentGroupCost = groupWeight <= 0 ? groupWeight : groupWeight * size
        let parents = model.program.parents.count, mentors = model.program.mentors.count
        let sink = 1 + parents + mentors
        var flow = MinCostFlow(nodes: sink + 1)
        for p in 0..<parents { flow.addArc(from: 0, to: 1 + p, capacity: 1, cost: 0) }
        var best = Array(repeating: Int.min, count: parents)
        var arcs: [(parent: Int, mentor: Int, weight: Int)] = []
        for m in 0..<mentors {
            var touched: [Int] = []
            for g in model.groupsOfMentor[m] {
                for p32 in model.fits[g] {
                    let p = Int(p32), w = model.weight(parent: p, group: g)
                    if best[p] == Int.min { touched.append(p) }
                    best[p] = max(best[p], w)
                }
            }
            for p in touched.sorted() {
                let scaled = best[p] * size + perParentGroupCost
                if scaled > 0 { arcs.append((p, m, scaled)) }
                best[p] = Int.min
            }
        }
        for arc in arcs.sorted(by: { ($0.parent, $0.mentor) < ($1.parent, $1.mentor) }) {
            flow.addArc(from: 1 + arc.parent, to: 1 + parents + arc.mentor, capacity: 1, cost: -arc.weight)
        }
        for m in 0..<mentors {
            let mentor = model.program.mentors[m]
            flow.addArc(from: 1 + parents + m, to: sink, capacity: min(mentor.capacity, settings.maxGroupsPerMentor * size), cost: 0)
        }
        let scaled = -flow.minimizeCost(source: 0, sink: sink)
        return Int(scaled / Int64(size))
    }
}
