import EnlaceCore
import EnlaceFeeds
import Testing

/// Recording links (spec section 11): every feed that shows a recorded session or open house
/// gains the link in its own language, held events included, with a higher SEQUENCE; nothing
/// else of a held event changes.
@Suite struct RecordingFeedTests {
    static let virtualSession = "https://video.example.org/rec/oct-6"
    static let openHouse = "https://video.example.org/rec/bts"
    static let recordings = [
        Recording(target: .group("M2-TU1830-virtual"), date: LocalDate(iso: "2026-10-06")!, url: virtualSession),
        Recording(target: .site("lincoln"), date: LocalDate(iso: "2026-09-10")!, url: openHouse),
    ]
    /// 20 October 2026: the open house of 10 September and the virtual session of 6 October are held.
    static let october = FeedClock(now: 1_792_540_800, local: Fixture.at("2026-10-20", 5, 0))

    /// Every feed published before the term, then again on 20 October with the recordings.
    static func publications() -> (before: [FeedOwner: [StoredFeedEvent]], after: [FeedOwner: (PlannedFeed, [StoredFeedEvent])]) {
        var before: [FeedOwner: [StoredFeedEvent]] = [:]
        for (feed, events) in Fixture.publish() { before[feed.owner] = events }
        let planner = FeedPlanner(program: Fixture.program, schedule: Fixture.schedule(Fixture.groups), catalog: Fixture.catalog,
                                  recordings: recordings)
        var after: [FeedOwner: (PlannedFeed, [StoredFeedEvent])] = [:]
        for feed in planner.plan() {
            after[feed.owner] = (feed, FeedHistory.merge(feed, history: before[feed.owner] ?? [], clock: october,
                                                         term: Fixture.program.term))
        }
        return (before, after)
    }

    static func event(_ events: [StoredFeedEvent], on date: String, hour: Int) -> StoredFeedEvent? {
        events.first { $0.content.startTime.date == LocalDate(iso: date)! && $0.content.startTime.minuteOfDay / 60 == hour }
    }

    @Test(arguments: [
        (FeedOwner(kind: .parent, id: "P3"), "2026-10-06", 18, "沒辦法參加？請觀看錄影：" + virtualSession),
        (FeedOwner(kind: .mentor, id: "M2"), "2026-10-06", 18, "沒辦法參加？請觀看錄影：" + virtualSession),
        (FeedOwner(kind: .parent, id: "P1"), "2026-09-10", 17, "¿No pudo asistir? Vea la grabación: " + openHouse),
        (FeedOwner(kind: .parent, id: "P2"), "2026-09-10", 17, "Không đến được? Xin xem bản ghi hình: " + openHouse),
        (FeedOwner(kind: .mentor, id: "M1"), "2026-09-10", 17, "¿No pudo asistir? Vea la grabación: " + openHouse),
        (FeedOwner(kind: .site, id: "lincoln"), "2026-09-10", 17, "Couldn't come? Watch the recording: " + openHouse),
    ])
    func aHeldEventGainsTheRecordingInTheFeedsLanguage(owner: FeedOwner, date: String, hour: Int, line: String) throws {
        let (before, after) = Self.publications()
        let old = try #require(Self.event(before[owner] ?? [], on: date, hour: hour))
        let new = try #require(Self.event(after[owner]?.1 ?? [], on: date, hour: hour))
        #expect(new.content.description == old.content.description + "\n\n" + line)
        #expect(new.sequence == old.sequence + 1 && new.lastModified == Self.october.now)
        var unchanged = new.content
        unchanged.description = old.content.description
        #expect(unchanged == old.content, "nothing but the description changes")
        let (feed, events) = try #require(after[owner])
        #expect(Fixture.unfolded(Fixture.render(feed, events)).contains(line))
    }

    @Test func everyOtherEventStaysAsItWas() {
        let (before, after) = Self.publications()
        let recorded: Set<String> = [Self.virtualSession, Self.openHouse]
        for (owner, (_, events)) in after {
            let old = Dictionary((before[owner] ?? []).map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
            for event in events where !recorded.contains(where: { event.content.description.contains($0) }) {
                #expect(old[event.uid] == event, "\(owner) \(event.uid) changed")
            }
        }
    }

    @Test func publishingAgainChangesNothing() {
        let (_, after) = Self.publications()
        let later = FeedClock(now: Self.october.now + 86_400, local: Fixture.at("2026-10-21", 5, 0))
        for (_, (feed, events)) in after {
            #expect(FeedHistory.merge(feed, history: events, clock: later, term: Fixture.program.term) == events)
        }
    }

    @Test func aFutureSessionWithARecordingShowsItAsPlanned() {
        let planner = FeedPlanner(program: Fixture.program, schedule: Fixture.schedule(Fixture.groups), catalog: Fixture.catalog,
                                  recordings: Self.recordings)
        let feed = planner.plan().first { $0.owner == FeedOwner(kind: .parent, id: "P3") }!
        let events = FeedHistory.merge(feed, history: [], clock: Fixture.clock, term: Fixture.program.term)
        let october = events.first { $0.content.startTime.date == LocalDate(iso: "2026-10-06")! }
        #expect(october?.sequence == 0 && october?.content.description.hasSuffix(Self.virtualSession) == true)
        #expect(feed.recordings.count == 1)
    }
}
