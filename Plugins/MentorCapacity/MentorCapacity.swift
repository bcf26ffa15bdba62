import EnlaceAPI

/// Spec section 4: a mentor takes at most `capacity` parents in all (mentors.csv).
public final class MentorCapacity: ConstraintPlugin {
    public let name = "mentor_capacity"
    public let summary = "A mentor takes at most the capacity given in mentors.csv, over all groups."
    public let role = PluginRole.hard

    public init() {}

    public func prepare(_ context: PluginContext) throws -> any PreparedRule { Rule(context.program) }

    final class Rule: PreparedRule {
        let program: Program
        let hooks: RuleHooks = .mentorCapacity

        init(_ program: Program) { self.program = program }

        func capacity(ofMentor mentor: Int) -> Int { program.mentors[mentor].capacity }

        func justify(mentor: Int) -> String? {
            "\(program.mentors[mentor].id) takes at most \(program.mentors[mentor].capacity) parents (capacity in mentors.csv)"
        }
    }
}

@_cdecl("enlace_plugin_MentorCapacity")
public func enlacePluginEntry() -> UnsafeMutableRawPointer { EnlacePluginAPI.export(MentorCapacity()) }

@_cdecl("enlace_plugin_MentorCapacity_abi")
public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
