@testable import EnlaceCurriculum
import EnlaceCore
import Testing

/// The assignment of one group against brute force, over many random tiny groups.
@Suite("Topic assignment")
struct TopicAssignmentTests {
    /// A random problem: up to 6 topics (values non-increasing: the caller's priority order), up
    /// to 6 sessions, each pair eligible with probability `density` percent.
    struct Problem {
        let values: [Int]
        let eligible: [[Int]]
        let sessions: Int

        init(seed: UInt64) {
            var random = SplitMix64(seed: seed)
            sessions = random.int(in: 0...6)
            let topics = random.int(in: 0...6)
            let density = random.pick([20, 50, 80])
            values = (0..<topics).map { _ in random.pick([0, 1, 3, 5, 1000, 1005]) }.sorted(by: >)
            let count = sessions
            eligible = (0..<topics).map { _ in (0..<count).filter { _ in random.chance(density) } }
        }

        /// Every set of topics that can be taught together, as sorted topic lists.
        var feasibleSets: [[Int]] {
            (0..<(1 << values.count)).map { mask in values.indices.filter { mask & (1 << $0) != 0 } }.filter { !matchings(of: $0).isEmpty }
        }

        /// Every way to teach exactly `topics`: the session of each, in the order of `topics`.
        func matchings(of topics: [Int]) -> [[Int]] {
            var result: [[Int]] = []
            func extend(_ prefix: [Int]) {
                guard prefix.count < topics.count else { result.append(prefix); return }
                for session in eligible[topics[prefix.count]] where !prefix.contains(session) { extend(prefix + [session]) }
            }
            extend([])
            return result
        }
    }

    @Test("the value equals the brute-force optimum, and the answer is a valid matching", arguments: 0..<400)
    func optimal(seed: Int) {
        let problem = Problem(seed: UInt64(seed))
        let answer = TopicAssignment.solve(eligible: problem.eligible, sessionCount: problem.sessions)
        let used = answer.compactMap { $0 }
        #expect(Set(used).count == used.count, "a session has two topics")
        for (topic, session) in answer.enumerated() {
            if let session { #expect(problem.eligible[topic].contains(session), "topic \(topic) outside its window") }
        }
        let value = answer.indices.reduce(0) { $0 + (answer[$1] == nil ? 0 : problem.values[$1]) }
        let best = problem.feasibleSets.map { $0.reduce(0) { $0 + problem.values[$1] } }.max() ?? 0
        #expect(value == best, "seed \(seed): \(value) < \(best)")
    }

    @Test("ties: the first feasible set in priority order, placed earliest first", arguments: 0..<400)
    func tieRules(seed: Int) {
        let problem = Problem(seed: UInt64(seed))
        let answer = TopicAssignment.solve(eligible: problem.eligible, sessionCount: problem.sessions)
        let taught = answer.indices.filter { answer[$0] != nil }
        // The greedy's set: the lexicographically greatest feasible set in priority order.
        let key: ([Int]) -> [Bool] = { set in problem.values.indices.map { set.contains($0) } }
        let greatest = problem.feasibleSets.max { a, b in key(a).lexicographicallyPrecedes(key(b)) { !$0 && $1 } }
        #expect(taught == (greatest ?? []))
        // The placement: the lexicographically earliest sessions, topic by topic in priority order.
        let earliest = problem.matchings(of: taught).min { $0.lexicographicallyPrecedes($1) }
        #expect(taught.map { answer[$0]! } == (earliest ?? []))
        #expect(TopicAssignment.selected(eligible: problem.eligible, sessionCount: problem.sessions) == taught)
    }

    @Test("a topic that needs the only session another could leave gets it")
    func augmentingPath() {
        // Topic 0 may go anywhere; topic 1 only to session 0, which topic 0 would take first.
        let answer = TopicAssignment.solve(eligible: [[0, 1], [0]], sessionCount: 2)
        #expect(answer == [1, 0])
    }

    @Test("more topics than sessions: the most valuable ones are taught")
    func moreTopicsThanSessions() {
        let answer = TopicAssignment.solve(eligible: [[0, 1], [0, 1], [0, 1]], sessionCount: 2)
        #expect(answer == [0, 1, nil])
    }
}
