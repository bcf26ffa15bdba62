import EnlaceAPI

/// Spec section 4: `matched` points (default 100) for every parent in a group.
let plugin = DeclaredPlugin(
    name: "matched", role: .soft,
    summary: "Points for every parent in a group ([weights] matched).",
    weight: { settings, _ in settings.weights.matched },
    prepare: { context in Rule(weight: context.program.settings.weights.matched, parentCount: context.program.parents.count) })

final class Rule: PreparedRule {
    let weight: Int
    let parentCount: Int
    let hooks: RuleHooks = [.pairScore, .scoreCeiling, .scoreKeys]

    init(weight: Int, parentCount: Int) {
        self.weight = weight
        self.parentCount = parentCount
    }

    func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
        for i in scores.indices { scores[i] += weight }
    }

    func scoreCeiling(parent: Int) -> Int { weight }

    func scoreKeys() -> [Int32] { Array(repeating: 0, count: parentCount) }

    func justify(parent: Int, group: CandidateGroup) -> String? { "the parent has a group: \(weight < 0 ? "\(weight)" : "+\(weight)") (matched)" }
}

@_cdecl("enlace_plugin_Matched") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_Matched_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
