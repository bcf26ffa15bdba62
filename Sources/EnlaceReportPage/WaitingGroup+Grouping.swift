import EnlaceCore

extension WaitingGroup {
    /// The waiting families of a run grouped by need: largest groups first, then by need, language
    /// and school.
    ///
    /// - Parameters:
    ///   - waiting: the run's unmatched families.
    ///   - reasons: each one's cause, from the model of the latest run; a family without one is
    ///     treated as kept out by full groups.
    ///   - program: the program as last imported (the families' answers, the mentors' languages).
    /// - Complexity: O(waiting families × their windows + mentors × languages), with hashing.
    public static func grouped(waiting: [ParentID], reasons: [ParentID: WaitingReason], program: Program) -> [WaitingGroup] {
        let parents = Dictionary(program.parents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let siteNames = Dictionary(program.sites.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var speakers = SpeakerCount(program.mentors)
        var groups: [Key: WaitingGroup] = [:]
        for id in waiting.sorted() {
            guard let parent = parents[id] else {
                groups[Key(need: .notImported, languages: [], site: nil),
                       default: WaitingGroup(need: .notImported, languages: [], sites: [], parents: [], ruleReason: nil)]
                    .parents.append(id)
                continue
            }
            let languages = primaries(parent.languages)
            let need = need(of: parent, reason: reasons[id], speakers: speakers.count(languages))
            let site = siteNames[parent.site] ?? parent.site.rawValue
            let key = Key(need: need, languages: languages, site: need.reachesEverySchool ? nil : site)
            let example = if case .rule = need { reasons[id]?.reasons.first } else { String?.none }
            groups[key, default: WaitingGroup(need: need, languages: languages, sites: [], parents: [], ruleReason: example)].add(id, site: site)
        }
        return groups.values.sorted { a, b in
            if a.parents.count != b.parents.count { return a.parents.count > b.parents.count }
            if a.need.rank != b.need.rank { return a.need.rank < b.need.rank }
            if a.languages != b.languages { return a.languages.lexicographicallyPrecedes(b.languages) }
            if a.sites != b.sites { return a.sites.lexicographicallyPrecedes(b.sites) }
            return a.parents[0] < b.parents[0]
        }
    }

    private struct Key: Hashable {
        let need: Need
        let languages: [String]
        let site: String?
    }

    private mutating func add(_ parent: ParentID, site: String) {
        parents.append(parent)
        if !sites.contains(site) {
            sites.append(site)
            sites.sort()
        }
    }

    /// The primary subtags of `tags`, each once, in their order.
    static func primaries(_ tags: [LanguageTag]) -> [String] {
        var seen = Set<String>()
        return tags.map(\.primary).filter { seen.insert($0).inserted }
    }

    /// The need of one family from its cause: the built-in rules' causes made specific with the
    /// family's answers; a district rule's with `enlace explain`'s sentence.
    static func need(of parent: Parent, reason: WaitingReason?, speakers: Int) -> Need {
        switch reason?.cause ?? "capacity" {
        case "shared_language":
            return .speaker(speakers: speakers)
        case "meeting_mode":
            return .meetingMode(online: !parent.modes.contains(.inPerson))
        case "same_site":
            return .site
        case "time_fit":
            guard parent.availability.windows.isEmpty else { return .time(.times(DayPart.parts(of: parent.availability))) }
            return .time(parent.attendsOpenHouses ? .openHousesOnly : .noTimes)
        case "capacity":
            return .seats
        case let name:
            return .rule(name: name)
        }
    }
}

/// How many mentors speak at least one of a set of languages, counted once per set.
private struct SpeakerCount {
    private let languagesOfMentors: [Set<String>]
    private var known: [[String]: Int] = [:]

    init(_ mentors: [Mentor]) {
        languagesOfMentors = mentors.map { Set($0.languages.map(\.primary)) }
    }

    mutating func count(_ languages: [String]) -> Int {
        if let count = known[languages] { return count }
        let count = languagesOfMentors.filter { spoken in languages.contains(where: spoken.contains) }.count
        known[languages] = count
        return count
    }
}
