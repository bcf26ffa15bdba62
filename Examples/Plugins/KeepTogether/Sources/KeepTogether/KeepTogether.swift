import EnlaceAPI

/// "Siblings' families meet together": parents.csv's custom column `household` names a household
/// (any text; empty for none), and every two parents of one household add `points` when they share
/// a group. A soft rule about pairs of families: it gives its pairs once, and the matcher scores
/// them in every schedule it compares.
public final class KeepTogether: ConstraintPlugin {
    public let name = "keep_together"
    public let summary = "Points when two families of one household (parents.csv's household column) share a group."
    public let role = PluginRole.soft
    public let parameters = [
        ParameterSpec("points", .integer, default: .integer(40), help: "Points for each pair of one household in one group."),
        ParameterSpec("column", .string, default: .string("household"), help: "The parents.csv column that names the household."),
    ]

    public init() {}

    public func weight(settings: ProgramSettings, parameters: PluginParameters) -> Int? { parameters.integer("points") }

    public func prepare(_ context: PluginContext) throws -> any PreparedRule {
        let points = context.parameters.integer("points")
        guard points >= 0 else { throw PluginError("points = \(points) is negative; write 0 or more (0 switches the bonus off).") }
        let column = context.parameters.string("column")
        var households: [String: [Int32]] = [:]
        for (p, parent) in context.program.parents.enumerated() {
            guard let household = parent.attributes[column], !household.isEmpty else { continue }
            households[household, default: []].append(Int32(p))
        }
        var pairs: [ParentPairPoints] = []
        for key in households.keys.sorted() {
            let members = households[key]!
            for (i, a) in members.enumerated() {
                for b in members[(i + 1)...] { pairs.append(ParentPairPoints(ParentPair(a, b), points: points)) }
            }
        }
        return Rule(pairs: pairs)
    }

    final class Rule: PreparedRule {
        let hooks: RuleHooks = [.parentsTogether]
        let pairs: [ParentPairPoints]

        init(pairs: [ParentPairPoints]) { self.pairs = pairs }

        func parentsTogether() -> [ParentPairPoints] { pairs }

        func justify(parent: Int, together other: Int) -> String? {
            "meets with another family of the same household"
        }
    }
}

private let plugin = KeepTogether()
@_cdecl("enlace_plugin_KeepTogether") public func enlacePluginEntry() -> UnsafeMutableRawPointer { EnlacePluginAPI.export(plugin) }
@_cdecl("enlace_plugin_KeepTogether_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
