import EnlaceAPI
import EnlacePluginTesting
import Neighbourhood
import Testing

@Suite struct NeighbourhoodTests {
    func district() -> TinyDistrict {
        var district = TinyDistrict()
        district.site("LIN", name: "Lincoln Elementary")
        district.mentor("M1", languages: ["es"], sites: ["LIN"], attributes: ["neighbourhood": "Eastside"])
        district.mentor("M2", languages: ["es"], sites: ["LIN"])
        district.parent("P1", site: "LIN", attributes: ["neighbourhood": "eastside"])
        district.parent("P2", site: "LIN", attributes: ["neighbourhood": "Westside"])
        return district
    }

    @Test func pointsForTheSameNeighbourhood() throws {
        var verifier = try PluginVerifier(Neighbourhood(), district: district(), parameters: ["weight": .integer(7)])
        let group = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        #expect(verifier.score(parent: "P1", in: group) == 7, "compared without case")
        #expect(verifier.justification(parent: "P1", group: group) == "the mentor lives in the parent's neighbourhood (eastside): +7 (neighbourhood)")
    }

    @Test func silentForOtherNeighbourhoodsAndMissingValues() throws {
        var verifier = try PluginVerifier(Neighbourhood(), district: district())
        let withEastside = verifier.weeklyGroup(mentor: "M1", day: .tuesday, start: "18:00")
        let withoutValue = verifier.weeklyGroup(mentor: "M2", day: .tuesday, start: "18:00")
        #expect(verifier.score(parent: "P2", in: withEastside) == 0)
        #expect(verifier.score(parent: "P1", in: withoutValue) == 0)
        #expect(verifier.justification(parent: "P2", group: withEastside) == nil)
    }
}
