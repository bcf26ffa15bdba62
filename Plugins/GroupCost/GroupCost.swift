import EnlaceAPI

/// Spec section 4: `group` points (default −20) for every group that meets, so that the matcher
/// opens no more groups than the parents need.
public final class GroupCost: ConstraintPlugin {
    public let name = "group"
    public let summary = "Points (a cost, by default) for every group that meets ([weights] group)."
    public let role = PluginRole.soft

    public init() {}

    public func weight(settings: ProgramSettings, parameters: PluginParameters) -> Int? { settings.weights.group }

    public func prepare(_ context: PluginContext) throws -> any PreparedRule { Rule(weight: context.program.settings.weights.group) }

    final class Rule: PreparedRule {
        let weight: Int
        let hooks: RuleHooks = .groupScore

        init(weight: Int) { self.weight = weight }

        func score(_ group: CandidateGroup) -> Int { weight }

        func justify(group: CandidateGroup) -> String? { "each group that meets counts \(weight) (group)" }
    }
}

@_cdecl("enlace_plugin_GroupCost")
public func enlacePluginEntry() -> UnsafeMutableRawPointer { EnlacePluginAPI.export(GroupCost()) }

@_cdecl("enlace_plugin_GroupCost_abi")
public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
