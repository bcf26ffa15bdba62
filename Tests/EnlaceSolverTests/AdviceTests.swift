import EnlaceCore
import EnlacePlugins
@testable import EnlaceSolver
import Testing

/// `enlace explain parent`'s "what would change it" is computed with the run's rules, district
/// plugins and pair rules included (issue 25): it never advises what those rules forbid.
@Suite struct AdviceTests {
    /// A district rule: no parent joins a group of the mentors listed.
    final class RefuseMentors: PreparedRule {
        let hooks: RuleHooks = .pairFilter
        let mentors: Set<Int>

        init(_ mentors: Set<Int>) { self.mentors = mentors }

        func filter(_ parents: inout [Int32], in group: CandidateGroup) {
            if mentors.contains(group.mentor) { parents.removeAll() }
        }

        func justify(parent: Int, group: CandidateGroup) -> String? {
            mentors.contains(group.mentor) ? "this mentor takes no new families (refuse_mentors)" : nil
        }
    }

    /// One site; Spanish-speaking mentors free at `mentorTimes` (one each); parents free at
    /// `parentTimes`, each family's `keep_apart_from` cell in `apart`.
    func program(mentorTimes: [String], parentTimes: [String], apart: [Int: String] = [:]) -> Program {
        var settings = ProgramSettings(name: "Advice", timezone: "America/Los_Angeles",
                                       termStart: LocalDate(year: 2026, month: 9, day: 1)!,
                                       termEnd: LocalDate(year: 2026, month: 11, day: 30)!)
        settings.slotStepMinutes = 60
        let mentors = mentorTimes.enumerated().map { i, time in
            Mentor(id: MentorID("m\(i)"), name: "Mentor \(i)", languages: [LanguageTag("es")!], sites: ["s"], modes: [.inPerson],
                   capacity: 8, availability: try! Availability(parsing: time), attendsOpenHouses: false, topics: [])
        }
        let parents = parentTimes.enumerated().map { i, time in
            Parent(id: ParentID("p\(i)"), name: "Parent \(i)", languages: [LanguageTag("es")!], site: "s", modes: [.inPerson],
                   availability: try! Availability(parsing: time), attendsOpenHouses: false, topics: [],
                   attributes: apart[i].map { ["keep_apart_from": $0] } ?? [:])
        }
        return Program(settings: settings, sites: [Site(id: "s", name: "School", address: nil)], mentors: mentors,
                       parents: parents, openHouses: [], blackouts: [])
    }

    func advice(_ model: MatchModel, parent p: Int) -> [String] {
        model.explain(parent: p, in: Solver.solve(model)).levers
    }

    /// Two families kept apart fit one group only: the one left out is not told that more seats
    /// with that mentor would help, and the advice names the rule.
    @Test func aKeptApartFamilyIsNotSentToThePartnersGroup() throws {
        let model = MatchModel(program: program(mentorTimes: ["TU 18:00-19:00"], parentTimes: ["TU 18:00-19:00", "TU 18:00-19:00"],
                                                apart: [0: "p1"]))
        let solution = Solver.solve(model)
        let left = try #require(solution.groupOfParent.firstIndex { $0 == nil }, "one of the two families is left out")
        let levers = model.explain(parent: left, in: solution).levers
        #expect(levers.count == 1)
        #expect(!levers[0].contains("Raising the capacity"), "\(levers)")
        #expect(levers[0].hasPrefix("Every group that fits holds a family this parent is kept apart from (keep_apart)"), "\(levers)")
    }

    /// With a second mentor whose one seat is taken, only that mentor is named: the mentor whose
    /// group holds the family this parent is kept apart from is left out, and the advice says so.
    @Test func onlyMentorsWithoutAKeptApartFamilyAreNamed() throws {
        // p0 and p1 are kept apart; p0 meets m0 on Tuesday, p2 takes m1's one seat on Thursday.
        var base = program(mentorTimes: ["TU 18:00-19:00", "TH 18:00-19:00"],
                           parentTimes: ["TU 18:00-19:00; TH 18:00-19:00", "TU 18:00-19:00; TH 18:00-19:00", "TH 18:00-19:00"],
                           apart: [0: "p1"])
        base.mentors = base.mentors.map { mentor in
            Mentor(id: mentor.id, name: mentor.name, languages: mentor.languages, sites: mentor.sites, modes: mentor.modes,
                   capacity: mentor.id == "m1" ? 1 : 8, availability: mentor.availability, attendsOpenHouses: false, topics: [])
        }
        let model = MatchModel(program: base)
        let groupOf = { (mentor: Int) in model.groups.firstIndex { $0.mentor == mentor }! }
        let solution = model.solution(groupOfParent: [groupOf(0), nil, groupOf(1)])
        #expect(model.explain(parent: 1, in: solution).levers == [
            "Raising the capacity of a mentor who fits (m1) (groups holding a family this parent is kept apart from are left out: keep_apart) "
                + "or recruiting another mentor for the same language and times would make room.",
        ])
    }

    /// A family free at no group's time is told the times of groups that every other rule admits
    /// it into: not the times of a mentor a district rule keeps it from.
    @Test func timesHonourADistrictPairRule() throws {
        let program = program(mentorTimes: ["TU 18:00-19:00", "TH 18:00-19:00"], parentTimes: ["SA 09:00-10:00"])
        let plain = MatchModel(program: program)
        #expect(advice(plain, parent: 0) == [
            "Mentors who speak the parent's language can meet at: TU 18:00, TH 18:00. Adding one of these times to the parent's availability would let them fit.",
        ])
        let district = ActiveRule(name: "refuse_mentors", role: .hard, source: .folder("RefuseMentors"), rule: RefuseMentors([0]))
        let ruled = try MatchModel(program: program, rules: RuleSet(rules: RuleSet.builtIn(program: program).rules + [district]))
        #expect(advice(ruled, parent: 0) == [
            "Mentors who speak the parent's language can meet at: TH 18:00. Adding one of these times to the parent's availability would let them fit.",
        ])
        let everywhere = ActiveRule(name: "refuse_mentors", role: .hard, source: .folder("RefuseMentors"), rule: RefuseMentors([0, 1]))
        let closed = try MatchModel(program: program, rules: RuleSet(rules: RuleSet.builtIn(program: program).rules + [everywhere]))
        #expect(advice(closed, parent: 0) == [
            "Adding times to the parent's availability would not help: the refuse_mentors rule admits this parent into none of the groups that would otherwise fit.",
        ])
    }
}
