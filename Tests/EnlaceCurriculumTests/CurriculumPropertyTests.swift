import EnlaceCore
import EnlaceCurriculum
import Testing

/// Random tiny districts: the planner against the rules of spec section 10 written out directly,
/// and against brute force.
@Suite("Curriculum properties")
struct CurriculumPropertyTests {
    static let windows: [(String?, String?)] = [(nil, nil), ("10-01", "03-31"), (nil, "11-30"), ("01-15", nil), ("12-01", "01-31"), ("09-01", "10-31")]

    /// A random group: up to 5 topics, a mentor trained in some, up to 4 members asking in random
    /// order, up to 6 of the monthly sessions, the first `held` of them held with random topics.
    struct District {
        let program: Program
        let schedule: Schedule

        init(seed: UInt64, held: Int = 0) {
            var random = SplitMix64(seed: seed)
            let ids = (0..<random.int(in: 1...5)).map { "t\($0)" }
            let topics = ids.map { id -> Topic in
                let (from, until) = random.pick(CurriculumPropertyTests.windows)
                return Hand.topic(id, required: random.chance(25), from: from, until: until)
            }
            let trained = ids.filter { _ in random.chance(75) }
            let parents = (0..<random.int(in: 1...4)).map { n -> Parent in
                var asks = ids.filter { _ in random.chance(60) }
                random.shuffle(&asks)
                if random.chance(20) { asks.append("unknown") }
                return Hand.parent("P\(n)", asks: asks)
            }
            program = Hand.program(topics: topics, mentors: [Hand.mentor("M1", trained: trained)], parents: parents,
                                   rankWeights: random.pick([[5, 4, 3, 2, 1], [3, 1], [1]]), requiredWeight: random.pick([1000, 2, 0]))
            var starts = Hand.monthly.filter { _ in random.chance(60) }
            starts = Array(starts.prefix(6))
            let heldCount = min(held, starts.count)
            var heldTopics: [LocalDateTime: String] = [:]
            var untaught = ids
            random.shuffle(&untaught)
            for start in starts.prefix(heldCount) where random.chance(50) { heldTopics[start] = untaught.popLast() }
            let now = heldCount < starts.count ? starts[heldCount].adding(minutes: -1) : Hand.at(2027, 6, 10)
            schedule = Hand.schedule(members: parents.map(\.id.rawValue), starts: starts, now: heldCount == 0 ? Hand.at(2026, 8, 1) : now,
                                     topics: heldTopics)
        }

        /// The spec's value of one session on `topic` for this group.
        func value(_ topic: TopicID) -> Int {
            let settings = program.settings.curriculum
            let defined = program.topics.first { $0.id == topic }!
            return (defined.required ? settings.requiredWeight : 0) + program.parents.reduce(0) { sum, parent in
                guard let rank = parent.topics.firstIndex(of: topic) else { return sum }
                return sum + settings.rankWeights[min(rank, settings.rankWeights.count - 1)]
            }
        }

        /// The best value by trying every topic (or none) on every future session.
        var bruteForce: Int {
            let group = schedule.groups[0]
            let future = group.sessions.filter { $0.start >= schedule.now }
            let done = Set(group.sessions.filter { $0.start < schedule.now }.compactMap(\.topic))
            let mentor = program.mentors[0]
            let allowed = program.topics.filter { mentor.topics.contains($0.id) && !done.contains($0.id) }
            func best(_ index: Int, _ used: Set<TopicID>) -> Int {
                guard index < future.count else { return 0 }
                var result = best(index + 1, used)
                for topic in allowed where !used.contains(topic.id) && topic.window.contains(future[index].start.date, term: program.term) {
                    result = max(result, value(topic.id) + best(index + 1, used.union([topic.id])))
                }
                return result
            }
            return best(0, [])
        }
    }

    @Test("every rule holds and the value is the brute-force optimum", arguments: 0..<300)
    func rulesAndOptimum(seed: Int) {
        for held in [0, 2] {
            let district = District(seed: UInt64(seed), held: held)
            let plan = CurriculumPlanner(program: district.program).plan(district.schedule)
            let group = plan.schedule.groups[0], original = district.schedule.groups[0]
            let mentor = district.program.mentors[0]
            var taught = Set<TopicID>(), value = 0
            for (session, before) in zip(group.sessions, original.sessions) {
                if session.start < plan.schedule.now { #expect(session == before, "a held session changed") }
                guard let topic = session.topic else { continue }
                #expect(taught.insert(topic).inserted, "seed \(seed): \(topic) taught twice")
                guard session.start >= plan.schedule.now else { continue }
                let defined = district.program.topics.first { $0.id == topic }
                #expect(defined != nil && mentor.topics.contains(topic))
                #expect(defined?.window.contains(session.start.date, term: district.program.term) == true, "seed \(seed): outside the window")
                value += district.value(topic)
            }
            #expect(value == plan.schedule.curriculum.value)
            #expect(value == district.bruteForce, "seed \(seed), held \(held)")
            let missing = district.program.topics.filter { $0.required && mentor.topics.contains($0.id) && !taught.contains($0.id) }.map(\.id)
            #expect(plan.schedule.curriculum.requiredMissing == missing)
        }
    }

    @Test("same inputs, same plan; a re-run later in the term keeps every future topic on its date", arguments: 0..<300)
    func deterministicAndStable(seed: Int) {
        let district = District(seed: UInt64(seed))
        let planner = CurriculumPlanner(program: district.program)
        let first = planner.plan(district.schedule).schedule
        #expect(planner.plan(district.schedule).schedule == first)
        for cut in first.groups[0].sessions.map(\.start) {
            var later = first
            later.now = cut
            #expect(Hand.topics(planner.plan(later).schedule) == Hand.topics(first), "seed \(seed): re-planned from \(cut)")
        }
    }
}
