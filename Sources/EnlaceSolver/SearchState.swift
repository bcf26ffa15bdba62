import EnlaceCore

/// The mutable state of one search: who is where, which groups are open, mentor loads.
struct SearchState {
    let model: MatchModel
    var groupOfParent: [Int?]
    var members: [[Int]]
    var openGroups = Set<Int>()
    var openOfMentor: [[Int]]
    var load: [Int]
    /// Candidate groups fitting each parent (the inverse of `model.fits`).
    let groupsOfParent: [[Int32]]

    init(model: MatchModel) {
        self.model = model
        let parents = model.program.parents.count
        groupOfParent = Array(repeating: nil, count: parents)
        members = Array(repeating: [], count: model.groups.count)
        openOfMentor = Array(repeating: [], count: model.program.mentors.count)
        load = Array(repeating: 0, count: model.program.mentors.count)
        var inverse = Array(repeating: [Int32](), count: parents)
        for (g, fit) in model.fits.enumerated() { for p in fit { inverse[Int(p)].append(Int32(g)) } }
        groupsOfParent = inverse
    }

    func capacity(_ mentor: Int) -> Int { model.mentorCapacity[mentor] }

    /// Whether mentor `m` may open `g` next to its open groups other than `except`.
    func canOpen(_ g: Int, except: Int? = nil) -> Bool {
        let group = model.groups[g]
        let others = openOfMentor[group.mentor].filter { $0 != except }
        guard others.count < model.maxGroups[group.mentor], !openGroups.contains(g), !model.fits[g].isEmpty else { return false }
        return !others.contains { model.conflicts($0, g) }
    }

    /// Whether parent `p` was in group `g` in the previous run.
    func wasIn(_ p: Int, _ g: Int) -> Bool { !model.previousGroup.isEmpty && model.previousGroup[p] == Int32(g) }

    /// The unassigned parents `g` would take first: best weight, then those who were in `g` in the
    /// previous run, then fewest alternatives. `kept` counts the chosen who were in `g`.
    func bestUnassigned(for g: Int, limit: Int) -> (parents: [Int], weight: Int, alternatives: Int, kept: Int) {
        guard limit > 0 else { return ([], 0, 0, 0) }
        typealias Candidate = (weight: Int, kept: Int, degree: Int, parent: Int)
        func better(_ a: Candidate, _ b: Candidate) -> Bool {
            (a.weight, a.kept, -a.degree, -a.parent) > (b.weight, b.kept, -b.degree, -b.parent)
        }
        // The best `limit` candidates, best first, kept by insertion: a group fits hundreds of
        // parents and seats a dozen, so this beats sorting them all (the order is total, so the
        // result is the same).
        var chosen: [Candidate] = []
        chosen.reserveCapacity(limit + 1)
        for (i, p32) in model.fits[g].enumerated() where groupOfParent[Int(p32)] == nil {
            let p = Int(p32)
            let candidate = (weight: Int(model.pairWeights[g][i]), kept: wasIn(p, g) ? 1 : 0, degree: groupsOfParent[p].count, parent: p)
            if chosen.count == limit {
                guard better(candidate, chosen[limit - 1]) else { continue }
                chosen.removeLast()
            }
            var slot = chosen.count
            chosen.append(candidate)
            while slot > 0 && better(candidate, chosen[slot - 1]) {
                chosen[slot] = chosen[slot - 1]
                slot -= 1
            }
            chosen[slot] = candidate
        }
        return (chosen.map(\.parent), chosen.reduce(0) { $0 + $1.weight }, chosen.reduce(0) { $0 + $1.degree },
                chosen.reduce(0) { $0 + $1.kept })
    }

    mutating func open(_ g: Int) {
        openGroups.insert(g)
        openOfMentor[model.groups[g].mentor].append(g)
    }

    mutating func close(_ g: Int) {
        for p in members[g] { groupOfParent[p] = nil }
        load[model.groups[g].mentor] -= members[g].count
        members[g] = []
        openGroups.remove(g)
        openOfMentor[model.groups[g].mentor].removeAll { $0 == g }
    }

    mutating func assign(_ p: Int, to g: Int) {
        groupOfParent[p] = g
        members[g].append(p)
        load[model.groups[g].mentor] += 1
    }

