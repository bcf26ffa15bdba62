import EnlaceCore

/// Groups that the keyed rules cannot tell apart: they admit the same parents.
public struct FitClasses: Sendable {
    /// The class of each group.
    public let classOfGroup: [Int32]
    /// The parents each class admits by the keyed rules (before predicate rules), ascending.
    public let members: [[Int32]]
    /// The groups of each class, ascending.
    public let groupsOfClass: [[Int]]

    init(classOfGroup: [Int32], members: [[Int32]]) {
        self.classOfGroup = classOfGroup
        self.members = members
        var groups = Array(repeating: [Int](), count: members.count)
        for (g, c) in classOfGroup.enumerated() { groups[Int(c)].append(g) }
        groupsOfClass = groups
    }

    /// The fitting pairs by the keyed rules: every group's class size, summed.
    public var pairCount: Int { classOfGroup.reduce(0) { $0 + members[Int($1)].count } }
}

/// The program turned into integer-indexed tables for the solver, by asking the run's constraint
/// plugins (`RuleSet`) their batch questions once: which candidate groups exist, who fits which
/// group, the weight of every fitting parent–group pair and of every group, and the limits.
///
/// Everything is indexed by position in the program's sorted arrays, so that iteration order (and
/// therefore the result) is deterministic. The solver never calls a plugin: it reads these tables.
public struct MatchModel: @unchecked Sendable {
    public let program: Program
    public let groups: [CandidateGroup]
    /// Candidate group indices of each mentor.
    public let groupsOfMentor: [[Int]]
    /// Parents fitting each group, ascending: all of them, or on a model too large to search
    /// whole (`isTruncated`) each group's candidates (see `candidates`).
    public internal(set) var fits: [[Int32]]
    /// The groups' fit classes: groups the keyed rules give the same keys share one list of
    /// parents, computed once (and one array in memory).
    public let fitClasses: FitClasses
    /// Whether `fits` holds candidates only: the model has more fitting pairs than
    /// `searchablePairs`. The matcher's bound then comes from `fitClasses` (`CoverageBound`).
    public let isTruncated: Bool
    /// The parents the pair-score rules score alike (`RuleHooks.scoreKeys`), when every pair-score
    /// rule says so and no predicate rule narrows the classes group by group; nil otherwise. Read
    /// on models too large to search whole; asked of every model, so that a plugin's keys are
    /// checked on a small district too.
    public let scoreTypes: ScoreTypes?
    /// The weight of each fitting pair: `pairWeights[g][i]` is parent `fits[g][i]`'s in `g`.
    public internal(set) var pairWeights: [[Int32]]
    /// Points for opening each group (the `group` term and any plugin's group terms).
    public let groupWeight: [Int]
    /// Most parents in each group.
    public let groupSize: [Int]
    /// Most parents of each mentor.
    public let mentorCapacity: [Int]
    /// Most groups of each mentor (at most 64, the width of the solver's bit sets).
    public let maxGroups: [Int]
    /// The names of the soft rules: the keys of `score.terms`, in order.
    public let termKeys: [String]
    /// The rules the model was built from (for explanations and term scores).
    public let rules: RuleSet
    /// The parents each parent may never share a group with (`parentsApart` rules), ascending;
    /// every list empty when no rule keeps anyone apart.
    public let apart: [[Int32]]
    /// Whether some pair of parents is kept apart.
    public let hasApart: Bool
    /// The first rule (in order) keeping each pair apart, for explanations.
    public let apartRule: [ParentPair: String]
    /// The `parentsTogether` rules' points: each pair once per rule that names it.
    public let togetherPairs: [(pair: ParentPair, points: Int, rule: String)]
    /// Each parent's partners and the points the pair adds in one group (all rules summed).
    let togetherOf: [[(other: Int32, points: Int)]]
    /// Whether any pair of parents scores for sharing a group.
    public var hasTogether: Bool { !togetherPairs.isEmpty }
    /// At least the most points pairs can add: the positive points of every pair that fits some
    /// group together. The relaxations do not see pairs, so the solver adds this to its bound.
    public let togetherSlack: Int
    /// Candidate groups a group-filter rule refused, with that rule's name (for explanations).
    public let refusedGroups: [(group: CandidateGroup, rule: String)]
    /// The moment the model plans from: its groups' sessions all start at or after it (nil: the
    /// whole term).
    public let planningFrom: LocalDateTime?
    /// Each parent's group in the previous run, as a group index of this model (-1 for none or a
    /// group that no longer exists), or empty. It never changes the score: among schedules of
    /// equal score, the search prefers the one that keeps parents in their previous group (the
    /// same mentor at the same time), so that re-runs do not move families without a reason.
    public var previousGroup: [Int32] = []
    /// Position of each group among its mentor's groups, and each mentor's conflict matrix over
    /// them (row-major), from the `conflicts` rules.
    private let positionInMentor: [Int]
    private let conflictMatrix: [[Bool]]

