import EnlaceAPI

/// Spec section 4: `continuity` points (default 50) for every parent kept with the mentor of the
/// previous run, so that a mid-year re-run does not reshuffle families.
let plugin = DeclaredPlugin(
    name: "continuity", role: .soft,
    summary: "Points for every parent kept with the mentor of the previous run ([weights] continuity).",
    weight: { settings, _ in settings.weights.continuity },
    prepare: { context in Rule(context) })

final class Rule: PreparedRule {
    let previous: [Int?]
    let weight: Int
    let hooks: RuleHooks = [.pairScore, .scoreCeiling, .scoreKeys]

    init(_ context: PluginContext) {
        previous = context.previousMentor
        weight = context.program.settings.weights.continuity
    }

    func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
        guard weight != 0 else { return }
        for (i, p) in parents.enumerated() where previous[Int(p)] == group.mentor { scores[i] += weight }
    }

    func scoreCeiling(parent: Int) -> Int { previous[parent] == nil ? 0 : max(0, weight) }

    /// Parents with one previous mentor (or none) score alike.
    func scoreKeys() -> [Int32] { previous.map { $0.map { Int32($0) + 1 } ?? 0 } }

    func justify(parent: Int, group: CandidateGroup) -> String? {
        previous[parent] == group.mentor ? "the parent stays with the mentor of the previous run: \(weight < 0 ? "\(weight)" : "+\(weight)") (continuity)" : nil
    }
}

@_cdecl("enlace_plugin_Continuity") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_Continuity_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
