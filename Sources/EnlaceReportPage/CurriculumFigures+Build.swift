import EnlaceCore

extension CurriculumFigures {
    /// Demand against coverage per topic, counted as `out/topic-demand.csv` counts it (spec section
    /// 10); nil when the program has no `data/topics.csv`.
    ///
    /// `asked` and `askedFirst` count the families of the program who listed the topic (first);
    /// `membersCovered` those of them for whom a session on it was held (by the run's moment) or is
    /// planned for their group; `groupsTeaching` the groups with a session on it.
    ///
    /// - Parameters:
    ///   - language: the report's language, for the topics' titles (`title@TAG` of topics.csv).
    ///   - requiredMissing: the required topics the run could not fit, by id (`Schedule.curriculum`);
    ///     nil when the run does not say.
    /// - Complexity: O(parents × topics listed + sessions × their families), with hashing.
    public init?(program: Program, schedule: Schedule, language: LanguageTag, requiredMissing: [TopicID]? = nil) {
        guard !program.topics.isEmpty else { return nil }
        var asked: [TopicID: Int] = [:], first: [TopicID: Int] = [:]
        var listed: [ParentID: Set<TopicID>] = [:]
        for parent in program.parents {
            let topics = Set(parent.topics)
            listed[parent.id] = topics
            for topic in topics { asked[topic, default: 0] += 1 }
            if let topic = parent.topics.first { first[topic, default: 0] += 1 }
        }
        var covered: [TopicID: Set<ParentID>] = [:], teaching: [TopicID: Set<GroupID>] = [:]
        let stints = schedule.stintsByGroup, members = schedule.membersByGroup
        for group in schedule.groups {
            for session in group.sessions {
                guard let topic = session.topic else { continue }
                teaching[topic, default: []].insert(group.id)
                let families = schedule.isHeld(session) ? schedule.parents(of: session, stints: stints[group.id] ?? []) : members[group.id] ?? []
                for family in families where listed[family]?.contains(topic) == true { covered[topic, default: []].insert(family) }
            }
        }
        let titles = Dictionary(program.topics.map { ($0.id, $0.title(in: language)) }, uniquingKeysWith: { a, _ in a })
        let requiredIDs = Set(program.topics.filter(\.required).map(\.id))
        let undefined = Set(asked.keys).subtracting(titles.keys).sorted()
        self.init(topics: (program.topics.map(\.id) + undefined).map { id in
                      Topic(id: id.rawValue, title: titles[id] ?? id.rawValue, required: requiredIDs.contains(id), asked: asked[id] ?? 0,
                            askedFirst: first[id] ?? 0, membersCovered: covered[id]?.count ?? 0, groupsTeaching: teaching[id]?.count ?? 0)
                  },
                  requiredMissing: requiredMissing.map { $0.map { titles[$0] ?? $0.rawValue } })
    }
}