    /// Room left in group `g` given its size and its mentor's capacity.
    func room(_ g: Int) -> Int {
        let mentor = model.groups[g].mentor
        return min(model.groupSize[g] - members[g].count, capacity(mentor) - load[mentor])
    }
}

extension SearchState {
    /// Stage 1: lazy greedy opening (see the essay in Solver.swift).
    mutating func openGreedily() {
        var heap = MaxHeap<GainKey>()
        for g in model.groups.indices where !model.fits[g].isEmpty {
            let best = bestUnassigned(for: g, limit: room(g))
            heap.push(GainKey(gain: best.weight + model.groupWeight[g], kept: best.kept, alternatives: best.alternatives, group: g))
        }
        while let top = heap.pop() {
            let g = top.group
            guard canOpen(g) else { continue }
            let best = bestUnassigned(for: g, limit: room(g))
            let key = GainKey(gain: best.weight + model.groupWeight[g], kept: best.kept, alternatives: best.alternatives, group: g)
            guard !best.parents.isEmpty, key.gain > 0 else { continue }
            if let next = heap.peek, next > key {
                heap.push(key)
                continue
            }
            open(g)
            for p in best.parents { assign(p, to: g) }
        }
    }

    /// Stage 2: the best assignment for the open groups (`AssignmentNetwork`); groups left empty
    /// close. Parents kept apart (`parentsApart` rules), which a flow cannot express, are handled
    /// by assigning again without the seat that put a pair together (`keepApartByFlow`).
    mutating func reassignExactly() {
        let groups = openGroups.sorted()
        assignByFlow(groups, forbidden: [])
        if model.hasApart { keepApartByFlow(groups) }
        if model.hasTogether { bringTogether() }
    }

    /// Pair points (`parentsTogether` rules), which a flow cannot see: moves a parent into their
    /// partner's group when that raises the score (the parent's weight there, the pairs gained and
    /// lost, a group left empty), the group has room and holds no one the parent is kept apart
    /// from. One pass, parents and partners in index order.
    mutating func bringTogether() {
        for p in groupOfParent.indices where !model.togetherOf[p].isEmpty {
            for (q32, points) in model.togetherOf[p] where points > 0 {
                guard let target = groupOfParent[Int(q32)], groupOfParent[p] != target, canJoin(p, target) else { continue }
                if gainOfMoving(p, to: target) > 0 {
                    if let current = groupOfParent[p] {
                        unassign(p, from: current)
                        if members[current].isEmpty { close(current) }
                    }
                    assign(p, to: target)
                }
            }
        }
    }

    /// Whether `p` fits `g` and `g` has a seat for them, counting the seat `p` frees at their
    /// mentor, with no one `p` is kept apart from.
    private func canJoin(_ p: Int, _ g: Int) -> Bool {
        guard MatchModel.position(of: Int32(p), in: model.fits[g]) != nil, members[g].count < model.groupSize[g] else { return false }
        let mentor = model.groups[g].mentor
        let freed = groupOfParent[p].map { model.groups[$0].mentor == mentor } ?? false
        guard freed || load[mentor] < capacity(mentor) else { return false }
        return !members[g].contains { model.keptApart(p, $0) }
    }

    /// How much the score rises when `p` moves into `g`.
    private func gainOfMoving(_ p: Int, to g: Int) -> Int {
        var gain = model.weight(parent: p, group: g)
        for (q, points) in model.togetherOf[p] where groupOfParent[Int(q)] == g { gain += points }
        if let current = groupOfParent[p] {
            gain -= model.weight(parent: p, group: current)
            for (q, points) in model.togetherOf[p] where groupOfParent[Int(q)] == current { gain -= points }
            if members[current].count == 1 { gain -= model.groupWeight[current] }
        }
        return gain
    }

