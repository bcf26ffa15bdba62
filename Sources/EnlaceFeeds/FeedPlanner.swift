import EnlaceCore

/// What one feed should hold now, before its history (versions, cancellations) is applied.
public struct PlannedFeed: Sendable {
    public var owner: FeedOwner
    /// The owner's language, resolved against the translations.
    public var strings: FeedStrings
    /// NAME / X-WR-CALNAME, in the owner's language.
    public var name: String
    /// The calendar's DESCRIPTION: the program's name, or for a family without a group, that they
    /// are on the waiting list and whom to call.
    public var description: String
    /// The events, sorted by start then UID.
    public var events: [EventContent]
    /// How the feed cancels what it published and no longer plans (`FeedHistory.merge`).
    public var editor: FeedEditor
    /// The recording line (in the owner's language, with the link) of each event that has one,
    /// by UID stem (`FeedHistory.stem(of:)`): what a held event may still gain.
    public var recordings: [String: String] = [:]
}

/// Decides what every feed of a run contains (spec section 7). Pure: no clock, no files.
///
/// - A **parent's** feed: the sessions of the parent's group, saying which topic each covers
///   (`TopicReader`), with whom (the mentor's name as the family can read it, `ReadableName`),
///   where or how to join, in which language the meeting is held, what the program is, what to
///   bring and how to reach the coordinator; the open houses of the parent's site; and for a
///   family without a group from now on, a waiting-list notice (an all-day event) and a calendar
///   description saying so. Nothing about any other family, and no email or phone of anyone but
///   the coordinator: those are not even in `Program`.
/// - A **mentor's** feed: every session of the mentor's groups, with its topic, the group's size,
///   the parents' first names and the languages its families meet in, and the open houses of the
///   mentor's sites.
/// - A **site's** feed (in English): every in-person session held there and its open houses; no
///   family names.
///
/// Event UIDs never depend on editable text, and end in `@` and the host of `feed_base_url`. A
/// session's UID is its group id, its month and its ordinal within the month
/// (`M07-TU1800-lincoln-202609-1-p@feeds.example.org`): a session that a blackout moves within its
/// month (the only way the spec moves sessions) keeps its UID and is published as changed. An open
/// house's UID is its site, date and ordinal on that date; a waiting-list notice's, the parent and
/// the day it was first published.
public struct FeedPlanner: Sendable {
    public let program: Program
    public let schedule: Schedule
    public let catalog: TranslationCatalog
    /// The local date of the publication: a family first published without a group gets its
    /// waiting-list notice dated this day.
    public let publishedOn: LocalDate
    let sites: [SiteID: Site]
    let mentors: [MentorID: Mentor]
    let parents: [ParentID: Parent]
    let openHouses: [SiteID: [(OpenHouse, key: String)]]
    let sessionKeys: [GroupID: [(ScheduledSession, key: String)]]
    /// Each group's stints, by group id.
    let stints: [GroupID: [Membership]]
    /// What UIDs end with, after the `@`.
    let host: String
    let organizer: EventOrganizer
    /// "Name, phone, email" of the coordinator, nil when none is set.
    let contact: String?
    let facts: CancellationFacts
    /// The recording link of each event UID stem that shows a recorded session or open house.
    let recordingURLs: [String: String]
    /// The curriculum's topics by id; empty in a program without `data/topics.csv`.
    let topics: [TopicID: Topic]

