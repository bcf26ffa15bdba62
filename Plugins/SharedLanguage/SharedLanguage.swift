import EnlaceAPI

/// Spec section 4: a parent fits a group only if the parent and the mentor share a language
/// (compared by primary subtag, so `zh-Hant` and `zh-Hans` both count as Chinese).
let plugin = DeclaredPlugin(
    name: "shared_language", role: .hard,
    summary: "A parent joins only a mentor who speaks one of the parent's languages.",
    prepare: { context in Rule(context.program) })

final class Rule: PreparedRule {
    let program: Program
    /// Language codes (by primary subtag) of each parent and each mentor.
    let parentCodes: [[Int32]]
    let mentorCodes: [[Int32]]
    let hooks: RuleHooks = .pairIndex

    init(_ program: Program) {
        self.program = program
        var codes: [String: Int32] = [:]
        func code(_ tag: LanguageTag) -> Int32 {
            if let known = codes[tag.primary] { return known }
            let next = Int32(codes.count)
            codes[tag.primary] = next
            return next
        }
        parentCodes = program.parents.map { Array(Set($0.languages.map(code))).sorted() }
        mentorCodes = program.mentors.map { Array(Set($0.languages.map(code))).sorted() }
    }

    func pairIndex(groups: [CandidateGroup]) -> PairIndex {
        PairIndex(parentKeys: parentCodes, groupKeys: groups.map { mentorCodes[$0.mentor] })
    }

    /// How many mentors share a language with parents of each set of codes (explanations ask
    /// for every unmatched parent; a district has a few such sets).
    private var speakers: [[Int32]: Int] = [:]

    private func shares(_ parent: Int, _ mentor: Int) -> Bool {
        parentCodes[parent].contains(where: mentorCodes[mentor].contains)
    }

    func justify(parent: Int, group: CandidateGroup) -> String? {
        guard !shares(parent, group.mentor) else { return nil }
        let mentor = program.mentors[group.mentor]
        return "\(mentor.id) speaks \(LanguageNames.list(mentor.languages)), not \(LanguageNames.list(program.parents[parent].languages))"
    }

    func explainExclusion(parent: Int, groups: [CandidateGroup]) -> String? {
        let languages = LanguageNames.list(program.parents[parent].languages)
        let codes = parentCodes[parent]
        let count = speakers[codes] ?? program.mentors.indices.filter { shares(parent, $0) }.count
        speakers[codes] = count
        switch count {
        case 0: return "no mentor speaks \(languages)"
        case 1: return "1 mentor speaks \(languages) but has no group to offer (no weekly time or way of meeting)"
        default: return "\(count) mentors speak \(languages) but none has a group to offer (no weekly time or way of meeting)"
        }
    }
}

@_cdecl("enlace_plugin_SharedLanguage") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_SharedLanguage_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
