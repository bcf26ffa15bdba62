import EnlaceCore

/// The matcher's answer: which candidate groups open, who is in each, the score and its bound.
public struct Solution: Sendable, Equatable {
    /// Indices of the open candidate groups, ascending.
    public let openGroups: [Int]
    /// For each parent (by index), the candidate group it is in, or nil.
    public let groupOfParent: [Int?]
    /// The objective: the sum of `terms`.
    public let score: Int
    /// Each soft rule's weighted contribution, by its name (the `[weights]` keys for built-ins).
    public let terms: [String: Int]
    /// An upper bound on the best possible score (see `UpperBound`).
    public let bound: Int
    /// On models too large to search whole, the most parents any schedule can match
    /// (`CoverageBound`); nil otherwise.
    public var matchedBound: Int? = nil

    /// The relative distance between the score and the bound: (bound − score) / |bound|, 0 when equal.
    public var gap: Double {
        bound == score ? 0 : Double(bound - score) / Double(max(abs(bound), 1))
    }

    /// The parents of each open group, by group index, ascending.
    public func parentsByGroup() -> [Int: [Int]] {
        var result: [Int: [Int]] = [:]
        for (p, g) in groupOfParent.enumerated() { if let g { result[g, default: []].append(p) } }
        return result
    }
}

extension MatchModel {
    /// An assignment found elsewhere (a stored run) as a `Solution`, scored from scratch. Nothing
    /// bounds it, so its `bound` is its own score and its gap 0: do not report them as a solver's.
    public func solution(groupOfParent: [Int?]) -> Solution {
        let (score, terms) = self.score(groupOfParent: groupOfParent)
        return Solution(openGroups: Array(Set(groupOfParent.compactMap { $0 })).sorted(), groupOfParent: groupOfParent,
                        score: score, terms: terms, bound: score)
    }

    /// The score of an assignment read off the model's tables (pair weights and group weights):
    /// equal to `score(groupOfParent:).total` by construction, without asking the plugins again,
    /// so the search can compare candidates cheaply. Reported scores still come from `score`.
    ///
    /// - Complexity: O(parents × log(group size) + open groups).
    func weightedScore(_ groupOfParent: [Int?]) -> Int {
        var total = 0
        var seen = Set<Int>()
        for (p, g) in groupOfParent.enumerated() {
            guard let g else { continue }
            total += weight(parent: p, group: g)
            if seen.insert(g).inserted { total += groupWeight[g] }
        }
        return total + togetherPoints(groupOfParent)
    }

    /// Scores an assignment from scratch: every soft rule's term, by its name (the `[weights]`
    /// keys of spec section 4 for the built-ins), asking each rule about the parents of each group.
    ///
    /// - Complexity: O(parents + open groups × soft rules).
    public func score(groupOfParent: [Int?]) -> (total: Int, terms: [String: Int]) {
        var members: [Int: [Int32]] = [:]
        for (p, g) in groupOfParent.enumerated() { if let g { members[g, default: []].append(Int32(p)) } }
        var terms = Dictionary(uniqueKeysWithValues: termKeys.map { ($0, 0) })
        var scores: [Int] = []
        let scorers = rules.with(RuleHooks.soft)
        for g in members.keys.sorted() {
            let parents = members[g]!
            for rule in scorers {
                var value = 0
                if rule.hooks.contains(.pairScore) {
                    scores = Array(repeating: 0, count: parents.count)
                    rule.rule.score(parents, in: groups[g], into: &scores)
                    value += scores.reduce(0, +)
                }
                if rule.hooks.contains(.groupScore) { value += rule.rule.score(groups[g]) }
                terms[rule.name, default: 0] += value
            }
        }
        for item in togetherPairs where groupOfParent[Int(item.pair.first)] != nil
            && groupOfParent[Int(item.pair.first)] == groupOfParent[Int(item.pair.second)] {
            terms[item.rule, default: 0] += item.points
        }
        return (terms.values.reduce(0, +), terms)
    }
}
