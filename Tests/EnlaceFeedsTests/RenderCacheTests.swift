@testable import EnlaceCalendar
import EnlaceCore
import EnlaceFeeds
import Testing

/// `FeedWriter.render(_:threads:)` renders each distinct header and event once and reuses the
/// text in every feed that holds it: the bytes must be those of each feed rendered alone, as one
/// libical tree.
@Suite("Rendering every feed at once: shared pieces, same bytes")
struct RenderCacheTests {
    /// The fixture plus two more parents: P5 (Spanish, like P1) and P6 (Vietnamese, like P2), both
    /// in the open-house group, so that pieces are shared.
    static let program: Program = {
        var program = Fixture.program
        program.parents += [Fixture.parent("P5", "Rosa Díaz", ["es"], site: "lincoln"),
                            Fixture.parent("P6", "Trần Văn Minh", ["vi", "en"], site: "lincoln")]
        return program
    }()

    static let groups: [GroupFixture] = {
        var groups = Fixture.groups
        groups[0].parents += ["P5", "P6"]
        return groups
    }()

    static func calendars(_ published: [(PlannedFeed, [StoredFeedEvent])]) -> [FeedCalendar] {
        published.map { $0.0.calendar(events: $0.1, settings: program.settings) }
    }

    static func history(_ published: [(PlannedFeed, [StoredFeedEvent])]) -> [FeedOwner: [StoredFeedEvent]] {
        Dictionary(uniqueKeysWithValues: published.map { ($0.0.owner, $0.1) })
    }

    /// Every feed's bytes from the batch, on one and on two threads, against the tree rendering.
    static func expectSameAsTree(_ calendars: [FeedCalendar], sourceLocation: SourceLocation = #_sourceLocation) {
        let writer = Fixture.writer
        let single = writer.render(calendars, threads: 1), double = writer.render(calendars, threads: 2)
        #expect(single.count == calendars.count && double.count == calendars.count, sourceLocation: sourceLocation)
        for (index, calendar) in calendars.enumerated() {
            let tree = writer.renderTree(calendar)
            #expect(single.bytes(ofFeed: index) == tree, "\(calendar.owner) differs from its tree rendering", sourceLocation: sourceLocation)
            #expect(double.bytes(ofFeed: index) == tree, "\(calendar.owner) differs on two threads", sourceLocation: sourceLocation)
            #expect(single.byteCount(ofFeed: index) == tree.count, sourceLocation: sourceLocation)
            #expect(writer.render(calendar) == tree, "\(calendar.owner) rendered alone differs", sourceLocation: sourceLocation)
        }
    }

    @Test("every feed rendered in one batch is byte-identical to the feed rendered alone as one libical tree")
    func sameBytes() {
        let first = Fixture.publish(groups: Self.groups, program: Self.program)
        Self.expectSameAsTree(Self.calendars(first))
    }

    @Test("parents of one group who read one language share every piece; other languages do not")
    func sharedPieces() throws {
        let calendars = Self.calendars(Fixture.publish(groups: Self.groups, program: Self.program))
        let rendered = Fixture.writer.render(calendars)
        let p1 = try #require(calendars.firstIndex { $0.owner.id == "P1" })
        let p5 = try #require(calendars.firstIndex { $0.owner.id == "P5" })
        #expect(rendered.bytes(ofFeed: p1) == rendered.bytes(ofFeed: p5))
        // Heads once per (UID, times, version, status); tails once per (language, texts): the
        // sessions of a group share one tail per language; headers once per (language, name).
        let events = calendars.flatMap { calendar in calendar.events.map { (calendar.language, $0) } }
        let heads = Set(events.map { "\($0.1.uid) \($0.1.content.start) \($0.1.content.end) \($0.1.sequence) \($0.1.lastModified) \($0.1.status)" })
        let tails = Set(events.map { language, event in
            [language, event.content.summary, event.content.description, event.content.location ?? "-", event.content.meetingURL ?? "-",
             event.content.meetingLabel ?? "-"]
        })
        let distinctHeaders = Set(calendars.map { [$0.language, $0.name] }).count
        #expect(tails.count < heads.count)
        #expect(rendered.distinctPieces == 1 + distinctHeaders + heads.count + tails.count)
        // Without sharing: the closing line, a header per feed, a head and a tail per event.
        #expect(rendered.distinctPieces < 1 + calendars.count + 2 * calendars.reduce(0) { $0 + $1.events.count })
    }

