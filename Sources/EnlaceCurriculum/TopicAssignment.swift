// # The curriculum of one group
//
// **Problem.** A group has future sessions s_1 < … < s_n (by start) and candidate topics t_1 … t_k:
// the topics its mentor was trained in that topics.csv defines and no held session of the group has
// taught (spec section 10). Topic t may be taught at session s when s's local date lies in t's
// window; E is the set of such pairs. Topic t is worth v(t) ≥ 0 — `required_weight` if it is
// required, plus the rank weight of every member who listed it — and worth the same on whichever
// session it is taught. Find a matching M ⊆ E (each session at most one topic, each topic at most
// once) of the highest value Σ_{(t, s) ∈ M} v(t). Sessions left out are open conversations.
//
// As a network: source → t (capacity 1, cost −v(t)), t → s for (t, s) ∈ E (capacity 1, cost 0),
// s → sink (capacity 1, cost 0). A flow of minimum cost, of any value, is a best curriculum: a
// min-cost flow problem, and a rectangular assignment problem.
//
// **Algorithm: min-cost flow by successive shortest paths** (Ahuja, Magnanti & Orlin, *Network
// Flows*, 1993, ch. 9): while the residual network has a source–sink path of negative cost, augment
// along a cheapest one. Here every cost sits on a source arc, so a cheapest augmenting path is one
// that starts at the most valuable topic not yet taught that can reach a free session along an
// alternating path, and whether it can is one breadth-first search. A topic that cannot reach a free
// session never can later: augmenting only fills sessions. (The sets of topics that fit together
// are the independent sets of a transversal matroid — Edmonds & Fulkerson, "Transversals and matroid
// partition", 1965 — and a set that does not fit never fits once more topics are added.) So each
// topic is tried once, in decreasing order of value, and the shortest-path search degenerates into
// the matroid greedy algorithm, which Edmonds ("Matroids and the greedy algorithm", Mathematical
// Programming 1, 1971) proved optimal for any non-negative weights.
//
// The *selection* pass above settles which topics are taught; many matchings teach them. The
// *placement* pass fixes one: topics, in the same order, each take the earliest session that still
// leaves a session for every topic after them. A session is possible for topic x when it is free, or
// when the topic holding it can move along an alternating path to a free session; one breadth-first
// search backwards from the free sessions finds every topic that can (`movableTopics`). So the topic
// the group values most comes first in the term, and a deadline (`until`) is met whenever it can be.
//
// **Ties** are broken by the order the caller gives: value, then required topics first, then id
// (`GroupProblem`). With that order the answer is a function of the inputs, and a re-run whose group
// keeps its members keeps every future topic on its date: held topics and held sessions leave the
// problem together, and both passes decide each topic exactly as before.
//
// **Why not the Hungarian method** (Kuhn, "The Hungarian method for the assignment problem", 1955):
// it costs O(n³) on the square matrix of sessions and topics and allows a different weight in every
// cell. A topic's value does not depend on its session, which the search above uses to replace
// shortest paths by breadth-first searches, and its order is the tie rule.
//
// **Complexity.** Each pass is O(k · |E|) time and O(k + n + |E|) space, |E| ≤ k · n. A monthly
// group (n ≈ 10, k ≤ 12) takes a few thousand steps; a weekly one (n ≈ 40) a few tens of thousands.
//
// **Guarantees.** Exact: the value equals the optimum of the assignment problem (Benchmarks/
// check_schedule.py solves it independently with scipy's `linear_sum_assignment` or its own
// Hungarian method; the tests compare with brute force). Every input has an answer (teaching nothing
// is a curriculum), so there is no failure mode: nothing throws, nothing depends on a budget.

/// The exact assignment of one group's topics to its sessions (see the essay above).
///
/// Pure, and independent of dates and values: the caller lists the topics in priority order and
/// says on which sessions each may be taught.
enum TopicAssignment {
    /// The session each topic is taught at, nil for a topic left out; `eligible[t]` lists the
    /// sessions (indices `0..<sessionCount`, ascending) topic `t` may be taught at, and topics are
    /// given in priority order (most valuable first).
    ///
    /// - Complexity: O(k · |E|), k topics and |E| eligible pairs.
    static func solve(eligible: [[Int]], sessionCount: Int) -> [Int?] {
        var state = Matching(eligible: eligible, sessionCount: sessionCount)
        for topic in eligible.indices { _ = state.augment(from: topic) }
        state.place()
        return state.sessionOfTopic
    }

