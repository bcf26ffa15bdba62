import EnlaceCore

/// A hand-made program and schedule for the curriculum tests: one mentor, one monthly group, a
/// 2026-27 term, topics given per test.
enum Hand {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDate { LocalDate(year: y, month: m, day: d)! }
    static func at(_ y: Int, _ m: Int, _ d: Int, _ minute: Int = 18 * 60) -> LocalDateTime {
        LocalDateTime(date: day(y, m, d), minuteOfDay: minute)
    }

    static func window(_ from: String?, _ until: String?) -> TopicWindow {
        TopicWindow(from: from.flatMap { MonthDay($0) }, until: until.flatMap { MonthDay($0) })
    }

    static func topic(_ id: String, required: Bool = false, from: String? = nil, until: String? = nil) -> Topic {
        Topic(id: TopicID(id), title: id.prefix(1).uppercased() + id.dropFirst(), description: "About \(id).", required: required, window: window(from, until))
    }

    static func mentor(_ id: String, trained: [String]) -> Mentor {
        Mentor(id: MentorID(id), name: "Mentor \(id)", languages: [LanguageTag("es")!], sites: [], modes: [.virtual], capacity: 20,
               availability: Availability([]), attendsOpenHouses: false, topics: trained.map(TopicID.init))
    }

    static func parent(_ id: String, asks: [String]) -> Parent {
        Parent(id: ParentID(id), name: "Parent \(id)", languages: [LanguageTag("es")!], site: SiteID("lincoln"), modes: [.virtual],
               availability: Availability([]), attendsOpenHouses: false, topics: asks.map(TopicID.init))
    }

    static func program(topics: [Topic], mentors: [Mentor], parents: [Parent], rankWeights: [Int] = [5, 4, 3, 2, 1],
                        requiredWeight: Int = 1000) -> Program {
        var settings = ProgramSettings(name: "Hand", timezone: "America/Los_Angeles", termStart: day(2026, 8, 17), termEnd: day(2027, 6, 10))
        settings.curriculum.rankWeights = rankWeights
        settings.curriculum.requiredWeight = requiredWeight
        return Program(settings: settings, sites: [Site(id: SiteID("lincoln"), name: "Lincoln", address: nil)], mentors: mentors, parents: parents,
                       openHouses: [], blackouts: [], topics: topics)
    }

    /// The first Tuesday of each month from September 2026 to June 2027, 18:00–19:00.
    static let monthly: [LocalDateTime] = [
        at(2026, 9, 1), at(2026, 10, 6), at(2026, 11, 3), at(2026, 12, 1), at(2027, 1, 5),
        at(2027, 2, 2), at(2027, 3, 2), at(2027, 4, 6), at(2027, 5, 4), at(2027, 6, 1),
    ]

    /// One group of mentor `mentor` meeting at `starts`, with `members` from the first session on;
    /// `topics` gives held sessions' topics by start.
    static func schedule(mentor: String = "M1", members: [String], starts: [LocalDateTime] = monthly,
                         now: LocalDateTime = at(2026, 8, 1), topics: [LocalDateTime: String] = [:]) -> Schedule {
        let sessions = starts.map { ScheduledSession(start: $0, end: $0.adding(minutes: 60), topic: topics[$0].map(TopicID.init)) }
        let group = ScheduledGroup(id: "\(mentor)-TU1800-virtual", mentor: MentorID(mentor), kind: .weekly, mode: .virtual, site: nil,
                                   weekday: .tuesday, startMinute: 18 * 60, minutes: 60, sessions: sessions)
        let stints = members.map { Membership(parent: ParentID($0), group: group.id, from: starts.first ?? now) }
        return Schedule(programName: "Hand", timezone: "America/Los_Angeles", now: now, score: ScheduleScore(total: 0, bound: 0, terms: []),
                        groups: [group], memberships: stints, unmatched: [])
    }

    /// Each session's topic id ("-" for none), in date order.
    static func topics(_ schedule: Schedule, group: Int = 0) -> [String] {
        schedule.groups[group].sessions.map { $0.topic?.rawValue ?? "-" }
    }
}
