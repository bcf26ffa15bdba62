import EnlaceCore
import EnlacePlugins
import EnlaceSolver

/// The rules of spec section 4 written directly against the data, without the plugin API: the
/// oracle that tests compare the plugin-built `MatchModel` with, and the baseline of the plugin
/// overhead benchmark (`enlace-bench model`, Benchmarks/plugin-overhead.sh). Not used by `enlace match`.
public enum DirectReference {
    /// What `MatchModel` computes from the built-in plugins: group ids, fits, pair and group weights.
    public struct Tables: Equatable, Sendable {
        public let groupIDs: [String]
        public let fits: [[Int32]]
        public let pairWeights: [[Int32]]
        public let groupWeight: [Int]
    }

    /// The tables for `program`, by the spec's rules called directly.
    public static func tables(program: Program, previousMentor: [Int?]? = nil) -> Tables {
        let previous = previousMentor ?? Array(repeating: nil, count: program.parents.count)
        let weights = program.settings.weights
        let generated = CandidateGenerator(program: program, blocked: program.blackouts).generate()
        let groups = generated.filter { group in
            let mentor = program.mentors[group.mentor]
            guard mentor.modes.contains(group.mode) else { return false }
            guard group.isOpenHouse else { return true }
            return mentor.attendsOpenHouses || group.sessions.allSatisfy { mentor.availability.contains(start: $0.start, end: $0.end) }
        }
        var codes: [String: Int] = [:]
        func code(_ tag: LanguageTag) -> Int {
            if let c = codes[tag.primary] { return c }
            codes[tag.primary] = codes.count
            return codes.count - 1
        }
        let parentLanguages = program.parents.map { $0.languages.map(code) }
        let mentorLanguages = program.mentors.map { Set($0.languages.map(code)) }
        var topicCodes: [TopicID: Int32] = [:]
        func topic(_ id: TopicID) -> Int32 {
            if let known = topicCodes[id] { return known }
            topicCodes[id] = Int32(topicCodes.count)
            return Int32(topicCodes.count - 1)
        }
        let parentTopics = program.parents.map { Array(Set($0.topics.map(topic))) }
        let mentorTopics = program.mentors.map { Array(Set($0.topics.map(topic))).sorted() }
        let availability = program.parents.map(\.availability)
        let attends = program.parents.map(\.attendsOpenHouses)
        let modes = program.parents.map(\.modes)
        let preferred = parentLanguages.map { $0[0] }
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
        var fits: [[Int32]] = []
        var pairWeights: [[Int32]] = []
        for (g, group) in groups.enumerated() {
            var fit: [Int32] = []
            for language in mentorLanguages[group.mentor].sorted() {
                let bucket = group.site.map { byLanguageSite[language]?[$0] ?? [] } ?? byLanguage[language] ?? []
                for p in bucket where stamp[Int(p)] != g {
                    stamp[Int(p)] = g
                    guard modes[Int(p)].contains(group.mode) else { continue }
                    let fits: Bool = switch group.timing {
                    case .weekly(let day, let start): availability[Int(p)].contains(day: day, from: start, to: start + minutes)
                    case .openHouse: attends[Int(p)] || group.sessions.allSatisfy { availability[Int(p)].contains(start: $0.start, end: $0.end) }
                    }
                    if fits { fit.append(p) }
                }
            }
            fit.sort()
            fits.append(fit)
            pairWeights.append(fit.map { p32 in
                let p = Int(p32), mentor = group.mentor
                var total = weights.matched
                if mentorLanguages[mentor].contains(preferred[p]) { total += weights.preferredLanguage }
                if group.isOpenHouse { total += weights.openHouse }
                if weights.sharedTopic != 0 && !parentTopics[p].isEmpty {
                    var shared = 0
                    for code in parentTopics[p] where mentorTopics[mentor].contains(code) { shared += 1 }
                    total += min(shared, weights.sharedTopicCap) * weights.sharedTopic
                }
                if previous[p] == mentor { total += weights.continuity }
                return Int32(total)
            })
        }
        return Tables(groupIDs: groups.map(\.id), fits: fits, pairWeights: pairWeights,
                      groupWeight: groups.map { _ in weights.group })
    }
}

extension MatchModel {
    /// The same tables as `DirectReference.tables`, read off this model.
    public var tables: DirectReference.Tables {
        DirectReference.Tables(groupIDs: groups.map(\.id), fits: fits, pairWeights: pairWeights, groupWeight: groupWeight)
    }
}

extension MatchModel {
    /// The model with the built-in plugins and their defaults (spec section 4 exactly), for tests
    /// and benchmarks.
    ///
    /// - Parameter previous: each parent's mentor in the previous run (for the continuity term).
    public init(program: Program, previous: [ParentID: MentorID] = [:]) {
        do {
            try self.init(program: program, rules: RuleSet.builtIn(program: program, previousMentor: MatchModel.previousIndices(program, previous)))
        } catch {
            preconditionFailure("a built-in plugin broke the plugin contract: \(error)")
        }
    }
}