    /// The topics the selection pass teaches, in priority order (the placement pass does not change
    /// the set): what `explain` compares when it asks what a topic would cost.
    ///
    /// - Complexity: O(k · |E|).
    static func selected(eligible: [[Int]], sessionCount: Int) -> [Int] {
        var state = Matching(eligible: eligible, sessionCount: sessionCount)
        return eligible.indices.filter { state.augment(from: $0) }
    }
}

/// A matching of topics to sessions, grown by augmenting paths and then placed.
private struct Matching {
    let eligible: [[Int]]
    /// For each session, the topics that may be taught at it (ascending).
    let topicsAt: [[Int]]
    var sessionOfTopic: [Int?]
    var topicAt: [Int?]

    init(eligible: [[Int]], sessionCount: Int) {
        self.eligible = eligible
        var topicsAt = Array(repeating: [Int](), count: sessionCount)
        for (topic, sessions) in eligible.enumerated() {
            for session in sessions { topicsAt[session].append(topic) }
        }
        self.topicsAt = topicsAt
        sessionOfTopic = Array(repeating: nil, count: eligible.count)
        topicAt = Array(repeating: nil, count: sessionCount)
    }

    /// Teaches `topic` too if an alternating path leads from it to a free session (breadth-first,
    /// sessions in date order, so the path found is a function of the inputs); false otherwise.
    mutating func augment(from topic: Int) -> Bool {
        var cameFrom = Array(repeating: -1, count: topicAt.count)  // session → the topic that reached it
        var queue = [topic], head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for session in eligible[current] where cameFrom[session] < 0 {
                cameFrom[session] = current
                guard let holder = topicAt[session] else {
                    shift(to: session, cameFrom: cameFrom)
                    return true
                }
                queue.append(holder)
            }
        }
        return false
    }

    /// Moves each topic of the path ending at the free session `last` one step along it.
    private mutating func shift(to last: Int, cameFrom: [Int]) {
        var session = last
        while true {
            let topic = cameFrom[session]
            let left = sessionOfTopic[topic]
            topicAt[session] = topic
            sessionOfTopic[topic] = session
            guard let left else { return }
            session = left
        }
    }

    /// The placement pass: each taught topic, in priority order, takes the earliest session that
    /// leaves room for the topics after it.
    mutating func place() {
        var fixed = Array(repeating: false, count: topicAt.count)
        var done = Array(repeating: false, count: eligible.count)
        for topic in eligible.indices {
            guard let current = sessionOfTopic[topic] else { continue }
            topicAt[current] = nil
            let (movable, moveTo) = movableTopics(except: topic, fixed: fixed, done: done)
            let target = eligible[topic].first { session in
                !fixed[session] && (topicAt[session].map { movable[$0] } ?? true)
            }!  // `current` itself qualifies: it is free now
            if let holder = topicAt[target] { move(holder, moveTo: moveTo) }
            topicAt[target] = topic
            sessionOfTopic[topic] = target
            fixed[target] = true
            done[topic] = true
        }
    }

    /// The topics (not yet placed, other than `topic`) that can move to a free session along an
    /// alternating path avoiding fixed sessions, and for each the session its path moves it to:
    /// one breadth-first search backwards from the free sessions.
    private func movableTopics(except topic: Int, fixed: [Bool], done: [Bool]) -> (movable: [Bool], moveTo: [Int]) {
        var movable = Array(repeating: false, count: eligible.count)
        var moveTo = Array(repeating: -1, count: eligible.count)
        var queue = topicAt.indices.filter { !fixed[$0] && topicAt[$0] == nil }, head = 0
        while head < queue.count {
            let session = queue[head]
            head += 1
            for other in topicsAt[session] where other != topic && !done[other] && !movable[other] {
                guard let held = sessionOfTopic[other] else { continue }
                movable[other] = true
                moveTo[other] = session
                queue.append(held)
            }
        }
        return (movable, moveTo)
    }

    /// Moves `holder` along its path: each topic on it takes the session `moveTo` gives, which its
    /// previous holder leaves for the next one, down to a free session.
    private mutating func move(_ holder: Int, moveTo: [Int]) {
        var topic = holder
        while true {
            let session = moveTo[topic]
            let previous = topicAt[session]
            topicAt[session] = topic
            sessionOfTopic[topic] = session
            guard let previous else { return }
            topic = previous
        }
    }
}
