/// One enabled plugin prepared for a run.
public struct ActiveRule {
    public let name: String
    public let role: PluginRole
    public let source: PluginSource
    public let rule: any PreparedRule
    /// Cached `rule.hooks`.
    public let hooks: RuleHooks

    public init(name: String, role: PluginRole, source: PluginSource, rule: any PreparedRule) {
        self.name = name
        self.role = role
        self.source = source
        self.rule = rule
        self.hooks = rule.hooks
    }
}

/// The enabled plugins of one run, prepared with the program and their parameters, in catalog
/// order: what the matcher's model is built from. A plain value, so that the solver sees the
/// rules without the module that finds and loads plugins (`EnlacePlugins` prepares it).
public struct RuleSet {
    public let rules: [ActiveRule]
    /// Each parent's mentor index in the previous run, if any (what the plugins were given).
    public let previousMentor: [Int?]

    public init(rules: [ActiveRule], previousMentor: [Int?] = []) {
        self.rules = rules
        self.previousMentor = previousMentor
    }

    /// The names of the contract's built-in rules (spec section 4, and section 8's keep_apart), in
    /// the order the matcher applies and explains them:
    /// hard rules first (language, then mode, site and time, so that an unmatched parent's reason
    /// names the first rule that leaves nothing), then the objective's terms in the spec's order.
    public static let specRuleNames = ["blackouts", "shared_language", "meeting_mode", "same_site", "time_fit",
                                       "group_size", "mentor_capacity", "groups_per_mentor", "no_overlap", "keep_apart",
                                       "matched", "preferred_language", "open_house", "shared_topic", "continuity",
                                       "same_group", "group"]

    /// The rules that implement `hook`, in order.
    public func with(_ hook: RuleHooks) -> [ActiveRule] { rules.filter { !$0.hooks.isDisjoint(with: hook) } }
}

/// Where a plugin came from, for `enlace plugins` and error messages.
public enum PluginSource: Sendable, Hashable, CustomStringConvertible {
    /// A rule of spec section 4, shipped in `Plugins/`.
    case builtIn(folder: String)
    /// Another folder of `Plugins/`, compiled into this `enlace`.
    case folder(String)
    /// A shared library loaded at run time.
    case library(path: String)

    public var description: String {
        switch self {
        case .builtIn(let folder): "built-in (Plugins/\(folder))"
        case .folder(let folder): "Plugins/\(folder)"
        case .library(let path): path
        }
    }
}
