import EnlaceAPI
import EnlacePluginTesting
import KeepTogether
import Testing

@Suite struct KeepTogetherTests {
    func district() -> TinyDistrict {
        var district = TinyDistrict()
        district.site("FHS", name: "Frontier High")
        district.mentor("M1", languages: ["es"], sites: ["FHS"], availability: "TU 18:00-20:00")
        district.parent("P1", site: "FHS", attributes: ["household": "Ruiz"])
        district.parent("P2", site: "FHS", attributes: ["household": "Ruiz"])
        district.parent("P3", site: "FHS", attributes: ["household": "Ruiz"])
        district.parent("P4", site: "FHS", attributes: ["household": "Leon"])
        district.parent("P5", site: "FHS")
        return district
    }

    @Test func everyPairOfAHouseholdScores() throws {
        let verifier = try PluginVerifier(KeepTogether(), district: district(), parameters: ["points": .integer(25)])
        let pairs = verifier.rule.parentsTogether()
        #expect(pairs.map { [$0.pair.first, $0.pair.second] } == [[0, 1], [0, 2], [1, 2]], "three Ruiz families, three pairs")
        #expect(pairs.allSatisfy { $0.points == 25 })
        #expect(verifier.rule.justify(parent: 0, together: 1) == "meets with another family of the same household")
    }

    @Test func aNegativeBonusStopsTheRun() {
        #expect(throws: PluginError.self) {
            _ = try PluginVerifier(KeepTogether(), district: district(), parameters: ["points": .integer(-5)])
        }
    }
}
