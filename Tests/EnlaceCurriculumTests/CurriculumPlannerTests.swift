@testable import EnlaceCurriculum
import EnlaceCore
import Testing

@Suite("Curriculum planning")
struct CurriculumPlannerTests {
    @Test("the most valued topic comes first in the term; a window outside September waits for October")
    func valueOrderAndWindows() {
        let program = Hand.program(topics: [Hand.topic("college"), Hand.topic("funding", from: "10-01", until: "03-31")],
                                   mentors: [Hand.mentor("M1", trained: ["college", "funding"])],
                                   parents: [Hand.parent("P1", asks: ["funding", "college"]), Hand.parent("P2", asks: ["funding"])])
        let plan = CurriculumPlanner(program: program).plan(Hand.schedule(members: ["P1", "P2"]))
        #expect(Hand.topics(plan.schedule) == ["college", "funding", "-", "-", "-", "-", "-", "-", "-", "-"])
        #expect(plan.schedule.curriculum == CurriculumSummary(value: 10 + 4, requiredMissing: []))
    }

    @Test("a window that wraps around the new year allows January and not December 1",
          arguments: [("12-15", "01-10", 4), ("11-01", "02-15", 2), ("05-01", "09-15", 0)])
    func wrappingWindow(from: String, until: String, expected: Int) {
        let program = Hand.program(topics: [Hand.topic("winter", from: from, until: until)],
                                   mentors: [Hand.mentor("M1", trained: ["winter"])], parents: [Hand.parent("P1", asks: ["winter"])])
        let plan = CurriculumPlanner(program: program).plan(Hand.schedule(members: ["P1"]))
        #expect(Hand.topics(plan.schedule).firstIndex(of: "winter") == expected)
    }

    @Test("two required topics for one session: the one families asked for fits, the other is missing")
    func requiredThatCannotFit() {
        let topics = [Hand.topic("alpha", required: true, until: "09-30"), Hand.topic("beta", required: true, until: "09-30")]
        let mentors = [Hand.mentor("M1", trained: ["alpha", "beta"])]
        let nobody = CurriculumPlanner(program: Hand.program(topics: topics, mentors: mentors, parents: [Hand.parent("P1", asks: [])]))
            .plan(Hand.schedule(members: ["P1"]))
        #expect(Hand.topics(nobody.schedule).first == "alpha", "equal values: the smaller id")
        #expect(nobody.schedule.curriculum.requiredMissing == ["beta"])
        let asked = CurriculumPlanner(program: Hand.program(topics: topics, mentors: mentors, parents: [Hand.parent("P1", asks: ["beta"])]))
            .plan(Hand.schedule(members: ["P1"]))
        #expect(Hand.topics(asked.schedule).first == "beta")
        #expect(asked.schedule.curriculum == CurriculumSummary(value: 1005, requiredMissing: ["alpha"]))
        #expect(asked.shortfalls == [CurriculumPlan.Shortfall(group: "M1-TU1800-virtual", topic: "alpha")])
        #expect(asked.summary == "1 topic taught; 1 of 1 family gets its first choice; 1 group cannot fit the required Alpha session by September 30")
    }

    @Test("a required topic the mentor was not trained in is not missing")
    func requiredNotTrained() {
        let program = Hand.program(topics: [Hand.topic("alpha", required: true)], mentors: [Hand.mentor("M1", trained: [])],
                                   parents: [Hand.parent("P1", asks: ["alpha"])])
        let plan = CurriculumPlanner(program: program).plan(Hand.schedule(members: ["P1"]))
        #expect(Hand.topics(plan.schedule).allSatisfy { $0 == "-" })
        #expect(plan.schedule.curriculum == CurriculumSummary(value: 0, requiredMissing: []))
    }

    @Test("held sessions keep their topics, count as taught, and add nothing to the value")
    func heldTopics() {
        let topics = [Hand.topic("college"), Hand.topic("funding"), Hand.topic("retired")]
        let program = Hand.program(topics: topics, mentors: [Hand.mentor("M1", trained: ["college", "funding"])],
                                   parents: [Hand.parent("P1", asks: ["college", "funding"])])
        let held: [LocalDateTime: String] = [Hand.at(2026, 9, 1): "retired", Hand.at(2026, 10, 6): "college"]
        let plan = CurriculumPlanner(program: program).plan(Hand.schedule(members: ["P1"], now: Hand.at(2026, 12, 15), topics: held))
        #expect(Hand.topics(plan.schedule) == ["retired", "college", "-", "-", "funding", "-", "-", "-", "-", "-"])
        #expect(plan.schedule.curriculum.value == 4)
    }

    @Test("a rank past the list's end is worth its last number; a topic listed twice counts once")
    func rankWeights() {
        let ids = ["a", "b", "c", "d"]
        let program = Hand.program(topics: ids.map { Hand.topic($0) }, mentors: [Hand.mentor("M1", trained: ids)],
                                   parents: [Hand.parent("P1", asks: ["a", "b", "c", "d", "a"])], rankWeights: [9, 2])
        let plan = CurriculumPlanner(program: program).plan(Hand.schedule(members: ["P1"]))
        #expect(plan.schedule.curriculum.value == 9 + 2 + 2 + 2)
    }

    @Test("without topics.csv nothing is planned and there is no summary line")
    func noTopics() {
        let program = Hand.program(topics: [], mentors: [Hand.mentor("M1", trained: ["college"])], parents: [Hand.parent("P1", asks: ["college"])])
        let plan = CurriculumPlanner(program: program).plan(Hand.schedule(members: ["P1"]))
        #expect(Hand.topics(plan.schedule).allSatisfy { $0 == "-" })
        #expect(plan.summary == nil && plan.schedule.curriculum == CurriculumSummary())
    }

    @Test("a group without members keeps its held sessions and gets nothing planned")
    func groupWithoutMembers() {
        let program = Hand.program(topics: [Hand.topic("college")], mentors: [Hand.mentor("M1", trained: ["college"])], parents: [])
        let schedule = Hand.schedule(members: [], now: Hand.at(2026, 12, 15), topics: [Hand.at(2026, 9, 1): "college"])
        let plan = CurriculumPlanner(program: program).plan(schedule)
        #expect(plan.schedule == schedule)
    }
}
