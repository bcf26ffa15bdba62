import EnlaceCore

/// The matcher's answer: which candidate groups open, who is in each, the score and its bound.
public struct Solution: Sendable, Equatable {
    /// Indices of the open candidate groups, ascending.
    public let openGroups: [Int]
    /// For each parent (by index), the candidate group it is in, or nil.
    public let groupOfParent: [Int?]
    /// The objective: the sum of `terms`.
    public let score: Int
    /// Each `[weights]` key's weighted contribution.
    public let terms: [String: Int]
    /// An upper bound on the best possible score (see `UpperBound`).
    public let bound: Int

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

    /// Scores an assignment from scratch: every term of spec section 4, per `[weights]` key.
    ///
    /// - Complexity: O(parents + open groups).
    public func score(groupOfParent: [Int?]) -> (total: Int, terms: [String: Int]) {
        var terms = Dictionary(uniqueKeysWithValues: Weights.keys.filter { $0 != "shared_topic_cap" }.map { ($0, 0) })
        var open = Set<Int>()
        for (p, g) in groupOfParent.enumerated() {
            guard let g else { continue }
            open.insert(g)
            for (key, value) in pairTerms(parent: p, group: g) { terms[key, default: 0] += value }
        }
        terms["group"] = open.count * weights.group
        return (terms.values.reduce(0, +), terms)
    }
}
