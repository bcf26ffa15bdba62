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
        let filters = rules.with(.groupFilter).map(\.name).filter { !RuleSet.specRuleNames.contains($0) }
        return rules.with([.pairIndex, .pairFilter]).map { UnmatchedCause(rawValue: $0.name) }
            + filters.map { UnmatchedCause(rawValue: $0) } + rules.with(.parentsApart).map { UnmatchedCause(rawValue: $0.name) } + [.capacity]
    }

    /// Explains every parent `solution` leaves unmatched, in parent order.
    ///
    /// - Complexity: O(fitting pairs) to count each unmatched parent's fitting mentors, then for
    ///   each unmatched parent no group fits, O(candidate groups × pair rules); the rules are asked
    ///   about single pairs only here, never while solving.
    public func explainUnmatched(_ solution: Solution) -> [UnmatchedExplanation] {
        explainUnmatched(solution, walkingClasses: true)
    }

    /// The explanations of the unmatched parents among `only` (all unmatched parents when nil).
    /// `walkingClasses: false` filters every group one rule at a time, as with a predicate rule
    /// (tests compare the two walks).
    func explainUnmatched(_ solution: Solution, only: [Int]? = nil, walkingClasses: Bool = true) -> [UnmatchedExplanation] {
        let unmatched = (only ?? Array(solution.groupOfParent.indices)).filter { solution.groupOfParent[$0] == nil }
        let fittingMentors = fittingMentorCounts(unmatched)
        let pairRules = rules.with([.pairIndex, .pairFilter])
        let indices = pairRules.map { $0.hooks.contains(.pairIndex) ? $0.rule.pairIndex(groups: groups) : nil }
        let refused = RefusedGroups(model: self, pairRules: pairRules)
        var explained: [Int: UnmatchedExplanation] = [:]
        var excluded: [Int] = []
        for p in unmatched {
            if let apart = keptApartExplanation(parent: p, solution) {
                explained[p] = apart
            } else if let count = fittingMentors[p], count > 0 {
                let who = count == 1 ? "the 1 mentor who fits is full" : "all \(count) mentors who fit are full"
                explained[p] = UnmatchedExplanation(parent: p, cause: .capacity, reasons: [
                    "every fitting mentor is full: \(who) (their seats went to families with fewer options)",
                ])
            } else if let refusal = refusedFit(parent: p, pairRules: pairRules, refused: refused) {
                explained[p] = refusal
            } else {
                excluded.append(p)
            }
        }
        var walk = ExclusionWalk(model: self, pairRules: pairRules, indices: indices, walkingClasses: walkingClasses)
        for p in walk.order(excluded) {
            guard let (r, remaining) = walk.firstExclusion(parent: p) else {
                explained[p] = UnmatchedExplanation(parent: p, cause: .capacity, reasons: ["no candidate group fits this parent"])
                continue
            }
            let rule = pairRules[r]
            let reason = rule.rule.explainExclusion(parent: p, groups: remaining)
                ?? remaining.first.flatMap { rule.rule.justify(parent: p, group: $0) }.map { "\(rule.name): \($0)" }
                ?? "no candidate group passes the \(rule.name) rule"
            explained[p] = UnmatchedExplanation(parent: p, cause: UnmatchedCause(rawValue: rule.name), reasons: [reason])
        }
        return unmatched.map { explained[$0]! }
    }

    /// Why `p` is unmatched when a group of `solution` that fits `p` holds a parent `p` is kept
    /// apart from: that rule's sentence, which never names the other family.
    func keptApartExplanation(parent p: Int, _ solution: Solution) -> UnmatchedExplanation? {
        guard hasApart else { return nil }
        for q32 in apart[p] {
            let q = Int(q32)
            guard let g = solution.groupOfParent[q], admits(parent: p, group: g), let name = apartRule[ParentPair(Int32(p), q32)],
                  let sentence = keptApartSentence(parent: p, members: [q]) else { continue }
            return UnmatchedExplanation(parent: p, cause: UnmatchedCause(rawValue: name), reasons: [
                "a group that would fit (\(groups[g].id)) holds a family this parent is kept apart from: \(sentence)",
            ])
        }
        return nil
    }

    /// Finds, for parents no group fits, the first pair rule (in order) that admits the parent into
    /// none of the groups the rules before it left, and those groups.
    ///
    /// With keyed rules only (the built-ins), a rule's answer is the same for every group of a fit
    /// class, so the walk runs over classes as bit sets: the classes a rule admits a parent into
    /// are the union of the sets of the parent's keys and of the classes the rule leaves open, and
    /// each step is one AND. The groups handed to the failing rule's explanation are gathered only
    /// when they differ from the previous parent's at that rule (parents are walked in the order
    /// of their keys). On a truncated model they are one group per mentor (the lowest-numbered),
    /// which is all the built-in explanations read (they count mentors), and keeps a district of
    /// 600,000 parents from copying a hundred thousand groups per parent. With a predicate rule,
    /// each parent filters the groups one rule at a time.
    private struct ExclusionWalk {
        let model: MatchModel
        let pairRules: [ActiveRule]
        let indices: [PairIndex?]
        /// Whether every pair rule is keyed (no predicate), so that keys decide everything.
        let keyedOnly: Bool
        private let words: Int
        /// Per rule: the classes it leaves open to everyone, and the classes of each key.
        private var openClasses: [[UInt64]] = []
        private var classesOfKey: [[Int32: [UInt64]]] = []
        /// Per rule: the classes left before it at the last failure there, and their groups.
        private var gathered: [Int: (classes: [UInt64], groups: [CandidateGroup])] = [:]

        init(model: MatchModel, pairRules: [ActiveRule], indices: [PairIndex?], walkingClasses: Bool) {
            self.model = model
            self.pairRules = pairRules
            self.indices = indices
            keyedOnly = walkingClasses && pairRules.allSatisfy { $0.hooks.contains(.pairIndex) && !$0.hooks.contains(.pairFilter) }
            let classes = model.fitClasses
            words = (classes.members.count + 63) / 64
            guard keyedOnly else { return }
            for index in indices {
                var open = Array(repeating: UInt64(0), count: words)
                var byKey: [Int32: [UInt64]] = [:]
                for (c, groups) in classes.groupsOfClass.enumerated() {
                    guard let g = groups.first else { continue }
                    guard let keys = index!.groupKeys[g] else {
                        open[c >> 6] |= 1 << UInt64(c & 63)
                        continue
                    }
                    for key in keys {
                        if byKey[key] == nil { byKey[key] = Array(repeating: 0, count: words) }
                        byKey[key]![c >> 6] |= 1 << UInt64(c & 63)
                    }
                }
                openClasses.append(open)
                classesOfKey.append(byKey)
            }
        }

        func keys(_ p: Int) -> [[Int32]] {
            keyedOnly ? indices.map { Array(Set($0!.parentKeys[p])).sorted() } : []
        }

        /// `parents` ordered by their keys (then index), so that equal prefixes are adjacent.
        func order(_ parents: [Int]) -> [Int] {
            guard keyedOnly else { return parents }
            let keyed = parents.map { (keys($0), $0) }
            return keyed.sorted { a, b in
                for (x, y) in zip(a.0, b.0) where x != y { return x.lexicographicallyPrecedes(y) }
                return a.1 < b.1
            }.map(\.1)
        }

        mutating func firstExclusion(parent p: Int) -> (rule: Int, remaining: [CandidateGroup])? {
            guard keyedOnly else { return filteringExclusion(parent: p) }
            var current = Array(repeating: UInt64.max, count: words)
            for r in pairRules.indices {
                var admitted = openClasses[r]
                for key in indices[r]!.parentKeys[p] {
                    guard let classes = classesOfKey[r][key] else { continue }
                    for w in 0..<words { admitted[w] |= classes[w] }
                }
                var any = false
                for w in 0..<words {
                    admitted[w] &= current[w]
                    if admitted[w] != 0 { any = true }
                }
                if !any { return (r, groups(in: current, rule: r)) }
                current = admitted
            }
            return nil
        }

        /// The groups of the classes in `classes` (one per mentor on a truncated model), ascending.
        private mutating func groups(in classes: [UInt64], rule r: Int) -> [CandidateGroup] {
            if let known = gathered[r], known.classes == classes { return known.groups }
            var chosen: [Int] = []
            for w in 0..<words where classes[w] != 0 {
                var bits = classes[w]
                while bits != 0 {
                    let c = w << 6 + bits.trailingZeroBitCount
                    bits &= bits - 1
                    if c < model.fitClasses.groupsOfClass.count { chosen.append(contentsOf: model.fitClasses.groupsOfClass[c]) }
                }
            }
            chosen.sort()
            if model.isTruncated {
                var seen = Set<Int>()
                chosen = chosen.filter { seen.insert(model.groups[$0].mentor).inserted }
            }
            let groups = chosen.map { model.groups[$0] }
            gathered[r] = (classes, groups)
            return groups
        }

        /// The walk for rule sets with a predicate: every group, one rule at a time.
        private func filteringExclusion(parent p: Int) -> (rule: Int, remaining: [CandidateGroup])? {
            var current = Array(model.groups.indices)
            for (r, rule) in pairRules.enumerated() {
                let next = current.filter { model.admits(rule, indices[r], parent: p, group: $0) }
                if next.isEmpty { return (r, current.map { model.groups[$0] }) }
                current = next
            }
            return nil
        }
    }

    /// How many mentors have a group that each of `parents` fits. On a truncated model, whose
    /// `fits` hold candidates only, this counts by the fit classes (the keyed rules; a district's
    /// predicate rule is not asked again here).
    ///
    /// - Complexity: O(fitting pairs) on a whole model; on a truncated one, O(total class size +
    ///   the classes of `parents` × their mentors).
    func fittingMentorCounts(_ parents: [Int]) -> [Int: Int] {
        var wanted = Array(repeating: false, count: program.parents.count)
        for p in parents { wanted[p] = true }
        var counts: [Int: Int] = [:]
        var stamp = Array(repeating: -1, count: program.mentors.count)
        if !isTruncated {
            var groupsOf: [Int: [Int]] = [:]
            for (g, fit) in fits.enumerated() { for p in fit where wanted[Int(p)] { groupsOf[Int(p), default: []].append(g) } }
            for p in parents {
                var count = 0
                for g in groupsOf[p] ?? [] where stamp[groups[g].mentor] != p {
                    stamp[groups[g].mentor] = p
                    count += 1
                }
                counts[p] = count
            }
            return counts
        }
        let mentorsOfClass = fitClasses.groupsOfClass.map { $0.map { groups[$0].mentor } }
        var classesOf: [Int: [Int]] = [:]
        for (c, members) in fitClasses.members.enumerated() where !mentorsOfClass[c].isEmpty {
            for p in members where wanted[Int(p)] { classesOf[Int(p), default: []].append(c) }
        }
        for p in parents {
            var count = 0
            for c in classesOf[p] ?? [] {
                for m in mentorsOfClass[c] where stamp[m] != p {
                    stamp[m] = p
                    count += 1
                }
            }
            counts[p] = count
        }
        return counts
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
            candidates = model.refusedGroups.filter { !RuleSet.specRuleNames.contains($0.rule) }
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
    fileprivate func admits(_ rule: ActiveRule, _ index: PairIndex?, parent p: Int, group: CandidateGroup) -> Bool {
        if let index, let keys = index.groupKeys[group.index], !index.parentKeys[p].contains(where: keys.contains) { return false }
        if rule.hooks.contains(.pairFilter) {
            var one: [Int32] = [Int32(p)]
            rule.rule.filter(&one, in: group)
            return !one.isEmpty
        }
        return true
    }

    /// The same for the model's group `g`, reading the group only when the rule has a predicate.
    func admits(_ rule: ActiveRule, _ index: PairIndex?, parent p: Int, group g: Int) -> Bool {
        if let index, let keys = index.groupKeys[g], !index.parentKeys[p].contains(where: keys.contains) { return false }
        return rule.hooks.contains(.pairFilter) ? admits(rule, nil, parent: p, group: groups[g]) : true
    }
}
