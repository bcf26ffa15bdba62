import EnlaceAPI
import EnlacePluginTesting
import EnlacePlugins
import Testing

/// `PluginVerifier`'s questions about rules on pairs of families (`keptApart`, `together`, their
/// sentences), and `justificationMismatches` over them.
@Suite struct PairVerifierTests {
    func families(keepApart: [String: String] = [:]) -> TinyDistrict {
        var district = TinyDistrict()
        district.site("LIN", name: "Lincoln Elementary")
        district.mentor("M1", sites: ["LIN"])
        for (id, name) in [("P1", "Rosa Diaz"), ("P2", "Luis Perez"), ("P3", "Marta Gil")] {
            district.parent(id, name: name, site: "LIN", attributes: keepApart[id].map { ["keep_apart_from": $0] } ?? [:])
        }
        return district
    }

    @Test func keepApartIsAskedByIds() throws {
        let plugin = PluginCatalog.compiledIn().first { $0.name == "keep_apart" }!.plugin
        let verifier = try PluginVerifier(plugin, district: families(keepApart: ["P3": "P1"]))
        #expect(verifier.keptApart() == [["P1", "P3"]])
        #expect(verifier.together() == [:])
        #expect(verifier.justification(parent: "P3", apartFrom: "P1") == "kept apart from one family in this group (data/parents.csv, keep_apart_from)")
        #expect(verifier.justificationMismatches() == [])
    }

    /// A hard pair rule that says nothing to one family and names the other family to another.
    final class Indiscreet: PreparedRule {
        let hooks: RuleHooks = [.parentsApart]
        let names: [String]

        init(_ program: Program) { names = program.parents.map(\.name) }

        func parentsApart() -> [ParentPair] { [ParentPair(1, 0), ParentPair(2, 0)] }

        func justify(parent: Int, apartFrom other: Int) -> String? {
            parent == 0 && other == 2 ? nil : "kept apart from \(names[other])"
        }
    }

    @Test func catchesAPairRuleThatIsSilentOrNamesTheOtherFamily() throws {
        let plugin = DeclaredPlugin(name: "indiscreet", role: .hard, summary: "Names names.", prepare: { Indiscreet($0.program) })
        let verifier = try PluginVerifier(plugin, district: families())
        #expect(verifier.keptApart() == [["P1", "P2"], ["P1", "P3"]])
        #expect(verifier.justificationMismatches() == [
            "justify(parent:apartFrom:) tells P1 \"kept apart from Luis Perez\", which names the other family",
            "justify(parent:apartFrom:) tells P2 \"kept apart from Rosa Diaz\", which names the other family",
            "keeps apart P1 and P3 but justify(parent:apartFrom:) gives P1 no reason",
            "justify(parent:apartFrom:) tells P3 \"kept apart from Rosa Diaz\", which names the other family",
        ])
    }

    /// A soft pair rule whose points add up per pair and that explains none of them.
    final class SilentTogether: PreparedRule {
        let hooks: RuleHooks = [.parentsTogether]

        func parentsTogether() -> [ParentPairPoints] {
            [ParentPairPoints(ParentPair(0, 1), points: 10), ParentPairPoints(ParentPair(1, 0), points: 5),
             ParentPairPoints(ParentPair(1, 2), points: 0)]
        }
    }

    @Test func catchesAPairBonusWithoutASentence() throws {
        let plugin = DeclaredPlugin(name: "silent_together", role: .soft, summary: "Points, unexplained.",
                                    weight: { _, _ in 10 }, prepare: { _ in SilentTogether() })
        let verifier = try PluginVerifier(plugin, district: families())
        #expect(verifier.together() == [["P1", "P2"]: 15, ["P2", "P3"]: 0])
        #expect(verifier.justificationMismatches() == [
            "scores together P1 and P2 but justify(parent:together:) gives P1 no reason",
            "scores together P2 and P1 but justify(parent:together:) gives P2 no reason",
        ])
    }
}