    /// A planner for one run of one program, publishing on `publishedOn` (by default the day the
    /// run planned from), with the recording links of its held sessions (data/recordings.csv,
    /// spec section 11).
    public init(program: Program, schedule: Schedule, catalog: TranslationCatalog, publishedOn: LocalDate? = nil,
                recordings: [Recording] = []) {
        self.program = program
        self.schedule = schedule
        self.catalog = catalog
        self.publishedOn = publishedOn ?? schedule.now.date
        stints = schedule.stintsByGroup
        sites = Dictionary(program.sites.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        mentors = Dictionary(program.mentors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        parents = Dictionary(program.parents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var houses: [SiteID: [(OpenHouse, key: String)]] = [:]
        for (site, list) in Dictionary(grouping: program.openHouses, by: \.site) {
            houses[site] = Self.keyed(list.sorted(), date: \.start.date, dayKey: true)
        }
        openHouses = houses
        sessionKeys = Dictionary(schedule.groups.map { group in
            (group.id, Self.keyed(group.sessions, date: \.start.date, dayKey: false))
        }, uniquingKeysWith: { a, _ in a })
        let settings = program.settings
        host = PlannedFeed.host(of: settings.feedBaseURL)
        organizer = PlannedFeed.organizer(settings)
        let parts = [settings.coordinatorName, settings.coordinatorPhone, settings.coordinatorEmail]
            .compactMap { $0?.trimmingSpaces() }.filter { !$0.isEmpty }
        contact = parts.isEmpty ? nil : parts.joined(separator: ", ")
        topics = Dictionary(program.topics.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        facts = CancellationFacts(
            blackouts: program.blackouts, mentors: Set(program.mentors.map(\.id)),
            mentorOfGroup: Dictionary(schedule.groups.map { ($0.id, $0.mentor) }, uniquingKeysWith: { a, _ in a }),
            groupOfUIDStem: Dictionary(schedule.groups.map { (Self.percentEncoded($0.id), $0.id) }, uniquingKeysWith: { a, _ in a }))
        recordingURLs = Self.recordingURLs(recordings, sessionKeys: sessionKeys, openHouses: houses)
    }

    /// Every feed: parents, then mentors, then sites, each by id.
    ///
    /// A parent's feed plans every session of every stint they had (held sessions are published
    /// as they were: `FeedHistory.merge` keeps what was published and never adds the past) and
    /// their group's sessions from now on.
    ///
    /// - Complexity: O(parents × sessions per group + mentors × their sessions + open houses).
    public func plan() -> [PlannedFeed] {
        var readers = Readers(catalog: catalog)
        var feeds: [PlannedFeed] = []
        feeds.reserveCapacity(program.parents.count + program.mentors.count + program.sites.count)
        feeds += parentFeeds(&readers)
        feeds += mentorFeeds(&readers)
        let english = readers.reader(for: nil)
        for site in program.sites {
            // Sites have no language of their own; their feeds are read by staff, in English.
            let groups = schedule.groups.filter { $0.mode == .inPerson && $0.site == site.id && mentors[$0.mentor] != nil }
            var events = groups.flatMap { siteSessions($0, english) }
            events += openHouseEvents(at: site.id, english, tag: .site)
            let owner = FeedOwner(kind: .site, id: site.id.rawValue)
            feeds.append(PlannedFeed(owner: owner, strings: english.strings,
                                     name: english.strings.text("calendar_site", ["site": site.name]),
                                     description: program.settings.name, events: sorted(events),
                                     editor: editor(owner, english, currentGroup: nil, mentorGroups: [])))
        }
        return recordingURLs.isEmpty ? feeds : feeds.map(withRecordings)
    }

    private func parentFeeds(_ readers: inout Readers) -> [PlannedFeed] {
        var stintsOfParent: [ParentID: [Membership]] = [:]
        for stint in schedule.memberships { stintsOfParent[stint.parent, default: []].append(stint) }
        let current = schedule.currentMemberships
        // Session and open-house texts are the same for every parent of a group (or site) who reads
        // the same language (and meets in the same one): build them once.
        var sessionCache: [String: [EventContent]] = [:]
        var houseCache: [String: [EventContent]] = [:]
        return program.parents.map { parent in
            let reader = readers.reader(for: parent.preferredLanguage)
            var events: [EventContent] = []
            for stint in stintsOfParent[parent.id] ?? [] {
                guard let group = schedule.group(stint.group) else { continue }
                let meeting = meetingLanguage(of: parent, in: group)
                let key = group.id + "\u{0}" + reader.language + "\u{0}" + (meeting?.primary ?? "")
                let sessions = sessionCache[key] ?? parentSessions(group, reader, meetingLanguage: meeting)
                sessionCache[key] = sessions
                events += sessions.filter { stint.covers(LocalDateTime(minutes: $0.start)) }
            }
            let houseKey = parent.site.rawValue + "\u{0}" + reader.language
            let houses = houseCache[houseKey] ?? openHouseEvents(at: parent.site, reader, tag: .parent)
            houseCache[houseKey] = houses
            events += houses
            let group = current[parent.id].flatMap { schedule.group($0.group) }
            if group == nil { events.append(waitingNotice(for: parent, reader)) }
            let owner = FeedOwner(kind: .parent, id: parent.id.rawValue)
            return PlannedFeed(owner: owner, strings: reader.strings, name: reader.strings.text("calendar_parent"),
                               description: group == nil ? waitingDescription(reader) : program.settings.name,
                               events: sorted(events),
                               editor: editor(owner, reader, currentGroup: group.map { ($0.id, $0.mentor) }, mentorGroups: []))
        }
    }

    private func mentorFeeds(_ readers: inout Readers) -> [PlannedFeed] {
        var groupsOfMentor: [MentorID: [ScheduledGroup]] = [:]
        for group in schedule.groups where mentors[group.mentor] != nil {
            groupsOfMentor[group.mentor, default: []].append(group)
        }
        // Mentors of a site who read one language see the same open houses: build them once.
        var houseCache: [String: [EventContent]] = [:]
        return program.mentors.map { mentor in
            let reader = readers.reader(for: mentor.languages.first)
            let groups = groupsOfMentor[mentor.id] ?? []
            var events = groups.flatMap { mentorSessions($0, reader) }
            for site in mentor.sites {
                let key = site.rawValue + "\u{0}" + reader.language
                let houses = houseCache[key] ?? openHouseEvents(at: site, reader, tag: .mentor)
                houseCache[key] = houses
                events += houses
            }
            let active = groups.filter { group in
                group.sessions.contains { $0.start >= schedule.now } && stints[group.id]?.contains { $0.until == nil } == true
            }
            let owner = FeedOwner(kind: .mentor, id: mentor.id.rawValue)
            return PlannedFeed(owner: owner, strings: reader.strings, name: reader.strings.text("calendar_mentor"),
                               description: program.settings.name, events: sorted(events),
                               editor: editor(owner, reader, currentGroup: nil, mentorGroups: Set(active.map(\.id))))
        }
    }

    private func editor(_ owner: FeedOwner, _ reader: FeedReader, currentGroup: (id: GroupID, mentor: MentorID)?,
                        mentorGroups: Set<GroupID>) -> FeedEditor {
        FeedEditor(owner: owner, strings: reader.strings, catalog: catalog, organizer: organizer,
                   legacyOrganizer: EventOrganizer(name: program.settings.name, email: PlannedFeed.noReplyEmail(program.settings)),
                   facts: facts, currentGroup: currentGroup, mentorGroups: mentorGroups)
    }

    /// The language a family meets their mentor in (spec section 7): their preferred language when
    /// the mentor speaks it, else the first of their languages the mentor speaks; the mentor's
    /// first language if they share none (a held group of a family whose languages changed); nil
    /// when the mentor is no longer in the program.
    public func meetingLanguage(of parent: Parent, in group: ScheduledGroup) -> LanguageTag? {
        guard let mentor = mentors[group.mentor] else { return nil }
        let shared = parent.languages.first { tag in mentor.languages.contains { $0.matches(tag) } }
        return shared ?? mentor.languages.first
    }

    func sorted(_ events: [EventContent]) -> [EventContent] {
        events.sorted { ($0.start, $0.uid) < ($1.start, $1.uid) }
    }
}

/// The strings and the name reading of one language, looked up once per language.
struct FeedReader {
    let strings: FeedStrings
    let names: ReadableName

    var language: String { strings.language }
}

/// The readers of a publication, by language.
struct Readers {
    let catalog: TranslationCatalog
    private var byLanguage: [String: FeedReader] = [:]

    init(catalog: TranslationCatalog) { self.catalog = catalog }

    mutating func reader(for tag: LanguageTag?) -> FeedReader {
        let strings = catalog.strings(for: tag)
        if let known = byLanguage[strings.language] { return known }
        let reader = FeedReader(strings: strings, names: ReadableName(reading: strings))
        byLanguage[strings.language] = reader
        return reader
    }
}

extension FeedPlanner {
    /// Mentors whose name families who read another script see only as written: the name shown
    /// (`display_name`, else the given name) is in a script Enlace cannot write in Latin letters
    /// (Arabic, Hebrew, Khmer…, or Han for a Cantonese or Japanese speaker), with those scripts. A
    /// publication warns about them, with the name shown: a `display_name` in Latin letters fixes it.
    public var mentorsWithoutLatinNames: [(mentor: MentorID, name: String, scripts: [NameScript])] {
        program.mentors.compactMap { mentor in
            let scripts = ReadableName.untransliterable(mentor.name, displayName: mentor.displayName, languages: mentor.languages)
            let shown = ReadableName.shownName(mentor.name, displayName: mentor.displayName, languages: mentor.languages)
            return scripts.isEmpty ? nil : (mentor.id, shown, scripts)
        }
    }
}
