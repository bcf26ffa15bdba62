import EnlaceCore

/// The curriculum rules of one program (spec section 10), prepared once: the topics by index, what
/// each mentor was trained in, and what each family asked for at which rank.
///
/// Topics are numbered in id order (`Program.topics` is sorted by id), so comparing indices compares
/// ids: the last tie rule of the planning.
struct CurriculumRules: Sendable {
    /// A topic a family listed that topics.csv defines, and what it is worth from them.
    struct Request: Sendable {
        let topic: Int
        let weight: Int
    }

    let topics: [Topic]
    let index: [TopicID: Int]
    let settings: CurriculumSettings
    let term: ClosedRange<LocalDate>
    /// Each mentor's trained topics that topics.csv defines, as indices, ascending, once each.
    let trained: [MentorID: [Int]]
    /// Each family's defined topics with their rank weights (a topic listed twice counts at its
    /// first rank).
    let requests: [ParentID: [Request]]
    /// Each family's `topics` as written, for first choices and explanations.
    let asked: [ParentID: [TopicID]]

    init(program: Program) {
        topics = program.topics
        let index = Dictionary(program.topics.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.index = index
        settings = program.settings.curriculum
        term = program.settings.termStart...max(program.settings.termStart, program.settings.termEnd)
        trained = Dictionary(program.mentors.map { mentor in
            (mentor.id, Array(Set(mentor.topics.compactMap { index[$0] })).sorted())
        }, uniquingKeysWith: { first, _ in first })
        let settings = self.settings
        requests = Dictionary(program.parents.map { parent in
            var seen = Set<Int>()
            let list = parent.topics.enumerated().compactMap { rank, id -> Request? in
                guard let topic = index[id], seen.insert(topic).inserted else { return nil }
                return Request(topic: topic, weight: settings.rankWeight(rank + 1))
            }
            return (parent.id, list)
        }, uniquingKeysWith: { first, _ in first })
        asked = Dictionary(program.parents.map { ($0.id, $0.topics) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether topic `topic` may be taught on `date`.
    func allows(_ topic: Int, on date: LocalDate) -> Bool {
        topics[topic].window.contains(date, term: term)
    }

    /// What one session on each topic is worth to a group with these members: `required_weight`
    /// for a required topic plus each member's rank weight, indexed by topic.
    ///
    /// - Complexity: O(topics + the members' requests).
    func values(members: [ParentID]) -> [Int] {
        var values = topics.map { $0.required ? settings.requiredWeight : 0 }
        for member in members {
            for request in requests[member] ?? [] { values[request.topic] += request.weight }
        }
        return values
    }

    /// The order topics are tried in: higher value first, then required topics, then by id.
    func precedes(_ a: Int, _ b: Int, values: [Int]) -> Bool {
        if values[a] != values[b] { return values[a] > values[b] }
        if topics[a].required != topics[b].required { return topics[a].required }
        return a < b
    }
}
