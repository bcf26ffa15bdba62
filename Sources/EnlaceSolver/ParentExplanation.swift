import EnlaceCore

/// Why a parent is where the schedule put them: the pair's score terms, every group that fitted
/// and why it was not chosen, and what would change the outcome (for `enlace explain parent`).
public struct ParentExplanation: Sendable {
    /// One candidate group the parent fits.
    public struct Alternative: Sendable {
        public let group: Int
        /// The parent's weight in it.
        public let weight: Int
        /// Why the parent is not in it ("the group is full (8 of 8)"), nil for the parent's group.
        public let whyNot: String?
    }

    public let parent: Int
    /// The parent's group in the schedule, if any.
    public let group: Int?
    /// The score terms of the parent in that group, by soft rule (`[weights]` keys for built-ins).
    public let terms: [(key: String, value: Int)]
    /// The plugins' sentences on the parent in that group (each soft rule that scores it).
    public let justifications: [String]
    /// Fitting groups, best weight first (the parent's own group first).
    public let alternatives: [Alternative]
    /// For an unmatched parent: the reasons of `explainUnmatched`.
    public let reasons: [String]
    /// Sentences saying what would change the outcome.
    public let levers: [String]
}

extension MatchModel {
    /// Explains parent `p`'s place in `solution`.
    ///
    /// - Complexity: O(groups the parent fits × their members).
    public func explain(parent p: Int, in solution: Solution) -> ParentExplanation {
        let byGroup = solution.parentsByGroup()
        let own = solution.groupOfParent[p]
        var load = Array(repeating: 0, count: program.mentors.count)
        var groupsOpen = Array(repeating: 0, count: program.mentors.count)
        for (g, members) in byGroup {
            load[groups[g].mentor] += members.count
            groupsOpen[groups[g].mentor] += 1
        }
        let fitting = groups.indices.filter { admits(parent: p, group: $0) }
        let alternatives = fitting.map { g -> ParentExplanation.Alternative in
            let mentor = groups[g].mentor
            let size = byGroup[g]?.count ?? 0
            let whyNot: String? = if g == own { nil }
                else if let apart = keptApartSentence(parent: p, members: byGroup[g] ?? []) { apart }
                else if size >= groupSize[g] { "the group is full (\(size) of \(groupSize[g]))" }
                else if load[mentor] >= mentorCapacity[mentor] && byGroup[g] != nil { "the mentor is at capacity (\(load[mentor]) of \(mentorCapacity[mentor]))" }
                else if byGroup[g] != nil { "a seat is free, but the parent scores more where they are" }
                else if load[mentor] >= mentorCapacity[mentor] { "not formed: the mentor is at capacity (\(load[mentor]) of \(mentorCapacity[mentor])) in other groups" }
                else if groupsOpen[mentor] >= maxGroups[mentor] { "not formed: the mentor already leads \(groupsOpen[mentor]) groups (the most allowed)" }
                else { "not formed: it overlaps another of the mentor's groups, or fewer families fit it" }
            return .init(group: g, weight: fullWeight(parent: p, group: g), whyNot: whyNot)
        }.sorted { ($0.whyNot == nil ? 1 : 0, $0.weight, -$0.group) > ($1.whyNot == nil ? 1 : 0, $1.weight, -$1.group) }
        let reasons = own == nil ? explainUnmatched(solution, only: [p]).first?.reasons ?? [] : []
        let justifications = own.map { g in
            rules.with(RuleHooks.soft).compactMap { $0.rule.justify(parent: p, group: groups[g]) } + togetherSentences(parent: p, in: g, solution)
        } ?? []
        return ParentExplanation(parent: p, group: own, terms: own.map { pairTerms(parent: p, group: $0) } ?? [],
                                 justifications: justifications, alternatives: alternatives, reasons: reasons, levers: levers(parent: p, fitting: fitting, solution: solution, byGroup: byGroup))
    }

    /// The `parentsTogether` rules' sentences for the partners `p` shares group `g` with.
    private func togetherSentences(parent p: Int, in g: Int, _ solution: Solution) -> [String] {
        guard hasTogether else { return [] }
        var sentences: [String] = []
        for item in togetherPairs where item.pair.first == Int32(p) || item.pair.second == Int32(p) {
            let other = Int(item.pair.first == Int32(p) ? item.pair.second : item.pair.first)
            guard solution.groupOfParent[other] == g, let rule = rules.rules.first(where: { $0.name == item.rule }) else { continue }
            let sentence = rule.rule.justify(parent: p, together: other) ?? "shares the group with one family it scores with"
            sentences.append("\(sentence): \(item.points < 0 ? "\(item.points)" : "+\(item.points)") (\(item.rule))")
        }
        return sentences
    }

