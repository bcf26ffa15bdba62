import CPluginGuard
import EnlaceCore
import Foundation

/// A district plugin's rule whose every hook runs under `CPluginGuard`: a crash inside the plugin
/// (a trap, a signal) ends the command with exit 1 and "plugin NAME crashed in HOOK", instead of a
/// signal and a backtrace, and before any open transaction commits (spec section 8). Built-in
/// rules are not wrapped: they are Enlace's own code.
final class GuardedRule: PreparedRule {
    private let rule: any PreparedRule
    private let messages: PluginCrashMessages
    let hooks: RuleHooks

    init(_ rule: any PreparedRule, messages: PluginCrashMessages) {
        self.rule = rule
        self.messages = messages
        hooks = messages.guarded("hooks") { rule.hooks }
    }

    func blockedDays() -> [LocalDate] { messages.guarded("blockedDays") { rule.blockedDays() } }
    func admits(_ group: CandidateGroup) -> Bool { messages.guarded("admits") { rule.admits(group) } }
    func pairIndex(groups: [CandidateGroup]) -> PairIndex { messages.guarded("pairIndex") { rule.pairIndex(groups: groups) } }
    func filter(_ parents: inout [Int32], in group: CandidateGroup) {
        messages.guarded("filter") { rule.filter(&parents, in: group) }
    }
    func groupSize(_ group: CandidateGroup) -> Int { messages.guarded("groupSize") { rule.groupSize(group) } }
    func capacity(ofMentor mentor: Int) -> Int { messages.guarded("capacity") { rule.capacity(ofMentor: mentor) } }
    func maxGroups(ofMentor mentor: Int) -> Int { messages.guarded("maxGroups") { rule.maxGroups(ofMentor: mentor) } }
    func conflict(_ a: CandidateGroup, _ b: CandidateGroup) -> Bool { messages.guarded("conflict") { rule.conflict(a, b) } }
    func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
        messages.guarded("score") { rule.score(parents, in: group, into: &scores) }
    }
    func score(_ group: CandidateGroup) -> Int { messages.guarded("score") { rule.score(group) } }
    func scoreCeiling(parent: Int) -> Int { messages.guarded("scoreCeiling") { rule.scoreCeiling(parent: parent) } }
    func scoreKeys() -> [Int32] { messages.guarded("scoreKeys") { rule.scoreKeys() } }
    func parentsApart() -> [ParentPair] { messages.guarded("parentsApart") { rule.parentsApart() } }
    func parentsTogether() -> [ParentPairPoints] { messages.guarded("parentsTogether") { rule.parentsTogether() } }
    func justify(parent: Int, together other: Int) -> String? {
        messages.guarded("justify") { rule.justify(parent: parent, together: other) }
    }
    func justify(parent: Int, group: CandidateGroup) -> String? { messages.guarded("justify") { rule.justify(parent: parent, group: group) } }
    func justify(group: CandidateGroup) -> String? { messages.guarded("justify") { rule.justify(group: group) } }
    func justify(mentor: Int) -> String? { messages.guarded("justify") { rule.justify(mentor: mentor) } }
    func explainExclusion(parent: Int, groups: [CandidateGroup]) -> String? {
        messages.guarded("explainExclusion") { rule.explainExclusion(parent: parent, groups: groups) }
    }
    func justify(parent: Int, apartFrom other: Int) -> String? {
        messages.guarded("justify") { rule.justify(parent: parent, apartFrom: other) }
    }
}

/// One plugin's crash messages, one C string per hook, made once and kept for the life of the
/// process (the signal handler may read them at any time).
final class PluginCrashMessages: @unchecked Sendable {
    private let name: String
    private let source: PluginSource
    private var byHook: [String: UnsafePointer<CChar>] = [:]
    private let lock = NSLock()

    init(name: String, source: PluginSource) {
        self.name = name
        self.source = source
        enlace_plugin_guard_install()
    }

    /// `body`, with a crash inside it reported as this plugin's crash in `hook`.
    func guarded<T>(_ hook: String, _ body: () throws -> T) rethrows -> T {
        let previous = enlace_plugin_guard_enter(message(hook))
        defer { enlace_plugin_guard_leave(previous) }
        return try body()
    }

    private func message(_ hook: String) -> UnsafePointer<CChar> {
        lock.lock()
        defer { lock.unlock() }
        if let known = byHook[hook] { return known }
        let text = "\nenlace: plugin \"\(name)\" (\(source)) crashed in \(hook); nothing was changed. "
            + "Fix: report it to whoever wrote the plugin, or switch it off with enabled = false under [plugins.\(name)] in enlace.toml.\n"
        let made = UnsafePointer(strdup(text)!)
        byHook[hook] = made
        return made
    }
}
