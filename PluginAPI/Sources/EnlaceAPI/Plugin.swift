// # Constraint plugins
//
// A plugin is a rule of the matching problem (spec section 8). Every rule of spec section 4 is one
// (see `Plugins/`), and district IT writes its own against this same API. A plugin has two parts:
//
// - `ConstraintPlugin`: what `enlace plugins` lists (name, role, parameters) and a factory,
//   `prepare(_:)`, called once per run with the program and the plugin's `[plugins.NAME]` values.
// - `PreparedRule`: the rule for that run. It answers through *hooks*, each a batch question the
//   matcher asks while it builds its model, never inside its search loops:
//
//   | hook             | question                                    | asked              |
//   |------------------|---------------------------------------------|--------------------|
//   | `blockedDays`    | days with no session at all                 | once               |
//   | `groupFilter`    | may this candidate group exist?             | once per group     |
//   | `pairIndex`      | keys a parent and a group must share        | once               |
//   | `pairFilter`     | which of these parents may join this group? | once per group     |
//   | `groupSize`      | most parents in this group                  | once per group     |
//   | `mentorCapacity` | most parents of this mentor                 | once per mentor    |
//   | `groupsPerMentor`| most groups of this mentor                  | once per mentor    |
//   | `conflicts`      | may one mentor lead both groups?            | per pair of groups of one mentor |
//   | `pairScore`      | points for each of these parents in this group | once per group  |
//   | `groupScore`     | points for opening this group               | once per group     |
//   | `parentsApart`   | which pairs of parents never share a group? | once               |
//   | `parentsTogether`| points for each pair of parents in one group | once              |
//   | `scoreCeiling`   | the most `pairScore` gives this parent      | once per parent    |
//   | `scoreKeys`      | which parents `pairScore` scores alike      | once               |
//
//   A rule declares the hooks it implements in `hooks`; the others are never called. Every
//   decision can be justified in one sentence (`justify…`), which `enlace explain` and the
//   unmatched reasons quote.
//
// Everything a plugin sees is a read-only value: the program (sites, mentors, parents with their
// custom attributes, open houses, blackouts, settings), the candidate groups, and the previous
// run's mentors. Contact details are not part of it. Parents, mentors, sites and groups are named
// by their index in the program's sorted arrays (`Int32` for parents in batches), so hooks can use
// flat arrays instead of dictionaries.
//
// A plugin must be deterministic: the same program and parameters give the same answers.

/// The version of this API. A plugin compiled against another version is refused with a clear
/// message, because without library evolution on Linux a compiled plugin depends on the exact
/// layout of these types.
public enum EnlacePluginAPI {
    /// Raised whenever a change here can break a compiled plugin.
    @inlinable public static var version: Int { 5 }

    /// `enlace-plugin-api/VERSION swift/COMPILER`: what a compiled plugin was built with. It is
    /// inlined into the plugin when the plugin is compiled, so the host can compare it with its own
    /// before touching any Swift type of the plugin.
    @inlinable public static var abi: StaticString {
        #if compiler(>=6.4)
        "enlace-plugin-api/5 swift/6.4+"
        #elseif compiler(>=6.3)
        "enlace-plugin-api/5 swift/6.3"
        #elseif compiler(>=6.2)
        "enlace-plugin-api/5 swift/6.2"
        #else
        "enlace-plugin-api/5 swift/older"
        #endif
    }

    /// Hands a plugin to the host from the plugin's C entry point: `Unmanaged` keeps it alive.
    @inlinable public static func export(_ plugin: any ConstraintPlugin) -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(PluginBox(plugin)).toOpaque()
    }

    /// The ABI string as a C string, for the plugin's `…_abi` entry point.
    @inlinable public static var abiCString: UnsafePointer<CChar> {
        UnsafeRawPointer(abi.utf8Start).assumingMemoryBound(to: CChar.self)
    }
}

/// The object a plugin's entry point returns (a class, so it can cross the C boundary).
public final class PluginBox {
    public let plugin: any ConstraintPlugin

    @inlinable public init(_ plugin: any ConstraintPlugin) { self.plugin = plugin }
}

/// Whether a plugin restricts what is allowed or scores what is chosen.
public enum PluginRole: String, Sendable, Codable {
    /// Rejects groups or pairings, or limits sizes: never violated.
    case hard
    /// Adds a weighted term to the objective.
    case soft
}