    /// The sentence of the rule that keeps `p` out of a group with `members`, when one of them is
    /// kept apart from `p` (never naming that family).
    func keptApartSentence(parent p: Int, members: [Int]) -> String? {
        guard hasApart, let q = members.first(where: { keptApart(p, $0) }),
              let name = apartRule[ParentPair(Int32(p), Int32(q))], let rule = rules.rules.first(where: { $0.name == name }) else { return nil }
        return "\(rule.rule.justify(parent: p, apartFrom: q) ?? "kept apart from one family in this group") (\(name))"
    }

    /// What would change an outcome, stated from the data and the run's rules (the district's
    /// plugins and pair rules included): for a parent no group fits, the times of groups every
    /// rule but `time_fit` admits them into; for one whose fitting groups are full, the mentors of
    /// those groups, leaving out groups that hold a family the parent is kept apart from.
    private func levers(parent p: Int, fitting: [Int], solution: Solution, byGroup: [Int: [Int]]) -> [String] {
        if solution.groupOfParent[p] != nil {
            guard termKeys.contains("continuity"), program.settings.weights.continuity > 0 else { return [] }
            return ["Continuity keeps this parent with the same mentor in the next run (+\(program.settings.weights.continuity)) unless the data change."]
        }
        if fitting.isEmpty { return [timeLever(parent: p, byGroup: byGroup)] }
        let apart = fitting.filter { keptApartSentence(parent: p, members: byGroup[$0] ?? []) != nil }
        let keptOut = Set(apart)
        let open = fitting.filter { !keptOut.contains($0) }
        guard !open.isEmpty else {
            return ["Every group that fits holds a family this parent is kept apart from (\(apartRuleNames(parent: p, groups: apart, byGroup: byGroup))), "
                    + "so more seats there would not help; another group would: a mentor for the same language at a time the parent is free, or another time in the parent's availability."]
        }
        let mentors = Set(open.map { groups[$0].mentor }).sorted().map { program.mentors[$0].id.rawValue }
        let leftOut = apart.isEmpty ? "" : " (groups holding a family this parent is kept apart from are left out: \(apartRuleNames(parent: p, groups: apart, byGroup: byGroup)))"
        return ["Raising the capacity of a mentor who fits (\(mentors.prefix(5).joined(separator: ", ")))\(leftOut) or recruiting another mentor for the same language and times would make room."]
    }

    /// For a parent no group fits: the weekly times of groups that every hard rule but `time_fit`
    /// admits the parent into and that hold no family the parent is kept apart from, or, when
    /// there are none, the rule that leaves none.
    private func timeLever(parent p: Int, byGroup: [Int: [Int]]) -> String {
        let parent = program.parents[p]
        let pairRules = rules.with([.pairIndex, .pairFilter]).filter { $0.name != "time_fit" }
        let indices = pairRules.map { $0.hooks.contains(.pairIndex) ? $0.rule.pairIndex(groups: groups) : nil }
        var remaining = groups.indices.filter { g in
            if case .weekly = groups[g].timing { return keptApartSentence(parent: p, members: byGroup[g] ?? []) == nil }
            return false
        }
        var blocking: ActiveRule? = nil
        for (r, rule) in pairRules.enumerated() where !remaining.isEmpty {
            remaining = remaining.filter { admits(rule, indices[r], parent: p, group: $0) }
            if remaining.isEmpty { blocking = rule }
        }
        if let blocking, !RuleSet.specRuleNames.contains(blocking.name) {
            return "Adding times to the parent's availability would not help: the \(blocking.name) rule admits this parent into none of the groups that would otherwise fit."
        }
        let slots = Set(remaining.compactMap { g -> String? in
            guard case .weekly(let day, let start) = groups[g].timing else { return nil }
            return "\(day.code) \(formatMinuteOfDay(start))"
        }).sorted { (Weekday(code: $0.prefix(2))!, $0) < (Weekday(code: $1.prefix(2))!, $1) }
        guard !slots.isEmpty else {
            return "Recruit a mentor who speaks \(LanguageNames.list(parent.languages)) and meets the way this parent can."
        }
        return "Mentors who speak the parent's language can meet at: \(slots.prefix(8).joined(separator: ", "))\(slots.count > 8 ? " and more" : ""). Adding one of these times to the parent's availability would let them fit."
    }

    /// The names of the rules that keep `p` apart from a family in each of `keptOut`, in rule order.
    private func apartRuleNames(parent p: Int, groups keptOut: [Int], byGroup: [Int: [Int]]) -> String {
        var names = Set<String>()
        for g in keptOut {
            for q in byGroup[g] ?? [] where keptApart(p, q) {
                if let name = apartRule[ParentPair(Int32(p), Int32(q))] { names.insert(name) }
            }
        }
        return rules.rules.map(\.name).filter(names.contains).joined(separator: ", ")
    }
}
