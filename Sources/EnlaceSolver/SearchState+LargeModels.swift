import EnlaceCore

// The search steps of the path for districts too large to search whole (`Solver.solveLarge`):
// starting from the previous run, filling seats by reduced weight, chains of moves, and the exact
// assignment over narrowed lists.

extension SearchState {
    /// Seats unmatched parents in the open groups through chains of moves, without unseating
    /// anyone: the parent takes a member's seat, that member moves to another open group they fit
    /// whose seat another member leaves, and so on, until someone takes a free seat. A chain is
    /// made only when it raises the score (the parent's weight plus the movers' changes of
    /// weight). This is what an exact assignment finds and a greedy fill misses when seats are
    /// scarce: parents with alternatives in the seats of parents without.
    ///
    /// Unmatched parents are tried heaviest first (their best weight in an open group; ties to
    /// the lower index), each once. Which groups can pass a seat on to a free one is one
    /// breadth-first search backwards from the groups with room, done again when a chain would
    /// pass through a group that a chain made since changed (its members, or its mentor's load).
    /// Programs with parents kept apart or scoring together are left as they are (a move could
    /// join or split a pair).
    ///
    /// - Complexity: O((searches + 1) × pairs of the open groups + unmatched parents × their open
    ///   groups × the longest chain × log); a search per chain at worst.
    mutating func seatByChains() {
        guard !model.hasApart, !model.hasTogether else { return }
        var waiting: [(weight: Int32, parent: Int)] = []
        for p in groupOfParent.indices where groupOfParent[p] == nil {
            var best = Int32.min
            for g32 in groupsOfParent[p] where openGroups.contains(Int(g32)) {
                best = max(best, Int32(model.weight(parent: p, group: Int(g32))))
            }
            if best > 0 { waiting.append((best, p)) }
        }
        waiting.sort { ($0.weight, -$0.parent) > ($1.weight, -$1.parent) }
        var links = chainLinks()
        // Groups a chain changed since the links were found: a chain through one of them is found
        // again before it is made (most chains are far apart, so one search serves many).
        var touched = Array(repeating: false, count: model.groups.count), stale = false
        for (_, u) in waiting {
            while true {
                guard let choice = bestChain(for: u, links) else { break }
                let path = chainGroups(from: choice, links)
                if stale && path.contains(where: { touched[$0] }) {
                    links = chainLinks()
                    for g in touched.indices { touched[g] = false }
                    stale = false
                    continue
                }
                applyChain(seating: u, in: choice, links)
                for g in path { touched[g] = true }
                // The last group's mentor seats one more, which may leave its other groups no room.
                for g in openOfMentor[model.groups[path.last!].mentor] { touched[g] = true }
                stale = true
                break
            }
        }
    }

    /// The open group where seating `u` through its chain gains most, if that gains anything.
    private func bestChain(for u: Int, _ links: [(parent: Int32, to: Int32)?]) -> Int? {
        var choice: (gain: Int, group: Int)?
        for g32 in groupsOfParent[u] {
            let g = Int(g32)
            guard openGroups.contains(g), links[g] != nil else { continue }
            let gain = model.weight(parent: u, group: g) + chainGain(from: g, links)
            if gain > 0, choice == nil || gain > choice!.gain { choice = (gain, g) }
        }
        return choice?.group
    }

    /// The groups of `g`'s chain, `g` first and the group with room last.
    private func chainGroups(from g: Int, _ links: [(parent: Int32, to: Int32)?]) -> [Int] {
        var groups = [g], group = g
        while let link = links[group], link.parent >= 0 {
            group = Int(link.to)
            groups.append(group)
        }
        return groups
    }

    /// How each open group can pass one seat on: nil when it cannot; (−1, −1) when it has room;
    /// otherwise the member who leaves and the group they move to, which can pass a seat on in
    /// turn (a breadth-first search backwards from the groups with room, in group order).
    private func chainLinks() -> [(parent: Int32, to: Int32)?] {
        var links = [(parent: Int32, to: Int32)?](repeating: nil, count: model.groups.count)
        var queue: [Int] = []
        for g in openGroups.sorted() where room(g) > 0 {
            links[g] = (-1, -1)
            queue.append(g)
        }
        var head = 0
        while head < queue.count {
            let h = queue[head]
            head += 1
            for v32 in model.fits[h] {
                guard let from = groupOfParent[Int(v32)], from != h, links[from] == nil else { continue }
                links[from] = (v32, Int32(h))
                queue.append(from)
            }
        }
        return links
    }

