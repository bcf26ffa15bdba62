import EnlaceAPI

/// Spec section 4: `group` points (default −20) for every group that meets, so that the matcher
/// opens no more groups than the parents need.
let plugin = DeclaredPlugin(
    name: "group", role: .soft,
    summary: "Points (a cost, by default) for every group that meets ([weights] group).",
    weight: { settings, _ in settings.weights.group },
    prepare: { context in Rule(weight: context.program.settings.weights.group) })

final class Rule: PreparedRule {
    let weight: Int
    let hooks: RuleHooks = .groupScore

    init(weight: Int) { self.weight = weight }

    func score(_ group: CandidateGroup) -> Int { weight }

    func justify(group: CandidateGroup) -> String? { "each group that meets counts \(weight) (group)" }
}

@_cdecl("enlace_plugin_GroupCost") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_GroupCost_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
