import EnlaceAPI

/// A hand-made district of a few people, for testing one plugin in isolation: add sites, mentors
/// and parents with short calls, then ask a `PluginVerifier` what the plugin decides about them.
///
///     var district = TinyDistrict()
///     district.site("S1", name: "Frontier High")
///     district.mentor("M1", languages: ["es"], sites: ["S1"], modes: [.inPerson], availability: "FR 17:00-21:00")
///     district.parent("P1", languages: ["es"], site: "S1", modes: [.inPerson], availability: "FR 17:00-21:00")
///     let verifier = try PluginVerifier(FridayEvenings(), district: district, parameters: ["sites": .list([.string("S1")])])
///     #expect(!verifier.admits(verifier.weeklyGroup(mentor: "M1", day: .friday, start: "18:00", site: "S1")))
public struct TinyDistrict: Sendable {
    public var settings: ProgramSettings
    public private(set) var sites: [Site] = []
    public private(set) var mentors: [Mentor] = []
    public private(set) var parents: [Parent] = []
    public var openHouses: [OpenHouse] = []
    public var blackouts: Set<LocalDate> = []

    /// A district with the contract's default settings and a 2026–27 term.
    public init(timezone: String = "America/Los_Angeles", termStart: String = "2026-08-17", termEnd: String = "2027-06-11") {
        settings = ProgramSettings(name: "Tiny district", timezone: timezone,
                                   termStart: LocalDate(iso: termStart)!, termEnd: LocalDate(iso: termEnd)!)
    }

    public mutating func site(_ id: String, name: String? = nil, address: String? = nil, attributes: [String: String] = [:]) {
        sites.append(Site(id: SiteID(id), name: name ?? id, address: address, attributes: attributes))
    }

    /// Adds a mentor; `availability` is written as in mentors.csv ("TU 18:00-20:00; SA 09:00-12:00").
    public mutating func mentor(_ id: String, name: String? = nil, languages: [String] = ["es"], sites: [String] = [],
                                modes: Set<MeetingMode> = [.virtual, .inPerson], capacity: Int = 8,
                                availability: String = "TU 18:00-20:00", openHouse: Bool = false,
                                topics: [String] = [], attributes: [String: String] = [:]) {
        mentors.append(Mentor(id: MentorID(id), name: name ?? id, languages: languages.map { LanguageTag($0)! },
                              sites: sites.map(SiteID.init), modes: modes, capacity: capacity,
                              availability: try! Availability(parsing: availability), attendsOpenHouses: openHouse,
                              topics: topics.map(TopicID.init), attributes: attributes))
    }

    /// Adds a parent; `availability` is written as in parents.csv.
    public mutating func parent(_ id: String, name: String? = nil, languages: [String] = ["es"], site: String,
                                modes: Set<MeetingMode> = [.virtual, .inPerson], availability: String = "TU 18:00-20:00",
                                openHouse: Bool = false, topics: [String] = [], attributes: [String: String] = [:]) {
        parents.append(Parent(id: ParentID(id), name: name ?? id, languages: languages.map { LanguageTag($0)! },
                              site: SiteID(site), modes: modes, availability: try! Availability(parsing: availability),
                              attendsOpenHouses: openHouse, topics: topics.map(TopicID.init), attributes: attributes))
    }

    /// The district as the program plugins see (arrays sorted by id).
    public var program: Program {
        Program(settings: settings, sites: sites, mentors: mentors, parents: parents, openHouses: openHouses, blackouts: blackouts)
    }
}

/// Runs one plugin on a `TinyDistrict` and answers the questions the matcher would ask it, the
/// way Timefold's constraint verifier checks one constraint: does it admit this group, this
/// parent in this group, how many points does it give, and what does it say.
public struct PluginVerifier {
    public let program: Program
    public let rule: any PreparedRule
    /// Whether the plugin is hard or soft (`justificationMismatches` checks each its way).
    public let role: PluginRole
    /// The groups made so far, by index.
    private(set) var groups: [CandidateGroup] = []

