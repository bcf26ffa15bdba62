import EnlaceCore

/// The curriculum files `enlace match` writes (spec section 10), rendered from a schedule and the
/// program it was planned for: the same inputs give the same bytes. Counts only, no family's id:
/// the coordinator's files, which scripts and sheets read.
public struct CurriculumReport {
    /// The run, with its sessions' topics.
    public let schedule: Schedule
    /// The program the run was planned for: its topics and its families' requests.
    public let program: Program
    private let topicsOf: [ParentID: Set<TopicID>]

    /// The files of `schedule`, planned for `program`.
    public init(schedule: Schedule, program: Program) {
        self.schedule = schedule
        self.program = program
        topicsOf = Dictionary(program.parents.map { ($0.id, Set($0.topics)) }, uniquingKeysWith: { first, _ in first })
    }

    /// `out/curriculum.csv`: `group_id, session_start, topic_id, members_who_asked`, one row per
    /// session with a topic (held sessions too), by group then start; an open conversation has no
    /// row. `members_who_asked` counts the session's families who listed the topic: those it was
    /// held for, or the group's members for a session to come.
    ///
    /// - Throws: `InputError` when the program's time zone is unknown to the system.
    public func curriculumCSV() throws(InputError) -> String {
        guard var clock = RFC3339Formatter(timezone: schedule.timezone) else { throw ScheduleReport.unknownZone(schedule.timezone) }
        var lines = ["group_id,session_start,topic_id,members_who_asked"]
        for (group, session, families) in taughtSessions() {
            let asked = families.filter { topicsOf[$0]?.contains(session.topic!) == true }.count
            lines.append([CSVCell.text(group.id), clock.string(session.start), CSVCell.text(session.topic!.rawValue), String(asked)]
                .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `out/topic-demand.csv`: `topic_id, asked, asked_first, members_covered, groups_teaching`, one
    /// row per topic of topics.csv (by id), then one per id families asked for that topics.csv does
    /// not define (by id). `asked` and `asked_first` count the families of parents.csv who listed
    /// the topic (first); `members_covered` those of them for whom a session on it was held or is
    /// planned; `groups_teaching` the groups with a session on it, held or to come.
    public func topicDemandCSV() -> String {
        var asked: [TopicID: Int] = [:], first: [TopicID: Int] = [:]
        for parent in program.parents {
            for topic in Set(parent.topics) { asked[topic, default: 0] += 1 }
            if let topic = parent.topics.first { first[topic, default: 0] += 1 }
        }
        var covered: [TopicID: Set<ParentID>] = [:], teaching: [TopicID: Set<GroupID>] = [:]
        for (group, session, families) in taughtSessions() {
            let topic = session.topic!
            teaching[topic, default: []].insert(group.id)
            for family in families where topicsOf[family]?.contains(topic) == true { covered[topic, default: []].insert(family) }
        }
        let defined = program.topics.map(\.id)
        let undefined = Set(asked.keys).subtracting(defined).sorted()
        var lines = ["topic_id,asked,asked_first,members_covered,groups_teaching"]
        for topic in defined + undefined {
            lines.append([CSVCell.text(topic.rawValue), String(asked[topic] ?? 0), String(first[topic] ?? 0),
                          String(covered[topic]?.count ?? 0), String(teaching[topic]?.count ?? 0)].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every session with a topic, by group then start, with the families it was or is for.
    private func taughtSessions() -> [(ScheduledGroup, ScheduledSession, [ParentID])] {
        let stints = schedule.stintsByGroup
        let members = schedule.membersByGroup
        var result: [(ScheduledGroup, ScheduledSession, [ParentID])] = []
        for group in schedule.groups {
            for session in group.sessions where session.topic != nil {
                let families = schedule.isHeld(session) ? schedule.parents(of: session, stints: stints[group.id] ?? []) : members[group.id] ?? []
                result.append((group, session, families))
            }
        }
        return result
    }
}
