import EnlaceCore

/// The program turned into integer-indexed tables for the solver: candidate groups, who fits
/// which group, and the weight of every fitting parent–group pair.
///
/// Everything is indexed by position in the program's sorted arrays, so that iteration order (and
/// therefore the result) is deterministic.
public struct MatchModel: Sendable {
    public let program: Program
    public let groups: [CandidateGroup]
    /// Candidate group indices of each mentor.
    public let groupsOfMentor: [[Int]]
    /// Parents fitting each group, ascending.
    public let fits: [[Int32]]
    /// Mentor index each parent had in the previous run, if any.
    let previousMentor: [Int?]
    let weights: Weights
    let parentLanguages: [[Int]]
    let mentorLanguages: [Set<Int>]
    let parentTopics: [Set<TopicID>]
    let mentorTopics: [Set<TopicID>]
    /// Primary language subtags, by the integer codes used above.
    let languageNames: [String]

    /// Builds the model.
    ///
    /// - Parameter previous: each parent's mentor in the previous run (for the continuity term).
    /// - Complexity: O(candidate groups × parents of the mentor's languages) to find the fits.
    public init(program: Program, previous: [ParentID: MentorID] = [:]) {
        self.program = program
        weights = program.settings.weights
        var codes: [String: Int] = [:]
        var names: [String] = []
        func code(_ tag: LanguageTag) -> Int {
            if let c = codes[tag.primary] { return c }
            codes[tag.primary] = names.count
            names.append(tag.primary)
            return names.count - 1
        }
        parentLanguages = program.parents.map { $0.languages.map(code) }
        mentorLanguages = program.mentors.map { Set($0.languages.map(code)) }
        languageNames = names
        parentTopics = program.parents.map { Set($0.topics) }
        mentorTopics = program.mentors.map { Set($0.topics) }
        let mentorIndex = Dictionary(uniqueKeysWithValues: program.mentors.enumerated().map { ($1.id, $0) })
        previousMentor = program.parents.map { previous[$0.id].flatMap { mentorIndex[$0] } }
        groups = CandidateGenerator(program: program).generate()
        var byMentor = Array(repeating: [Int](), count: program.mentors.count)
        for (g, group) in groups.enumerated() { byMentor[group.mentor].append(g) }
        groupsOfMentor = byMentor
        fits = MatchModel.findFits(program: program, groups: groups, parentLanguages: parentLanguages,
                                   mentorLanguages: mentorLanguages)
    }

    private static func findFits(program: Program, groups: [CandidateGroup], parentLanguages: [[Int]],
                                 mentorLanguages: [Set<Int>]) -> [[Int32]] {
        let siteIndex = Dictionary(uniqueKeysWithValues: program.sites.enumerated().map { ($1.id, $0) })
        var byLanguage: [Int: [Int32]] = [:]
        var byLanguageSite: [Int: [Int: [Int32]]] = [:]
        for (p, parent) in program.parents.enumerated() {
            for language in Set(parentLanguages[p]) {
                byLanguage[language, default: []].append(Int32(p))
                byLanguageSite[language, default: [:]][siteIndex[parent.site]!, default: []].append(Int32(p))
            }
        }
        let minutes = program.settings.sessionMinutes
        var stamp = Array(repeating: -1, count: program.parents.count)
        return groups.enumerated().map { g, group in
            var fit: [Int32] = []
            for language in mentorLanguages[group.mentor].sorted() {
                let bucket = group.site.map { byLanguageSite[language]?[$0] ?? [] } ?? byLanguage[language] ?? []
                for p in bucket where stamp[Int(p)] != g {
                    stamp[Int(p)] = g
                    if fitsTime(program.parents[Int(p)], group, minutes: minutes) { fit.append(p) }
                }
            }
            fit.sort()
            return fit
        }
    }

    /// Mode and time fit (language and site are settled by the buckets).
    static func fitsTime(_ parent: Parent, _ group: CandidateGroup, minutes: Int) -> Bool {
        guard parent.modes.contains(group.mode) else { return false }
        switch group.timing {
        case .weekly(let weekday, let start):
            return parent.availability.contains(day: weekday, from: start, to: start + minutes)
        case .openHouse:
            return parent.attendsOpenHouses
                || group.sessions.allSatisfy { parent.availability.contains(start: $0.start, end: $0.end) }
        }
    }

    /// The objective's terms for parent `p` in group `g`, by `[weights]` key (spec section 4).
    public func pairTerms(parent p: Int, group g: Int) -> [(key: String, value: Int)] {
        let group = groups[g]
        let preferred = mentorLanguages[group.mentor].contains(parentLanguages[p][0])
        let shared = min(parentTopics[p].intersection(mentorTopics[group.mentor]).count, weights.sharedTopicCap)
        return [("matched", weights.matched),
                ("preferred_language", preferred ? weights.preferredLanguage : 0),
                ("open_house", group.isOpenHouse ? weights.openHouse : 0),
                ("shared_topic", shared * weights.sharedTopic),
                ("continuity", previousMentor[p] == group.mentor ? weights.continuity : 0)]
    }

    /// The weight of parent `p` in group `g`: the sum of `pairTerms`, computed without allocating
    /// (the solver calls it for every fitting pair).
    public func weight(parent p: Int, group g: Int) -> Int {
        let mentor = groups[g].mentor
        var total = weights.matched
        if mentorLanguages[mentor].contains(parentLanguages[p][0]) { total += weights.preferredLanguage }
        if groups[g].isOpenHouse { total += weights.openHouse }
        if weights.sharedTopic != 0 && !parentTopics[p].isEmpty {
            var shared = 0
            for topic in parentTopics[p] where mentorTopics[mentor].contains(topic) { shared += 1 }
            total += min(shared, weights.sharedTopicCap) * weights.sharedTopic
        }
        if previousMentor[p] == mentor { total += weights.continuity }
        return total
    }

    /// The language code's primary subtag (e.g. `vi`).
    func languageName(_ code: Int) -> String { languageNames[code] }
}
