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
    /// - Complexity: one `AssignmentNetwork` over the distinct fitting parent–mentor pairs, or
    ///   `dualDescent` for models that are not `isSmall` (or as `exact` says): when seats are
    ///   scarce, every parent's augmenting-path search crosses the whole network (seconds instead
    ///   of tens of milliseconds at 4,000 parents; docs/PERFORMANCE.md, "Matcher"). `target` is a
    ///   known score (for the step size).
    static func compute(_ model: MatchModel, target: Int, mentorOfParent: [Int?], exact: Bool? = nil) -> (bound: Int, prices: [Double]) {
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
        var seats = Array(repeating: 0, count: mentors)
        for m in 0..<mentors {
            let sizes = model.groupsOfMentor[m].filter { !model.fits[$0].isEmpty }.map { min(model.groupSize[$0], parents) }.sorted(by: >)
            seats[m] = min(model.mentorCapacity[m], sizes.prefix(model.maxGroups[m]).reduce(0, +))
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
        if !(exact ?? model.isSmall) {
            // Start each full mentor's seat price at its least valuable parent's weight in the
            // known schedule (what one more seat would displace), the others at 0.
            var load = Array(repeating: 0, count: mentors), cheapest = Array(repeating: Int.max, count: mentors)
            for (p, m) in mentorOfParent.enumerated() {
                guard let m, let arc = arcs[p].first(where: { $0.mentor == m }) else { continue }
                load[m] += 1
                cheapest[m] = min(cheapest[m], arc.weight)
            }
            let start = (0..<mentors).map { load[$0] >= seats[$0] && cheapest[$0] < Int.max ? Double(cheapest[$0]) : 0 }
            return dualDescent(arcs: arcs, seats: seats, scale: scale, target: target, start: start)
        }
        var network = AssignmentNetwork(nodes: parentBase + parents)
        for m in 0..<mentors { network.addArc(from: 1 + m, to: AssignmentNetwork.sink, capacity: seats[m], cost: 0) }
        // Parents worth the most are placed first: a later, less valuable parent then rarely
        // displaces anyone, so its search stops early (the optimum is the same in any order).
        let bestWeight = arcs.map { $0.reduce(0) { max($0, $1.weight) } }
        let order = (0..<parents).sorted { (bestWeight[$0], -$0) > (bestWeight[$1], -$1) }
        var total: Int64 = 0
        for p in order {
            for arc in arcs[p] { network.addArc(from: parentBase + p, to: 1 + arc.mentor, capacity: 1, cost: -Int64(arc.weight)) }
            total += network.place(parentBase + p)
        }
        // Scores are integers, so the integer part of the relaxation's value still bounds them.
        let bound = Int(-total / Int64(scale))
        // Dual prices: a mentor's price is what a seat is worth at the margin (the sink's potential
        // above the mentor's), and a parent's the best it could earn net of those prices.
        let sinkPotential = network.potential[AssignmentNetwork.sink]
        let mentorPrice = (0..<mentors).map { m in Double(max(0, sinkPotential - network.potential[1 + m])) }
        return (bound, parentPrices(arcs: arcs, mentorPrice: mentorPrice, scale: scale))
    }

    /// Each parent's price given the mentors' seat prices: the best it could earn net of them.
    private static func parentPrices(arcs: [[(mentor: Int, weight: Int)]], mentorPrice: [Double], scale: Int) -> [Double] {
        arcs.map { list in list.reduce(0.0) { max($0, Double($1.weight) - mentorPrice[$1.mentor]) } / Double(scale) }
    }

    /// The transportation problem's dual, minimised over the mentors' seat prices μ ≥ 0 by
    /// subgradient steps: every μ gives the valid bound Σ_m μ_m·seats_m + Σ_p max(0, max_m w(p,m) − μ_m)
    /// (LP duality), so the smallest value seen is reported, with the parents' prices at its μ.
    /// Each step is one pass over the parent–mentor pairs; `target` (a known score) sets Polyak's
    /// step.
    ///
    /// - Complexity: at most 150 passes over the distinct fitting parent–mentor pairs.
    private static func dualDescent(arcs: [[(mentor: Int, weight: Int)]], seats: [Int], scale: Int,
                                    target: Int, start: [Double]) -> (bound: Int, prices: [Double]) {
        let mentors = seats.count
        var mu = start, bestMu = mu
        var best = Double.infinity
        var demand = Array(repeating: 0, count: mentors)
        var theta = 0.5, sinceImprovement = 0
        let goal = Double(target) * Double(scale)
        for _ in 0..<150 {
            var value = zip(mu, seats).reduce(0.0) { $0 + $1.0 * Double($1.1) }
            for m in demand.indices { demand[m] = 0 }
            for list in arcs {
                var top = 0.0, chosen = -1
                for arc in list {
                    let net = Double(arc.weight) - mu[arc.mentor]
                    if net > top { top = net; chosen = arc.mentor }
                }
                if chosen >= 0 {
                    value += top
                    demand[chosen] += 1
                }
            }
            if value < best - 1e-9 {
                best = value
                bestMu = mu
                sinceImprovement = 0
            } else {
                sinceImprovement += 1
                if sinceImprovement >= 10 { theta /= 2; sinceImprovement = 0 }
            }
            let gradient = (0..<mentors).map { Double(seats[$0] - demand[$0]) }
            var norm = 0.0
            for (m, g) in gradient.enumerated() where !(g > 0 && mu[m] == 0) { norm += g * g }
            guard norm > 0, theta > 1e-4, value > goal else { break }
            let step = theta * (value - goal) / norm
            for m in 0..<mentors { mu[m] = max(0, mu[m] - step * gradient[m]) }
        }
        let bound = Int((best / Double(scale) + 1e-6).rounded(.down))
        return (bound, parentPrices(arcs: arcs, mentorPrice: bestMu, scale: scale))
    }
}
