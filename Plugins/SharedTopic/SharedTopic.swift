import EnlaceAPI

/// Spec section 4: `shared_topic` points (default 2) for every topic a parent shares with the
/// mentor, counting at most `shared_topic_cap` (default 3) topics per parent.
let plugin = DeclaredPlugin(
    name: "shared_topic", role: .soft,
    summary: "Points for every topic a parent shares with the mentor, up to a cap ([weights] shared_topic, shared_topic_cap).",
    weight: { settings, _ in settings.weights.sharedTopic },
    prepare: { context in Rule(context.program) })

final class Rule: PreparedRule {
    let program: Program
    let weight: Int
    let cap: Int
    let mentorTopics: [Set<TopicID>]
    /// Topics as small integer codes: each parent's distinct topics, each mentor's sorted.
    let parentCodes: [[Int32]]
    let mentorCodes: [[Int32]]
    /// The same as bit sets when the program has at most 64 topics (then nil otherwise):
    /// scoring is one AND and a population count per pair.
    let parentMasks: [UInt64]?
    let mentorMasks: [UInt64]?
    let hooks: RuleHooks = [.pairScore, .scoreCeiling, .scoreKeys]

    init(_ program: Program) {
        self.program = program
        weight = program.settings.weights.sharedTopic
        cap = program.settings.weights.sharedTopicCap
        mentorTopics = program.mentors.map { Set($0.topics) }
        var codes: [TopicID: Int32] = [:]
        func code(_ topic: TopicID) -> Int32 {
            if let known = codes[topic] { return known }
            codes[topic] = Int32(codes.count)
            return Int32(codes.count - 1)
        }
        parentCodes = program.parents.map { Array(Set($0.topics.map(code))) }
        mentorCodes = program.mentors.map { Array(Set($0.topics.map(code))).sorted() }
        if codes.count <= 64 {
            func mask(_ codes: [Int32]) -> UInt64 { codes.reduce(0) { $0 | (1 << UInt64($1)) } }
            parentMasks = parentCodes.map(mask)
            mentorMasks = mentorCodes.map(mask)
        } else {
            parentMasks = nil
            mentorMasks = nil
        }
    }

    private func shared(_ parent: Int, _ mentor: Int) -> [TopicID] {
        var seen = Set<TopicID>()
        return program.parents[parent].topics.filter { mentorTopics[mentor].contains($0) && seen.insert($0).inserted }
    }

    func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
        guard weight != 0, cap > 0 else { return }
        let mentor = mentorCodes[group.mentor]
        guard !mentor.isEmpty else { return }
        if let parentMasks, let mentorMasks {
            let topics = mentorMasks[group.mentor]
            for (i, p) in parents.enumerated() {
                scores[i] += min((parentMasks[Int(p)] & topics).nonzeroBitCount, cap) * weight
            }
            return
        }
        for (i, p) in parents.enumerated() {
            var count = 0
            for topic in parentCodes[Int(p)] where mentor.contains(topic) { count += 1 }
            scores[i] += min(count, cap) * weight
        }
    }

    func scoreCeiling(parent: Int) -> Int { max(0, weight) * max(0, min(cap, parentCodes[parent].count)) }

    /// Parents with one set of topics score alike.
    func scoreKeys() -> [Int32] {
        var keys: [[Int32]: Int32] = [:]
        return parentCodes.map { codes in
            let set = codes.sorted()
            if let known = keys[set] { return known }
            keys[set] = Int32(keys.count)
            return Int32(keys.count - 1)
        }
    }

    func justify(parent: Int, group: CandidateGroup) -> String? {
        let topics = shared(parent, group.mentor)
        guard !topics.isEmpty, weight != 0, cap > 0 else { return nil }
        let points = min(topics.count, cap) * weight
        let counted = topics.count > cap ? ", \(cap) counted" : ""
        let names = topics.map(\.rawValue).joined(separator: ", ")
        return "the parent shares \(topics.count == 1 ? "1 topic" : "\(topics.count) topics") with the mentor (\(names)\(counted)): \(points < 0 ? "\(points)" : "+\(points)") (shared_topic)"
    }
}

@_cdecl("enlace_plugin_SharedTopic") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_SharedTopic_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
