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
///
/// Its optimal dual prices, one per parent, are a good start for the Lagrangian relaxation: at
/// those prices L(λ) is already at most this bound (the relaxation keeps more of the structure).
enum UpperBound {
    /// The bound and each parent's dual price (in score points).
    ///
    /// - Complexity: one `AssignmentNetwork` over the distinct fitting parent–mentor pairs.
    static func compute(_ model: MatchModel) -> (bound: Int, prices: [Double]) {
        let parents = model.program.parents.count, mentors = model.program.mentors.count
        let scale = max(1, min(1_000, model.groupSize.max() ?? 1))
        /// Scaled upper bound on a group's weight per parent.
        func perParent(_ g: Int) -> Int {
            let weight = model.groupWeight[g], size = max(1, min(model.groupSize[g], parents))
            guard weight <= 0 else { return weight * scale }
            return -((-weight * scale) / size)  // rounds towards zero: up, for a negative value
        }
        // Nodes: the sink, then mentors, then parents.
        let parentBase = 1 + mentors
        var network = AssignmentNetwork(nodes: parentBase + parents)
        for m in 0..<mentors {
            let sizes = model.groupsOfMentor[m].filter { !model.fits[$0].isEmpty }.map { min(model.groupSize[$0], parents) }.sorted(by: >)
            let seats = sizes.prefix(model.maxGroups[m]).reduce(0, +)
            network.addArc(from: 1 + m, to: AssignmentNetwork.sink, capacity: min(model.mentorCapacity[m], seats), cost: 0)
        }
        var best = Array(repeating: Int.min, count: parents)
        var arcs = Array(repeating: [(mentor: Int, weight: Int)](), count: parents)
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
            for p in touched {
                if best[p] > 0 { arcs[p].append((m, best[p])) }
                best[p] = Int.min
            }
        }
        var total: Int64 = 0
        for p in 0..<parents {
            for arc in arcs[p] { network.addArc(from: parentBase + p, to: 1 + arc.mentor, capacity: 1, cost: -Int64(arc.weight)) }
            total += network.place(parentBase + p)
        }
        // Scores are integers, so the integer part of the relaxation's value still bounds them.
        let bound = Int(-total / Int64(scale))
        // Dual prices: a mentor's price is what a seat is worth at the margin (the sink's potential
        // above the mentor's), and a parent's the best it could earn net of those prices.
        let sinkPotential = network.potential[AssignmentNetwork.sink]
        let mentorPrice = (0..<mentors).map { m in max(0, sinkPotential - network.potential[1 + m]) }
        let prices = (0..<parents).map { p in
            Double(arcs[p].reduce(Int64(0)) { max($0, Int64($1.weight) - mentorPrice[$1.mentor]) }) / Double(scale)
        }
        return (bound, prices)
    }
}