    /// The change of score when group `g`'s chain moves its members on.
    private func chainGain(from g: Int, _ links: [(parent: Int32, to: Int32)?]) -> Int {
        var gain = 0, group = g
        while let link = links[group], link.parent >= 0 {
            let v = Int(link.parent), next = Int(link.to)
            gain += model.weight(parent: v, group: next) - model.weight(parent: v, group: group)
            group = next
        }
        return gain
    }

    /// Seats `u` in `g`, moving `g`'s chain on.
    private mutating func applyChain(seating u: Int, in g: Int, _ links: [(parent: Int32, to: Int32)?]) {
        var entering = u, group = g
        while let link = links[group], link.parent >= 0 {
            let v = Int(link.parent)
            unassign(v, from: group)
            assign(entering, to: group)
            entering = v
            group = Int(link.to)
        }
        assign(entering, to: group)
    }

    /// Fills the open groups' free seats with unmatched parents of their lists, pair by pair, the
    /// pair of largest reduced weight w(p, g) − prices[p] first (ties to the larger weight, then
    /// the lower parent and group); no parent joins a group holding someone they are kept apart
    /// from.
    mutating func fill(prices: [Double]) {
        var pairs: [(value: Double, weight: Int32, parent: Int32, group: Int32)] = []
        for g in openGroups.sorted() where room(g) > 0 {
            for (i, p) in model.fits[g].enumerated() where groupOfParent[Int(p)] == nil {
                let w = model.pairWeights[g][i]
                guard w > 0 else { continue }
                pairs.append((Double(w) - prices[Int(p)], w, p, Int32(g)))
            }
        }
        pairs.sort { ($0.value, $0.weight, -$0.parent, -$0.group) > ($1.value, $1.weight, -$1.parent, -$1.group) }
        for pair in pairs {
            let p = Int(pair.parent), g = Int(pair.group)
            guard groupOfParent[p] == nil, room(g) > 0,
                  members[g].allSatisfy({ !model.keptApart(p, $0) }) else { continue }
            assign(p, to: g)
        }
    }

    /// This schedule assigned exactly (`reassignExactly`) over lists of the open groups narrowed
    /// to each one's members and the `groupSize` candidates of `model` (this one's lists without
    /// the extra parents) weighing most there (ties to the lower index). Over the whole lists
    /// the exact assignment costs several times more, as each listed parent fits many open
    /// groups; at 60,000 parents the narrow lists lose 0.01–0.12% of the score for a third to a
    /// half of the time (docs/PERFORMANCE.md, "Large districts").
    func reassignedOverCandidates(of model: MatchModel) -> SearchState {
        var narrow = model
        for g in openGroups where !members[g].isEmpty {
            let own = Set(members[g].map { Int32($0) })
            let others = zip(model.fits[g], model.pairWeights[g]).filter { !own.contains($0.0) }
                .sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }.prefix(model.groupSize[g])
            let list = (own.map { ($0, Int32(self.model.weight(parent: Int($0), group: g))) } + others).sorted { $0.0 < $1.0 }
            narrow.fits[g] = list.map(\.0)
            narrow.pairWeights[g] = list.map(\.1)
        }
        var state = SearchState(model: narrow)
        for g in openGroups.sorted() {
            state.open(g)
            for p in members[g] { state.assign(p, to: g) }
        }
        state.reassignExactly()
        return state
    }

    /// On a re-run (`MatchModel.previousGroup`), each parent back in their previous group when it
    /// fits them (they are among its candidates) and can still open and has room, parents in
    /// index order: the schedule a re-run with nothing changed starts from, so that the
    /// continuity points keep families where they were unless something scores more.
    mutating func keepPreviousGroups() {
        guard !model.previousGroup.isEmpty else { return }
        for (p, g32) in model.previousGroup.enumerated() where g32 >= 0 && Int(g32) < model.groups.count {
            let g = Int(g32)
            guard MatchModel.position(of: Int32(p), in: model.fits[g]) != nil, room(g) > 0,
                  members[g].allSatisfy({ !model.keptApart(p, $0) }) else { continue }
            if !openGroups.contains(g) {
                guard canOpen(g) else { continue }
                open(g)
            }
            assign(p, to: g)
        }
    }
}