    /// Each parent's previous mentor as a mentor index.
    public static func previousIndices(_ program: Program, _ previous: [ParentID: MentorID]) -> [Int?] {
        let mentorIndex = Dictionary(uniqueKeysWithValues: program.mentors.enumerated().map { ($1.id, $0) })
        return program.parents.map { previous[$0.id].flatMap { mentorIndex[$0] } }
    }

    /// Builds the model from prepared rules.
    ///
    /// - Complexity: one call per hook per group (per mentor for mentor limits, per pair of one
    ///   mentor's fitting groups for conflicts), plus the size of the fitting lists.
    /// - Throws: `InputError` naming a plugin whose answers break the contract of its hook (an
    ///   index of the wrong size, a filter that adds or reorders parents, scores of the wrong
    ///   length), instead of letting a bad plugin crash the run.
    /// - Parameters:
    ///   - planningFrom: the moment the run plans from (spec section 9): candidate groups hold
    ///     only the sessions that start at or after it, and a group with none is not a candidate,
    ///     so that the objective, capacities, group counts and overlaps count the future only.
    ///     Nil plans the whole term.
    ///   - searchablePairs: above this many fitting pairs, `fits` keeps candidates only (tests
    ///     lower it to exercise that path on small programs).
    public init(program: Program, rules: RuleSet, planningFrom: LocalDateTime? = nil,
                searchablePairs: Int = MatchModel.searchablePairs) throws(InputError) {
        self.program = program
        self.rules = rules
        self.planningFrom = planningFrom
        let parentCount = program.parents.count
        var blocked = Set<LocalDate>()
        for rule in rules.with(.blockedDays) { blocked.formUnion(rule.rule.blockedDays()) }
        let generated = CandidateGenerator(program: program, blocked: blocked, from: planningFrom).generate()
        let filters = rules.with(.groupFilter)
        var kept: [CandidateGroup] = [], refused: [(group: CandidateGroup, rule: String)] = []
        for group in generated {
            if let filter = filters.first(where: { !$0.rule.admits(group) }) {
                refused.append((group, filter.name))
            } else {
                kept.append(group)
            }
        }
        refusedGroups = refused
        groups = kept.enumerated().map { i, group in
            CandidateGroup(index: i, mentor: group.mentor, timing: group.timing, mode: group.mode, site: group.site, sessions: group.sessions, id: group.id)
        }
        var byMentor = Array(repeating: [Int](), count: program.mentors.count)
        for (g, group) in groups.enumerated() { byMentor[group.mentor].append(g) }
        groupsOfMentor = byMentor
        let sizers = rules.with(.groupSize)
        let sizes = groups.map { group in max(0, sizers.reduce(parentCount) { min($0, $1.rule.groupSize(group)) }) }
        groupSize = sizes
        let classes = try MatchModel.fitClasses(groups: groups, parentCount: parentCount, rules: rules)
        fitClasses = classes
        isTruncated = classes.pairCount > searchablePairs
        let lists = isTruncated
            ? MatchModel.candidates(classes, groups: groups, parentCount: parentCount, previousMentor: rules.previousMentor) { g in
                MatchModel.candidateLimit(groupSize: sizes[g])
            }
            : classes.classOfGroup.map { classes.members[Int($0)] }
        fits = try MatchModel.filter(lists, groups: groups, rules: rules)
        scoreTypes = try ScoreTypes(parentCount: parentCount, rules: rules)

        var weights: [[Int32]] = []
        weights.reserveCapacity(groups.count)
        let pairScorers = rules.with(.pairScore)
        var scores: [Int] = []
        for (g, group) in groups.enumerated() {
            scores.removeAll(keepingCapacity: true)
            scores.append(contentsOf: repeatElement(0, count: fits[g].count))
            for scorer in pairScorers where !fits[g].isEmpty {
                scorer.rule.score(fits[g], in: group, into: &scores)
                guard scores.count == fits[g].count else {
                    throw MatchModel.broken(scorer, "score(_:in:into:) changed the length of the scores (\(fits[g].count) parents, \(scores.count) scores)")
                }
            }
            weights.append(scores.map { Int32(clamping: $0) })
        }
        pairWeights = weights
        let groupScorers = rules.with(.groupScore)
        groupWeight = groups.map { group in groupScorers.reduce(0) { $0 + $1.rule.score(group) } }
        let capacities = rules.with(.mentorCapacity), counters = rules.with(.groupsPerMentor)
        mentorCapacity = program.mentors.indices.map { m in max(0, capacities.reduce(parentCount) { min($0, $1.rule.capacity(ofMentor: m)) }) }
        maxGroups = program.mentors.indices.map { m in max(0, counters.reduce(min(byMentor[m].count, 64)) { min($0, $1.rule.maxGroups(ofMentor: m)) }) }
        termKeys = rules.with(RuleHooks.soft).map(\.name)
        (apart, apartRule) = try MatchModel.keptApart(parentCount: parentCount, rules: rules)
        hasApart = !apartRule.isEmpty
        (togetherPairs, togetherOf, togetherSlack) = try MatchModel.together(parentCount: parentCount, rules: rules, fits: fits)

        let all = groups, fitting = fits
        var position = Array(repeating: 0, count: groups.count)
        let conflictRules = rules.with(.conflicts)
        var matrices: [[Bool]] = []
        matrices.reserveCapacity(program.mentors.count)
        for m in program.mentors.indices {
            let own = byMentor[m]
            for (i, g) in own.enumerated() { position[g] = i }
            var matrix = Array(repeating: false, count: own.count * own.count)
            if !conflictRules.isEmpty {
                for (i, g) in own.enumerated() where !fitting[g].isEmpty {
                    for (j, h) in own.enumerated() where j > i && !fitting[h].isEmpty
                        && conflictRules.contains(where: { $0.rule.conflict(all[g], all[h]) }) {
                        matrix[i * own.count + j] = true
                        matrix[j * own.count + i] = true
                    }
                }
            }
            matrices.append(matrix)
        }
        positionInMentor = position
        conflictMatrix = matrices
    }

