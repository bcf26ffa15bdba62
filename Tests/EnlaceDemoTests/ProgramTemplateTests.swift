import EnlaceCore
@testable import EnlaceDemo
import Testing

@Suite struct ProgramTemplateTests {
    let files = ProgramTemplate.files(programName: "Distrito \"Norte\" Mentores")

    @Test func writesTheProgramLayout() {
        #expect(files.map(\.path) == ["enlace.toml", "README.txt", "data/sites.csv", "data/mentors.csv",
                                      "data/parents.csv", "calendars/blackouts.ics",
                                      "calendars/examples/open-house-example.ics"])
    }

    @Test func settingsMentionEveryKey() {
        let toml = files["enlace.toml"]
        for key in ProgramSettings.keys {
            #expect(toml.contains("\(key) = ") || toml.contains("[\(key)]"), "\(key) missing")
        }
        for key in Weights.keys { #expect(toml.contains("# \(key) = "), "weights.\(key) missing") }
    }

    @Test func requiredKeysAreSetAndDefaultsMatchTheSettings() {
        let toml = files["enlace.toml"]
        #expect(toml.contains("name = \"Distrito \\\"Norte\\\" Mentores\"\n"))
        let defaults = ProgramSettings(name: "x", timezone: "x", termStart: LocalDate(dayNumber: 0),
                                       termEnd: LocalDate(dayNumber: 0))
        #expect(toml.contains("# session_minutes = \(defaults.sessionMinutes)\n"))
        #expect(toml.contains("# slot_step_minutes = \(defaults.slotStepMinutes)\n"))
        #expect(toml.contains("# max_group_size = \(defaults.maxGroupSize)\n"))
        #expect(toml.contains("# max_groups_per_mentor = \(defaults.maxGroupsPerMentor)\n"))
        #expect(toml.contains("# cadence = \"\(defaults.cadence.rawValue)\"\n"))
        #expect(toml.contains("# anchor = \"\(defaults.anchor.rawValue)\"\n"))
        #expect(toml.contains("# virtual_meeting_url = \"\(defaults.virtualMeetingURL)\"\n"))
        #expect(toml.contains("# feed_base_url = \"\(defaults.feedBaseURL)\"\n"))
        for key in Weights.keys {
            #expect(toml.contains("# \(key) = \(defaults.weights[key]!) "), "\(key)")
        }
    }

    @Test func csvFilesHoldOnlyTheirHeaders() {
        #expect(files["data/sites.csv"] == "id,name,address\n")
        #expect(files["data/mentors.csv"] == "id,name,email,phone,languages,sites,modes,capacity,availability,open_house,topics\n")
        #expect(files["data/parents.csv"] == "id,name,email,phone,languages,site,modes,availability,open_house,topics\n")
    }

    @Test func readmeGivesTheNextSteps() {
        let readme = files["README.txt"]
        #expect(readme.contains("enlace import") && readme.contains("enlace match"))
        #expect(readme.hasPrefix("Distrito \"Norte\" Mentores"))
    }
}
