import EnlaceCore

/// What one feed should hold now, before its history (versions, cancellations) is applied.
public struct PlannedFeed: Sendable {
    public var owner: FeedOwner
    /// The owner's language, resolved against the translations.
    public var strings: FeedStrings
    /// NAME / X-WR-CALNAME, in the owner's language.
    public var name: String
    /// The events, sorted by start then UID.
    public var events: [EventContent]
}

/// Decides what every feed of a run contains (spec section 7, issue 5). Pure: no clock, no files.
///
/// - A **parent's** feed: the sessions of the parent's group (title with the mentor's first name,
///   the place or the meeting link, what the program is and what to bring) and the open houses of
///   the parent's site. Nothing about any other family, and no email or phone of anyone: those are
///   not even in `Program`.
/// - A **mentor's** feed: every session of the mentor's groups, with the group's size and the
///   parents' first names, and the open houses of the mentor's sites.
/// - A **site's** feed: every in-person session held there and its open houses; no family names.
///
/// Event UIDs never depend on editable text. A session's UID is its group id, its month and its
/// ordinal within the month (`M07-TU1800-lincoln-202609-1-p@enlace`): a session that a blackout
/// moves within its month (the only way the spec moves sessions) keeps its UID and is published
/// as changed. An open house's UID is its site, date and ordinal on that date.
public struct FeedPlanner: Sendable {
    public let program: Program
    public let schedule: Schedule
    public let catalog: TranslationCatalog
    private let sites: [SiteID: Site]
    private let mentors: [MentorID: Mentor]
    private let parents: [ParentID: Parent]
    private let openHouses: [SiteID: [(OpenHouse, key: String)]]
    private let sessionKeys: [String: [(Session, key: String)]]
    /// Each group's stints, by group id.
    private let stints: [GroupID: [Membership]]

