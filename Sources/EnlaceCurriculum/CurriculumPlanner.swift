import EnlaceCore

/// Gives every group's sessions from now on the topics of the highest value the rules allow (spec
/// section 10): one topic per session or none, each topic at most once per group in a term (held
/// sessions count), only topics the mentor was trained in, only on dates inside the topic's window.
/// Each group is one exact assignment problem (`TopicAssignment`); groups do not interact.
///
/// Held sessions keep their topics: the planner changes only sessions that start at or after the
/// schedule's `now`. Pure: the same program and schedule give the same plan.
public struct CurriculumPlanner: Sendable {
    let rules: CurriculumRules

    /// The planner of `program`: its topics, its mentors' training and its families' requests.
    ///
    /// - Complexity: O(topics + mentors' and parents' topic lists).
    public init(program: Program) {
        rules = CurriculumRules(program: program)
    }

    /// Whether the program has a topics.csv with at least one topic.
    public var hasTopics: Bool { !rules.topics.isEmpty }

    /// `schedule` with a topic (or none) on every session from now on of every group that has
    /// members, and its `curriculum` summary.
    ///
    /// - Complexity: O(Σ over groups of k · |E|) for the assignments (k candidate topics, |E| pairs
    ///   of a topic and a session in its window) plus O(members' requests).
    public func plan(_ schedule: Schedule) -> CurriculumPlan {
        var planned = schedule
        let membersByGroup = schedule.membersByGroup
        var value = 0
        var shortfalls: [CurriculumPlan.Shortfall] = []
        for g in planned.groups.indices {
            for s in planned.groups[g].sessions.indices where planned.groups[g].sessions[s].start >= schedule.now {
                planned.groups[g].sessions[s].topic = nil
            }
            guard hasTopics, let members = membersByGroup[planned.groups[g].id], !members.isEmpty else { continue }
            let problem = GroupProblem(group: planned.groups[g], members: members, now: schedule.now, rules: rules)
            for (position, topic) in problem.solve().enumerated() {
                guard let topic else { continue }
                planned.groups[g].sessions[problem.future[position]].topic = rules.topics[topic].id
                value += problem.values[topic]
            }
            shortfalls += missingRequired(planned.groups[g])
        }
        planned.curriculum = CurriculumSummary(value: value, requiredMissing: Array(Set(shortfalls.map(\.topic))))
        return CurriculumPlan(schedule: planned, shortfalls: shortfalls, rules: rules)
    }

    /// The required topics `group`'s mentor was trained in that none of its sessions teaches.
    private func missingRequired(_ group: ScheduledGroup) -> [CurriculumPlan.Shortfall] {
        let taught = Set(group.sessions.compactMap(\.topic))
        return (rules.trained[group.mentor] ?? []).map { rules.topics[$0] }
            .filter { $0.required && !taught.contains($0.id) }
            .map { CurriculumPlan.Shortfall(group: group.id, topic: $0.id) }
    }
}

/// A planned curriculum: the schedule with its topics, and what it could not fit.
public struct CurriculumPlan: Sendable {
    /// A required topic that a group with a mentor trained in it does not teach this term.
    public struct Shortfall: Sendable, Equatable {
        /// The group that does not teach it.
        public let group: GroupID
        /// The required topic.
        public let topic: TopicID
    }

    /// The schedule with a topic (or none) on every session from now on, and `curriculum` set.
    public let schedule: Schedule
    /// Every group and required topic it cannot fit, by group id then topic id.
    public let shortfalls: [Shortfall]
    let rules: CurriculumRules
}
