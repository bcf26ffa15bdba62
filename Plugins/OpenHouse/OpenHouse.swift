import EnlaceAPI

/// Spec section 4: `open_house` points (default 15) for every parent in an open-house group.
public final class OpenHouse: ConstraintPlugin {
    public let name = "open_house"
    public let summary = "Points for every parent in a group that meets at the school's open house ([weights] open_house)."
    public let role = PluginRole.soft

    public init() {}

    public func weight(settings: ProgramSettings, parameters: PluginParameters) -> Int? { settings.weights.openHouse }

    public func prepare(_ context: PluginContext) throws -> any PreparedRule { Rule(weight: context.program.settings.weights.openHouse) }

    final class Rule: PreparedRule {
        let weight: Int
        let hooks: RuleHooks = [.pairScore, .scoreCeiling]

        init(weight: Int) { self.weight = weight }

        func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
            guard group.isOpenHouse, weight != 0 else { return }
            for i in scores.indices { scores[i] += weight }
        }

        func scoreCeiling(parent: Int) -> Int { max(0, weight) }

        func justify(parent: Int, group: CandidateGroup) -> String? {
            group.isOpenHouse ? "the group meets at the school's open house: \(weight < 0 ? "\(weight)" : "+\(weight)") (open_house)" : nil
        }
    }
}

@_cdecl("enlace_plugin_OpenHouse")
public func enlacePluginEntry() -> UnsafeMutableRawPointer { EnlacePluginAPI.export(OpenHouse()) }

@_cdecl("enlace_plugin_OpenHouse_abi")
public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