    /// Prepares `plugin` with `parameters` (checked against its declarations; missing ones take
    /// their defaults) and `previous` mentors (parent id → mentor id) for continuity-like rules.
    public init(_ plugin: any ConstraintPlugin, district: TinyDistrict, parameters: [String: ParameterValue] = [:],
                previous: [String: String] = [:]) throws {
        program = district.program
        role = plugin.role
        var values: [String: ParameterValue] = [:]
        for spec in plugin.parameters { values[spec.name] = spec.defaultValue }
        for (name, value) in parameters {
            guard let spec = plugin.parameters.first(where: { $0.name == name }) else {
                throw PluginError("\(plugin.name) declares no parameter \"\(name)\"")
            }
            guard spec.accepts(value) else {
                let article = "aeiou".contains(spec.kind.rawValue.first!) ? "an" : "a"
                throw PluginError("\(plugin.name).\(name) must be \(article) \(spec.kind.rawValue), not \(value)")
            }
            values[name] = value
        }
        let mentorIndex = Dictionary(uniqueKeysWithValues: program.mentors.enumerated().map { ($1.id.rawValue, $0) })
        let previousMentor = program.parents.map { previous[$0.id.rawValue].flatMap { mentorIndex[$0] } }
        rule = try plugin.prepare(PluginContext(program: program, parameters: PluginParameters(values), previousMentor: previousMentor))
    }

    /// A weekly candidate group of mentor `mentor` meeting on `day` at `start` ("HH:MM"), in person
    /// at `site` or virtual when `site` is nil; its one session is the first such day of the term.
    public mutating func weeklyGroup(mentor: String, day: Weekday, start: String, site: String? = nil) -> CandidateGroup {
        let parts = start.split(separator: ":").compactMap { Int($0) }
        let minute = parts[0] * 60 + parts[1]
        var date = program.settings.termStart
        while date.weekday != day { date = date.adding(days: 1) }
        let begin = LocalDateTime(date: date, minuteOfDay: minute)
        return add(mentor: mentor, timing: .weekly(weekday: day, start: minute), site: site,
                   sessions: [Session(start: begin, end: begin.adding(minutes: program.settings.sessionMinutes))],
                   id: "\(mentor)-\(day.code)\(start.filter { $0 != ":" })-\(site ?? "virtual")")
    }

    /// An open-house group of `mentor` at `site` whose sessions are `sessions`.
    public mutating func openHouseGroup(mentor: String, site: String, sessions: [Session]) -> CandidateGroup {
        add(mentor: mentor, timing: .openHouse, site: site, sessions: sessions, id: "\(mentor)-openhouse-\(site)")
    }

    private mutating func add(mentor: String, timing: CandidateGroup.Timing, site: String?, sessions: [Session], id: String) -> CandidateGroup {
        let m = program.mentors.firstIndex { $0.id.rawValue == mentor }!
        let s = site.map { site in program.sites.firstIndex { $0.id.rawValue == site }! }
        let group = CandidateGroup(index: groups.count, mentor: m, timing: timing, mode: site == nil ? .virtual : .inPerson,
                                   site: s, sessions: sessions, id: id)
        groups.append(group)
        return group
    }

    func parentIndex(_ id: String) -> Int { program.parents.firstIndex { $0.id.rawValue == id }! }

    /// Whether the rule lets `group` exist (its group filter).
    public func admits(_ group: CandidateGroup) -> Bool {
        !rule.hooks.contains(.groupFilter) || rule.admits(group)
    }

    /// Whether the rule lets parent `parent` (id) join `group` (its pair keys and pair filter).
    public func admits(parent: String, into group: CandidateGroup) -> Bool {
        admits(parentIndex(parent), into: group, index: pairIndex())
    }

    /// The rule's keys for the groups made so far (nil without `.pairIndex`).
    func pairIndex() -> PairIndex? { rule.hooks.contains(.pairIndex) ? rule.pairIndex(groups: groups) : nil }

    /// Whether the rule lets parent `p` (index) join `group`, given its keys `index`.
    func admits(_ p: Int, into group: CandidateGroup, index: PairIndex?) -> Bool {
        if let index, let keys = index.groupKeys[group.index], !index.parentKeys[p].contains(where: keys.contains) {
            return false
        }
        if rule.hooks.contains(.pairFilter) {
            var one: [Int32] = [Int32(p)]
            rule.filter(&one, in: group)
            return !one.isEmpty
        }
        return true
    }

    /// The rule's points for `parent` (id) in `group`.
    public func score(parent: String, in group: CandidateGroup) -> Int {
        guard rule.hooks.contains(.pairScore) else { return 0 }
        var scores = [0]
        rule.score([Int32(parentIndex(parent))], in: group, into: &scores)
        return scores[0]
    }

