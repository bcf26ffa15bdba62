import EnlaceCore

/// Upper bounds that ignore the group structure, computed from the fit classes, so that they stay
/// cheap on models too large to search whole (`MatchModel.isTruncated`).
///
/// *Parents:* no schedule matches more parents than the maximum flow from the parents to the
/// mentors, where a parent may reach every mentor with a group that admits the parent and a mentor
/// takes at most the smaller of its capacity and the sizes of its `maxGroups` largest groups.
/// Group sizes, overlaps and which groups open are ignored, so any schedule is such a flow. The
/// flow runs through the classes (parent → class → mentor), which keeps it to the size of the
/// classes instead of every parent–mentor pair.
///
/// *Score:* each matched parent scores at most its best weight in any group that admits it, at most
/// `parents` parents are matched, and groups add at most their positive weights: so the score is
/// at most the sum of the `parents` largest positive best weights plus each mentor's best
/// `maxGroups` positive group weights. On the largest districts a parent's best weight is bounded
/// by the sum of the rules' ceilings instead of scoring every pair (`exhaustiveScoringPairs`).
public struct CoverageBound: Sendable, Equatable {
    /// Most parents any schedule can match.
    public let parents: Int
    /// Most points any schedule can score.
    public let score: Int

    /// Both bounds for `model`.
    ///
    /// - Complexity: the flow is Dinic's algorithm on (total class size + groups) arcs; the score
    ///   asks the pair-score rules about every fitting pair once, one group at a time, and stores
    ///   only one number per parent.
    /// - Parameter exhaustiveScoringPairs: above this many fitting pairs (before predicate rules),
    ///   the score bound takes each parent's best weight from the pair-score rules' ceilings
    ///   (`RuleHooks.scoreCeiling`) when every one of them gives one, instead of scoring every pair.
    /// - Parameter bestWeights: each parent's best weight (or more) in a group of a mentor with
    ///   seats, when already known (`SeatPriceBound.bestWeights()`), instead of scoring again.
    public static func compute(_ model: MatchModel, exhaustiveScoringPairs: Int = CoverageBound.exhaustiveScoringPairs,
                               bestWeights known: [Int]? = nil) -> CoverageBound {
        let (parents, reachable) = maximumCoverage(model)
        let scorers = model.rules.with(.pairScore)
        let weights = known ?? (model.fitClasses.pairCount > exhaustiveScoringPairs && scorers.allSatisfy({ $0.hooks.contains(.scoreCeiling) })
            ? ceilings(model) : bestWeights(model))
        let best = weights.indices.filter { reachable[$0] && weights[$0] > 0 }.map { weights[$0] }.sorted(by: >)
        var score = best.prefix(parents).reduce(0, +)
        for m in model.program.mentors.indices {
            let positive = model.groupsOfMentor[m].map { model.groupWeight[$0] }.filter { $0 > 0 }.sorted(by: >)
            score += positive.prefix(model.maxGroups[m]).reduce(0, +)
        }
        return CoverageBound(parents: parents, score: score)
    }

    /// Whether group `g` admits anyone: its fitting parents, or on a truncated model (where a
    /// group's candidates are a sample of them) its class.
    static func admitsAnyone(_ model: MatchModel, _ g: Int) -> Bool {
        model.isTruncated ? !model.fitClasses.members[Int(model.fitClasses.classOfGroup[g])].isEmpty : !model.fits[g].isEmpty
    }

    /// Up to this many pairs every pair is scored; beyond, where that would take seconds (a
    /// district of 600,000 parents has billions of pairs), the rules' ceilings bound the score
    /// instead (docs/PERFORMANCE.md, "Large districts").
    public static let exhaustiveScoringPairs = 400_000_000

    /// Each parent's best weight bounded by the sum of the pair-score rules' ceilings.
    static func ceilings(_ model: MatchModel) -> [Int] {
        let scorers = model.rules.with(.pairScore)
        return model.program.parents.indices.map { p in scorers.reduce(0) { $0 + $1.rule.scoreCeiling(parent: p) } }
    }

    /// The most seats mentor `m` can offer: its capacity, and its `maxGroups` largest groups.
    static func seats(_ model: MatchModel, mentor m: Int) -> Int {
        let sizes = model.groupsOfMentor[m].filter { admitsAnyone(model, $0) }.map { model.groupSize[$0] }.sorted(by: >)
        return min(model.mentorCapacity[m], sizes.prefix(model.maxGroups[m]).reduce(0, +))
    }

    /// The maximum flow parent → class → mentor (see the type's comment), and which parents some
    /// mentor's group admits.
    static func maximumCoverage(_ model: MatchModel) -> (flow: Int, reachable: [Bool]) {
        let classes = model.fitClasses
        let parentCount = model.program.parents.count, mentorCount = model.program.mentors.count
        let seats = (0..<mentorCount).map { CoverageBound.seats(model, mentor: $0) }
        let mentorsOfClass = classes.groupsOfClass.map { groups in
            Array(Set(groups.filter { admitsAnyone(model, $0) }.map { model.groups[$0].mentor }.filter { seats[$0] > 0 })).sorted()
        }
        // Nodes: source, sink, parents, classes, mentors.
        let source = 0, sink = 1, parentBase = 2, classBase = parentBase + parentCount
        let mentorBase = classBase + classes.members.count
        var flow = UnitFlowNetwork(nodes: mentorBase + mentorCount)
        var reachable = Array(repeating: false, count: parentCount)
        for (c, members) in classes.members.enumerated() where !mentorsOfClass[c].isEmpty {
            for p in members {
                reachable[Int(p)] = true
                flow.addArc(parentBase + Int(p), classBase + c, capacity: 1)
            }
            for m in mentorsOfClass[c] { flow.addArc(classBase + c, mentorBase + m, capacity: parentCount) }
        }
        for p in 0..<parentCount where reachable[p] { flow.addArc(source, parentBase + p, capacity: 1) }
        for m in 0..<mentorCount where seats[m] > 0 { flow.addArc(mentorBase + m, sink, capacity: seats[m]) }
        return (flow.maximumFlow(from: source, to: sink), reachable)
    }