    /// The fit classes: for each distinct combination of the keyed rules' group keys, the parents
    /// seeded from the most selective rule's index (the union of the parents of the group's keys)
    /// and narrowed by the other keyed rules' keys. Groups of one mentor's slot at different
    /// mentors with the same languages share a class, which is what keeps a district of 60,000
    /// parents (some 100 million fitting pairs) from being computed pair by pair.
    static func fitClasses(groups: [CandidateGroup], parentCount: Int, rules: RuleSet) throws(InputError) -> FitClasses {
        struct Keyed {
            let index: PairIndex
            let parents: [Int32: [Int32]]
        }
        var keyed: [Keyed] = []
        for rule in rules.with(.pairIndex) {
            let index = rule.rule.pairIndex(groups: groups)
            guard index.parentKeys.count == parentCount, index.groupKeys.count == groups.count else {
                throw broken(rule, "pairIndex(groups:) gave keys for \(index.parentKeys.count) parents and \(index.groupKeys.count) groups; the program has \(parentCount) parents and \(groups.count) candidate groups")
            }
            var parents: [Int32: [Int32]] = [:]
            for (p, keys) in index.parentKeys.enumerated() {
                for key in Set(keys) { parents[key, default: []].append(Int32(p)) }
            }
            keyed.append(Keyed(index: index, parents: parents))
        }
        let everyone = (0..<Int32(parentCount)).map { $0 }
        var classOfSignature: [[[Int32]?]: Int32] = [:]
        var members: [[Int32]] = []
        var classOfGroup: [Int32] = []
        classOfGroup.reserveCapacity(groups.count)
        for group in groups {
            let g = group.index
            let signature = keyed.map { rule in rule.index.groupKeys[g].map { Array(Set($0)).sorted() } }
            if let known = classOfSignature[signature] {
                classOfGroup.append(known)
                continue
            }
            var seed: (rule: Int, size: Int)? = nil
            for (r, rule) in keyed.enumerated() {
                guard let keys = signature[r] else { continue }
                let size = keys.reduce(0) { $0 + (rule.parents[$1]?.count ?? 0) }
                if seed == nil || size < seed!.size { seed = (r, size) }
            }
            var list: [Int32]
            if let seed {
                let keys = signature[seed.rule]!
                list = keys.count == 1 ? keyed[seed.rule].parents[keys[0]] ?? []
                    : Array(Set(keys.flatMap { keyed[seed.rule].parents[$0] ?? [] })).sorted()
                for (r, rule) in keyed.enumerated() where r != seed.rule {
                    guard let keys = signature[r] else { continue }
                    list.removeAll { p in !rule.index.parentKeys[Int(p)].contains(where: keys.contains) }
                }
            } else {
                list = everyone
            }
            let c = Int32(members.count)
            classOfSignature[signature] = c
            // Narrowed in place, a list keeps the capacity of the rule's list it was seeded from
            // (at 600,000 parents the classes would hold some 300 MB more than their members).
            members.append(list.capacity - list.count > list.count / 8 ? list.compacted() : list)
            classOfGroup.append(c)
        }
        return FitClasses(classOfGroup: classOfGroup, members: members)
    }

