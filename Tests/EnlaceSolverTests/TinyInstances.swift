import EnlaceCore
import EnlacePlugins
import EnlaceTestSupport
@testable import EnlaceSolver

/// A seeded generator of small random programs for property tests.
struct TinyInstances {
    private var random: SplitMix64

    /// Seeded one step of the generator ahead of `seed`: the programs the tests were written for.
    init(seed: UInt64) { random = SplitMix64(seed: seed &+ 0x9E37_79B9_7F4A_7C15) }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

    mutating func availability() -> Availability {
        let windows = (0..<int(1...2)).map { _ -> WeeklyWindow in
            let start = pick([17, 18]) * 60
            return WeeklyWindow(day: pick([.tuesday, .thursday]), start: start, end: start + pick([60, 120, 180]))
        }
        return Availability(windows)
    }

    mutating func modes() -> Set<MeetingMode> {
        pick([[.inPerson], [.virtual], [.inPerson, .virtual]])
    }

    /// A program with `mentors` mentors and `parents` parents over two sites and two languages,
    /// with open houses at site `a`, small groups and few slots, so brute force stays feasible.
    mutating func program(mentors: Int, parents: Int) -> Program {
        var settings = ProgramSettings(name: "Tiny", timezone: "America/Los_Angeles",
                                       termStart: LocalDate(year: 2026, month: 9, day: 1)!,
                                       termEnd: LocalDate(year: 2026, month: 11, day: 30)!)
        settings.slotStepMinutes = 60
        settings.maxGroupSize = int(1...3)
        settings.maxGroupsPerMentor = int(1...2)
        let sites = [Site(id: "a", name: "A", address: nil), Site(id: "b", name: "B", address: nil)]
        let languages = ["es", "vi"].map { LanguageTag($0)! }
        let topics: [TopicID] = ["college", "funding", "biliteracy"]
        let mentorList = (0..<mentors).map { i in
            Mentor(id: MentorID("m\(i)"), name: "Mentor \(i)", languages: int(0...3) == 0 ? languages : [pick(languages)],
                   sites: int(0...1) == 0 ? ["a"] : ["a", "b"], modes: modes(), capacity: int(1...4),
                   availability: availability(), attendsOpenHouses: int(0...1) == 0, topics: [pick(topics)])
        }
        let parentList = (0..<parents).map { i in
            Parent(id: ParentID("p\(i)"), name: "Parent \(i)", languages: int(0...2) == 0 ? languages.reversed() : [languages[int(0...4) == 0 ? 1 : 0]],
                   site: pick(["a", "b"]), modes: modes(), availability: availability(),
                   attendsOpenHouses: int(0...2) == 0, topics: [pick(topics), pick(topics)])
        }
        let openHouses = [(9, 10), (10, 8), (11, 12)].map { month, day in
            let date = LocalDate(year: 2026, month: month, day: day)!
            return OpenHouse(site: "a", start: LocalDateTime(date: date, minuteOfDay: 17 * 60),
                             end: LocalDateTime(date: date, minuteOfDay: 18 * 60), title: "Open house", sourceUID: "oh-\(month)")
        }
        return Program(settings: settings, sites: sites, mentors: mentorList, parents: parentList,
                       openHouses: openHouses, blackouts: [LocalDate(year: 2026, month: 11, day: 3)!])
    }
}