    /// The rule's points for opening `group`.
    public func score(_ group: CandidateGroup) -> Int { rule.hooks.contains(.groupScore) ? rule.score(group) : 0 }

    /// Where the rule's score keys (`.scoreKeys`) break their promise: for each group made so far,
    /// two parents the rule lets in with one key but different points there, as sentences naming
    /// both parents and the group. Empty when the keys keep their promise, or without the hook.
    public func scoreKeyConflicts() -> [String] {
        guard rule.hooks.contains(.pairScore), rule.hooks.contains(.scoreKeys) else { return [] }
        let keys = rule.scoreKeys()
        guard keys.count == program.parents.count else {
            return ["scoreKeys() gave keys for \(keys.count) parents; the district has \(program.parents.count)"]
        }
        let index = pairIndex()
        var conflicts: [String] = []
        for group in groups {
            let fitting = program.parents.indices.filter { admits($0, into: group, index: index) }.map { Int32($0) }
            guard !fitting.isEmpty else { continue }
            var scores = Array(repeating: 0, count: fitting.count)
            rule.score(fitting, in: group, into: &scores)
            var firstWithKey: [Int32: Int] = [:]
            for (i, p) in fitting.enumerated() {
                guard let j = firstWithKey[keys[Int(p)]] else {
                    firstWithKey[keys[Int(p)]] = i
                    continue
                }
                if scores[j] != scores[i] {
                    conflicts.append("\(id(fitting[j])) and \(id(p)) share score key \(keys[Int(p)]) but get \(scores[j]) and \(scores[i]) points in \(group.id)")
                }
            }
        }
        return conflicts
    }

    /// The rule's sentence about `parent` (id) in `group`.
    public func justification(parent: String, group: CandidateGroup) -> String? { rule.justify(parent: parentIndex(parent), group: group) }

    /// The rule's sentence about `group`.
    public func justification(group: CandidateGroup) -> String? { rule.justify(group: group) }

    /// The rule's limits (Int.max when it sets none).
    public func groupSize(_ group: CandidateGroup) -> Int { rule.hooks.contains(.groupSize) ? rule.groupSize(group) : .max }
    public func capacity(ofMentor id: String) -> Int {
        rule.hooks.contains(.mentorCapacity) ? rule.capacity(ofMentor: program.mentors.firstIndex { $0.id.rawValue == id }!) : .max
    }
    public func maxGroups(ofMentor id: String) -> Int {
        rule.hooks.contains(.groupsPerMentor) ? rule.maxGroups(ofMentor: program.mentors.firstIndex { $0.id.rawValue == id }!) : .max
    }
    public func conflict(_ a: CandidateGroup, _ b: CandidateGroup) -> Bool { rule.hooks.contains(.conflicts) && rule.conflict(a, b) }
    public func blockedDays() -> [LocalDate] { rule.hooks.contains(.blockedDays) ? rule.blockedDays() : [] }

    /// The pairs of parents the rule keeps apart (`.parentsApart`), as ids, each pair once and
    /// sorted (empty without the hook).
    public func keptApart() -> [[String]] {
        guard rule.hooks.contains(.parentsApart) else { return [] }
        return Set(rule.parentsApart()).sorted().map { [id($0.first), id($0.second)] }
    }

    /// The points the rule gives pairs of parents who share a group (`.parentsTogether`), by pair of
    /// ids (a pair named twice adds up; empty without the hook).
    public func together() -> [[String]: Int] {
        guard rule.hooks.contains(.parentsTogether) else { return [:] }
        var points: [[String]: Int] = [:]
        for item in rule.parentsTogether() { points[[id(item.pair.first), id(item.pair.second)], default: 0] += item.points }
        return points
    }

    /// The rule's sentence on why `parent` may not share a group with `other` (ids).
    public func justification(parent: String, apartFrom other: String) -> String? {
        rule.justify(parent: parentIndex(parent), apartFrom: parentIndex(other))
    }

    /// The rule's sentence on what sharing a group with `other` adds for `parent` (ids).
    public func justification(parent: String, together other: String) -> String? {
        rule.justify(parent: parentIndex(parent), together: parentIndex(other))
    }

    private func id(_ p: Int32) -> String { program.parents[Int(p)].id.rawValue }
}
