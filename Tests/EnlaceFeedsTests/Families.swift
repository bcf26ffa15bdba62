import EnlaceCalendar
import EnlaceCore
import EnlaceFeeds
import Foundation

/// A program with a coordinator, published before the term and again on 2026-10-15, when some
/// families move: what families in Spanish, Arabic (right to left) and Traditional Chinese read.
///
/// Before the term (August 1): P1 (es;en) meets Guadalupe in person at Lincoln (G1, Tuesdays)
/// in Spanish, with P7 (en;es), who meets her in English; P2 (ar;en) meets 이정호 online in English (G2, Wednesdays); P3 (zh-Hant;en) meets
/// LEE Suk Yee in Chinese at the Family Center (G3, Thursdays); P4 (es), P5 (ar) and P6 (zh-Hant)
/// wait for a group.
///
/// October 15, noon: P1 moved to another mentor (Fatima, G5, online, in English); G2 now meets on
/// Thursdays at 19:30 (G2b); LEE Suk Yee left the program, so P3 waits; P4 got a place in G1;
/// November 3 became a day without meetings, so G1 has no November session.
enum Families {
    static let settings: ProgramSettings = {
        var settings = Fixture.settings
        settings.coordinatorName = "Rosa Díaz"
        settings.coordinatorPhone = "(555) 010-0199"
        settings.coordinatorEmail = "rosa.diaz@springfield.example"
        return settings
    }()

    static let mentors = [
        Fixture.mentor("M1", "Guadalupe Morales", ["es", "en"], sites: ["lincoln"]),
        Fixture.mentor("M2", "이정호", ["ko", "en"], sites: []),
        Fixture.mentor("M3", "LEE Suk Yee", ["yue", "zh", "en"], sites: ["office"]),
        Mentor(id: "M5", name: "فاطمة منصور", languages: [LanguageTag("ar")!, LanguageTag("en")!], sites: [],
               modes: [.virtual], capacity: 8, availability: Availability([]), attendsOpenHouses: false, topics: [],
               attributes: ["display_name": "Fatima"]),
    ]

    static let parents = [
        Fixture.parent("P1", "Ana García", ["es", "en"], site: "lincoln"),
        Fixture.parent("P2", "Layla Haddad", ["ar", "en"], site: "office"),
        Fixture.parent("P3", "陳美玲", ["zh-Hant", "en"], site: "office"),
        Fixture.parent("P4", "Rosa Díaz", ["es"], site: "lincoln"),
        Fixture.parent("P5", "Omar Khalil", ["ar"], site: "office"),
        Fixture.parent("P6", "黃嘉欣", ["zh-Hant"], site: "office"),
        Fixture.parent("P7", "Mary Lopez", ["en", "es"], site: "lincoln"),
    ]

    static let before = Program(settings: settings, sites: Fixture.program.sites, mentors: mentors, parents: parents,
                                openHouses: [], blackouts: [])
    static let after = Program(settings: settings, sites: Fixture.program.sites, mentors: mentors.filter { $0.id != "M3" },
                               parents: parents, openHouses: [], blackouts: [LocalDate(iso: "2026-11-03")!])

    static let start = Fixture.at("2026-07-18", 0, 0)
    static let october = Fixture.at("2026-10-15", 12, 0)
    static let firstClock = Fixture.clock
    /// 2026-10-15 12:00 in Los Angeles (19:00 UTC).
    static let secondClock = FeedClock(now: 1_792_090_800, local: october)

    static func group(_ id: String, _ mentor: MentorID, _ mode: MeetingMode, _ site: SiteID?, _ dates: [String],
                      hour: Int, minute: Int = 0) -> ScheduledGroup {
        let sessions = dates.map { date in
            let start = Fixture.at(date, hour, minute)
            return ScheduledSession(start: start, end: start.adding(minutes: 60))
        }
        return ScheduledGroup(id: id, mentor: mentor, kind: .weekly, mode: mode, site: site,
                              weekday: sessions.first?.start.date.weekday, startMinute: hour * 60 + minute, minutes: 60,
                              sessions: sessions)
    }

