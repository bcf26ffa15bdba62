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
        let filters = rules.with(.groupFilter).map(\.name).filter { !PluginCatalog.specRules.contains($0) }
        return rules.with([.pairIndex, .pairFilter]).map { UnmatchedCause(rawValue: $0.name) }
            + filters.map { UnmatchedCause(rawValue: $0) } + [.capacity]
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
        let refused = RefusedGroups(model: self, pairRules: pairRules)
        return solution.groupOfParent.enumerated().compactMap { p, group in
            guard group == nil else { return nil }
            if !fitting[p].isEmpty {
                let count = fitting[p].count
                let who = count == 1 ? "the 1 mentor who fits is full" : "all \(count) mentors who fit are full"
                return UnmatchedExplanation(parent: p, cause: .capacity, reasons: [
                    "every fitting mentor is full: \(who) (their seats went to families with fewer options)",
                ])
            }
            if let refusal = refusedFit(parent: p, pairRules: pairRules, refused: refused) { return refusal }
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

    /// When a district plugin's group filter refused a group the parent would otherwise fit, that
    /// refusal is what keeps the parent out: its justification, quoted with the plugin's name.
    /// (The built-in filters — a mentor's modes, the open-house rule — are already described by
    /// the pair rules' reasons, which count only the groups that exist.)
    private func refusedFit(parent p: Int, pairRules: [ActiveRule], refused: RefusedGroups) -> UnmatchedExplanation? {
        for (i, (group, name)) in refused.candidates.enumerated() {
            let local = refused.local[i]
            guard pairRules.enumerated().allSatisfy({ admits($1, refused.indices[$0], parent: p, group: local) }) else { continue }
            let why = rules.rules.first { $0.name == name }?.rule.justify(group: group) ?? "the \(name) plugin refuses the group"
            return UnmatchedExplanation(parent: p, cause: UnmatchedCause(rawValue: name), reasons: [
                "the only groups that would fit are refused: \(why)",
            ])
        }
        return nil
    }

    /// The groups district plugins refused, re-indexed among themselves, with the pair rules'
    /// indices over them (computed once per explanation pass).
    private struct RefusedGroups {
        let candidates: [(group: CandidateGroup, rule: String)]
        let local: [CandidateGroup]
        let indices: [PairIndex?]

        init(model: MatchModel, pairRules: [ActiveRule]) {
            candidates = model.refusedGroups.filter { !PluginCatalog.specRules.contains($0.rule) }
            local = candidates.enumerated().map { i, refused in
                let group = refused.group
                return CandidateGroup(index: i, mentor: group.mentor, timing: group.timing, mode: group.mode,
                                      site: group.site, sessions: group.sessions, id: group.id)
            }
            let local = self.local
            indices = candidates.isEmpty ? pairRules.map { _ in nil }
                : pairRules.map { $0.hooks.contains(.pairIndex) ? $0.rule.pairIndex(groups: local) : nil }
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
