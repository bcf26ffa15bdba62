import EnlaceAPI

/// Spec section 4: `open_house` points (default 15) for every parent in an open-house group.
let plugin = DeclaredPlugin(
    name: "open_house", role: .soft,
    summary: "Points for every parent in a group that meets at the school's open house ([weights] open_house).",
    weight: { settings, _ in settings.weights.openHouse },
    prepare: { context in Rule(weight: context.program.settings.weights.openHouse, parentCount: context.program.parents.count) })

final class Rule: PreparedRule {
    let weight: Int
    let parentCount: Int
    let hooks: RuleHooks = [.pairScore, .scoreCeiling, .scoreKeys]

    init(weight: Int, parentCount: Int) {
        self.weight = weight
        self.parentCount = parentCount
    }

    func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
        guard group.isOpenHouse, weight != 0 else { return }
        for i in scores.indices { scores[i] += weight }
    }

    func scoreCeiling(parent: Int) -> Int { max(0, weight) }

    func scoreKeys() -> [Int32] { Array(repeating: 0, count: parentCount) }

    func justify(parent: Int, group: CandidateGroup) -> String? {
        group.isOpenHouse ? "the group meets at the school's open house: \(weight < 0 ? "\(weight)" : "+\(weight)") (open_house)" : nil
    }
}

@_cdecl("enlace_plugin_OpenHouse") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_OpenHouse_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
