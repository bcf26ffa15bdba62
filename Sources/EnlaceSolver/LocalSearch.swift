import EnlaceCore

extension SearchState {
    /// A change of the open groups of one mentor: open `group`, closing `replacing` first if set.
    struct Move {
        let group: Int
        let replacing: Int?
        let estimate: Int
    }

    /// Stage 3: local search with exact deltas (see the essay in Solver.swift).
    ///
    /// Each round lists moves that would let an unmatched parent in, evaluates them best estimate
    /// first, keeps those that raise the score, and ends with an exact re-assignment.
    mutating func improve(rounds: Int, maxEvaluations: Int) {
        var budget = maxEvaluations
        for _ in 0..<rounds {
            var improved = false
            for move in candidateMoves().prefix(maxEvaluations) where apply(move) > 0 {
                improved = true
            }
            reassignExactly()
            if exchangeWithFlow(budget: &budget) { improved = true }
            if !improved { break }
        }
    }

    /// Tries, mentor by mentor, other candidates in place of each open group (or in a free place
    /// when the mentor has one), re-assigning everyone exactly by min-cost flow, and keeps each
    /// change that raises the score. This catches chains a local repair cannot see: a mentor moving
    /// to another slot so that a parent of another mentor can follow, freeing a seat there; or a
    /// weekly group turned into an open-house group that its parents also fit.
    ///
    /// Trials are ranked by `exchangeEstimate` and only promising ones are tried (those that could
    /// let an unmatched parent in, or whose estimate is positive); each costs one flow and one unit
    /// of `budget`.
    mutating func exchangeWithFlow(budget: inout Int) -> Bool {
        var current = model.weightedScore(groupOfParent)
        var improved = false
        let useful = parentsThatCouldMakeRoom()
        for m in model.groupsOfMentor.indices {
            let places: [Int?] = openOfMentor[m].count < model.maxGroups[m] ? [nil] + openOfMentor[m].map(Optional.some) : openOfMentor[m].map(Optional.some)
            for old in places {
                if let old, !openGroups.contains(old) { continue }
                let trials = model.groupsOfMentor[m].compactMap { h -> (estimate: Int, group: Int)? in
                    guard !openGroups.contains(h), canOpen(h, except: old) else { return nil }
                    let estimate = exchangeEstimate(open: h, closing: old)
                    guard estimate > 0 || model.fits[h].contains(where: { useful[Int($0)] }) else { return nil }
                    return (estimate, h)
                }.sorted { ($0.estimate, -$0.group) > ($1.estimate, -$1.group) }
                for (_, h) in trials {
                    guard budget > 0 else { return improved }
                    budget -= 1
                    var trial = self
                    if let old { trial.close(old) }
                    trial.open(h)
                    trial.reassignExactly()
                    let score = model.weightedScore(trial.groupOfParent)
                    if score > current {
                        self = trial
                        current = score
                        improved = true
                        break
                    }
                }
            }
        }
        return improved
    }

    /// A cheap estimate of the gain of opening `h` (closing `old` first): the best gains of the
    /// parents `h` could take over where they are now (the members of `old` counting as
    /// unassigned), minus what `old`'s members earn today and the group terms.
    func exchangeEstimate(open h: Int, closing old: Int?) -> Int {
        let mentor = model.groups[h].mentor
        var gains: [Int] = []
        for (i, p32) in model.fits[h].enumerated() {
            let p = Int(p32)
            let now = groupOfParent[p].flatMap { $0 == old ? nil : model.weight(parent: p, group: $0) } ?? 0
            let gain = Int(model.pairWeights[h][i]) - now
            if gain > 0 { gains.append(gain) }
        }
        gains.sort(by: >)
        let freed = old.map { members[$0].count } ?? 0
        let room = min(model.groupSize[h], capacity(mentor) - load[mentor] + freed)
        var estimate = gains.prefix(max(room, 0)).reduce(0, +)
        if let old {
            estimate -= members[old].reduce(0) { $0 + model.weight(parent: $1, group: old) } + model.groupWeight[old]
            estimate += model.groupWeight[h]
        } else {
            estimate += model.groupWeight[h]
        }
        return estimate
    }

    /// Parents whose move could let an unmatched parent in: the unmatched themselves, and members
    /// of open groups that some unmatched parent fits. A candidate that fits none of them cannot
    /// raise the number matched, so the exchange step skips it.
    func parentsThatCouldMakeRoom() -> [Bool] {
        var useful = groupOfParent.map { $0 == nil }
        for (p, g) in groupOfParent.enumerated() where g == nil {
            for h in groupsOfParent[p] where openGroups.contains(Int(h)) {
                for q in members[Int(h)] { useful[q] = true }
            }
        }
        return useful
    }

    /// Moves that open a closed candidate fitting at least one unmatched parent, sorted by an
    /// estimate of their gain (unmatched parents taken minus parents displaced).
    func candidateMoves() -> [Move] {
        var unmatchedFits: [Int: Int] = [:]
        for (p, g) in groupOfParent.enumerated() where g == nil {
            for h in groupsOfParent[p] where !openGroups.contains(Int(h)) { unmatchedFits[Int(h), default: 0] += 1 }
        }
        var moves: [Move] = []
        for (h, count) in unmatchedFits {
            let mentor = model.groups[h].mentor
            if canOpen(h) && load[mentor] < capacity(mentor) {
                moves.append(Move(group: h, replacing: nil, estimate: min(count, model.groupSize[h])))
            }
            for g in openOfMentor[mentor] where canOpen(h, except: g) {
                moves.append(Move(group: h, replacing: g, estimate: min(count, model.groupSize[h]) - members[g].count))
            }
        }
        return moves.filter { $0.estimate > 0 || $0.replacing != nil }
            .sorted { ($0.estimate, -$0.group, -($0.replacing ?? -1)) > ($1.estimate, -$1.group, -($1.replacing ?? -1)) }
    }

    /// Applies `move` if it raises the score and returns the gain; otherwise leaves the state as it
    /// was and returns 0. Displaced parents are re-homed in open groups with room where they fit.
    mutating func apply(_ move: Move) -> Int {
        guard !openGroups.contains(move.group) else { return 0 }
        if let old = move.replacing, !openGroups.contains(old) { return 0 }
        let snapshot = self
        var delta = 0
        var displaced: [Int] = []
        if let old = move.replacing {
            displaced = members[old]
            delta -= displaced.reduce(0) { $0 + model.weight(parent: $1, group: old) } + model.groupWeight[old]
            close(old)
        }
        guard canOpen(move.group) else {
            self = snapshot
            return 0
        }
        let best = bestUnassigned(for: move.group, limit: room(move.group))
        guard !best.parents.isEmpty else {
            self = snapshot
            return 0
        }
        open(move.group)
        for p in best.parents { assign(p, to: move.group) }
        delta += best.weight + model.groupWeight[move.group]
        for p in displaced where groupOfParent[p] == nil {
            var choice: (weight: Int, group: Int)?
            for h32 in groupsOfParent[p] where openGroups.contains(Int(h32)) && room(Int(h32)) > 0 {
                let h = Int(h32), w = model.weight(parent: p, group: h)
                if choice == nil || (w, -h) > (choice!.weight, -choice!.group) { choice = (w, h) }
            }
            if let choice {
                assign(p, to: choice.group)
                delta += choice.weight
            }
        }
        if delta <= 0 {
            self = snapshot
            return 0
        }
        return delta
    }
}