/// A rule's description and its factory. One value per plugin, shared by every run.
public protocol ConstraintPlugin: AnyObject, Sendable {
    /// The plugin's name: its `[plugins.NAME]` table in `enlace.toml` and, for a soft plugin, its
    /// term in `score.terms`. Lowercase letters, digits and underscores.
    var name: String { get }
    /// One sentence for `enlace plugins`.
    var summary: String { get }
    var role: PluginRole { get }
    /// The parameters `[plugins.NAME]` may set (besides `enabled`, which every plugin has). Keys not
    /// declared here are refused.
    var parameters: [ParameterSpec] { get }
    /// The weight of a soft plugin's term under these settings, shown by `enlace plugins`; nil for
    /// hard plugins. Built-in terms take it from `[weights]`, district plugins from a parameter.
    func weight(settings: ProgramSettings, parameters: PluginParameters) -> Int?
    /// The rule for one run. Throw `PluginError` (or any error) to stop the run: Enlace reports
    /// the plugin's name and the message and changes nothing.
    func prepare(_ context: PluginContext) throws -> any PreparedRule
}

extension ConstraintPlugin {
    public var parameters: [ParameterSpec] { [] }
    public func weight(settings: ProgramSettings, parameters: PluginParameters) -> Int? { nil }
}

/// The hooks a prepared rule implements.
public struct RuleHooks: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let blockedDays = RuleHooks(rawValue: 1 << 0)
    public static let groupFilter = RuleHooks(rawValue: 1 << 1)
    public static let pairIndex = RuleHooks(rawValue: 1 << 2)
    public static let pairFilter = RuleHooks(rawValue: 1 << 3)
    public static let groupSize = RuleHooks(rawValue: 1 << 4)
    public static let mentorCapacity = RuleHooks(rawValue: 1 << 5)
    public static let groupsPerMentor = RuleHooks(rawValue: 1 << 6)
    public static let conflicts = RuleHooks(rawValue: 1 << 7)
    public static let pairScore = RuleHooks(rawValue: 1 << 8)
    public static let groupScore = RuleHooks(rawValue: 1 << 9)
    /// With `.pairScore`: the rule can say the most it gives a parent in any group
    /// (`scoreCeiling(parent:)`), which spares the matcher scoring every pair of a very large
    /// district to bound its score.
    public static let scoreCeiling = RuleHooks(rawValue: 1 << 10)
    /// Pairs of parents who never share a group (`parentsApart()`): a custody order, say.
    public static let parentsApart = RuleHooks(rawValue: 1 << 11)
    /// Points when two parents share a group (`parentsTogether()`): siblings' families, say.
    public static let parentsTogether = RuleHooks(rawValue: 1 << 12)
    /// With `.pairScore`: the rule can say which parents it scores alike (`scoreKeys()`), which
    /// lets the matcher score one parent of each kind per group instead of every parent, and so
    /// bound and place a very large district's parents by their weights.
    public static let scoreKeys = RuleHooks(rawValue: 1 << 13)

    /// The hooks that make a rule hard.
    public static let hard: RuleHooks = [.blockedDays, .groupFilter, .pairIndex, .pairFilter, .groupSize,
                                         .mentorCapacity, .groupsPerMentor, .conflicts, .parentsApart]
    /// The hooks that make a rule soft.
    public static let soft: RuleHooks = [.pairScore, .groupScore, .parentsTogether]
}

/// Parents a group may take, as keys: a parent and a group fit (for this rule) when the group
/// admits every parent (`nil`) or they share a key. The matcher turns the keys into an index once,
/// so that finding a group's parents costs the size of the answer, not the number of parents.
///
/// Example: the shared-language rule gives each parent the codes of its languages and each group
/// the codes of its mentor's languages.
public struct PairIndex: Sendable {
    /// The keys of each parent, by parent index.
    public var parentKeys: [[Int32]]
    /// The keys each group admits, by group index; `nil` admits every parent.
    public var groupKeys: [[Int32]?]

    public init(parentKeys: [[Int32]], groupKeys: [[Int32]?]) {
        self.parentKeys = parentKeys
        self.groupKeys = groupKeys
    }
}

/// Two parents (indices in the program's sorted parents), in ascending order whichever order they
/// were given in: the relation is symmetric.
public struct ParentPair: Hashable, Sendable, Comparable {
    /// The lower index.
    public let first: Int32
    /// The higher index.
    public let second: Int32

    /// The pair of `a` and `b`, which must differ.
    public init(_ a: Int32, _ b: Int32) {
        first = min(a, b)
        second = max(a, b)
    }

    /// By `first`, then `second`.
    public static func < (lhs: ParentPair, rhs: ParentPair) -> Bool { (lhs.first, lhs.second) < (rhs.first, rhs.second) }
}

/// Points for two parents who share a group (`.parentsTogether`).
public struct ParentPairPoints: Hashable, Sendable {
    /// The two parents.
    public let pair: ParentPair
    /// The weighted points the pair adds when both are in one group.
    public let points: Int

