import EnlaceCalendar
import EnlaceCore
import EnlaceFeeds
import Foundation
import Testing

/// A tiny program with one in-person open-house group (Spanish and Vietnamese parents), one
/// virtual weekly group (a Taiwanese parent), an unmatched Hmong parent and a second site.
enum Fixture {
    static let settings: ProgramSettings = {
        var settings = ProgramSettings(name: "Springfield USD Parent Mentors 2026-27", timezone: "America/Los_Angeles",
                                       termStart: LocalDate(iso: "2026-08-17")!, termEnd: LocalDate(iso: "2027-06-10")!)
        settings.virtualMeetingURL = "https://meet.example.org/springfield/{group}?host={mentor}"
        settings.feedBaseURL = "https://feeds.example.org/springfield/"
        return settings
    }()

    static let program = Program(
        settings: settings,
        sites: [Site(id: "lincoln", name: "Lincoln Elementary", address: "100 Main St, Springfield, CA 90000"),
                Site(id: "office", name: "Family Center", address: nil)],
        mentors: [mentor("M1", "Guadalupe Morales", ["es", "en"], sites: ["lincoln"]),
                  mentor("M2", "陳美玲", ["zh-Hant", "en"], sites: [])],
        parents: [parent("P1", "García López, Ana María", ["es-MX"], site: "lincoln"),
                  parent("P2", "Nguyễn Thị Lan", ["vi", "en"], site: "lincoln"),
                  parent("P3", "Wei \"David\" Chen", ["zh-TW"], site: "office"),
                  parent("P4", "Mai Vang", ["hmn"], site: "lincoln")],
        openHouses: [OpenHouse(site: "lincoln", start: at("2026-09-10", 17, 0), end: at("2026-09-10", 18, 0),
                               title: "Back to School Night", sourceUID: "bts@lincoln"),
                     OpenHouse(site: "lincoln", start: at("2026-11-05", 17, 0), end: at("2026-11-05", 18, 0),
                               title: "Fall Open House, Room 5", sourceUID: "fall@lincoln")],
        blackouts: [])

    static let groups = [
        GroupFixture(id: "M1-openhouse-lincoln", mentor: "M1", kind: .openHouse, mode: .inPerson, site: "lincoln",
                       parents: ["P1", "P2"], sessions: [session("2026-09-10", 18, 0), session("2026-11-05", 18, 0)]),
        GroupFixture(id: "M2-TU1830-virtual", mentor: "M2", kind: .weekly, mode: .virtual, site: nil,
                       parents: ["P3"], sessions: [session("2026-10-06", 18, 30), session("2026-11-03", 18, 30)]),
    ]

    /// 2026-08-01 12:00 UTC, 05:00 in Los Angeles.
    static let clock = FeedClock(now: 1_785_585_600, local: at("2026-08-01", 5, 0))
    /// Two weeks later.
    static let laterClock = FeedClock(now: 1_785_585_600 + 14 * 86_400, local: at("2026-08-15", 5, 0))

    static let catalog = try! TranslationCatalog.builtin()
    static let writer = try! FeedWriter(timezone: "America/Los_Angeles")

    static func at(_ date: String, _ hour: Int, _ minute: Int) -> LocalDateTime {
        LocalDateTime(date: LocalDate(iso: date)!, minuteOfDay: hour * 60 + minute)
    }

    static func session(_ date: String, _ hour: Int, _ minute: Int, minutes: Int = 60) -> Session {
        Session(start: at(date, hour, minute), end: at(date, hour, minute).adding(minutes: minutes))
    }

    static func mentor(_ id: String, _ name: String, _ languages: [String], sites: [SiteID]) -> Mentor {
        Mentor(id: MentorID(id), name: name, languages: languages.map { LanguageTag($0)! }, sites: sites,
               modes: [.inPerson, .virtual], capacity: 8, availability: Availability([]), attendsOpenHouses: true, topics: [])
    }

    static func parent(_ id: String, _ name: String, _ languages: [String], site: SiteID) -> Parent {
        Parent(id: ParentID(id), name: name, languages: languages.map { LanguageTag($0)! }, site: site,
               modes: [.inPerson, .virtual], availability: Availability([]), attendsOpenHouses: true, topics: [])
    }

    /// Every feed of `groups`, merged with `history` at `clock`: (planned feed, new history).
    static func publish(groups: [GroupFixture] = groups, program: Program = program, history: [FeedOwner: [StoredFeedEvent]] = [:],
                        clock: FeedClock = clock, catalog: TranslationCatalog = catalog) -> [(PlannedFeed, [StoredFeedEvent])] {
        let planner = FeedPlanner(program: program, schedule: schedule(groups, program: program), catalog: catalog,
                                  publishedOn: clock.local.date)
        return planner.plan().map { feed in
            (feed, FeedHistory.merge(feed, history: history[feed.owner] ?? [], clock: clock, term: program.term))
        }
    }

    /// The iCalendar text of one feed.
    static func render(_ feed: PlannedFeed, _ events: [StoredFeedEvent], program: Program = program) -> String {
        String(decoding: writer.render(feed.calendar(events: events, settings: program.settings)), as: UTF8.self)
    }

    /// The text of an iCalendar file with its lines unfolded and TEXT escapes undone, for searching.
    static func unfolded(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\\,", with: ",")
            .replacingOccurrences(of: "\\;", with: ";").replacingOccurrences(of: "\\n", with: "\n")
            .replacingOccurrences(of: "\\\\", with: "\\")
    }
}

/// A group as the feed tests write it: its members and dated sessions (all planned before the term).
struct GroupFixture {
    var id: String
    var mentor: MentorID
    var kind: ScheduledGroup.Kind
    var mode: MeetingMode
    var site: SiteID?
    var parents: [ParentID]
    var sessions: [Session]
}

extension Fixture {
    /// The schedule of a run made before the term, with `groups`.
    static func schedule(_ groups: [GroupFixture], program: Program = program) -> Schedule {
        let before = LocalDateTime(date: program.settings.termStart.adding(days: -30), minuteOfDay: 0)
        let scheduled = groups.map { group in
            ScheduledGroup(id: group.id, mentor: group.mentor, kind: group.kind, mode: group.mode, site: group.site,
                           weekday: group.kind == .weekly ? group.sessions.first?.start.date.weekday : nil,
                           startMinute: group.kind == .weekly ? group.sessions.first?.start.minuteOfDay : nil, minutes: 60,
                           sessions: group.sessions.map { ScheduledSession(start: $0.start, end: $0.end) })
        }
        let stints = groups.flatMap { group in group.parents.map { Membership(parent: $0, group: group.id, from: before) } }
        let matched = Set(stints.map(\.parent))
        return Schedule(programName: program.settings.name, timezone: program.settings.timezone, now: before,
                        score: ScheduleScore(total: 0, bound: 0, terms: []), groups: scheduled, memberships: stints,
                        unmatched: program.parents.filter { !matched.contains($0.id) }.map { UnmatchedParent(parent: $0.id, reasons: ["no group fits"]) })
    }
}
