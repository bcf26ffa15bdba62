/// How a group meets.
public enum MeetingMode: String, CaseIterable, Comparable, Sendable, Codable {
    /// At a site.
    case inPerson = "in_person"
    /// Online, with a meeting link (and a recording).
    case virtual

    public static func < (lhs: MeetingMode, rhs: MeetingMode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A school (or the district office) where in-person meetings and open houses happen.
public struct Site: Hashable, Sendable, Identifiable {
    public let id: SiteID
    /// The name families know, e.g. "Madison Elementary".
    public let name: String
    /// The street address, when given.
    public let address: String?
    /// Columns of `sites.csv` that Enlace does not know, by header name.
    public let attributes: [String: String]

    public init(id: SiteID, name: String, address: String?, attributes: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.address = address
        self.attributes = attributes
    }
}

/// A trained parent mentor. Contact details are not part of this value: they stay in the database.
public struct Mentor: Hashable, Sendable, Identifiable {
    public let id: MentorID
    public let name: String
    /// Languages spoken, in the mentor's order.
    public let languages: [LanguageTag]
    /// Sites where the mentor can meet in person (empty for virtual-only mentors).
    public let sites: [SiteID]
    public let modes: Set<MeetingMode>
    /// Most parents the mentor takes in total (1…100).
    public let capacity: Int
    public let availability: Availability
    /// Whether the mentor goes to the open houses of their sites.
    public let attendsOpenHouses: Bool
    /// Topics the mentor was trained in.
    public let topics: [TopicID]
    /// Columns of `mentors.csv` that Enlace does not know, by header name.
    public let attributes: [String: String]

    public init(id: MentorID, name: String, languages: [LanguageTag], sites: [SiteID],
                modes: Set<MeetingMode>, capacity: Int, availability: Availability,
                attendsOpenHouses: Bool, topics: [TopicID], attributes: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.languages = languages
        self.sites = sites
        self.modes = modes
        self.capacity = capacity
        self.availability = availability
        self.attendsOpenHouses = attendsOpenHouses
        self.topics = topics
        self.attributes = attributes
    }
}

/// A parent or guardian who wants a mentor. Contact details stay in the database.
public struct Parent: Hashable, Sendable, Identifiable {
    public let id: ParentID
    public let name: String
    /// Languages spoken; the first is the preferred one (feeds are written in it).
    public let languages: [LanguageTag]
    /// The site of the child's school.
    public let site: SiteID
    public let modes: Set<MeetingMode>
    public let availability: Availability
    /// Whether the parent goes to the open houses of their site.
    public let attendsOpenHouses: Bool
    /// Topics the parent wants to learn about.
    public let topics: [TopicID]
    /// Columns of `parents.csv` that Enlace does not know, by header name.
    public let attributes: [String: String]

    public init(id: ParentID, name: String, languages: [LanguageTag], site: SiteID,
                modes: Set<MeetingMode>, availability: Availability, attendsOpenHouses: Bool,
                topics: [TopicID], attributes: [String: String] = [:]) {
        self.id = id
        self.name = name
        self.languages = languages
        self.site = site
        self.modes = modes
        self.availability = availability
        self.attendsOpenHouses = attendsOpenHouses
        self.topics = topics
        self.attributes = attributes
    }

    /// The preferred language: the first one listed.
    public var preferredLanguage: LanguageTag { languages[0] }
}

/// One dated occurrence of a district open house at a site, in local time.
public struct OpenHouse: Hashable, Sendable, Comparable {
    public let site: SiteID
    public let start: LocalDateTime
    public let end: LocalDateTime
    /// The event's title in the district calendar.
    public let title: String
    /// The UID of the calendar event it came from (with the occurrence it is, for recurrences).
    public let sourceUID: String

    public init(site: SiteID, start: LocalDateTime, end: LocalDateTime, title: String, sourceUID: String) {
        self.site = site
        self.start = start
        self.end = end
        self.title = title
        self.sourceUID = sourceUID
    }

    /// Open houses are dated by their local start date.
    public var date: LocalDate { start.date }

    public static func < (lhs: OpenHouse, rhs: OpenHouse) -> Bool {
        (lhs.site, lhs.start, lhs.end, lhs.sourceUID) < (rhs.site, rhs.start, rhs.end, rhs.sourceUID)
    }
}