    /// A planner for one run of one program.
    public init(program: Program, schedule: Schedule, catalog: TranslationCatalog) {
        self.program = program
        self.schedule = schedule
        self.catalog = catalog
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
            (group.id, Self.keyed(group.sessions.map { Session(start: $0.start, end: $0.end) }, date: \.date, dayKey: false))
        }, uniquingKeysWith: { a, _ in a })
    }

    /// Every feed: parents, then mentors, then sites, each by id.
    ///
    /// A parent's feed plans every session of every stint they had (held sessions are published
    /// as they were: `FeedHistory.merge` keeps what was published and never adds the past) and
    /// their group's sessions from now on.
    ///
    /// - Complexity: O(parents × sessions per group + mentors × their sessions + open houses).
    public func plan() -> [PlannedFeed] {
        var stintsOfParent: [ParentID: [Membership]] = [:]
        var groupsOfMentor: [MentorID: [ScheduledGroup]] = [:]
        var groupsAtSite: [SiteID: [ScheduledGroup]] = [:]
        for group in schedule.groups where mentors[group.mentor] != nil {
            groupsOfMentor[group.mentor, default: []].append(group)
            if group.mode == .inPerson, let site = group.site { groupsAtSite[site, default: []].append(group) }
        }
        for stint in schedule.memberships { stintsOfParent[stint.parent, default: []].append(stint) }
        // Session and open-house texts are the same for every parent of a group (or site) who reads
        // the same language: build them once.
        var sessionCache: [String: [EventContent]] = [:]
        var houseCache: [String: [EventContent]] = [:]
        var feeds: [PlannedFeed] = []
        feeds.reserveCapacity(program.parents.count + program.mentors.count + program.sites.count)
        for parent in program.parents {
            let owner = FeedOwner(kind: .parent, id: parent.id.rawValue)
            let strings = catalog.strings(for: parent.preferredLanguage)
            var events: [EventContent] = []
            for stint in stintsOfParent[parent.id] ?? [] {
                guard let group = schedule.group(stint.group) else { continue }
                let cacheKey = group.id + "\u{0}" + strings.language
                let sessions = sessionCache[cacheKey] ?? parentSessions(group, strings)
                sessionCache[cacheKey] = sessions
                events += sessions.filter { stint.covers(LocalDateTime(minutes: $0.start)) }
            }
            let houseKey = parent.site.rawValue + "\u{0}" + strings.language
            let houses = houseCache[houseKey] ?? openHouseEvents(at: [parent.site], strings, tag: .parent)
            houseCache[houseKey] = houses
            events += houses
            feeds.append(PlannedFeed(owner: owner, strings: strings, name: strings.text("calendar_parent"), events: sorted(events)))
        }
        // Mentors of a site who read one language see the same open houses: build them once.
        var mentorHouses: [String: [EventContent]] = [:]
        for mentor in program.mentors {
            let strings = catalog.strings(for: mentor.languages.first)
            var events = (groupsOfMentor[mentor.id] ?? []).flatMap { mentorSessions($0, strings) }
            for site in mentor.sites {
                let key = site.rawValue + "\u{0}" + strings.language
                let houses = mentorHouses[key] ?? openHouseEvents(at: [site], strings, tag: .mentor)
                mentorHouses[key] = houses
                events += houses
            }
            feeds.append(PlannedFeed(owner: FeedOwner(kind: .mentor, id: mentor.id.rawValue), strings: strings,
                                     name: strings.text("calendar_mentor"), events: sorted(events)))
        }
        for site in program.sites {
            // Sites have no language of their own; their feeds are read by staff, in English.
            let strings = catalog.strings(for: nil)
            var events = (groupsAtSite[site.id] ?? []).flatMap { siteSessions($0, strings) }
            events += openHouseEvents(at: [site.id], strings, tag: .site)
            feeds.append(PlannedFeed(owner: FeedOwner(kind: .site, id: site.id.rawValue), strings: strings,
                                     name: strings.text("calendar_site", ["site": site.name]), events: sorted(events)))
        }
        return feeds
    }

    // MARK: Events of each kind

    private func parentSessions(_ group: ScheduledGroup, _ strings: FeedStrings) -> [EventContent] {
        let mentorName = mentors[group.mentor].map { GivenName.of($0.name, languages: $0.languages) } ?? group.mentor.rawValue
        let summary = strings.text("session_title", ["mentor": mentorName])
        var lines = [strings.text("about_program"), ""]
        let link = meetingLink(group)
        if let link {
            lines += [strings.text("bring_virtual"), "", strings.text("join_online", ["url": link])]
        } else {
            lines += [strings.text("bring_in_person"), "", strings.text("where", ["place": place(group, strings)])]
        }
        return events(of: group, tag: .parent, summary: summary, description: lines.joined(separator: "\n"),
                      link: link, strings: strings)
    }

    private func mentorSessions(_ group: ScheduledGroup, _ strings: FeedStrings) -> [EventContent] {
        let members = (stints[group.id] ?? []).filter { $0.until == nil }.compactMap { parents[$0.parent] }
        let names = members.map { GivenName.of($0.name, languages: $0.languages) }.joined(separator: ", ")
        let summary = strings.text("mentor_session_title", ["place": group.mode == .virtual ? strings.text("place_online") : siteName(group)])
        let link = meetingLink(group)
        var lines = [strings.text("group_parents", ["count": String(members.count), "names": names])]
        lines.append(link.map { strings.text("join_online", ["url": $0]) } ?? strings.text("where", ["place": place(group, strings)]))
        lines.append(strings.text("group_id", ["group": group.id]))
        return events(of: group, tag: .mentor, summary: summary, description: lines.joined(separator: "\n"),
                      link: link, strings: strings)
    }

    private func siteSessions(_ group: ScheduledGroup, _ strings: FeedStrings) -> [EventContent] {
        let mentor = mentors[group.mentor]!
        let first = GivenName.of(mentor.name, languages: mentor.languages)
        let count = (stints[group.id] ?? []).filter { $0.until == nil && parents[$0.parent] != nil }.count
        return events(of: group, tag: .site, summary: strings.text("site_session_title", ["mentor": first]),
                      description: strings.text("site_session_description", ["mentor": first, "count": String(count)]),
                      link: nil, strings: strings)
    }

    private func events(of group: ScheduledGroup, tag: FeedKind, summary: String, description: String,
                        link: String?, strings: FeedStrings) -> [EventContent] {
        let location = link ?? place(group, strings)
        return (sessionKeys[group.id] ?? []).map { session, key in
            EventContent(uid: Self.uid(group.id, key, tag), start: session.start, end: session.end, summary: summary,
                         description: description, location: location, meetingURL: link,
                         meetingLabel: link == nil ? nil : strings.text("join_label"))
        }
    }

    private func openHouseEvents(at siteIDs: [SiteID], _ strings: FeedStrings, tag: FeedKind) -> [EventContent] {
        siteIDs.flatMap { id -> [EventContent] in
            guard let site = sites[id] else { return [] }
            let summary = strings.text("open_house_title", ["site": site.name])
            return (openHouses[id] ?? []).map { house, key in
                EventContent(uid: Self.uid("openhouse-" + id.rawValue, key, tag), start: house.start, end: house.end,
                             summary: summary,
                             description: strings.text("open_house_description", ["site": site.name, "title": house.title]),
                             location: Self.address(of: site))
            }
        }
    }

    // MARK: Places, links and UIDs

    private func siteName(_ group: ScheduledGroup) -> String {
        group.site.flatMap { sites[$0]?.name } ?? group.site?.rawValue ?? ""
    }

    private func place(_ group: ScheduledGroup, _ strings: FeedStrings) -> String {
        guard group.mode == .inPerson, let id = group.site else { return strings.text("place_online") }
        return sites[id].map(Self.address(of:)) ?? id.rawValue
    }

    /// `Name, address` (or the name alone).
    static func address(of site: Site) -> String {
        guard let address = site.address?.trimmingSpaces(), !address.isEmpty else { return site.name }
        return site.name + ", " + address
    }

    /// The online meeting link of a virtual group: `virtual_meeting_url` with `{group}` and
    /// `{mentor}` replaced by the (percent-encoded) ids.
    func meetingLink(_ group: ScheduledGroup) -> String? {
        guard group.mode == .virtual else { return nil }
        return program.settings.virtualMeetingURL
            .replacingAll("{group}", with: Self.percentEncoded(group.id))
            .replacingAll("{mentor}", with: Self.percentEncoded(group.mentor.rawValue))
    }

    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// `BASE-KEY-TAG@enlace`, with anything outside `[A-Za-z0-9._-]` percent-encoded so that
    /// ids with spaces or accents still give a plain UID.
    static func uid(_ base: String, _ key: String, _ kind: FeedKind) -> String {
        percentEncoded(base) + "-" + key + "-" + kind.uidTag + "@enlace"
    }

    /// Each element with its date key: `YYYYMM-n` (n-th in its month) for sessions, or
    /// `YYYYMMDD-n` (n-th on its day) for open houses.
    private static func keyed<T>(_ items: [T], date: (T) -> LocalDate, dayKey: Bool) -> [(T, key: String)] {
        var counts: [String: Int] = [:]
        return items.map { item in
            let (y, m, d) = date(item).components
            var stem = String(y) + (m < 10 ? "0" : "") + String(m)
            if dayKey { stem += (d < 10 ? "0" : "") + String(d) }
            counts[stem, default: 0] += 1
            return (item, stem + "-" + String(counts[stem]!))
        }
    }

    private func sorted(_ events: [EventContent]) -> [EventContent] {
        events.sorted { ($0.start, $0.uid) < ($1.start, $1.uid) }
    }
}
