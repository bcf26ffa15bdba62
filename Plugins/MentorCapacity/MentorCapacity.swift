import EnlaceAPI

/// Spec section 4: a mentor takes at most `capacity` parents in all (mentors.csv).
let plugin = DeclaredPlugin(
    name: "mentor_capacity", role: .hard,
    summary: "A mentor takes at most the capacity given in mentors.csv, over all groups.",
    prepare: { context in Rule(context.program) })

final class Rule: PreparedRule {
    let program: Program
    let hooks: RuleHooks = .mentorCapacity

    init(_ program: Program) { self.program = program }

    func capacity(ofMentor mentor: Int) -> Int { program.mentors[mentor].capacity }

    func justify(mentor: Int) -> String? {
        "\(program.mentors[mentor].id) takes at most \(program.mentors[mentor].capacity) parents (capacity in mentors.csv)"
    }
}

@_cdecl("enlace_plugin_MentorCapacity") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_MentorCapacity_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