    /// The `parentsApart` rules' pairs as a symmetric adjacency (ascending lists), and the rule
    /// that named each pair first.
    static func keptApart(parentCount: Int, rules: RuleSet) throws(InputError) -> ([[Int32]], [ParentPair: String]) {
        var lists = Array(repeating: [Int32](), count: parentCount)
        var ruleOf: [ParentPair: String] = [:]
        for rule in rules.with(.parentsApart) {
            for pair in rule.rule.parentsApart() {
                guard pair.first >= 0, Int(pair.second) < parentCount, pair.first != pair.second else {
                    throw broken(rule, "parentsApart() named the pair (\(pair.first), \(pair.second)); parents are 0..<\(parentCount) and a pair is two different parents")
                }
                guard ruleOf[pair] == nil else { continue }
                ruleOf[pair] = rule.name
                lists[Int(pair.first)].append(pair.second)
                lists[Int(pair.second)].append(pair.first)
            }
        }
        return (lists.map { $0.sorted() }, ruleOf)
    }

    /// The `parentsTogether` rules' pairs, each parent's partners, and the bound's slack.
    static func together(parentCount: Int, rules: RuleSet, fits: [[Int32]]) throws(InputError)
        -> ([(pair: ParentPair, points: Int, rule: String)], [[(other: Int32, points: Int)]], Int) {
        var pairs: [(pair: ParentPair, points: Int, rule: String)] = []
        for rule in rules.with(.parentsTogether) {
            for item in rule.rule.parentsTogether() where item.points != 0 {
                guard item.pair.first >= 0, Int(item.pair.second) < parentCount, item.pair.first != item.pair.second else {
                    throw broken(rule, "parentsTogether() named the pair (\(item.pair.first), \(item.pair.second)); parents are 0..<\(parentCount) and a pair is two different parents")
                }
                pairs.append((item.pair, item.points, rule.name))
            }
        }
        guard !pairs.isEmpty else { return ([], [], 0) }
        var summed: [ParentPair: Int] = [:]
        for item in pairs { summed[item.pair, default: 0] += item.points }
        var partners = Array(repeating: [(other: Int32, points: Int)](), count: parentCount)
        var groupsOf = Array(repeating: Set<Int>(), count: parentCount)
        for (g, list) in fits.enumerated() { for p in list where !summed.isEmpty { groupsOf[Int(p)].insert(g) } }
        var slack = 0
        for (pair, points) in summed.sorted(by: { $0.key < $1.key }) {
            partners[Int(pair.first)].append((pair.second, points))
            partners[Int(pair.second)].append((pair.first, points))
            if points > 0, !groupsOf[Int(pair.first)].isDisjoint(with: groupsOf[Int(pair.second)]) { slack += points }
        }
        return (pairs, partners, slack)
    }

