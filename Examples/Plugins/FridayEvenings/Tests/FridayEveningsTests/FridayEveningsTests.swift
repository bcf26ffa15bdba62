import EnlaceAPI
import EnlacePluginTesting
import FridayEvenings
import Testing

@Suite struct FridayEveningsTests {
    func district() -> TinyDistrict {
        var district = TinyDistrict()
        district.site("FHS", name: "Frontier High")
        district.site("LIN", name: "Lincoln Elementary")
        district.mentor("M1", languages: ["es"], sites: ["FHS", "LIN"], availability: "FR 16:00-21:00")
        return district
    }

    @Test func refusesFridayEveningsAtTheListedSite() throws {
        var verifier = try PluginVerifier(FridayEvenings(), district: district(), parameters: ["sites": .list([.string("FHS")])])
        let evening = verifier.weeklyGroup(mentor: "M1", day: .friday, start: "18:00", site: "FHS")
        #expect(!verifier.admits(evening))
        #expect(verifier.justification(group: evening) == "Frontier High has no meetings on FR from 17:00 (friday_evenings)")
    }

    @Test func silentOnTheNearMisses() throws {
        var verifier = try PluginVerifier(FridayEvenings(), district: district(), parameters: ["sites": .list([.string("FHS")])])
        #expect(verifier.admits(verifier.weeklyGroup(mentor: "M1", day: .friday, start: "16:00", site: "FHS")), "before 17:00")
        #expect(verifier.admits(verifier.weeklyGroup(mentor: "M1", day: .friday, start: "18:00", site: "LIN")), "another site")
        #expect(verifier.admits(verifier.weeklyGroup(mentor: "M1", day: .friday, start: "18:00")), "virtual")
    }

    @Test func justifiesExactlyWhatItRefuses() throws {
        var verifier = try PluginVerifier(FridayEvenings(), district: district(), parameters: ["sites": .list([.string("FHS")])])
        _ = verifier.weeklyGroup(mentor: "M1", day: .friday, start: "18:00", site: "FHS")
        _ = verifier.weeklyGroup(mentor: "M1", day: .friday, start: "16:00", site: "FHS")
        _ = verifier.weeklyGroup(mentor: "M1", day: .friday, start: "18:00", site: "LIN")
        _ = verifier.weeklyGroup(mentor: "M1", day: .friday, start: "18:00")
        #expect(verifier.justificationMismatches() == [])
    }

    @Test func unknownSiteStopsTheRun() {
        #expect(throws: PluginError.self) {
            _ = try PluginVerifier(FridayEvenings(), district: district(), parameters: ["sites": .list([.string("XYZ")])])
        }
    }
}
