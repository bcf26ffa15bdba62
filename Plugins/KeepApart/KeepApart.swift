import EnlaceAPI

/// Spec section 8: parents.csv's custom column `keep_apart_from` (parent ids, `;`-separated) names
/// parents who must never share a group with the row's parent — a custody order, say. The relation
/// is symmetric (either row may name the other); the import refuses unknown ids.
let plugin = DeclaredPlugin(
    name: "keep_apart", role: .hard,
    summary: "Parents that parents.csv's keep_apart_from column names never share a group.",
    prepare: { context in Rule(context.program) })

final class Rule: PreparedRule {
    let hooks: RuleHooks = [.parentsApart]
    let pairs: [ParentPair]

    init(_ program: Program) {
        let index = Dictionary(uniqueKeysWithValues: program.parents.enumerated().map { ($1.id.rawValue, Int32($0)) })
        var pairs = Set<ParentPair>()
        for (p, parent) in program.parents.enumerated() {
            guard let cell = parent.attributes["keep_apart_from"] else { continue }
            for other in cell.split(separator: ";") {
                let id = String(other)
                if let q = index[id], q != Int32(p) { pairs.insert(ParentPair(Int32(p), q)) }
            }
        }
        self.pairs = pairs.sorted()
    }

    func parentsApart() -> [ParentPair] { pairs }

    func justify(parent: Int, apartFrom other: Int) -> String? {
        "kept apart from one family in this group (data/parents.csv, keep_apart_from)"
    }
}

@_cdecl("enlace_plugin_KeepApart") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_KeepApart_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
