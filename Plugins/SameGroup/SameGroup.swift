import EnlaceAPI

/// Spec section 4: `same_group` points (default 30) for every parent kept in the very same group
/// as in the previous run — same mentor, kind, mode, site, weekday and start — so that a re-run
/// changes a family's meeting time or place only when it gains something.
let plugin = DeclaredPlugin(
    name: "same_group", role: .soft,
    summary: "Points for every parent kept in the very same group (mentor, time and place) as in the previous run ([weights] same_group).",
    weight: { settings, _ in settings.weights.sameGroup },
    prepare: { context in Rule(context) })

final class Rule: PreparedRule {
    let previous: [GroupPlacement?]
    let weight: Int
    let hooks: RuleHooks = [.pairScore, .scoreCeiling, .scoreKeys]

    init(_ context: PluginContext) {
        previous = context.previousGroup.isEmpty ? Array(repeating: nil, count: context.program.parents.count) : context.previousGroup
        weight = context.program.settings.weights.sameGroup
    }

    func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
        guard weight != 0 else { return }
        let placement = group.placement
        for (i, p) in parents.enumerated() where previous[Int(p)] == placement { scores[i] += weight }
    }

    func scoreCeiling(parent: Int) -> Int { previous[parent] == nil ? 0 : max(0, weight) }

    /// Parents with one previous group (or none) score alike.
    func scoreKeys() -> [Int32] {
        var keys: [GroupPlacement: Int32] = [:]
        return previous.map { placement in
            guard let placement else { return 0 }
            if let known = keys[placement] { return known }
            keys[placement] = Int32(keys.count + 1)
            return Int32(keys.count)
        }
    }

    func justify(parent: Int, group: CandidateGroup) -> String? {
        previous[parent] == group.placement
            ? "the parent stays in the same group as in the previous run (same mentor, time and place): \(weight < 0 ? "\(weight)" : "+\(weight)") (same_group)"
            : nil
    }
}

@_cdecl("enlace_plugin_SameGroup") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_SameGroup_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
