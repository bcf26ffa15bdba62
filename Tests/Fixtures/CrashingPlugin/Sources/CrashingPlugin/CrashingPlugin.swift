import EnlaceAPI

/// Crashes (a Swift trap, as a force-unwrap of nil or an index out of range would) in the one
/// method its `crash` parameter names: `prepare`, `hooks`, or a `PreparedRule` method by its full
/// name, such as `justify(group:)` (all but `scoreCeiling(parent:)`, which no test district
/// reaches: see PluginCrashTests). The trap's own line on stderr ("Fatal error: crashing in
/// justify(group:)") tells which method it was, where the host's message names the hook only.
///
/// The rule declares the one hook that method belongs to, so the matcher asks it nothing else.
/// Until it crashes it is a rule that reaches the explanations: it keeps families off Tuesdays
/// (`admits(_:)`, `filter(_:in:)`), and keeps the first two parents apart (`parentsApart()`) or
/// scores them together (`parentsTogether()`). Its role (soft) decides nothing the host asks;
/// the declared hooks do.
let plugin = DeclaredPlugin(
    name: "crashing", role: .soft,
    summary: "Crashes on purpose in the method its parameter names (a test fixture).",
    parameters: [ParameterSpec("crash", .string, default: .string("none"), help: "The method to crash in.")],
    weight: { _, _ in 1 },
    prepare: { context in
        let method = context.parameters.string("crash")
        if method == "prepare" { fatalError("crashing in prepare") }
        return Rule(crashingIn: method, parents: context.program.parents.count)
    })

final class Rule: PreparedRule {
    /// The hook that has the host call each method. Not crashing (`none`, the default), the rule
    /// is a term that scores nothing (PluginLibraryTests loads it next to another library).
    static let hookOf: [String: RuleHooks] = [
        "none": .pairScore,
        "blockedDays()": .blockedDays, "admits(_:)": .groupFilter, "pairIndex(groups:)": .pairIndex,
        "filter(_:in:)": .pairFilter, "groupSize(_:)": .groupSize, "capacity(ofMentor:)": .mentorCapacity,
        "maxGroups(ofMentor:)": .groupsPerMentor, "conflict(_:_:)": .conflicts, "score(_:in:into:)": .pairScore,
        "score(_:)": .groupScore, "scoreKeys()": [.pairScore, .scoreKeys], "parentsApart()": .parentsApart,
        "parentsTogether()": .parentsTogether, "justify(parent:group:)": .pairScore, "justify(group:)": .groupFilter,
        "justify(mentor:)": .mentorCapacity, "explainExclusion(parent:groups:)": .pairFilter,
        "justify(parent:apartFrom:)": .parentsApart, "justify(parent:together:)": .parentsTogether,
    ]

    let method: String
    let parents: Int

    init(crashingIn method: String, parents: Int) {
        self.method = method
        self.parents = parents
    }

    /// Traps when `name` is the method to crash in.
    private func crash(in name: String) {
        if name == method { fatalError("crashing in \(name)") }
    }

    private func isTuesday(_ group: CandidateGroup) -> Bool {
        if case .weekly(.tuesday, _) = group.timing { return true }
        return false
    }

    var hooks: RuleHooks {
        crash(in: "hooks")
        return Self.hookOf[method] ?? []
    }

    func blockedDays() -> [LocalDate] {
        crash(in: "blockedDays()")
        return []
    }

    func admits(_ group: CandidateGroup) -> Bool {
        crash(in: "admits(_:)")
        return !isTuesday(group)
    }

    func pairIndex(groups: [CandidateGroup]) -> PairIndex {
        crash(in: "pairIndex(groups:)")
        return PairIndex(parentKeys: Array(repeating: [], count: parents), groupKeys: groups.map { _ in nil })
    }

    func filter(_ parents: inout [Int32], in group: CandidateGroup) {
        crash(in: "filter(_:in:)")
        if isTuesday(group) { parents.removeAll() }
    }

    func groupSize(_ group: CandidateGroup) -> Int {
        crash(in: "groupSize(_:)")
        return .max
    }

    func capacity(ofMentor mentor: Int) -> Int {
        crash(in: "capacity(ofMentor:)")
        return .max
    }

    func maxGroups(ofMentor mentor: Int) -> Int {
        crash(in: "maxGroups(ofMentor:)")
        return .max
    }

    func conflict(_ a: CandidateGroup, _ b: CandidateGroup) -> Bool {
        crash(in: "conflict(_:_:)")
        return false
    }

    func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
        crash(in: "score(_:in:into:)")
    }

    func score(_ group: CandidateGroup) -> Int {
        crash(in: "score(_:)")
        return 0
    }

    func scoreKeys() -> [Int32] {
        crash(in: "scoreKeys()")
        return Array(repeating: 0, count: parents)
    }

    func parentsApart() -> [ParentPair] {
        crash(in: "parentsApart()")
        return [ParentPair(0, 1)]
    }

    func parentsTogether() -> [ParentPairPoints] {
        crash(in: "parentsTogether()")
        return [ParentPairPoints(ParentPair(0, 1), points: 1)]
    }

    func justify(parent: Int, group: CandidateGroup) -> String? {
        crash(in: "justify(parent:group:)")
        return nil
    }

    func justify(group: CandidateGroup) -> String? {
        crash(in: "justify(group:)")
        return "no family meets on Tuesdays"
    }

    func justify(mentor: Int) -> String? {
        crash(in: "justify(mentor:)")
        return nil
    }

    func explainExclusion(parent: Int, groups: [CandidateGroup]) -> String? {
        crash(in: "explainExclusion(parent:groups:)")
        return "no family meets on Tuesdays"
    }

    func justify(parent: Int, apartFrom other: Int) -> String? {
        crash(in: "justify(parent:apartFrom:)")
        return "kept apart by the crashing rule"
    }

    func justify(parent: Int, together other: Int) -> String? {
        crash(in: "justify(parent:together:)")
        return nil
    }
}

@_cdecl("enlace_plugin_CrashingPlugin") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_CrashingPlugin_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
