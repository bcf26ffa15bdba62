import EnlaceGolden
import EnlaceCalendar
import EnlaceCore
import EnlaceFeeds
import Testing

@Suite("Re-runs: stable UIDs, raised SEQUENCE, cancelled sessions kept")
struct RerunTests {
    typealias History = [FeedOwner: [StoredFeedEvent]]

    static func history(_ published: [(PlannedFeed, [StoredFeedEvent])]) -> History {
        Dictionary(uniqueKeysWithValues: published.map { ($0.0.owner, $0.1) })
    }

    static func events(_ published: [(PlannedFeed, [StoredFeedEvent])], _ kind: FeedKind, _ id: String) -> [StoredFeedEvent] {
        published.first { $0.0.owner == FeedOwner(kind: kind, id: id) }!.1
    }

    /// The fixture's groups after a re-run: the November open-house session moved a week, a
    /// December one added, and the virtual group's November session gone.
    static let rerunGroups = [
        GroupFixture(id: "M1-openhouse-lincoln", mentor: "M1", kind: .openHouse, mode: .inPerson, site: "lincoln",
                       parents: ["P1", "P2"], sessions: [Fixture.session("2026-09-10", 18, 0), Fixture.session("2026-11-12", 18, 0),
                                                        Fixture.session("2026-12-10", 18, 0)]),
        GroupFixture(id: "M2-TU1830-virtual", mentor: "M2", kind: .weekly, mode: .virtual, site: nil,
                       parents: ["P3"], sessions: [Fixture.session("2026-10-06", 18, 30)]),
    ]

    @Test("a moved session keeps its UID and gets SEQUENCE 1; an unchanged one keeps SEQUENCE 0 and its dates")
    func moved() throws {
        let first = Fixture.publish()
        let second = Fixture.publish(groups: Self.rerunGroups, history: Self.history(first), clock: Fixture.laterClock)
        let before = Self.events(first, .parent, "P1"), after = Self.events(second, .parent, "P1")
        let uid = "M1-openhouse-lincoln-202611-1-p@feeds.example.org"
        let old = try #require(before.first { $0.uid == uid }), new = try #require(after.first { $0.uid == uid })
        #expect(old.content.startTime == Fixture.at("2026-11-05", 18, 0) && old.sequence == 0)
        #expect(new.content.startTime == Fixture.at("2026-11-12", 18, 0))
        #expect(new.sequence == 1 && new.lastModified == Fixture.laterClock.now && new.status == .confirmed)
        let september = "M1-openhouse-lincoln-202609-1-p@feeds.example.org"
        #expect(after.first { $0.uid == september } == before.first { $0.uid == september })
        let added = try #require(after.first { $0.uid == "M1-openhouse-lincoln-202612-1-p@feeds.example.org" })
        #expect(added.sequence == 0 && added.lastModified == Fixture.laterClock.now)
        #expect(Set(before.map(\.uid)).isSubset(of: Set(after.map(\.uid))))
    }

    @Test("a session that disappears stays as CANCELLED with a higher SEQUENCE, in the feed and the file")
    func removed() throws {
        let first = Fixture.publish()
        let second = Fixture.publish(groups: Self.rerunGroups, history: Self.history(first), clock: Fixture.laterClock)
        for (kind, id, tag) in [(FeedKind.parent, "P3", "p"), (.mentor, "M2", "m")] {
            let gone = try #require(Self.events(second, kind, id).first { $0.uid == "M2-TU1830-virtual-202611-1-\(tag)@feeds.example.org" })
            #expect(gone.status == .cancelled && gone.sequence == 1 && gone.lastModified == Fixture.laterClock.now)
        }
        let (feed, events) = try #require(second.first { $0.0.owner.id == "P3" })
        let text = Fixture.render(feed, events)
        #expect(FeedValidator.problems(in: Array(text.utf8)) == [])
        #expect(text.contains("STATUS:CANCELLED\r\n"))
        #expect(Fixture.unfolded(text).contains("SUMMARY;LANGUAGE=zh-Hant:已取消：與家長導師美玲會面"))
        try Golden.check(text, named: "rerun-parent-zh-Hant-cancelled.ics")
    }