/// Every hard constraint of spec section 4, checked from the model's primitive data.
func violations(_ solution: Solution, _ model: MatchModel) -> [String] {
    var problems: [String] = []
    let settings = model.program.settings
    let byGroup = solution.parentsByGroup()
    for (p, g) in solution.groupOfParent.enumerated() {
        guard let g else { continue }
        let group = model.groups[g], parent = model.program.parents[p], mentor = model.program.mentors[group.mentor]
        if !parent.languages.contains(where: { tag in mentor.languages.contains { $0.matches(tag) } }) { problems.append("language \(p)") }
        if !parent.modes.contains(group.mode) || !mentor.modes.contains(group.mode) { problems.append("mode \(p)") }
        if let site = group.site, model.program.sites[site].id != parent.site { problems.append("site \(p)") }
        switch group.timing {
        case .weekly(let day, let start):
            if !parent.availability.contains(day: day, from: start, to: start + settings.sessionMinutes) { problems.append("time \(p)") }
        case .openHouse:
            if !parent.attendsOpenHouses && !group.sessions.allSatisfy({ parent.availability.contains(start: $0.start, end: $0.end) }) {
                problems.append("open-house time \(p)")
            }
        }
    }
    for (g, parents) in byGroup where parents.count > settings.maxGroupSize { problems.append("group size \(g)") }
    for (m, mentor) in model.program.mentors.enumerated() {
        let groups = byGroup.keys.filter { model.groups[$0].mentor == m }.sorted()
        if groups.count > settings.maxGroupsPerMentor { problems.append("groups of \(m)") }
        if groups.reduce(0, { $0 + byGroup[$1]!.count }) > mentor.capacity { problems.append("capacity of \(m)") }
        for (i, g) in groups.enumerated() {
            for h in groups[(i + 1)...] where model.groups[g].overlaps(model.groups[h], minutes: settings.sessionMinutes) {
                problems.append("overlap \(g) \(h)")
            }
        }
    }
    for group in byGroup.keys.map({ model.groups[$0] }) {
        for session in group.sessions where model.program.blackouts.contains(session.date) || !model.program.term.contains(session.date) {
            problems.append("session \(session) of \(group.id)")
        }
    }
    if Set(byGroup.keys) != Set(solution.openGroups) { problems.append("open groups differ from non-empty groups") }
    // Section 8's keep_apart, from the parents' own keep_apart_from cells.
    let parents = model.program.parents
    for members in byGroup.values {
        for a in members {
            let named = parents[a].attributes["keep_apart_from"]?.split(separator: ";").map(String.init) ?? []
            for b in members where a != b && named.contains(parents[b].id.rawValue) { problems.append("kept apart \(a) \(b)") }
        }
    }
    return problems
}

/// `program` with `pairs` (parent indices) written into the parents' keep_apart_from cells, the
/// way data/parents.csv would hold them (one side of each pair only: the relation is symmetric).
func keepingApart(_ pairs: [(Int, Int)], in program: Program) -> Program {
    var named = Array(repeating: [String](), count: program.parents.count)
    for (a, b) in pairs where a != b { named[a].append(program.parents[b].id.rawValue) }
    let parents = program.parents.enumerated().map { p, parent in
        named[p].isEmpty ? parent : Parent(id: parent.id, name: parent.name, languages: parent.languages, site: parent.site,
                                           modes: parent.modes, availability: parent.availability,
                                           attendsOpenHouses: parent.attendsOpenHouses, topics: parent.topics,
                                           attributes: parent.attributes.merging(["keep_apart_from": named[p].joined(separator: ";")]) { $1 })
    }
    return Program(settings: program.settings, sites: program.sites, mentors: program.mentors, parents: parents,
                   openHouses: program.openHouses, blackouts: program.blackouts)
}

/// The optimum by enumeration: every parent in one fitting group or none, every feasible result scored.
func bruteForceOptimum(_ model: MatchModel) -> Int {
    bruteForceBest(model) { model.score(groupOfParent: $0).total }
}

/// The most of `value` over every feasible assignment (each parent in one fitting group or none).
func bruteForceBest(_ model: MatchModel, value: ([Int?]) -> Int) -> Int {
    let parents = model.program.parents.count
    let options = (0..<parents).map { p in [nil] + model.groups.indices.filter { model.fits[$0].contains(Int32(p)) }.map(Optional.some) }
    var choice = Array(repeating: Int?.none, count: parents)
    var best = 0
    func visit(_ p: Int) {
        if p == parents {
            let solution = Solution(openGroups: Array(Set(choice.compactMap { $0 })).sorted(), groupOfParent: choice,
                                    score: 0, terms: [:], bound: 0)
            if violations(solution, model).isEmpty { best = max(best, value(choice)) }
            return
        }
        for option in options[p] {
            choice[p] = option
            visit(p + 1)
        }
    }
    visit(0)
    return best
}

/// One random program per seed, as a model; `offset` gives each test its own draws.
func randomModels(seeds: Range<Int>, offset: UInt64, mentors: ClosedRange<Int>,
                  parents: ClosedRange<Int>) -> [(seed: Int, model: MatchModel)] {
    seeds.map { seed in
        var generator = TinyInstances(seed: UInt64(seed) &+ offset)
        return (seed, MatchModel(program: generator.program(mentors: generator.int(mentors), parents: generator.int(parents))))
    }
}

/// Tiny two-mentor programs, one per seed, with few enough candidate groups to enumerate.
func enumerableModels(seeds: Range<Int>) -> [(seed: Int, model: MatchModel)] {
    seeds.compactMap { seed in
        var generator = TinyInstances(seed: UInt64(seed))
        let model = MatchModel(program: generator.program(mentors: 2, parents: generator.int(3...6)))
        return model.groups.count <= 12 ? (seed, model) : nil
    }
}
