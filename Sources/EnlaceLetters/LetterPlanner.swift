import EnlaceCore
import EnlaceFeeds

/// Decides what every family's letter says (spec section 12), from the run their feeds publish.
///
/// A family in a group is told their mentor's first name, where or how they meet, in which
/// language, and their next three sessions from `now` (date, time and topic); a family without a
/// group from `now` on gets the waiting-list wording. Every family gets their own feed link.
/// Names, places and links are the ones their feed shows (`FeedPlanner.meeting`), so the letter
/// and the calendar never disagree.
public struct LetterPlanner: Sendable {
    /// How many upcoming sessions a letter lists.
    public static let sessionsShown = 3

    let program: Program
    let feeds: FeedPlanner
    let now: LocalDateTime
    let feedURLs: [ParentID: String]
    let topics: [TopicID: Topic]

    /// A planner for the letters of `schedule`, written at the local moment `now`.
    ///
    /// - Parameter feedURLs: each parent's feed link (`url` of `out/feeds.csv`); parents without
    ///   one get no letter, so the caller makes sure every parent has one.
    public init(program: Program, schedule: Schedule, catalog: TranslationCatalog, now: LocalDateTime, feedURLs: [ParentID: String]) {
        self.program = program
        self.feeds = FeedPlanner(program: program, schedule: schedule, catalog: catalog, publishedOn: now.date)
        self.now = now
        self.feedURLs = feedURLs
        self.topics = Dictionary(program.topics.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The letters of every parent with a feed link (of `site` only, when given), by site then
    /// parent id.
    ///
    /// - Complexity: O(parents × sessions per group).
    public func letters(site: SiteID? = nil) -> [FamilyLetter] {
        let current = feeds.schedule.currentMemberships
        var names: [String: ReadableName] = [:]
        let settings = program.settings
        return program.parents.filter { site == nil || $0.site == site }.sorted { ($0.site, $0.id) < ($1.site, $1.id) }
            .compactMap { parent -> FamilyLetter? in
                guard let url = feedURLs[parent.id] else { return nil }
                let strings = feeds.catalog.strings(for: parent.preferredLanguage)
                let reader = names[strings.language] ?? ReadableName(reading: strings)
                names[strings.language] = reader
                let meeting = current[parent.id].flatMap { feeds.meeting(of: parent, in: $0, names: reader) }
                return FamilyLetter(parent: parent.id, site: parent.site, strings: strings, familyName: parent.name,
                                    program: settings.name, meeting: meeting, nextSessions: meeting.map { upcoming($0, strings) } ?? [],
                                    feedURL: url, contact: feeds.coordinatorContact,
                                    coordinatorName: settings.coordinatorName?.trimmingSpaces().nilIfEmpty)
            }
    }

    /// The first `sessionsShown` sessions of `meeting` that start at or after `now`.
    func upcoming(_ meeting: FamilyMeeting, _ strings: FeedStrings) -> [LetterSession] {
        let language = LanguageTag(strings.language)
        return meeting.sessions.filter { $0.start >= now }.prefix(Self.sessionsShown).map { session in
            let time = strings.formatTime(session.start.minuteOfDay) + "–" + strings.formatTime(session.end.minuteOfDay)
            let when = strings.text("letter_date_time", ["date": strings.formatDate(session.start.date), "time": time])
            let topic = session.topic.flatMap { topics[$0] }.map { topic in language.map(topic.title(in:)) ?? topic.title }
            return LetterSession(when: when, topic: topic)
        }
    }
}

extension String {
    /// Nil for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