    /// While a group holds two parents kept apart, forbids one of them that group and assigns
    /// again, so the flow rearranges everyone else around the pair. On small models both choices
    /// are tried and the better schedule kept; on large ones every conflict of a round forbids
    /// its lighter parent at once (one flow per round). After `keepApartRounds` rounds the
    /// remaining conflicts are settled by `separateKeptApart`. Each round forbids at least one
    /// seat more, so it ends.
    private mutating func keepApartByFlow(_ groups: [Int]) {
        var forbidden = Set<SeatKey>()
        for _ in 0..<SearchState.keepApartRounds {
            let conflicts = keptApartConflicts()
            guard let first = conflicts.first else { return }
            if model.isSmall {
                var withoutFirst = self, withoutSecond = self
                let one = forbidden.union([SeatKey(parent: first.parent, group: first.group)])
                let other = forbidden.union([SeatKey(parent: first.other, group: first.group)])
                withoutFirst.assignByFlow(groups, forbidden: one)
                withoutSecond.assignByFlow(groups, forbidden: other)
                let keepFirst = model.weightedScore(withoutFirst.groupOfParent) >= model.weightedScore(withoutSecond.groupOfParent)
                self = keepFirst ? withoutFirst : withoutSecond
                forbidden = keepFirst ? one : other
            } else {
                for conflict in conflicts { forbidden.insert(SeatKey(parent: conflict.parent, group: conflict.group)) }
                assignByFlow(groups, forbidden: forbidden)
            }
        }
        separateKeptApart()
    }

    /// Rounds of `keepApartByFlow` before the conflicts left are settled directly.
    static let keepApartRounds = 24

    /// A seat the flow may not use: `parent` in `group`.
    struct SeatKey: Hashable {
        let parent: Int
        let group: Int
    }

    /// Each group's pairs kept apart, group by group: the lighter of the two in the group (the
    /// higher index on a tie) as `parent`.
    private func keptApartConflicts() -> [(parent: Int, other: Int, group: Int)] {
        var conflicts: [(parent: Int, other: Int, group: Int)] = []
        for g in openGroups.sorted() {
            let list = members[g].sorted()
            for (i, p) in list.enumerated() {
                for q in list[(i + 1)...] where model.keptApart(p, q) {
                    let lighter = (model.weight(parent: p, group: g), -p) <= (model.weight(parent: q, group: g), -q) ? p : q
                    conflicts.append((lighter, lighter == p ? q : p, g))
                }
            }
        }
        return conflicts
    }

    /// The best assignment of the parents fitting `groups` to them, without the `forbidden` seats.
    private mutating func assignByFlow(_ groups: [Int], forbidden: Set<SeatKey>) {
        let mentors = Array(Set(groups.map { model.groups[$0].mentor })).sorted()
        var mentorNode = [Int: Int]()
        for (i, m) in mentors.enumerated() { mentorNode[m] = 1 + i }
        let groupBase = 1 + mentors.count, parentBase = groupBase + groups.count
        var parentNode = Array(repeating: -1, count: groupOfParent.count)
        var parents: [Int] = []
        for g in groups {
            for p32 in model.fits[g] where parentNode[Int(p32)] < 0 {
                parentNode[Int(p32)] = 0
                parents.append(Int(p32))
            }
        }
        parents.sort()
        for (i, p) in parents.enumerated() { parentNode[p] = parentBase + i }
        var network = AssignmentNetwork(nodes: parentBase + parents.count)
        // Costs are the weights scaled so that one point outweighs every parent kept in their
        // previous group: the score is optimal first, then as many as possible stay where they were.
        let scale = model.previousGroup.isEmpty ? 1 : Int64(groupOfParent.count + 1)
        for m in mentors { network.addArc(from: mentorNode[m]!, to: AssignmentNetwork.sink, capacity: capacity(m), cost: 0) }
        // The fitting pairs, numbered group by group (the order the assignment is read back in):
        // the parent, its group's position in `groups`, its position in the group's fits, its arc.
        var pairs: [(parent: Int, position: Int, fit: Int, arc: Int)] = []
        var bestWeight = Array(repeating: Int32.min, count: groupOfParent.count)
        var firstPair = Array(repeating: 0, count: parents.count + 1)  // per parent node, then summed
        for (i, g) in groups.enumerated() {
            network.addArc(from: groupBase + i, to: mentorNode[model.groups[g].mentor]!, capacity: model.groupSize[g], cost: 0)
            for (j, p32) in model.fits[g].enumerated() {
                let p = Int(p32)
                if !forbidden.isEmpty && forbidden.contains(SeatKey(parent: p, group: g)) { continue }
                bestWeight[p] = max(bestWeight[p], model.pairWeights[g][j])
                firstPair[parentNode[p] - parentBase + 1] += 1
                pairs.append((p, i, j, -1))
            }
        }
        // Their arcs are added parent by parent: a search scans each parent it settles, and with
        // a parent's arcs side by side in memory, instead of one in each group's block, that scan
        // stops missing the cache (docs/PERFORMANCE.md, "Matcher"). A parent's arcs
        // are still met in the same order (its groups from the last), so the flow is the same.
        for k in parents.indices { firstPair[k + 1] += firstPair[k] }
        var pairsOfParent = Array(repeating: 0, count: pairs.count)
        var filled = firstPair
        for (index, pair) in pairs.enumerated() {
            let k = parentNode[pair.parent] - parentBase
            pairsOfParent[filled[k]] = index
            filled[k] += 1
        }
        for index in pairsOfParent {
            let (p, i, j, _) = pairs[index], g = groups[i]
            pairs[index].arc = network.addArc(from: parentNode[p], to: groupBase + i, capacity: 1,
                                              cost: -Int64(model.pairWeights[g][j]) * scale - (wasIn(p, g) ? 1 : 0))
        }
        // Any order gives the optimum; the most valuable parents first rarely get displaced later,
        // so each search settles few nodes (as in `UpperBound`).
        parents.sort { (bestWeight[$0], -$0) > (bestWeight[$1], -$1) }
        for p in parents { network.place(parentNode[p]) }
        for g in groups { close(g) }
        for (p, i, _, arc) in pairs where network.flow(on: arc) > 0 {
            let g = groups[i]
            if !openGroups.contains(g) { open(g) }
            assign(p, to: g)
        }
    }

