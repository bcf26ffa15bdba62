import EnlaceAPI

/// Spec section 4: a mentor leads at most K groups (`max_groups_per_mentor`).
let plugin = DeclaredPlugin(
    name: "groups_per_mentor", role: .hard,
    summary: "A mentor leads at most max_groups_per_mentor groups.",
    prepare: { context in Rule(most: context.program.settings.maxGroupsPerMentor) })

final class Rule: PreparedRule {
    let most: Int
    let hooks: RuleHooks = .groupsPerMentor

    init(most: Int) { self.most = most }

    func maxGroups(ofMentor mentor: Int) -> Int { most }

    func justify(mentor: Int) -> String? { "a mentor leads at most \(most) groups (max_groups_per_mentor)" }
}

@_cdecl("enlace_plugin_GroupsPerMentor") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_GroupsPerMentor_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
