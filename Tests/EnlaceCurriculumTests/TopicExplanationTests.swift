import EnlaceCore
import EnlaceCurriculum
import Testing

@Suite("Explaining a family's topics")
struct TopicExplanationTests {
    /// P1 asks for September topics "a" and "b" (one September session), "c" (mentor untrained),
    /// "d" (window in July), "e" (nobody's weight), "x" (undefined), "f" (taught in October).
    static let program = Hand.program(
        topics: [Hand.topic("a", from: "09-01", until: "09-30"), Hand.topic("b", from: "09-01", until: "09-30"), Hand.topic("c"),
                 Hand.topic("d", from: "07-01", until: "07-31"), Hand.topic("e"), Hand.topic("f")],
        mentors: [Hand.mentor("M1", trained: ["a", "b", "d", "e", "f"])],
        parents: [Hand.parent("P1", asks: ["a", "b", "c", "d", "x", "f", "e"]), Hand.parent("P2", asks: [])],
        rankWeights: [5, 4, 3, 2, 1, 1, 0])

    static func sentences(_ parent: String, _ schedule: Schedule) -> [String] {
        let planner = CurriculumPlanner(program: program)
        return planner.explain(parent: ParentID(parent), in: planner.plan(schedule).schedule).map(\.sentence)
    }

    @Test("each topic: when it is taught, or why not, and what another topic won by")
    func everyReason() {
        #expect(Self.sentences("P1", Hand.schedule(members: ["P1"])) == [
            "1. a (A): taught on 2026-09-01",
            "2. b (B): not taught: on 2026-09-01 the group learns a (worth 5 points to the group) instead (this one is worth 4); teaching it there would lower the group's curriculum by 1 point",
            "3. c (C): not taught: their mentor M1 was not trained in it (mentors.csv topics)",
            "4. d (D): not taught: no session of the group from now on falls between July 1 and July 31",
            "5. x: data/topics.csv does not define this topic, so no session teaches it",
            "6. f (F): taught on 2026-10-06",
            "7. e (E): not taught: [curriculum] rank_weights make it worth 0 points at this rank, and it is not required",
        ])
    }

    @Test("held topics: taught for the family, or before they joined; no group from now on")
    func heldAndJoined() {
        var schedule = Hand.schedule(members: ["P2"], now: Hand.at(2026, 12, 15), topics: [Hand.at(2026, 9, 1): "a", Hand.at(2026, 10, 6): "f"])
        schedule.memberships.append(Membership(parent: "P1", group: schedule.groups[0].id, from: Hand.at(2026, 10, 1)))
        let lines = Self.sentences("P1", schedule)
        #expect(lines[0] == "1. a (A): the group was taught it on 2026-09-01, before the family joined; a group has each topic once a term")
        #expect(lines[5] == "6. f (F): taught on 2026-10-06 (held)")
        var left = schedule
        left.memberships = [Membership(parent: "P1", group: schedule.groups[0].id, from: Hand.at(2026, 10, 1), until: Hand.at(2026, 12, 15))]
        #expect(Self.sentences("P1", left)[1] == "2. b (B): the family has no group from now on")
        #expect(Self.sentences("P1", left)[5] == "6. f (F): taught on 2026-10-06 (held)")
    }
}
