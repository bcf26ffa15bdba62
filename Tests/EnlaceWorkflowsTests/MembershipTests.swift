import EnlaceCore
import Testing
@testable import EnlaceWorkflows

/// How stints carry over a re-run (spec section 9): a family who stays keeps their stint, a family
/// who moves met the first group until now, a family who joins starts now.
@Suite struct MembershipTests {
    private let sep1 = LocalDateTime(date: LocalDate(iso: "2026-09-01")!, minuteOfDay: 18 * 60)
    private let oct6 = LocalDateTime(date: LocalDate(iso: "2026-10-06")!, minuteOfDay: 18 * 60)
    private let dec1 = LocalDateTime(date: LocalDate(iso: "2026-12-01")!, minuteOfDay: 18 * 60)
    private let jan5 = LocalDateTime(date: LocalDate(iso: "2027-01-05")!, minuteOfDay: 18 * 60)
    private let start = LocalDateTime(date: LocalDate(iso: "2026-08-10")!, minuteOfDay: 9 * 60)
    private let now = LocalDateTime(date: LocalDate(iso: "2026-11-15")!, minuteOfDay: 12 * 60)

    private func group(_ id: String, _ starts: [LocalDateTime]) -> ScheduledGroup {
        ScheduledGroup(id: id, mentor: "M1", kind: .weekly, mode: .virtual, site: nil, weekday: .tuesday, startMinute: 18 * 60,
                       minutes: 60, sessions: starts.map { ScheduledSession(start: $0, end: $0.adding(minutes: 60)) })
    }

    @Test func aFamilyWhoMovesMetTheFirstGroupUntilNowAndTheNewOneFromNow() {
        let previous = [Membership(parent: "P1", group: "A", from: start), Membership(parent: "P2", group: "A", from: start)]
        let groups = ["A": group("A", [sep1, oct6]), "B": group("B", [dec1, jan5])]
        let result = ScheduleComposer.memberships(previous: previous, newGroupOfParent: ["P1": "B", "P2": "A", "P3": "B"], groups: groups, now: now)
        #expect(result.contains(Membership(parent: "P1", group: "A", from: start, until: now)))
        #expect(result.contains(Membership(parent: "P1", group: "B", from: now)))
        #expect(result.contains(Membership(parent: "P2", group: "A", from: start)), "a family who stays keeps their stint and its since")
        #expect(result.contains(Membership(parent: "P3", group: "B", from: now)), "a family who joins gets only sessions from now on")
        #expect(result.count == 4)
    }

    @Test func aStintThatCoversNoHeldSessionNeverHappened() {
        // P1 was placed in B at a run on 15 November; B's first session is 1 December. Moved again
        // on 20 November, before B ever met: the B stint is dropped, not closed.
        let later = LocalDateTime(date: LocalDate(iso: "2026-11-20")!, minuteOfDay: 12 * 60)
        let previous = [Membership(parent: "P1", group: "B", from: now)]
        let groups = ["B": group("B", [])]
        let result = ScheduleComposer.memberships(previous: previous, newGroupOfParent: ["P1": "C"], groups: groups, now: later)
        #expect(result == [Membership(parent: "P1", group: "C", from: later)])
    }

    @Test func heldStintsOfFamiliesWhoLeftStay() {
        let previous = [Membership(parent: "P9", group: "A", from: start)]
        let groups = ["A": group("A", [sep1, oct6])]
        let result = ScheduleComposer.memberships(previous: previous, newGroupOfParent: [:], groups: groups, now: now)
        #expect(result == [Membership(parent: "P9", group: "A", from: start, until: now)])
    }
}
