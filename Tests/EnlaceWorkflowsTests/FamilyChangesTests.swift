import EnlaceCore
import EnlacePlugins
@testable import EnlaceSolver
import Testing
@testable import EnlaceWorkflows

/// The reasons `out/changes.csv` gives a family that has no group after a re-run.
@Suite struct FamilyChangesTests {
    /// One mentor with one seat on Tuesdays; p1 and p2 are free then, p3 only on Wednesdays.
    static func model() -> MatchModel {
        var settings = ProgramSettings(name: "Changes", timezone: "America/Los_Angeles",
                                       termStart: LocalDate(year: 2026, month: 9, day: 1)!, termEnd: LocalDate(year: 2026, month: 11, day: 30)!)
        settings.slotStepMinutes = 60
        let mentor = Mentor(id: "m1", name: "Mentor", languages: [LanguageTag("es")!], sites: ["s"], modes: [.inPerson],
                            capacity: 1, availability: try! Availability(parsing: "TU 18:00-19:00"), attendsOpenHouses: false, topics: [])
        let parents = [("p1", "TU 18:00-19:00"), ("p2", "TU 18:00-19:00"), ("p3", "WE 18:00-19:00")].map { id, time in
            Parent(id: ParentID(id), name: "Parent \(id)", languages: [LanguageTag("es")!], site: "s", modes: [.inPerson],
                   availability: try! Availability(parsing: time), attendsOpenHouses: false, topics: [])
        }
        let program = Program(settings: settings, sites: [Site(id: "s", name: "School", address: nil)], mentors: [mentor],
                              parents: parents, openHouses: [], blackouts: [])
        return try! MatchModel(program: program, rules: RuleSet.builtIn(program: program))
    }

    @Test("a family that still fits a group lost its seat to make room; one that fits none has no group")
    func unseatedFamiliesAreToldWhy() throws {
        let model = Self.model()
        let g = try #require(model.groups.indices.first { model.admits(parent: 0, group: $0) })
        let group = model.groups[g]
        let start = LocalDateTime(date: LocalDate(year: 2026, month: 9, day: 1)!, minuteOfDay: 9 * 60)
        let scheduled = ScheduledGroup(id: group.id, mentor: "m1", kind: .weekly, mode: .inPerson, site: "s", weekday: .tuesday,
                                       startMinute: 18 * 60, minutes: 60, sessions: [])
        // Before: p1 and p3 in the group (p3's hours have changed since); now p2 has the seat.
        let previous = Schedule(programName: "Changes", timezone: "America/Los_Angeles", now: start,
                                score: ScheduleScore(total: 0, bound: 0, terms: []), groups: [scheduled],
                                memberships: [Membership(parent: "p1", group: group.id, from: start),
                                              Membership(parent: "p3", group: group.id, from: start)],
                                unmatched: [UnmatchedParent(parent: "p2", reasons: ["waiting"])])
        let solution = Solution(openGroups: [g], groupOfParent: [nil, g, nil], score: 0, terms: [:], bound: 0)
        let changes = FamilyChanges.between(previous: previous, model: model, solution: solution)
        #expect(changes.map(\.parent) == ["p1", "p2", "p3"])
        #expect(changes.map(\.reason) == [.makeRoom, .placeOpened, .noGroup])
        #expect(changes.allSatisfy { $0.parent == "p2" ? $0.after == group.id : $0.after == nil })
    }
}
