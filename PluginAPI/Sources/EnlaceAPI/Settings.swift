/// How often a weekly group meets within a month.
public enum Cadence: String, CaseIterable, Sendable, Codable {
    /// The first occurrence of the weekday in each month.
    case monthly
    /// The first and third occurrences.
    case biweekly
    /// Every occurrence.
    case weekly
}

/// Where an open-house-anchored session sits relative to the open house.
public enum AnchorPosition: String, CaseIterable, Sendable, Codable {
    /// The session starts when the open house ends.
    case after
    /// The session ends when the open house starts.
    case before
}

/// The weights of the objective's terms (spec section 4). Integers keep scores exact.
public struct Weights: Hashable, Sendable, Codable {
    /// Points for every parent in a group; always positive (the settings reader refuses less).
    public var matched = 100
    /// Points for every parent whose preferred language the mentor speaks.
    public var preferredLanguage = 10
    /// Points for every parent in an open-house group.
    public var openHouse = 15
    /// Points for every topic a parent shares with the mentor…
    public var sharedTopic = 2
    /// …counting at most this many topics per parent (never negative).
    public var sharedTopicCap = 3
    /// Points for every parent kept with the mentor of the previous run.
    public var continuity = 50
    /// Points, beyond continuity, for every parent kept in the very same group as in the previous
    /// run (same mentor, kind, mode, site, weekday and start).
    public var sameGroup = 30
    /// Points for every group (negative: fewer, fuller groups are preferred).
    public var group = -20

    public init() {}

    /// The `[weights]` keys of `enlace.toml`, in the order the spec lists them.
    public static let keys = ["matched", "preferred_language", "open_house", "shared_topic",
                              "shared_topic_cap", "continuity", "same_group", "group"]

    /// The weight for a `[weights]` key.
    public subscript(key: String) -> Int? {
        get {
            switch key {
            case "matched": matched
            case "preferred_language": preferredLanguage
            case "open_house": openHouse
            case "shared_topic": sharedTopic
            case "shared_topic_cap": sharedTopicCap
            case "continuity": continuity
            case "same_group": sameGroup
            case "group": group
            default: nil
            }
        }
        set {
            guard let value = newValue else { return }
            switch key {
            case "matched": matched = value
            case "preferred_language": preferredLanguage = value
            case "open_house": openHouse = value
            case "shared_topic": sharedTopic = value
            case "shared_topic_cap": sharedTopicCap = value
            case "continuity": continuity = value
            case "same_group": sameGroup = value
            case "group": group = value
            default: break
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case matched, preferredLanguage = "preferred_language", openHouse = "open_house",
             sharedTopic = "shared_topic", sharedTopicCap = "shared_topic_cap", continuity,
             sameGroup = "same_group", group
    }
}

/// A plugin parameter value as written in `[plugins.NAME]`.
public enum ParameterValue: Hashable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case integer(Int)
    case double(Double)
    case string(String)
    case list([ParameterValue])

    public var description: String {
        switch self {
        case .bool(let value): String(value)
        case .integer(let value): String(value)
        case .double(let value): String(value)
        case .string(let value): "\"\(value)\""
        case .list(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// The language of the coordinator's report (`report_language`, spec section 13).
public enum ReportLanguage: String, CaseIterable, Sendable, Codable {
    /// English.
    case en
    /// Spanish.
    case es
}

/// `[curriculum]` of `enlace.toml` (spec section 10): what a session's topic is worth.
public struct CurriculumSettings: Hashable, Sendable {
    /// Points for a topic by the rank a member gave it: the first number for the topic a family
    /// listed first, and so on; ranks past the end are worth the last number. Never empty, no
    /// number negative.
    public var rankWeights = [5, 4, 3, 2, 1]
    /// Points for a session whose topic is required (never negative).
    public var requiredWeight = 1000

    public init() {}

    /// The points of a topic a member listed at `rank` (1 = first).
    public func rankWeight(_ rank: Int) -> Int {
        rankWeights[min(max(rank, 1), rankWeights.count) - 1]
    }
}

/// `[participation]` of `enlace.toml` (spec section 11).
public struct ParticipationSettings: Hashable, Sendable {
    /// Fewest minutes in a video meeting that count as attending it virtually (1…600).
    public var minVirtualMinutes = 15

    public init() {}
}

/// The program's settings from `enlace.toml` (spec section 5), validated.
public struct ProgramSettings: Hashable, Sendable {
    public var name: String
    /// IANA time zone name, e.g. `America/Los_Angeles`.
    public var timezone: String
    public var termStart: LocalDate
    public var termEnd: LocalDate
    /// Session length D, in minutes.
    public var sessionMinutes = 60
    /// The slot grid step, in minutes counted from 00:00.
    public var slotStepMinutes = 30
    /// Largest group size G.
    public var maxGroupSize = 8
    /// Most groups per mentor K.
    public var maxGroupsPerMentor = 2
    public var cadence = Cadence.monthly
    public var anchor = AnchorPosition.after
    public var weights = Weights()
    /// `[plugins.NAME]` tables, by plugin name then parameter name.
    public var plugins: [String: [String: ParameterValue]] = [:]
    /// Template of the virtual meeting link; `{group}` and `{mentor}` are replaced.
    public var virtualMeetingURL = "https://meet.example.org/enlace/{group}"
    /// Prefix of subscribe links: a feed's URL is this plus `TOKEN.ics`.
    public var feedBaseURL = "https://feeds.example.org/feeds/"
    /// The coordinator families call or write to, nil when not set; like every text setting, one
    /// line without control or bidirectional formatting characters (the settings reader checks).
    public var coordinatorName: String?
    /// The coordinator's phone number as families should dial it, nil when not set.
    public var coordinatorPhone: String?
    /// The coordinator's email address (`local@domain`), nil when not set; the ORGANIZER of feed
    /// events when set.
    public var coordinatorEmail: String?
    /// The language of `out/report.html`.
    public var reportLanguage = ReportLanguage.en
    public var curriculum = CurriculumSettings()
    public var participation = ParticipationSettings()

    /// Settings with every default; name, time zone and term are required.
    public init(name: String, timezone: String, termStart: LocalDate, termEnd: LocalDate) {
        self.name = name
        self.timezone = timezone
        self.termStart = termStart
        self.termEnd = termEnd
    }

    /// Every key `enlace.toml` may hold at its top level.
    public static let keys = ["name", "timezone", "term_start", "term_end", "session_minutes",
                              "slot_step_minutes", "max_group_size", "max_groups_per_mentor",
                              "cadence", "anchor", "weights", "plugins", "virtual_meeting_url",
                              "feed_base_url", "curriculum", "participation", "coordinator_name",
                              "coordinator_phone", "coordinator_email", "report_language"]

    /// The keys of `[curriculum]`.
    public static let curriculumKeys = ["rank_weights", "required_weight"]
    /// The keys of `[participation]`.
    public static let participationKeys = ["min_virtual_minutes"]
}