    /// Each parent's best weight in any group that admits it (`Int.min` when none does), asking the
    /// pair-score rules about each group's whole class (narrowed by the predicate rules).
    static func bestWeights(_ model: MatchModel) -> [Int] {
        var best = Array(repeating: Int.min, count: model.program.parents.count)
        guard model.isTruncated else {
            for g in model.groups.indices {
                for (i, p) in model.fits[g].enumerated() { best[Int(p)] = max(best[Int(p)], Int(model.pairWeights[g][i])) }
            }
            return best
        }
        let scorers = model.rules.with(.pairScore)
        var scores: [Int] = []
        for group in model.groups {
            let list = model.fittingParents(of: group.index)
            guard !list.isEmpty else { continue }
            scores.removeAll(keepingCapacity: true)
            scores.append(contentsOf: repeatElement(0, count: list.count))
            for scorer in scorers { scorer.rule.score(list, in: group, into: &scores) }
            for (i, p) in list.enumerated() where scores[i] > best[Int(p)] { best[Int(p)] = scores[i] }
        }
        return best
    }
}

/// A maximum-flow network for Dinic's algorithm, with arcs kept in compressed rows once built.
struct UnitFlowNetwork {
    private var tails: [Int32] = [], heads: [Int32] = [], capacities: [Int32] = []
    let nodes: Int

    init(nodes: Int) { self.nodes = nodes }

    mutating func addArc(_ from: Int, _ to: Int, capacity: Int) {
        tails.append(Int32(from))
        heads.append(Int32(to))
        capacities.append(Int32(clamping: capacity))
    }

    /// The value of a maximum flow (Dinic: blocking flows along shortest residual paths).
    func maximumFlow(from source: Int, to sink: Int) -> Int {
        // Arc 2i is the i-th arc, 2i+1 its reverse; rows list each node's arcs (both directions).
        let arcCount = tails.count * 2
        var rowStart = Array(repeating: Int32(0), count: nodes + 1)
        for i in tails.indices {
            rowStart[Int(tails[i]) + 1] += 1
            rowStart[Int(heads[i]) + 1] += 1
        }
        for v in 0..<nodes { rowStart[v + 1] += rowStart[v] }
        var fill = rowStart
        var row = Array(repeating: Int32(0), count: arcCount)
        var target = Array(repeating: Int32(0), count: arcCount)
        var residual = Array(repeating: Int32(0), count: arcCount)
        for i in tails.indices {
            let forward = 2 * i, backward = 2 * i + 1
            target[forward] = heads[i]
            target[backward] = tails[i]
            residual[forward] = capacities[i]
            row[Int(fill[Int(tails[i])])] = Int32(forward)
            fill[Int(tails[i])] += 1
            row[Int(fill[Int(heads[i])])] = Int32(backward)
            fill[Int(heads[i])] += 1
        }
        var total = 0
        var level = Array(repeating: Int32(-1), count: nodes)
        var queue = Array(repeating: Int32(0), count: nodes)
        var next = Array(repeating: Int32(0), count: nodes)
        var path: [Int32] = []
        while true {
            for v in 0..<nodes { level[v] = -1 }
            level[source] = 0
            queue[0] = Int32(source)
            var head = 0, tail = 1
            while head < tail {
                let u = Int(queue[head]); head += 1
                for k in Int(rowStart[u])..<Int(rowStart[u + 1]) {
                    let a = Int(row[k]), v = Int(target[a])
                    if residual[a] > 0 && level[v] < 0 {
                        level[v] = level[u] + 1
                        queue[tail] = Int32(v); tail += 1
                    }
                }
            }
            guard level[sink] >= 0 else { return total }
            for v in 0..<nodes { next[v] = rowStart[v] }
            var u = source
            path.removeAll(keepingCapacity: true)
            while true {
                if u == sink {
                    var push = Int32.max
                    for a in path { push = min(push, residual[Int(a)]) }
                    for a in path {
                        residual[Int(a)] -= push
                        residual[Int(a) ^ 1] += push
                    }
                    total += Int(push)
                    path.removeAll(keepingCapacity: true)
                    u = source
                    continue
                }
                var advanced = false
                while next[u] < rowStart[u + 1] {
                    let a = Int(row[Int(next[u])]), v = Int(target[a])
                    if residual[a] > 0 && level[v] == level[u] + 1 {
                        path.append(Int32(a))
                        u = v
                        advanced = true
                        break
                    }
                    next[u] += 1
                }
                if advanced { continue }
                if u == source { break }
                level[u] = -1
                let back = Int(path.removeLast())
                u = Int(target[back ^ 1])
                next[u] += 1
            }
        }
    }
}
