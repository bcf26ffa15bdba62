import EnlaceCore

/// An upper bound on the matcher's objective, from a relaxation solved exactly.
///
/// The relaxation forgets which group a parent joins: parent p may go to mentor m when p fits any
/// candidate group of m, earning the best w(p, g) + c(g) among those groups, where c(g) is an upper
/// bound on g's group weight per seated parent: w_group(g) / size(g) when w_group(g) ≤ 0 (a group
/// costs at least that much per parent it holds), and w_group(g) when positive (a group of one).
/// Mentor m takes at most its capacity, and no more than its K largest groups hold. Weights are
/// scaled by S (the largest group size, at most 1,000) and the per-parent group terms rounded up,
/// so costs stay integral and the bound stays valid. The optimum of this transportation problem, a
/// min-cost flow, is therefore ≥ every feasible score.
///
/// It ignores the K-groups, no-overlap and one-time-per-group structure, which is where the gap
/// it reports comes from.
enum UpperBound {
    /// - Complexity: one min-cost flow over the distinct fitting parent–mentor pairs.
    static func compute(_ model: MatchModel) -> Int {
        let parents = model.program.parents.count, mentors = model.program.mentors.count
        let scale = max(1, min(1_000, model.groupSize.max() ?? 1))
        /// Scaled upper bound on a group's weight per parent.
        func perParent(_ g: Int) -> Int {
            let weight = model.groupWeight[g], size = max(1, min(model.groupSize[g], parents))
            guard weight <= 0 else { return weight * scale }
            return -((-weight * scale) / size)  // rounds towards zero: up, for a negative value
        }
        let sink = 1 + parents + mentors
        var flow = MinCostFlow(nodes: sink + 1)
        for p in 0..<parents { flow.addArc(from: 0, to: 1 + p, capacity: 1, cost: 0) }
        var best = Array(repeating: Int.min, count: parents)
        var arcs: [(parent: Int, mentor: Int, weight: Int)] = []
        for m in 0..<mentors {
            var touched: [Int] = []
            for g in model.groupsOfMentor[m] {
                let extra = perParent(g)
                for (i, p32) in model.fits[g].enumerated() {
                    let p = Int(p32), w = Int(model.pairWeights[g][i]) * scale + extra
                    if best[p] == Int.min { touched.append(p) }
                    best[p] = max(best[p], w)
                }
            }
            for p in touched.sorted() {
                if best[p] > 0 { arcs.append((p, m, best[p])) }
                best[p] = Int.min
            }
        }
        for arc in arcs.sorted(by: { ($0.parent, $0.mentor) < ($1.parent, $1.mentor) }) {
            flow.addArc(from: 1 + arc.parent, to: 1 + parents + arc.mentor, capacity: 1, cost: -arc.weight)
        }
        for m in 0..<mentors {
            let sizes = model.groupsOfMentor[m].filter { !model.fits[$0].isEmpty }.map { min(model.groupSize[$0], parents) }.sorted(by: >)
            let seats = sizes.prefix(model.maxGroups[m]).reduce(0, +)
            flow.addArc(from: 1 + parents + m, to: sink, capacity: min(model.mentorCapacity[m], seats), cost: 0)
        }
        let scaled = -flow.minimizeCost(source: 0, sink: sink)
        // Scores are integers, so the integer part of the relaxation's value still bounds them.
        return Int(scaled / Int64(scale))
    }
}