    /// `points` for `pair` sharing a group.
    public init(_ pair: ParentPair, points: Int) {
        self.pair = pair
        self.points = points
    }
}

/// One plugin's rule for one run. Implement the hooks you declare in `hooks`; the defaults of the
/// others are never called.
public protocol PreparedRule: AnyObject {
    var hooks: RuleHooks { get }

    /// Local dates on which no session may fall. Weekly sessions on such a day move or drop by the
    /// blackout move rule (spec section 4); open-house groups skip the day.
    func blockedDays() -> [LocalDate]
    /// Whether the candidate group may exist at all.
    func admits(_ group: CandidateGroup) -> Bool
    /// Keys a parent and a group must share; see `PairIndex`.
    func pairIndex(groups: [CandidateGroup]) -> PairIndex
    /// Removes from `parents` (ascending parent indices that every earlier rule admits) the ones
    /// this rule does not admit into `group`. Keep the order.
    func filter(_ parents: inout [Int32], in group: CandidateGroup)
    /// Most parents the group may hold.
    func groupSize(_ group: CandidateGroup) -> Int
    /// Most parents the mentor may take in all groups.
    func capacity(ofMentor mentor: Int) -> Int
    /// Most groups the mentor may lead.
    func maxGroups(ofMentor mentor: Int) -> Int
    /// Whether one mentor may not lead both groups (called for groups of one mentor only).
    func conflict(_ a: CandidateGroup, _ b: CandidateGroup) -> Bool
    /// Adds this term's weighted points for each parent in `parents` (ascending indices, all of
    /// them fitting `group`) to `scores` (same length, same order).
    func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int])
    /// This term's weighted points for opening `group`.
    func score(_ group: CandidateGroup) -> Int
    /// At least the most points `score(_:in:into:)` adds for `parent` in any group (`.scoreCeiling`).
    /// It only has to be an upper bound; the closer it is, the closer the reported bound of a very
    /// large district's schedule.
    func scoreCeiling(parent: Int) -> Int
    /// A key for each parent (by parent index), asked once per run (`.scoreKeys`): two parents with
    /// the same key get the same points from `score(_:in:into:)` in every group both fit. Any keys
    /// that say so will do (the parent's index is always right, and spares nothing); the fewer
    /// distinct keys, the less the matcher scores on a very large district.
    func scoreKeys() -> [Int32]
    /// Pairs of parents who must never share a group (`.parentsApart`), asked once per run. The
    /// matcher honours them in every stage; the order and repeats do not matter.
    func parentsApart() -> [ParentPair]
    /// Weighted points for pairs of parents who share a group (`.parentsTogether`), asked once per
    /// run; a pair named twice adds up.
    func parentsTogether() -> [ParentPairPoints]

    /// One sentence on this rule's decision about a parent in a group: why it rejects the pairing
    /// (hard), or what it adds (soft). nil when the rule has nothing to say about the pair.
    func justify(parent: Int, group: CandidateGroup) -> String?
    /// One sentence on this rule's decision about a group: why it rejects or limits it (hard), or
    /// what opening it adds (soft). nil when the rule has nothing to say about the group.
    func justify(group: CandidateGroup) -> String?
    /// One sentence on this rule's limit for a mentor (capacity, most groups), nil if none.
    func justify(mentor: Int) -> String?
    /// One sentence on why this rule rejects the parent from *every* one of `groups` (the groups the
    /// earlier rules left). Used as the unmatched reason; by default the host quotes
    /// `justify(parent:group:)` of the first group.
    func explainExclusion(parent: Int, groups: [CandidateGroup]) -> String?
    /// One sentence on why `parent` may not share a group with `other` (`.parentsApart`), without
    /// naming `other` (explanations reach one family and must not name another).
    func justify(parent: Int, apartFrom other: Int) -> String?
    /// One sentence on what sharing a group with `other` adds for `parent` (`.parentsTogether`),
    /// without naming `other`.
    func justify(parent: Int, together other: Int) -> String?
}

extension PreparedRule {
    public func blockedDays() -> [LocalDate] { [] }
    public func admits(_ group: CandidateGroup) -> Bool { true }
    public func pairIndex(groups: [CandidateGroup]) -> PairIndex { PairIndex(parentKeys: [], groupKeys: groups.map { _ in nil }) }
    public func filter(_ parents: inout [Int32], in group: CandidateGroup) {}
    public func groupSize(_ group: CandidateGroup) -> Int { .max }
    public func capacity(ofMentor mentor: Int) -> Int { .max }
    public func maxGroups(ofMentor mentor: Int) -> Int { .max }
    public func conflict(_ a: CandidateGroup, _ b: CandidateGroup) -> Bool { false }
    public func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {}
    public func score(_ group: CandidateGroup) -> Int { 0 }
    public func scoreCeiling(parent: Int) -> Int { .max }
    public func scoreKeys() -> [Int32] { [] }
    public func justify(parent: Int, group: CandidateGroup) -> String? { nil }
    public func justify(group: CandidateGroup) -> String? { nil }
    public func justify(mentor: Int) -> String? { nil }
    public func explainExclusion(parent: Int, groups: [CandidateGroup]) -> String? { nil }
    public func parentsApart() -> [ParentPair] { [] }
    public func justify(parent: Int, apartFrom other: Int) -> String? { nil }
    public func parentsTogether() -> [ParentPairPoints] { [] }
    public func justify(parent: Int, together other: Int) -> String? { nil }
}

