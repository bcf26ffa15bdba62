import EnlaceAPI

/// Spec section 4: a group has at most G parents (`max_group_size`).
let plugin = DeclaredPlugin(
    name: "group_size", role: .hard,
    summary: "A group holds at most max_group_size parents.",
    prepare: { context in Rule(size: context.program.settings.maxGroupSize) })

final class Rule: PreparedRule {
    let size: Int
    let hooks: RuleHooks = .groupSize

    init(size: Int) { self.size = size }

    func groupSize(_ group: CandidateGroup) -> Int { size }

    func justify(group: CandidateGroup) -> String? { "a group holds at most \(size) parents (max_group_size)" }
}

@_cdecl("enlace_plugin_GroupSize") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_GroupSize_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
