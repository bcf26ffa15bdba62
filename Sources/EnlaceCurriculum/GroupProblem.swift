import EnlaceCore

/// One group's assignment problem (see `TopicAssignment`): its sessions from now on, the topics it
/// may still be taught, what each is worth to its members, and where each may go.
struct GroupProblem {
    let group: ScheduledGroup
    let members: [ParentID]
    /// Indices into `group.sessions` of the sessions from now on, by start.
    let future: [Int]
    /// Topics (indices) taught in the group's held sessions: taught this term already.
    let taughtBefore: Set<Int>
    /// What a session on each topic is worth to the members, by topic index.
    let values: [Int]
    /// The candidate topics in priority order: trained, not yet taught, and worth something or
    /// required (a topic nobody asked for and nobody requires leaves an open conversation).
    let candidates: [Int]
    /// For each candidate, the positions in `future` of the sessions inside its window.
    let eligible: [[Int]]

    /// The problem of `group` for `members`, planning from `now`.
    init(group: ScheduledGroup, members: [ParentID], now: LocalDateTime, rules: CurriculumRules) {
        self.group = group
        self.members = members
        future = group.sessions.indices.filter { group.sessions[$0].start >= now }
        taughtBefore = Set(group.sessions.lazy.filter { $0.start < now }.compactMap { $0.topic.flatMap { rules.index[$0] } })
        values = rules.values(members: members)
        let values = self.values, taughtBefore = self.taughtBefore
        candidates = (rules.trained[group.mentor] ?? [])
            .filter { !taughtBefore.contains($0) && (values[$0] > 0 || rules.topics[$0].required) }
            .sorted { rules.precedes($0, $1, values: values) }
        let dates = future.map { group.sessions[$0].start.date }
        eligible = candidates.map { topic in dates.indices.filter { rules.allows(topic, on: dates[$0]) } }
    }

    /// The topic of each session from now on (parallel to `future`), nil for an open conversation.
    func solve() -> [Int?] {
        let sessionOfCandidate = TopicAssignment.solve(eligible: eligible, sessionCount: future.count)
        var topicAt = [Int?](repeating: nil, count: future.count)
        for (candidate, session) in sessionOfCandidate.enumerated() {
            if let session { topicAt[session] = candidates[candidate] }
        }
        return topicAt
    }

    /// The highest value of the problem without `topic` and without the session at position
    /// `session` of `future` (for explanations: what teaching `topic` there would leave).
    func optimum(without topic: Int?, session: Int?) -> Int {
        var kept: [(topic: Int, sessions: [Int])] = []
        for (candidate, sessions) in zip(candidates, eligible) where candidate != topic {
            let remaining = sessions.compactMap { $0 == session ? nil : ($0 > (session ?? .max) ? $0 - 1 : $0) }
            kept.append((candidate, remaining))
        }
        let count = future.count - (session == nil ? 0 : 1)
        return TopicAssignment.selected(eligible: kept.map(\.sessions), sessionCount: count).reduce(0) { $0 + values[kept[$1].topic] }
    }
}
