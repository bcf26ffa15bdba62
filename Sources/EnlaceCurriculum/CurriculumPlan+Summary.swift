import EnlaceCore

/// The figures of a planned curriculum that the end of `enlace match` states.
public struct CurriculumFigures: Sendable, Equatable {
    /// Topics taught in at least one session this term, held or planned.
    public let topicsTaught: Int
    /// Families in a group from now on who listed at least one topic.
    public let familiesAsking: Int
    /// Of those, the families whose first topic is taught at a session held for them or planned for
    /// their group.
    public let firstChoice: Int
}

extension CurriculumPlan {
    /// How many topics are taught and how many families get their first choice.
    ///
    /// - Complexity: O(sessions × stints of their group).
    public var figures: CurriculumFigures {
        let schedule = self.schedule
        let members = schedule.currentMemberships
        var taught = Set<TopicID>()
        var gotFirst = Set<ParentID>()
        let stints = schedule.stintsByGroup
        for group in schedule.groups {
            let groupStints = stints[group.id] ?? []
            for session in group.sessions {
                guard let topic = session.topic else { continue }
                taught.insert(topic)
                for parent in schedule.parents(of: session, stints: groupStints) where rules.asked[parent]?.first == topic {
                    gotFirst.insert(parent)
                }
            }
        }
        let asking = members.keys.filter { !(rules.asked[$0] ?? []).isEmpty }
        return CurriculumFigures(topicsTaught: taught.count, familiesAsking: asking.count,
                                 firstChoice: asking.filter { gotFirst.contains($0) }.count)
    }

    /// One line for the end of `enlace match`: "9 topics taught; 212 of 230 families get their first
    /// choice; 2 groups cannot fit the required Seal of Biliteracy session by March 31". Nil when
    /// the program has no topics.
    public var summary: String? {
        guard !rules.topics.isEmpty else { return nil }
        let figures = self.figures
        var parts = ["\(figures.topicsTaught) topic\(figures.topicsTaught == 1 ? "" : "s") taught",
                     "\(figures.firstChoice) of \(figures.familiesAsking) famil\(figures.familiesAsking == 1 ? "y gets its" : "ies get their") first choice"]
        let byTopic = Dictionary(grouping: shortfalls, by: \.topic)
        for topic in byTopic.keys.sorted() {
            guard let index = rules.index[topic] else { continue }
            let count = byTopic[topic]!.count
            let window = Self.phrase(rules.topics[index].window)
            parts.append("\(count) group\(count == 1 ? "" : "s") cannot fit the required \(rules.topics[index].title) session"
                         + (window.isEmpty ? "" : " " + window))
        }
        return parts.joined(separator: "; ")
    }

    /// "by March 31", "from January 15", "between October 1 and March 31", or "" for every day.
    static func phrase(_ window: TopicWindow) -> String {
        switch (window.from, window.until) {
        case (let from?, let until?): "between \(spoken(from)) and \(spoken(until))"
        case (let from?, nil): "from \(spoken(from))"
        case (nil, let until?): "by \(spoken(until))"
        case (nil, nil): ""
        }
    }

    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                 "October", "November", "December"]

    /// "March 31".
    static func spoken(_ day: MonthDay) -> String { "\(months[day.month - 1]) \(day.day)" }
}