    /// The points pairs add in `groupOfParent`, in total.
    func togetherPoints(_ groupOfParent: [Int?]) -> Int {
        guard hasTogether else { return 0 }
        var total = 0
        for (p, partners) in togetherOf.enumerated() {
            guard let g = groupOfParent[p] else { continue }
            for (q, points) in partners where Int(q) > p && groupOfParent[Int(q)] == g { total += points }
        }
        return total
    }

    /// Whether parents `p` and `q` may never share a group.
    public func keptApart(_ p: Int, _ q: Int) -> Bool {
        hasApart && MatchModel.position(of: Int32(q), in: apart[p]) != nil
    }

    /// Each group's list narrowed by each predicate rule in order.
    private static func filter(_ lists: [[Int32]], groups: [CandidateGroup], rules: RuleSet) throws(InputError) -> [[Int32]] {
        let predicates = rules.with(.pairFilter)
        guard !predicates.isEmpty else { return lists }
        var fits = lists
        for group in groups {
            for predicate in predicates where !fits[group.index].isEmpty {
                let before = fits[group.index]
                predicate.rule.filter(&fits[group.index], in: group)
                guard isOrderedSubset(fits[group.index], of: before) else {
                    throw broken(predicate, "filter(_:in:) added or reordered parents for group \(group.id); it may only remove them")
                }
            }
        }
        return fits
    }

    /// Models with more fitting pairs than this are searched over candidates (`candidates`).
    public static let searchablePairs = 3_000_000

    /// How many candidates a group of `groupSize` parents keeps in a truncated model.
    static func candidateLimit(groupSize: Int) -> Int { max(8, 3 * groupSize) }

    /// Each group's candidates when the model is too large to search whole. The members of a class
    /// are ordered by how few groups admit them (then by index), and the class's groups take turns
    /// through that order, `limit(g)` members each, wrapping around: every member of a class with
    /// enough groups is some group's candidate, the scarcest first when there are too few. The
    /// parents a group's mentor had in the previous run are candidates too (when the group admits
    /// them), so that a re-run can keep families with their mentor.
    ///
    /// - Complexity: O(total size of the classes + candidates × log(limit)).
    static func candidates(_ classes: FitClasses, groups: [CandidateGroup], parentCount: Int, previousMentor: [Int?],
                           limit: (Int) -> Int) -> [[Int32]] {
        var previousParents: [Int: [Int32]] = [:]
        for (p, m) in previousMentor.enumerated() { if let m { previousParents[m, default: []].append(Int32(p)) } }
        let groupsOfClass = classes.groupsOfClass
        var degree = Array(repeating: 0, count: parentCount)
        for (c, members) in classes.members.enumerated() {
            for p in members { degree[Int(p)] += groupsOfClass[c].count }
        }
        var lists = Array(repeating: [Int32](), count: classes.classOfGroup.count)
        for (c, members) in classes.members.enumerated() where !members.isEmpty {
            let order = members.sorted { (degree[Int($0)], $0) < (degree[Int($1)], $1) }
            var next = 0
            for g in groupsOfClass[c] {
                let take = min(limit(g), order.count)
                if take == order.count {
                    lists[g] = members
                    continue
                }
                var list: [Int32] = []
                list.reserveCapacity(take)
                for j in 0..<take { list.append(order[(next + j) % order.count]) }
                next = (next + take) % order.count
                let kept = (previousParents[groups[g].mentor] ?? []).filter { position(of: $0, in: members) != nil }
                lists[g] = kept.isEmpty ? list.sorted() : Array(Set(list).union(kept)).sorted()
            }
        }
        return lists
    }

