import EnlaceCore

/// What keeps a parent unmatched: the first hard rule that rejects the parent from every candidate
/// group left by the rules before it (`shared_language`, `meeting_mode`, `same_site`, `time_fit`,
/// then district plugins), or `capacity` when groups fit but their seats went to others.
public struct UnmatchedCause: Hashable, Sendable, CustomStringConvertible {
    /// The rule's name, or `capacity`.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Groups fit the parent, but their seats went to other families (group size, mentor capacity,
    /// groups per mentor, overlaps).
    public static let capacity = UnmatchedCause(rawValue: "capacity")

    public var description: String { rawValue }
}

/// One unmatched parent's explanation.
public struct UnmatchedExplanation: Sendable, Equatable {
    public let parent: Int
    public let cause: UnmatchedCause
    /// Sentences for the coordinator, most specific first.
    public let reasons: [String]
}

extension MatchModel {
    /// The possible causes in the order the rules are applied, `capacity` last (for summaries).
    public var unmatchedCauses: [UnmatchedCause] {
        rules.with([.pairIndex, .pairFilter]).map { UnmatchedCause(rawValue: $0.name) } + [.capacity]
    }

    /// Explains every parent `solution` leaves unmatched, in parent order.
    ///
    /// - Complexity: O(unmatched parents × candidate groups × pair rules); the rules are asked
    ///   about single pairs only here, never while solving.
    public func explainUnmatched(_ solution: Solution) -> [UnmatchedExplanation] {
        var fitting = Array(repeating: Set<Int>(), count: program.parents.count)
        for (g, fit) in fits.enumerated() { for p in fit { fitting[Int(p)].insert(groups[g].mentor) } }
        let pairRules = rules.with([.pairIndex, .pairFilter])
        let indices = pairRules.map { $0.hooks.contains(.pairIndex) ? $0.rule.pairIndex(groups: groups) : nil }
        return solution.groupOfParent.enumerated().compactMap { p, group in
            guard group == nil else { return nil }
            if !fitting[p].isEmpty {
                let count = fitting[p].count
                let who = count == 1 ? "the 1 mentor who fits is full" : "all \(count) mentors who fit are full"
                return UnmatchedExplanation(parent: p, cause: .capacity, reasons: [
                    "every fitting mentor is full: \(who) (their seats went to families with fewer options)",
                ])
            }
            var left = groups
            for (r, rule) in pairRules.enumerated() {
                let next = left.filter { admits(rule, indices[r], parent: p, group: $0) }
                if next.isEmpty {
                    let reason = rule.rule.explainExclusion(parent: p, groups: left)
                        ?? left.first.flatMap { rule.rule.justify(parent: p, group: $0) }.map { "\(rule.name): \($0)" }
                        ?? "no candidate group passes the \(rule.name) rule"
                    return UnmatchedExplanation(parent: p, cause: UnmatchedCause(rawValue: rule.name), reasons: [reason])
                }
                left = next
            }
            return UnmatchedExplanation(parent: p, cause: .capacity, reasons: ["no candidate group fits this parent"])
        }
    }

    /// Whether one pair rule admits parent `p` into `group` (keys, then the predicate).
    private func admits(_ rule: ActiveRule, _ index: PairIndex?, parent p: Int, group: CandidateGroup) -> Bool {
        if let index, let keys = index.groupKeys[group.index], !index.parentKeys[p].contains(where: keys.contains) { return false }
        if rule.hooks.contains(.pairFilter) {
            var one: [Int32] = [Int32(p)]
            rule.rule.filter(&one, in: group)
            return !one.isEmpty
        }
        return true
    }
}
