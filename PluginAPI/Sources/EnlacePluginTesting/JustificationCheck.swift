import EnlaceAPI

extension PluginVerifier {
    /// Where the rule's decisions and its sentences disagree, one line each (empty when they
    /// agree), over every group made so far (`weeklyGroup`, `openHouseGroup`) and every parent and
    /// mentor of the district. `enlace explain` and the unmatched reasons quote the sentences, so
    /// a rule states each decision once and says the same:
    ///
    /// - a hard rule that refuses a group (`admits`) or a parent in a group (`admits(parent:into:)`)
    ///   says why (`justify(group:)`, `justify(parent:group:)`), and one that admits says nothing,
    ///   except that a rule limiting a group's size may state the limit of a group it admits;
    /// - a hard rule that limits a mentor (capacity, most groups) says so (`justify(mentor:)`),
    ///   and one that does not is silent;
    /// - a soft rule that gives points for a parent in a group, or for opening a group, says what
    ///   for;
    /// - a rule about pairs of parents says, to each parent of each pair it keeps apart or scores,
    ///   why (`justify(parent:apartFrom:)`, `justify(parent:together:)`), without naming the other
    ///   family (its name or id): explanations reach one family.
    ///
    ///     #expect(verifier.justificationMismatches() == [])
    public func justificationMismatches() -> [String] {
        switch role {
        case .hard: groupMismatches() + pairMismatches() + mentorMismatches() + familyPairMismatches()
        case .soft: pointMismatches() + familyPairMismatches()
        }
    }

    private func familyPairMismatches() -> [String] {
        let apart = keptApart().map { ($0, "keeps apart", justification(parent:apartFrom:), "justify(parent:apartFrom:)") }
        let together = together().filter { $0.value != 0 }.keys.sorted { $0.lexicographicallyPrecedes($1) }
            .map { ($0, "scores together", justification(parent:together:), "justify(parent:together:)") }
        var lines: [String] = []
        for (pair, verb, sentence, method) in apart + together {
            for (parent, other) in [(pair[0], pair[1]), (pair[1], pair[0])] {
                let names = [other, program.parents[parentIndex(other)].name]
                switch sentence(parent, other) {
                case nil:
                    lines.append("\(verb) \(parent) and \(other) but \(method) gives \(parent) no reason")
                case let said? where names.contains(where: said.contains):
                    lines.append("\(method) tells \(parent) \"\(said)\", which names the other family")
                default: break
                }
            }
        }
        return lines
    }

    private func groupMismatches() -> [String] {
        groups.compactMap { group in
            let sentence = rule.justify(group: group)
            if !admits(group) {
                return sentence == nil ? "refuses group \(group.id) but justify(group:) gives no reason" : nil
            }
            guard let sentence, groupSize(group) == .max else { return nil }
            return "admits group \(group.id), with no limit, but justify(group:) says \"\(sentence)\""
        }
    }

    private func pairMismatches() -> [String] {
        let index = pairIndex()
        var lines: [String] = []
        for group in groups {
            for (p, parent) in program.parents.enumerated() {
                switch (admits(p, into: group, index: index), rule.justify(parent: p, group: group)) {
                case (false, nil):
                    lines.append("refuses \(parent.id) in group \(group.id) but justify(parent:group:) gives no reason")
                case (true, let sentence?):
                    lines.append("admits \(parent.id) in group \(group.id) but justify(parent:group:) says \"\(sentence)\"")
                default: break
                }
            }
        }
        return lines
    }

    private func mentorMismatches() -> [String] {
        program.mentors.indices.compactMap { m in
            let id = program.mentors[m].id
            let limited = capacity(ofMentor: id.rawValue) < .max || maxGroups(ofMentor: id.rawValue) < .max
            switch (limited, rule.justify(mentor: m)) {
            case (true, nil): return "limits mentor \(id) but justify(mentor:) gives no reason"
            case (false, let sentence?): return "sets no limit on mentor \(id) but justify(mentor:) says \"\(sentence)\""
            default: return nil
            }
        }
    }

    private func pointMismatches() -> [String] {
        var lines: [String] = []
        for group in groups {
            let points = score(group)
            if points != 0 && rule.justify(group: group) == nil {
                lines.append("gives \(points) points for opening group \(group.id) but justify(group:) says nothing")
            }
            for (p, parent) in program.parents.enumerated() {
                let points = score(parent: parent.id.rawValue, in: group)
                guard points != 0, rule.justify(parent: p, group: group) == nil else { continue }
                lines.append("gives \(parent.id) \(points) points in group \(group.id) but justify(parent:group:) says nothing")
            }
        }
        return lines
    }
}
