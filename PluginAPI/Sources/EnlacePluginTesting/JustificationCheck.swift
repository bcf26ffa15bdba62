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
    ///   for.
    ///
    ///     #expect(verifier.justificationMismatches() == [])
    public func justificationMismatches() -> [String] {
        switch role {
        case .hard: groupMismatches() + pairMismatches() + mentorMismatches()
        case .soft: pointMismatches()
        }
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
