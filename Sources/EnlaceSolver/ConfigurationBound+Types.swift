import EnlaceCore

extension ConfigurationBound {
    /// The relaxation evaluated at zero prices over each group's T heaviest parents, found
    /// through the parents' score types (`ScoreTypes`) instead of scoring every fitting pair: for
    /// a district whose pairs are too many to score one by one (billions at 600,000 parents).
    ///
    /// At zero prices each mentor takes its best configuration over the raw weights, which in a
    /// district with more parents than seats is within a few hundredths of a percent of the bound
    /// at the seat-price bound's prices (docs/PERFORMANCE.md, "Large districts"). Parents of one
    /// type weigh alike in a group, so a group's list takes whole runs of a type, heaviest type
    /// first; within a run the groups of a class start at different members, so that their lists
    /// (the rounding's candidates) spread over the class instead of all naming its first members.
    ///
    /// - Complexity: the pair-score rules asked once per group about one parent of each type of
    ///   its class (the sum over groups of their class's types: some 300 million at 600,000
    ///   parents, against 8 billion fitting pairs), then one search of each mentor's configurations
    ///   over lists of length T.
    init(_ model: MatchModel, types: ScoreTypes) {
        let listed = ConfigurationBound.typedLists(model, types: types, lengths: ConfigurationBound.listLengths(model))
        self.init(ConfigurationBound.relax(model, listed: listed, prices: Array(repeating: 0, count: model.program.parents.count)))
    }

    /// Each group's `lengths[g]` heaviest parents, heaviest first (ties: the type whose first
    /// member comes first, then members in turn from the group's starting point), with their
    /// weights.
    static func typedLists(_ model: MatchModel, types: ScoreTypes, lengths: [Int]) -> [(parents: [Int32], weights: [Int32])] {
        let classes = model.fitClasses, scorers = model.rules.with(.pairScore)
        var listed = [(parents: [Int32], weights: [Int32])](repeating: ([], []), count: model.groups.count)
        var scores: [Int] = []
        for (c, members) in classes.members.enumerated() where !members.isEmpty {
            let runs = TypeRuns(members, types: types)
            let groups = classes.groupsOfClass[c]
            for (rank, g) in groups.enumerated() where lengths[g] > 0 {
                scores.removeAll(keepingCapacity: true)
                scores.append(contentsOf: repeatElement(0, count: runs.first.count))
                for scorer in scorers { scorer.rule.score(runs.first, in: model.groups[g], into: &scores) }
                listed[g] = runs.heaviest(scores, length: lengths[g], start: rank * lengths[g])
            }
        }
        return listed
    }
}

/// A class's members by score type: one run per type, the runs in the order of their first
/// members (so that the first members, `first`, ascend as the pair-score rules want them).
private struct TypeRuns {
    /// The members, run after run; each run ascending.
    let members: [Int32]
    /// Where each run starts in `members` (one more entry: the end).
    let starts: [Int]
    /// Each run's first member, ascending.
    let first: [Int32]

    init(_ classMembers: [Int32], types: ScoreTypes) {
        var runOfType: [Int32: Int] = [:]
        var runs: [[Int32]] = []
        for p in classMembers {
            let t = types.typeOfParent[Int(p)]
            if let r = runOfType[t] {
                runs[r].append(p)
            } else {
                runOfType[t] = runs.count
                runs.append([p])
            }
        }
        members = runs.flatMap { $0 }
        var starts = [0]
        starts.reserveCapacity(runs.count + 1)
        for run in runs { starts.append(starts.last! + run.count) }
        self.starts = starts
        first = runs.map { $0[0] }
    }

    /// The `length` heaviest members by their run's weight (`weights`, one per run), heaviest
    /// runs first (ties to the earlier run); each run read from `start` (modulo its length) on.
    func heaviest(_ weights: [Int], length: Int, start: Int) -> (parents: [Int32], weights: [Int32]) {
        // The fewest heaviest runs that hold `length` members, kept sorted (bounded insertion).
        var chosen: [Int] = [], held = 0
        for r in first.indices {
            let count = starts[r + 1] - starts[r]
            if held >= length, let last = chosen.last, weights[r] <= weights[last] { continue }
            var k = chosen.count
            while k > 0 && weights[r] > weights[chosen[k - 1]] { k -= 1 }
            chosen.insert(r, at: k)
            held += count
            while let last = chosen.last, held - (starts[last + 1] - starts[last]) >= length {
                held -= starts[last + 1] - starts[last]
                chosen.removeLast()
            }
        }
        var parents: [Int32] = [], listed: [Int32] = []
        parents.reserveCapacity(length)
        listed.reserveCapacity(length)
        for r in chosen {
            let count = starts[r + 1] - starts[r], take = min(count, length - parents.count)
            for j in 0..<take { parents.append(members[starts[r] + (start + j) % count]) }
            listed.append(contentsOf: repeatElement(Int32(clamping: weights[r]), count: take))
        }
        return (parents, listed)
    }
}
