import EnlaceAPI

/// Spec section 4: `matched` points (default 100) for every parent in a group.
public final class Matched: ConstraintPlugin {
    public let name = "matched"
    public let summary = "Points for every parent in a group ([weights] matched)."
    public let role = PluginRole.soft

    public init() {}

    public func weight(settings: ProgramSettings, parameters: PluginParameters) -> Int? { settings.weights.matched }

    public func prepare(_ context: PluginContext) throws -> any PreparedRule { Rule(weight: context.program.settings.weights.matched) }

    final class Rule: PreparedRule {
        let weight: Int
        let hooks: RuleHooks = [.pairScore, .scoreCeiling]

        init(weight: Int) { self.weight = weight }

        func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
            for i in scores.indices { scores[i] += weight }
        }

        func scoreCeiling(parent: Int) -> Int { weight }

        func justify(parent: Int, group: CandidateGroup) -> String? { "the parent has a group: \(weight < 0 ? "\(weight)" : "+\(weight)") (matched)" }
    }
}


@_cdecl("enlace_plugin_Matched")
public func enlacePluginEntry() -> UnsafeMutableRawPointer { EnlacePluginAPI.export(Matched()) }

@_cdecl("enlace_plugin_Matched_abi")
public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
