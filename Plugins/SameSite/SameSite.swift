import EnlaceAPI

/// Spec section 4: a parent joins an in-person group only at the site of the parent's school.
/// Virtual groups take parents from every site.
let plugin = DeclaredPlugin(
    name: "same_site", role: .hard,
    summary: "A parent meets in person only at the site of the parent's school.",
    prepare: { context in Rule(context) })

final class Rule: PreparedRule {
    let program: Program
    let parentSite: [Int32]
    let hooks: RuleHooks = .pairIndex

    init(_ context: PluginContext) {
        program = context.program
        parentSite = context.program.parents.map { Int32(context.siteIndex[$0.site] ?? -1) }
    }

    func pairIndex(groups: [CandidateGroup]) -> PairIndex {
        PairIndex(parentKeys: parentSite.map { [$0] }, groupKeys: groups.map { group in group.site.map { [Int32($0)] } })
    }

    func justify(parent: Int, group: CandidateGroup) -> String? {
        guard let site = group.site, Int32(site) != parentSite[parent] else { return nil }
        return "the group meets at \(program.sites[site].name), not at the parent's school"
    }

    func explainExclusion(parent: Int, groups: [CandidateGroup]) -> String? {
        let site = program.sites.first { $0.id == program.parents[parent].site }?.name ?? program.parents[parent].site.rawValue
        return "\(program.speakersPhrase(parent: parent, groups: groups, and: ("meets in person", "meet in person"))), none at \(site)"
    }
}

@_cdecl("enlace_plugin_SameSite") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_SameSite_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