    /// Makes the schedule honour the `parentsApart` rules, which a flow cannot express: in each
    /// group holding two parents kept apart, the one weighing least there (the higher index on a
    /// tie) leaves, until no such pair is left; then each parent who left, heaviest first, takes
    /// the open group with room that they weigh most in and that holds no one they are kept
    /// apart from, or stays unmatched. Groups left empty close. Every stage's schedule passes
    /// through here (stage 2 ends with it), so every schedule the matcher keeps is feasible; the
    /// relaxations ignore the pairs, which only loosens their bounds.
    mutating func separateKeptApart() {
        guard model.hasApart else { return }
        var left: [(weight: Int, parent: Int)] = []
        for g in openGroups.sorted() {
            while let leaving = leastWeightedInConflict(g) {
                left.append((model.weight(parent: leaving, group: g), leaving))
                unassign(leaving, from: g)
            }
        }
        guard !left.isEmpty else { return }
        for (_, p) in left.sorted(by: { ($0.weight, -$0.parent) > ($1.weight, -$1.parent) }) {
            var best: (weight: Int, group: Int)?
            for g32 in groupsOfParent[p] {
                let g = Int(g32)
                guard openGroups.contains(g), room(g) > 0, !members[g].contains(where: { model.keptApart(p, $0) }) else { continue }
                let weight = model.weight(parent: p, group: g)
                if best == nil || weight > best!.weight { best = (weight, g) }
            }
            if let best { assign(p, to: best.group) }
        }
        for g in openGroups.sorted() where members[g].isEmpty { close(g) }
    }

    /// Of the members of `g` kept apart from another member, the one weighing least in `g`.
    private func leastWeightedInConflict(_ g: Int) -> Int? {
        var choice: (weight: Int, parent: Int)?
        for p in members[g] where members[g].contains(where: { model.keptApart(p, $0) }) {
            let weight = model.weight(parent: p, group: g)
            if choice == nil || (weight, -p) < (choice!.weight, -choice!.parent) { choice = (weight, p) }
        }
        return choice?.parent
    }

    mutating func unassign(_ p: Int, from g: Int) {
        groupOfParent[p] = nil
        members[g].removeAll { $0 == p }
        load[model.groups[g].mentor] -= 1
    }
}

/// A group's gain in the greedy's heap; ties go to fewer alternatives, then the lower group index.
struct GainKey: Comparable {
    let gain: Int
    /// Parents it would take who were in it in the previous run.
    let kept: Int
    let alternatives: Int
    let group: Int

    static func < (a: GainKey, b: GainKey) -> Bool {
        (a.gain, a.kept, -a.alternatives, -a.group) < (b.gain, b.kept, -b.alternatives, -b.group)
    }
}
