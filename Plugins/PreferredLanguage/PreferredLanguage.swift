import EnlaceAPI

/// Spec section 4: `preferred_language` points (default 10) for every parent whose preferred
/// (first) language the mentor speaks.
public final class PreferredLanguage: ConstraintPlugin {
    public let name = "preferred_language"
    public let summary = "Points for every parent whose mentor speaks the parent's preferred (first) language ([weights] preferred_language)."
    public let role = PluginRole.soft

    public init() {}

    public func weight(settings: ProgramSettings, parameters: PluginParameters) -> Int? { settings.weights.preferredLanguage }

    public func prepare(_ context: PluginContext) throws -> any PreparedRule { Rule(context.program) }

    final class Rule: PreparedRule {
        let program: Program
        let weight: Int
        /// The primary subtags each mentor speaks.
        let mentorLanguages: [Set<String>]
        let hooks: RuleHooks = .pairScore

        init(_ program: Program) {
            self.program = program
            weight = program.settings.weights.preferredLanguage
            mentorLanguages = program.mentors.map { Set($0.languages.map(\.primary)) }
        }

        private func applies(_ parent: Int, _ mentor: Int) -> Bool {
            mentorLanguages[mentor].contains(program.parents[parent].preferredLanguage.primary)
        }

        func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
            guard weight != 0 else { return }
            for (i, p) in parents.enumerated() where applies(Int(p), group.mentor) { scores[i] += weight }
        }

        func justify(parent: Int, group: CandidateGroup) -> String? {
            guard applies(parent, group.mentor) else { return nil }
            let language = LanguageNames.name(program.parents[parent].preferredLanguage)
            return "the mentor speaks the parent's preferred language, \(language): \(weight < 0 ? "\(weight)" : "+\(weight)") (preferred_language)"
        }
    }
}

@_cdecl("enlace_plugin_PreferredLanguage")
public func enlacePluginEntry() -> UnsafeMutableRawPointer { EnlacePluginAPI.export(PreferredLanguage()) }

@_cdecl("enlace_plugin_PreferredLanguage_abi")
public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
