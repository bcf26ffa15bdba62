import EnlaceAPI

/// Crashes (a Swift trap, as a force-unwrap of nil or an index out of range would) in the hook
/// its `hook` parameter names: `prepare`, `admits`, `score` or `justify`.
let plugin = DeclaredPlugin(
    name: "crashing", role: .soft,
    summary: "Crashes on purpose in the hook its parameter names (a test fixture).",
    parameters: [ParameterSpec("hook", .string, default: .string("none"), help: "Where to crash.")],
    weight: { _, _ in 1 },
    prepare: { context in
        let hook = context.parameters.string("hook")
        if hook == "prepare" { fatalError("crashing in prepare") }
        return Rule(hook: hook)
    })

final class Rule: PreparedRule {
    let hook: String
    let hooks: RuleHooks = [.groupFilter, .pairScore]

    init(hook: String) { self.hook = hook }

    func admits(_ group: CandidateGroup) -> Bool {
        if hook == "admits" { fatalError("crashing in admits") }
        return true
    }

    func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
        if hook == "score" { fatalError("crashing in score") }
    }

    func justify(parent: Int, group: CandidateGroup) -> String? {
        if hook == "justify" { fatalError("crashing in justify") }
        return nil
    }

    func explainExclusion(parent: Int, groups: [CandidateGroup]) -> String? {
        if hook == "justify" { fatalError("crashing in justify") }
        return nil
    }
}

@_cdecl("enlace_plugin_CrashingPlugin") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_CrashingPlugin_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