    static let g1 = group("M1-TU1800-lincoln", "M1", .inPerson, "lincoln", ["2026-09-01", "2026-10-06", "2026-11-03", "2026-12-01"], hour: 18)
    static let g2 = group("M2-WE1900-virtual", "M2", .virtual, nil, ["2026-09-02", "2026-10-07", "2026-11-04", "2026-12-02"], hour: 19)
    static let g3 = group("M3-TH1800-office", "M3", .inPerson, "office", ["2026-09-03", "2026-10-01", "2026-11-05", "2026-12-03"], hour: 18)

    static func schedule(_ program: Program, now: LocalDateTime, groups: [ScheduledGroup], stints: [Membership]) -> Schedule {
        let seated = Set(stints.filter { $0.until == nil }.map(\.parent))
        return Schedule(programName: program.settings.name, timezone: program.settings.timezone, now: now,
                        score: ScheduleScore(total: 0, bound: 0, terms: []), groups: groups, memberships: stints,
                        unmatched: program.parents.filter { !seated.contains($0.id) }.map { UnmatchedParent(parent: $0.id, reasons: ["no group fits"]) })
    }

    static let firstSchedule = schedule(before, now: start, groups: [g1, g2, g3], stints: [
        Membership(parent: "P1", group: g1.id, from: start), Membership(parent: "P7", group: g1.id, from: start),
        Membership(parent: "P2", group: g2.id, from: start), Membership(parent: "P3", group: g3.id, from: start),
    ])

    static let secondSchedule: Schedule = {
        var g1After = g1
        g1After.sessions.removeAll { $0.start.date == LocalDate(iso: "2026-11-03")! }
        var g2Held = g2
        g2Held.sessions.removeAll { $0.start >= october }
        var g3Held = g3
        g3Held.sessions.removeAll { $0.start >= october }
        let g2b = group("M2-TH1930-virtual", "M2", .virtual, nil, ["2026-11-05", "2026-12-03"], hour: 19, minute: 30)
        let g5 = group("M5-MO1800-virtual", "M5", .virtual, nil, ["2026-11-02", "2026-12-07"], hour: 18)
        return schedule(after, now: october, groups: [g1After, g2Held, g2b, g3Held, g5], stints: [
            Membership(parent: "P1", group: g1.id, from: start, until: october), Membership(parent: "P1", group: g5.id, from: october),
            Membership(parent: "P7", group: g1.id, from: start), Membership(parent: "P4", group: g1.id, from: october),
            Membership(parent: "P2", group: g2.id, from: start, until: october), Membership(parent: "P2", group: g2b.id, from: october),
            Membership(parent: "P3", group: g3.id, from: start, until: october),
        ])
    }()

    /// Every feed of the first publication, then of the second with the first's history.
    static let published: (first: [(PlannedFeed, [StoredFeedEvent])], second: [(PlannedFeed, [StoredFeedEvent])]) = {
        let first = publish(before, firstSchedule, history: [:], clock: firstClock)
        let history = Dictionary(uniqueKeysWithValues: first.map { ($0.0.owner, $0.1) })
        return (first, publish(after, secondSchedule, history: history, clock: secondClock))
    }()

    static func publish(_ program: Program, _ schedule: Schedule, history: [FeedOwner: [StoredFeedEvent]],
                        clock: FeedClock) -> [(PlannedFeed, [StoredFeedEvent])] {
        FeedPlanner(program: program, schedule: schedule, catalog: Fixture.catalog, publishedOn: clock.local.date).plan().map { feed in
            (feed, FeedHistory.merge(feed, history: history[feed.owner] ?? [], clock: clock, term: program.term))
        }
    }

    /// One feed of a publication: its planned feed and published events.
    static func feed(_ publication: [(PlannedFeed, [StoredFeedEvent])], _ kind: FeedKind, _ id: String) -> (PlannedFeed, [StoredFeedEvent]) {
        publication.first { $0.0.owner == FeedOwner(kind: kind, id: id) }!
    }

    /// The iCalendar text of one feed.
    static func text(_ publication: [(PlannedFeed, [StoredFeedEvent])], _ kind: FeedKind, _ id: String) -> String {
        let (feed, events) = feed(publication, kind, id)
        return String(decoding: Fixture.writer.render(feed.calendar(events: events, settings: settings)), as: UTF8.self)
    }
}