/// What a plugin sees of one run, read-only.
public struct PluginContext: Sendable {
    /// Sites, mentors, parents (with custom attributes), open houses, blackouts and settings.
    public let program: Program
    /// The plugin's `[plugins.NAME]` values, checked against its declared parameters, with defaults.
    public let parameters: PluginParameters
    /// Each parent's mentor (index) in the previous run, if any, by parent index.
    public let previousMentor: [Int?]
    /// Each parent's group in the previous run, as a placement (mentor, time, mode, site) that a
    /// candidate group can be compared with (`CandidateGroup.placement`), by parent index; nil
    /// when the parent had no group or its mentor or site has left. Empty before the first run.
    public let previousGroup: [GroupPlacement?]
    /// Site index by id.
    public let siteIndex: [SiteID: Int]

    public init(program: Program, parameters: PluginParameters, previousMentor: [Int?], previousGroup: [GroupPlacement?] = []) {
        self.program = program
        self.parameters = parameters
        self.previousMentor = previousMentor
        self.previousGroup = previousGroup
        siteIndex = Dictionary(uniqueKeysWithValues: program.sites.enumerated().map { ($1.id, $0) })
    }
}

/// An error a plugin throws to stop the run; its message should name what to fix.
public struct PluginError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A plugin stated in one declaration: what `enlace plugins` lists (name, role, summary,
/// parameters, weight) and how one run's rule is prepared, without a class of its own. Every
/// built-in plugin is one, next to its rule and its two entry points:
///
///     let plugin = DeclaredPlugin(
///         name: "blackouts", role: .hard,
///         summary: "No session falls on a day of calendars/blackouts.ics.",
///         prepare: { context in Rule(days: context.program.blackouts.sorted()) })
///
///     @_cdecl("enlace_plugin_Blackouts") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
///     @_cdecl("enlace_plugin_Blackouts_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
///
/// The entry points stay in the plugin's module (the host finds them by name); each is one line.
/// A plugin that needs more than this (state shared between runs, say) implements
/// `ConstraintPlugin` itself.
public final class DeclaredPlugin: ConstraintPlugin {
    /// The `[plugins.NAME]` table and, for a soft plugin, its term (`ConstraintPlugin.name`).
    public let name: String
    /// One sentence for `enlace plugins`.
    public let summary: String
    /// Hard or soft.
    public let role: PluginRole
    /// The parameters `[plugins.NAME]` may set (`ConstraintPlugin.parameters`).
    public let parameters: [ParameterSpec]
    private let weightUnder: (@Sendable (ProgramSettings, PluginParameters) -> Int?)?
    private let makeRule: @Sendable (PluginContext) throws -> any PreparedRule

    /// A plugin with these descriptions whose rule for each run `prepare` makes.
    ///
    /// - Parameters:
    ///   - weight: the weight of a soft plugin's term under the settings and parameters (nil, the
    ///     default, for hard plugins); see `ConstraintPlugin.weight(settings:parameters:)`.
    ///   - prepare: the rule for one run; see `ConstraintPlugin.prepare(_:)`.
    public init(name: String, role: PluginRole, summary: String, parameters: [ParameterSpec] = [],
                weight: (@Sendable (_ settings: ProgramSettings, _ parameters: PluginParameters) -> Int?)? = nil,
                prepare: @escaping @Sendable (_ context: PluginContext) throws -> any PreparedRule) {
        self.name = name
        self.role = role
        self.summary = summary
        self.parameters = parameters
        weightUnder = weight
        makeRule = prepare
    }

    /// The `weight` closure's answer; nil without one.
    public func weight(settings: ProgramSettings, parameters: PluginParameters) -> Int? {
        weightUnder?(settings, parameters)
    }

    /// The `prepare` closure's rule for this run.
    public func prepare(_ context: PluginContext) throws -> any PreparedRule { try makeRule(context) }

    /// The plugin handed to the host: the body of the module's `enlace_plugin_<Module>` entry point.
    public func export() -> UnsafeMutableRawPointer { EnlacePluginAPI.export(self) }
}
