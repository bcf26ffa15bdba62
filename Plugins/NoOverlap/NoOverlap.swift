import EnlaceAPI

/// Spec section 4: two groups of one mentor never overlap in time: weekly slots on one day, or any
/// dated session of one against any of the other (half-open intervals: back to back is fine).
public final class NoOverlap: ConstraintPlugin {
    public let name = "no_overlap"
    public let summary = "A mentor's groups never meet at the same time."
    public let role = PluginRole.hard

    public init() {}

    public func prepare(_ context: PluginContext) throws -> any PreparedRule { Rule(minutes: context.program.settings.sessionMinutes) }

    final class Rule: PreparedRule {
        let minutes: Int
        let hooks: RuleHooks = .conflicts

        init(minutes: Int) { self.minutes = minutes }

        func conflict(_ a: CandidateGroup, _ b: CandidateGroup) -> Bool { a.overlaps(b, minutes: minutes) }
    }
}

@_cdecl("enlace_plugin_NoOverlap")
public func enlacePluginEntry() -> UnsafeMutableRawPointer { EnlacePluginAPI.export(NoOverlap()) }

@_cdecl("enlace_plugin_NoOverlap_abi")
public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
