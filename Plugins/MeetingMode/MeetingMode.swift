import EnlaceAPI

/// Spec section 4: a group's mode (virtual or in person) must be one of its mentor's modes, and a
/// parent joins only a group whose mode is one of the parent's.
let plugin = DeclaredPlugin(
    name: "meeting_mode", role: .hard,
    summary: "Groups meet only in a way their mentor offers, and parents join only groups that meet the way they can.",
    prepare: { context in Rule(context.program) })

final class Rule: PreparedRule {
    let program: Program
    let hooks: RuleHooks = [.groupFilter, .pairIndex]

    init(_ program: Program) { self.program = program }

    private static func code(_ mode: EnlaceAPI.MeetingMode) -> Int32 { mode == .virtual ? 0 : 1 }

    func admits(_ group: CandidateGroup) -> Bool { program.mentors[group.mentor].modes.contains(group.mode) }

    func pairIndex(groups: [CandidateGroup]) -> PairIndex {
        PairIndex(parentKeys: program.parents.map { $0.modes.map(Rule.code).sorted() },
                  groupKeys: groups.map { [Rule.code($0.mode)] })
    }

    func justify(group: CandidateGroup) -> String? {
        guard !admits(group) else { return nil }
        return "\(program.mentors[group.mentor].id) does not meet \(Rule.words(group.mode))"
    }

    func justify(parent: Int, group: CandidateGroup) -> String? {
        program.parents[parent].modes.contains(group.mode) ? nil : "the parent does not meet \(Rule.words(group.mode))"
    }

    func explainExclusion(parent: Int, groups: [CandidateGroup]) -> String? {
        let modes = program.parents[parent].modes
        let how = modes == [.virtual] ? "virtually" : modes == [.inPerson] ? "in person" : "the way the parent can"
        return "\(program.speakersPhrase(parent: parent, groups: groups)), none meets \(how)"
    }

    static func words(_ mode: EnlaceAPI.MeetingMode) -> String { mode == .virtual ? "virtually" : "in person" }
}

@_cdecl("enlace_plugin_MeetingMode") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_MeetingMode_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
