import EnlaceAPI
import EnlacePluginTesting
import EnlacePlugins
import Testing

/// A rule states each decision once: what it refuses it justifies, what it admits it does not
/// claim to refuse, and the points it gives it explains (`PluginVerifier.justificationMismatches`).
@Suite struct JustificationTests {
    /// A verifier of `plugin` over `district()` with groups of every kind: weekly groups of both
    /// mentors at times that fit and that do not, in person at each site and virtual, and
    /// open-house groups on a day the first mentor is free and on one it is not.
    static func verifier(_ plugin: any ConstraintPlugin) throws -> PluginVerifier {
        var verifier = try PluginVerifier(plugin, district: district(), previous: ["P1": "M1", "P2": "M2"])
        for mentor in ["M1", "M2"] {
            for (day, start) in [(Weekday.tuesday, "18:00"), (.tuesday, "19:30"), (.thursday, "18:00")] {
                for site in ["LIN", "WAS", nil] { _ = verifier.weeklyGroup(mentor: mentor, day: day, start: start, site: site) }
            }
        }
        for day in ["2026-09-15", "2026-09-17"] {
            let start = LocalDateTime(date: LocalDate(iso: day)!, minuteOfDay: 18 * 60)
            _ = verifier.openHouseGroup(mentor: "M1", site: "LIN", sessions: [Session(start: start, end: start.adding(minutes: 90))])
        }
        return verifier
    }

    @Test(arguments: PluginCatalog.compiledIn().map(\.plugin.name))
    func builtInRulesJustifyExactlyWhatTheyDecide(name: String) throws {
        #expect(try Self.verifier(builtIn(name)).justificationMismatches() == [])
    }

    /// The check itself can fail: a hard rule that refuses Thursday groups without a reason, says
    /// it refuses P2 whom it admits, and limits mentors without saying so.
    @Test func catchesAHardRuleWhoseSentencesDisagreeWithItsDecisions() throws {
        let plugin = DeclaredPlugin(name: "inconsistent", role: .hard, summary: "Disagrees with itself.",
                                    prepare: { _ in Inconsistent() })
        var verifier = try PluginVerifier(plugin, district: district())
        _ = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00", site: "LIN")
        _ = verifier.weeklyGroup(mentor: "M2", day: .thursday, start: "18:00")
        #expect(verifier.justificationMismatches() == [
            "refuses group M2-TH1800-virtual but justify(group:) gives no reason",
            "admits P2 in group M1-TU1800-LIN but justify(parent:group:) says \"P2 may not join\"",
            "admits P2 in group M2-TH1800-virtual but justify(parent:group:) says \"P2 may not join\"",
            "limits mentor M1 but justify(mentor:) gives no reason",
            "limits mentor M2 but justify(mentor:) gives no reason",
        ])
    }

    /// And a soft rule that gives points without saying what for.
    @Test func catchesASoftRuleThatGivesPointsSilently() throws {
        let plugin = DeclaredPlugin(name: "silent_points", role: .soft, summary: "Points, unexplained.",
                                    weight: { _, _ in 3 }, prepare: { _ in SilentPoints() })
        var verifier = try PluginVerifier(plugin, district: district())
        _ = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00", site: "LIN")
        let mismatches = verifier.justificationMismatches()
        #expect(mismatches.count == 5)
        #expect(mismatches.first == "gives P1 3 points in group M1-TU1800-LIN but justify(parent:group:) says nothing")
    }
}

/// Refuses Thursday groups and caps every mentor at five parents, justifying neither; says it
/// refuses P2 (index 1) everywhere, which it never does.
private final class Inconsistent: PreparedRule {
    let hooks: RuleHooks = [.groupFilter, .mentorCapacity]

    func admits(_ group: CandidateGroup) -> Bool {
        guard case .weekly(let day, _) = group.timing else { return true }
        return day != .thursday
    }

    func capacity(ofMentor mentor: Int) -> Int { 5 }

    func justify(parent: Int, group: CandidateGroup) -> String? { parent == 1 ? "P2 may not join" : nil }
}

/// Three points for every parent in every group, and nothing said about them.
private final class SilentPoints: PreparedRule {
    let hooks: RuleHooks = .pairScore

    func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
        for i in scores.indices { scores[i] += 3 }
    }
}
