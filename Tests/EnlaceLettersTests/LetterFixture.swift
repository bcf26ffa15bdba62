import EnlaceCore
import EnlaceFeeds
import EnlaceLetters

/// A small program seen on 2026-10-15 at noon: families in Spanish (in person, with topics),
/// Arabic (online), Farsi and Urdu (both waiting), and a second Spanish family at another site.
///
/// G1 meets at Lincoln on Tuesdays at 18:00: two sessions are held by now, five are to come (a
/// letter lists three). G2 meets online on Wednesdays at 19:00.
enum LetterFixture {
    static let settings: ProgramSettings = {
        var settings = ProgramSettings(name: "Springfield USD Parent Mentors", timezone: "America/Los_Angeles",
                                       termStart: LocalDate(iso: "2026-08-17")!, termEnd: LocalDate(iso: "2027-06-10")!)
        settings.virtualMeetingURL = "https://meet.example.org/springfield/{group}"
        settings.feedBaseURL = "https://feeds.example.org/springfield/"
        settings.coordinatorName = "Rosa Díaz"
        settings.coordinatorPhone = "(555) 010-0199"
        settings.coordinatorEmail = "rosa.diaz@springfield.example"
        return settings
    }()

    static let sites = [Site(id: "lincoln", name: "Lincoln Elementary", address: "100 Main St, Springfield"),
                        Site(id: "office", name: "Family Center", address: nil)]
    static let mentors = [
        mentor("M1", "Guadalupe Morales", ["es", "en"], attributes: [:]),
        mentor("M2", "فاطمة منصور", ["ar", "en"], attributes: ["display_name": "Fatima"]),
    ]
    static let parents = [
        parent("P1", "Ana García", ["es", "en"], site: "lincoln"),
        parent("P2", "Layla Haddad", ["ar", "en"], site: "office"),
        parent("P3", "Darius Karimi", ["fa"], site: "office"),
        parent("P4", "Imran Qureshi", ["ur"], site: "lincoln"),
        parent("P5", "José <b>Pérez</b> & Co", ["es"], site: "lincoln"),
    ]
    static let topics = [
        Topic(id: "biliteracy", title: "Biliteracy at home", titles: [TopicText(language: LanguageTag("es")!, text: "La lectura en dos idiomas")]),
        Topic(id: "attendance", title: "Why attendance matters"),
    ]
    static let program = Program(settings: settings, sites: sites, mentors: mentors, parents: parents, openHouses: [], blackouts: [],
                                 topics: topics)

    static let now = at("2026-10-15", 12, 0)
    static let start = at("2026-08-01", 0, 0)

    static let g1 = ScheduledGroup(
        id: "M1-TU1800-lincoln", mentor: "M1", kind: .weekly, mode: .inPerson, site: "lincoln", weekday: .tuesday, startMinute: 1080,
        minutes: 60, sessions: [session("2026-09-01", 18, topic: "attendance"), session("2026-10-06", 18, topic: nil),
                                session("2026-10-20", 18, topic: "biliteracy"), session("2026-11-03", 18, topic: nil),
                                session("2026-11-17", 18, topic: "attendance"), session("2026-12-01", 18, topic: nil),
                                session("2027-01-12", 18, topic: nil)])
    static let g2 = ScheduledGroup(
        id: "M2-WE1900-virtual", mentor: "M2", kind: .weekly, mode: .virtual, site: nil, weekday: .wednesday, startMinute: 1140,
        minutes: 60, sessions: [session("2026-09-02", 19, topic: nil), session("2026-11-04", 19, topic: nil)])

    static let schedule = Schedule(
        programName: settings.name, timezone: settings.timezone, now: start, score: ScheduleScore(total: 0, bound: 0, terms: []),
        groups: [g1, g2],
        memberships: [Membership(parent: "P1", group: g1.id, from: start), Membership(parent: "P5", group: g1.id, from: start),
                      Membership(parent: "P2", group: g2.id, from: start)],
        unmatched: [UnmatchedParent(parent: "P3", reasons: []), UnmatchedParent(parent: "P4", reasons: [])])

    /// Distinct well-formed tokens, one per parent.
    static let tokens: [ParentID: String] = Dictionary(uniqueKeysWithValues: parents.enumerated().map { index, parent in
        (parent.id, String(repeating: "abcdefgh".map(String.init)[index], count: 32))
    })

    static let catalog = try! TranslationCatalog.builtin()

    static func letters(program: Program = program, catalog: TranslationCatalog = catalog) -> [FamilyLetter] {
        LetterPlanner(program: program, schedule: schedule, catalog: catalog, now: now,
                      feedURLs: tokens.mapValues { program.settings.feedBaseURL + $0 + ".ics" }).letters()
    }

    static func letter(_ id: ParentID) -> FamilyLetter { letters().first { $0.parent == id }! }

    static func at(_ date: String, _ hour: Int, _ minute: Int) -> LocalDateTime {
        LocalDateTime(date: LocalDate(iso: date)!, minuteOfDay: hour * 60 + minute)
    }

    static func session(_ date: String, _ hour: Int, topic: TopicID?) -> ScheduledSession {
        ScheduledSession(start: at(date, hour, 0), end: at(date, hour + 1, 0), topic: topic)
    }

    static func mentor(_ id: String, _ name: String, _ languages: [String], attributes: [String: String]) -> Mentor {
        Mentor(id: MentorID(id), name: name, languages: languages.map { LanguageTag($0)! }, sites: ["lincoln"], modes: [.inPerson, .virtual],
               capacity: 8, availability: Availability([]), attendsOpenHouses: false, topics: [], attributes: attributes)
    }

    static func parent(_ id: String, _ name: String, _ languages: [String], site: SiteID) -> Parent {
        Parent(id: ParentID(id), name: name, languages: languages.map { LanguageTag($0)! }, site: site, modes: [.inPerson, .virtual],
               availability: Availability([]), attendsOpenHouses: false, topics: [])
    }
}