    @Test("publishing the same run again changes nothing, byte for byte, whatever the clock")
    func idempotent() {
        let first = Fixture.publish()
        let second = Fixture.publish(groups: Self.rerunGroups, history: Self.history(first), clock: Fixture.laterClock)
        let muchLater = FeedClock(now: Fixture.laterClock.now + 86_400, local: Fixture.at("2026-08-16", 5, 0))
        let third = Fixture.publish(groups: Self.rerunGroups, history: Self.history(second), clock: muchLater)
        #expect(second.map(\.1) == third.map(\.1))
        #expect(second.map { Fixture.render($0.0, $0.1) } == third.map { Fixture.render($0.0, $0.1) })
    }

    @Test("a cancelled session that comes back is confirmed again with a higher SEQUENCE")
    func restored() throws {
        let first = Fixture.publish()
        let second = Fixture.publish(groups: Self.rerunGroups, history: Self.history(first), clock: Fixture.laterClock)
        let third = Fixture.publish(history: Self.history(second), clock: FeedClock(now: Fixture.laterClock.now + 60, local: Fixture.at("2026-08-15", 5, 1)))
        let back = try #require(Self.events(third, .parent, "P3").first { $0.uid == "M2-TU1830-virtual-202611-1-p@feeds.example.org" })
        #expect(back.status == .confirmed && back.sequence == 2)
    }

    @Test("a parent who changes group: the old group's future sessions are cancelled, the new group's added")
    func changedGroup() throws {
        let first = Fixture.publish()
        var moved = Fixture.groups
        moved[0].parents = ["P1"]
        moved[1].parents = ["P3", "P2"]
        let second = Fixture.publish(groups: moved, history: Self.history(first), clock: Fixture.laterClock)
        let events = Self.events(second, .parent, "P2")
        #expect(events.filter { $0.uid.hasPrefix("M1-") }.allSatisfy { $0.status == .cancelled && $0.sequence == 1 })
        #expect(events.filter { $0.uid.hasPrefix("M2-") }.count == 2)
        let mentor = Self.events(second, .mentor, "M1").filter { $0.uid.hasPrefix("M1-") }
        #expect(mentor.allSatisfy { $0.sequence == 1 && $0.content.description.contains("(1): Ana") })
    }

    @Test("meetings that already took place are history: a re-run does not cancel or change them")
    func pastIsFrozen() throws {
        let first = Fixture.publish()
        let october = FeedClock(now: Fixture.clock.now + 70 * 86_400, local: Fixture.at("2026-10-10", 5, 0))
        let second = Fixture.publish(groups: [], history: Self.history(first), clock: october)
        let events = Self.events(second, .parent, "P1")
        let september = try #require(events.first { $0.uid == "M1-openhouse-lincoln-202609-1-p@feeds.example.org" })
        #expect(september.status == .confirmed && september.sequence == 0)
        let november = try #require(events.first { $0.uid == "M1-openhouse-lincoln-202611-1-p@feeds.example.org" })
        #expect(november.status == .cancelled && november.sequence == 1)
    }

    @Test("cancelled events are kept for the rest of the term only")
    func termEnd() {
        let first = Fixture.publish()
        var program = Fixture.program
        program.settings.termEnd = LocalDate(iso: "2026-10-31")!
        let second = Fixture.publish(groups: [], program: program, history: Self.history(first), clock: Fixture.laterClock)
        let events = Self.events(second, .parent, "P1")
        #expect(events.allSatisfy { $0.content.startTime.date <= program.settings.termEnd })
        #expect(events.contains { $0.uid == "M1-openhouse-lincoln-202609-1-p@feeds.example.org" && $0.status == .cancelled })
    }

    @Test("a new address changes every in-person event there: SEQUENCE 1, same UIDs")
    func editedPlace() {
        let first = Fixture.publish()
        var program = Fixture.program
        program.sites[0] = Site(id: "lincoln", name: "Lincoln Elementary", address: "200 Oak Ave, Springfield, CA 90000")
        let second = Fixture.publish(program: program, history: Self.history(first), clock: Fixture.laterClock)
        let events = Self.events(second, .site, "lincoln")
        #expect(events.map(\.uid) == Self.events(first, .site, "lincoln").map(\.uid))
        #expect(events.allSatisfy { $0.sequence == 1 && $0.content.location?.contains("200 Oak Ave") == true })
    }
}
