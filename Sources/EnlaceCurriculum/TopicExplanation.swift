import EnlaceCore

/// One topic a family asked for, and when their group teaches it or why it does not (for `enlace
/// explain parent`).
public struct TopicExplanation: Sendable, Equatable {
    /// When the topic is taught, or why not.
    public enum Outcome: Sendable, Equatable {
        /// At a session of the family's group: held for them, or planned from now on.
        case taught(LocalDateTime, held: Bool)
        /// In a held session of their group before they joined it: a group teaches a topic once.
        case taughtBeforeJoining(LocalDateTime)
        /// topics.csv does not define the id.
        case undefined
        /// The family has no group from now on.
        case noGroup
        /// Their group's mentor was not trained in it.
        case notTrained(MentorID)
        /// No session of the group from now on falls inside the topic's window.
        case noSessionInWindow(TopicWindow)
        /// It is worth nothing to the group (rank weights of 0) and not required.
        case worthNothing
        /// Every session in its window went to topics worth more together: teaching it at the best
        /// place, `session` (which teaches `winner`), would lower the group's curriculum by `cost`.
        case outranked(session: LocalDateTime, winner: TopicID?, winnerValue: Int, value: Int, cost: Int)
    }

    /// The id as the family wrote it in parents.csv.
    public let topic: TopicID
    /// 1 for the family's first choice.
    public let rank: Int
    /// When their group teaches it, or why it does not.
    public let outcome: Outcome
    /// The topic's title, nil when topics.csv does not define it.
    public let title: String?

    /// One line: "1. biliteracy (Seal of Biliteracy): taught on 2027-01-05 (held)".
    public var sentence: String {
        "\(rank). \(topic)" + (title.map { " (\($0))" } ?? "") + ": " + reason
    }

    private var reason: String {
        switch outcome {
        case .taught(let start, let held): "taught on \(start.date)" + (held ? " (held)" : "")
        case .taughtBeforeJoining(let start): "the group was taught it on \(start.date), before the family joined; a group has each topic once a term"
        case .undefined: "data/topics.csv does not define this topic, so no session teaches it"
        case .noGroup: "the family has no group from now on"
        case .notTrained(let mentor): "not taught: their mentor \(mentor) was not trained in it (mentors.csv topics)"
        case .noSessionInWindow(let window):
            window.isUnbounded ? "not taught: the group has no sessions left this term"
                : "not taught: no session of the group from now on falls \(CurriculumPlan.phrase(window))"
        case .worthNothing: "not taught: [curriculum] rank_weights make it worth 0 points at this rank, and it is not required"
        case .outranked(let session, let winner, let winnerValue, let value, let cost):
            "not taught: on \(session.date) the group learns " + (winner.map { "\($0) (worth \(winnerValue) points to the group)" } ?? "another topic")
                + " instead (this one is worth \(value)); teaching it there would lower the group's curriculum by \(cost) point\(cost == 1 ? "" : "s")"
        }
    }
}

extension CurriculumPlanner {
    /// The topics `parent` asked for, in their order, each with when their group teaches it or why
    /// not, as planned in `schedule` (which this planner's program must have produced).
    ///
    /// - Complexity: O(topics asked × sessions × the group's assignment problem).
    public func explain(parent: ParentID, in schedule: Schedule) -> [TopicExplanation] {
        var seen = Set<TopicID>()
        let asked = (rules.asked[parent] ?? []).filter { seen.insert($0).inserted }
        let stints = schedule.memberships.filter { $0.parent == parent }
        let current = stints.first { $0.until == nil }.flatMap { schedule.group($0.group) }
        let members = current.map { schedule.membersByGroup[$0.id] ?? [] } ?? []
        let problem = current.map { GroupProblem(group: $0, members: members, now: schedule.now, rules: rules) }
        return asked.enumerated().map { rank, topic in
            let index = rules.index[topic]
            return TopicExplanation(topic: topic, rank: rank + 1,
                                    outcome: outcome(topic, index, stints: stints, schedule: schedule, problem: problem),
                                    title: index.map { rules.topics[$0].title })
        }
    }

    private func outcome(_ topic: TopicID, _ index: Int?, stints: [Membership], schedule: Schedule,
                         problem: GroupProblem?) -> TopicExplanation.Outcome {
        for stint in stints {
            guard let group = schedule.group(stint.group) else { continue }
            if let session = group.sessions.first(where: { $0.topic == topic && stint.covers($0.start) }) {
                return .taught(session.start, held: schedule.isHeld(session))
            }
        }
        guard let index else { return .undefined }
        guard let problem else { return .noGroup }
        if let session = problem.group.sessions.first(where: { $0.topic == topic }) { return .taughtBeforeJoining(session.start) }
        guard (rules.trained[problem.group.mentor] ?? []).contains(index) else { return .notTrained(problem.group.mentor) }
        let positions = problem.future.indices.filter { rules.allows(index, on: problem.group.sessions[problem.future[$0]].start.date) }
        guard !positions.isEmpty else { return .noSessionInWindow(rules.topics[index].window) }
        guard problem.candidates.contains(index) else { return .worthNothing }
        return outranked(index, at: positions, problem)
    }

    /// The cheapest place to teach `topic` instead, and what it would cost the group.
    private func outranked(_ topic: Int, at positions: [Int], _ problem: GroupProblem) -> TopicExplanation.Outcome {
        let best = problem.optimum(without: nil, session: nil)
        var place = positions[0], forced = Int.min
        for position in positions {
            let value = problem.values[topic] + problem.optimum(without: topic, session: position)
            if value > forced { (place, forced) = (position, value) }
        }
        let session = problem.group.sessions[problem.future[place]]
        let winner = session.topic
        return .outranked(session: session.start, winner: winner, winnerValue: winner.flatMap { rules.index[$0] }.map { problem.values[$0] } ?? 0,
                          value: problem.values[topic], cost: best - forced)
    }
}
