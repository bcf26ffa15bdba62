import EnlaceAPI

/// Spec section 4: `preferred_language` points (default 10) for every parent whose preferred
/// (first) language the mentor speaks.
let plugin = DeclaredPlugin(
    name: "preferred_language", role: .soft,
    summary: "Points for every parent whose mentor speaks the parent's preferred (first) language ([weights] preferred_language).",
    weight: { settings, _ in settings.weights.preferredLanguage },
    prepare: { context in Rule(context.program) })

final class Rule: PreparedRule {
    let program: Program
    let weight: Int
    /// Each parent's preferred language and each mentor's languages, as small integer codes
    /// of their primary subtags (compared per fitting pair).
    let preferred: [Int32]
    let mentorLanguages: [[Int32]]
    let hooks: RuleHooks = [.pairScore, .scoreCeiling, .scoreKeys]

    init(_ program: Program) {
        self.program = program
        weight = program.settings.weights.preferredLanguage
        var codes: [String: Int32] = [:]
        func code(_ tag: LanguageTag) -> Int32 {
            if let known = codes[tag.primary] { return known }
            codes[tag.primary] = Int32(codes.count)
            return Int32(codes.count - 1)
        }
        preferred = program.parents.map { code($0.preferredLanguage) }
        mentorLanguages = program.mentors.map { $0.languages.map(code) }
    }

    private func applies(_ parent: Int, _ mentor: Int) -> Bool {
        mentorLanguages[mentor].contains(preferred[parent])
    }

    func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
        guard weight != 0 else { return }
        for (i, p) in parents.enumerated() where applies(Int(p), group.mentor) { scores[i] += weight }
    }

    func scoreCeiling(parent: Int) -> Int { max(0, weight) }

    /// Parents with one preferred language score alike.
    func scoreKeys() -> [Int32] { preferred }

    func justify(parent: Int, group: CandidateGroup) -> String? {
        guard applies(parent, group.mentor) else { return nil }
        let language = LanguageNames.name(program.parents[parent].preferredLanguage)
        return "the mentor speaks the parent's preferred language, \(language): \(weight < 0 ? "\(weight)" : "+\(weight)") (preferred_language)"
    }
}

@_cdecl("enlace_plugin_PreferredLanguage") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_PreferredLanguage_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