    /// Whether `list` keeps some of `original`'s elements in their order (both ascending).
    private static func isOrderedSubset(_ list: [Int32], of original: [Int32]) -> Bool {
        var j = 0
        for value in list {
            while j < original.count && original[j] < value { j += 1 }
            guard j < original.count, original[j] == value else { return false }
            j += 1
        }
        return true
    }

    /// The error for a plugin whose answer breaks its hook's contract.
    static func broken(_ rule: ActiveRule, _ what: String) -> InputError {
        InputError(file: "enlace.toml", field: "plugins.\(rule.name)",
                   problem: "plugin \"\(rule.name)\" (\(rule.source)) broke the plugin contract: \(what).",
                   fix: "correct the plugin (see docs/PLUGINS.md), or switch it off with enabled = false under [plugins.\(rule.name)].")
    }

    /// Whether one mentor may not lead both `g` and `h` (groups of one mentor).
    public func conflicts(_ g: Int, _ h: Int) -> Bool {
        let m = groups[g].mentor, n = groupsOfMentor[m].count
        return conflictMatrix[m][positionInMentor[g] * n + positionInMentor[h]]
    }

    /// The weight of parent `p` in group `g` (0 when `p` does not fit `g`).
    ///
    /// - Complexity: O(log |fits[g]|).
    public func weight(parent p: Int, group g: Int) -> Int {
        MatchModel.position(of: Int32(p), in: fits[g]).map { Int(pairWeights[g][$0]) } ?? 0
    }

    /// Every parent fitting group `g`: `fits[g]`, or on a truncated model (whose `fits` hold
    /// candidates) the group's class narrowed by the predicate rules.
    public func fittingParents(of g: Int) -> [Int32] {
        guard isTruncated else { return fits[g] }
        var list = fitClasses.members[Int(fitClasses.classOfGroup[g])]
        for predicate in rules.with(.pairFilter) where !list.isEmpty { predicate.rule.filter(&list, in: groups[g]) }
        return list
    }

    /// Whether parent `p` fits group `g`, also outside a truncated model's candidates.
    public func admits(parent p: Int, group g: Int) -> Bool {
        guard isTruncated else { return MatchModel.position(of: Int32(p), in: fits[g]) != nil }
        guard MatchModel.position(of: Int32(p), in: fitClasses.members[Int(fitClasses.classOfGroup[g])]) != nil else { return false }
        var one: [Int32] = [Int32(p)]
        for predicate in rules.with(.pairFilter) where !one.isEmpty { predicate.rule.filter(&one, in: groups[g]) }
        return !one.isEmpty
    }

    /// Parent `p`'s weight in group `g` if `p` fits `g` (0 otherwise), also for a pair outside a
    /// truncated model's candidates (asking the soft rules about that one pair).
    public func fullWeight(parent p: Int, group g: Int) -> Int {
        if let i = MatchModel.position(of: Int32(p), in: fits[g]) { return Int(pairWeights[g][i]) }
        return isTruncated && admits(parent: p, group: g) ? pairTerms(parent: p, group: g).reduce(0) { $0 + $1.value } : 0
    }

    /// The position of `value` in the ascending `list`, if there.
    static func position(of value: Int32, in list: [Int32]) -> Int? {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < list.count && list[low] == value ? low : nil
    }

    /// Parent `p`'s points in group `g`, per soft rule (the keys of `score.terms`).
    public func pairTerms(parent p: Int, group g: Int) -> [(key: String, value: Int)] {
        rules.with(.pairScore).map { rule in
            var value = [0]
            rule.rule.score([Int32(p)], in: groups[g], into: &value)
            return (rule.name, value[0])
        }
    }
}

extension Array {
    /// A copy with room for its elements only.
    func compacted() -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: self)
        }
    }
}
