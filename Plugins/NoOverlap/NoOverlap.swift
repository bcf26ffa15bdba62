import EnlaceAPI

/// Spec section 4: two groups of one mentor never overlap in time: weekly slots on one day, or any
/// dated session of one against any of the other (half-open intervals: back to back is fine).
let plugin = DeclaredPlugin(
    name: "no_overlap", role: .hard,
    summary: "A mentor's groups never meet at the same time.",
    prepare: { context in Rule(minutes: context.program.settings.sessionMinutes) })

final class Rule: PreparedRule {
    let minutes: Int
    let hooks: RuleHooks = .conflicts

    init(minutes: Int) { self.minutes = minutes }

    func conflict(_ a: CandidateGroup, _ b: CandidateGroup) -> Bool { a.overlaps(b, minutes: minutes) }
}

@_cdecl("enlace_plugin_NoOverlap") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_NoOverlap_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