    @Test("a session moved in one group changes exactly the feeds that hold it, and nothing else")
    func oneChange() {
        let first = Fixture.publish(groups: Self.groups, program: Self.program)
        var moved = Self.groups
        moved[0].sessions[1] = Fixture.session("2026-11-12", 18, 0)
        let second = Fixture.publish(groups: moved, program: Self.program, history: Self.history(first), clock: Fixture.laterClock)
        let before = Fixture.writer.render(Self.calendars(first)), after = Fixture.writer.render(Self.calendars(second))
        var changed = Set<String>()
        for index in 0..<before.count where before.bytes(ofFeed: index) != after.bytes(ofFeed: index) {
            changed.insert(first[index].0.owner.description)
        }
        #expect(changed == ["parent P1", "parent P2", "parent P5", "parent P6", "mentor M1", "site lincoln"])
        Self.expectSameAsTree(Self.calendars(second))
    }

    @Test("parents of one group with different histories get each their own versions of the same sessions")
    func divergentHistories() throws {
        // P5 joins the group only at the second publication: P1's sessions keep SEQUENCE 0 and the
        // first date, P5's are new now. Same UIDs, same language, different texts.
        var without = Self.groups
        without[0].parents = ["P1", "P2", "P6"]
        let first = Fixture.publish(groups: without, program: Self.program)
        let second = Fixture.publish(groups: Self.groups, program: Self.program, history: Self.history(first), clock: Fixture.laterClock)
        let calendars = Self.calendars(second)
        let p1 = try #require(calendars.first { $0.owner.id == "P1" }), p5 = try #require(calendars.first { $0.owner.id == "P5" })
        let uid = "M1-openhouse-lincoln-202609-1-p@feeds.example.org"
        let old = try #require(p1.events.first { $0.uid == uid }), new = try #require(p5.events.first { $0.uid == uid })
        #expect(old.content == new.content && old.lastModified != new.lastModified)
        let rendered = Fixture.writer.render(calendars)
        let i1 = try #require(calendars.firstIndex { $0.owner.id == "P1" }), i5 = try #require(calendars.firstIndex { $0.owner.id == "P5" })
        #expect(rendered.bytes(ofFeed: i1) != rendered.bytes(ofFeed: i5))
        Self.expectSameAsTree(calendars)
    }

    @Test("cancelled sessions are rendered from their own pieces, byte-identical to the tree")
    func cancelled() {
        let first = Fixture.publish(groups: Self.groups, program: Self.program)
        let second = Fixture.publish(groups: RerunTests.rerunGroups, program: Self.program, history: Self.history(first),
                                     clock: Fixture.laterClock)
        #expect(second.contains { $0.1.contains { $0.status == .cancelled } })
        Self.expectSameAsTree(Self.calendars(second))
    }

    @Test("canonically equivalent but different bytes (é and e + U+0301) are different pieces, each libical's own")
    func exactBytes() throws {
        var program = Self.program
        program.sites[0] = Site(id: "lincoln", name: "Lincoln Ele\u{301}mentary", address: "100 Main St, Springfield, CA 90000")
        var other = Self.program
        other.sites[0] = Site(id: "lincoln", name: "Lincoln El\u{E9}mentary", address: "100 Main St, Springfield, CA 90000")
        let decomposed = Fixture.publish(groups: Self.groups, program: program)
        let composed = Fixture.publish(groups: Self.groups, program: other)
        #expect("Lincoln Ele\u{301}mentary" == "Lincoln El\u{E9}mentary")
        let calendars = Self.calendars(decomposed) + Self.calendars(composed)
        let rendered = Fixture.writer.render(calendars)
        let half = decomposed.count
        #expect((0..<half).contains { rendered.bytes(ofFeed: $0) != rendered.bytes(ofFeed: half + $0) })
        Self.expectSameAsTree(calendars)
    }

    @Test("no feeds render to no text")
    func empty() {
        #expect(Fixture.writer.render([]).count == 0)
    }
}
