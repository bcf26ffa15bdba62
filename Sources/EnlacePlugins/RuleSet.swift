import EnlaceCore

extension RuleSet {
    /// Prepares every enabled plugin of `catalog` for `program`.
    ///
    /// - Parameters:
    ///   - previousMentor: each parent's mentor index in the previous run (continuity).
    ///   - previousGroup: each parent's group in the previous run (same_group).
    ///   - settingsText: the text of `enlace.toml`, to give line numbers in messages.
    ///   - crashGuard: whether district plugins run under the crash guard (`GuardedRule`). Only
    ///     `enlace-bench` turns it off, to measure what the guard costs; without it a crash in a
    ///     plugin ends the process with a signal.
    /// - Throws: `InputError` for an unknown plugin table or parameter, a wrong type, or a plugin
    ///   whose `prepare` throws (the message names the plugin).
    public static func prepare(_ catalog: PluginCatalog, program: Program, previousMentor: [Int?]? = nil,
                               previousGroup: [GroupPlacement?]? = nil, settingsText: String = "",
                               crashGuard: Bool = true) throws(InputError) -> RuleSet {
        let previous = previousMentor ?? Array(repeating: nil, count: program.parents.count)
        let previousGroups = previousGroup ?? Array(repeating: nil, count: program.parents.count)
        let configured = try PluginConfiguration.resolve(catalog, settings: program.settings, settingsText: settingsText)
        var rules: [ActiveRule] = []
        for (loaded, parameters) in configured where parameters.enabled {
            let context = PluginContext(program: program, parameters: parameters.values, previousMentor: previous,
                                        previousGroup: previousGroups)
            do {
                let isBuiltIn = if case .builtIn = loaded.source { true } else { false }
                if isBuiltIn || !crashGuard {
                    let rule = try loaded.plugin.prepare(context)
                    rules.append(ActiveRule(name: loaded.name, role: loaded.plugin.role, source: loaded.source, rule: rule))
                } else {
                    // A district's plugin: a crash in any of its code names it (`GuardedRule`).
                    let messages = PluginCrashMessages(name: loaded.name, source: loaded.source)
                    let rule = try messages.guarded("prepare") { try loaded.plugin.prepare(context) }
                    rules.append(ActiveRule(name: loaded.name, role: loaded.plugin.role, source: loaded.source,
                                            rule: GuardedRule(rule, messages: messages)))
                }
            } catch {
                throw InputError(file: "enlace.toml", field: "plugins.\(loaded.name)",
                                 problem: "plugin \"\(loaded.name)\" (\(loaded.source)) stopped the run: \(error).",
                                 fix: "correct what the plugin names, or switch it off with enabled = false under [plugins.\(loaded.name)].")
            }
        }
        return RuleSet(rules: rules, previousMentor: previous)
    }

    /// The built-in plugins with default parameters: spec section 4 exactly.
    public static func builtIn(program: Program, previousMentor: [Int?]? = nil) -> RuleSet {
        do {
            return try prepare(PluginCatalog(plugins: PluginCatalog.compiledIn()), program: program, previousMentor: previousMentor)
        } catch {
            preconditionFailure("the built-in plugins failed to prepare: \(error)")
        }
    }
}

/// The `[plugins.NAME]` tables checked against the catalog.
public enum PluginConfiguration {
    public struct Resolved {
        public let enabled: Bool
        public let values: PluginParameters
    }

    /// Every plugin of the catalog with its resolved parameters; refuses unknown plugin tables,
    /// unknown keys and wrong types, naming the line of `enlace.toml`.
    public static func resolve(_ catalog: PluginCatalog, settings: ProgramSettings, settingsText: String) throws(InputError) -> [(LoadedPlugin, Resolved)] {
        let names = catalog.plugins.map(\.name)
        for name in settings.plugins.keys.sorted() where !names.contains(name) {
            let hint = closest(name, among: names).map { " Did you mean \"\($0)\"?" } ?? ""
            throw InputError(file: "enlace.toml", line: line(of: "[plugins.\(name)]", in: settingsText), field: "plugins.\(name)",
                             problem: "no plugin is named \"\(name)\".\(hint)",
                             fix: "use one of the names `enlace plugins` lists, or put the plugin's .so in the program's plugins/ folder.")
        }
        return try catalog.plugins.map { loaded throws(InputError) in
            let table = settings.plugins[loaded.name] ?? [:]
            var values: [String: ParameterValue] = [:]
            let declared = loaded.plugin.parameters
            for spec in declared { values[spec.name] = spec.defaultValue }
            var enabled = true
            for key in table.keys.sorted() {
                let value = table[key]!
                let keyLine = line(of: key, after: "[plugins.\(loaded.name)]", in: settingsText)
                switch key {
                case "enabled":
                    guard case .bool(let flag) = value else {
                        throw InputError(file: "enlace.toml", line: keyLine, field: "plugins.\(loaded.name).enabled",
                                         problem: "must be true or false, not \(value).", fix: "write enabled = false to switch the plugin off.")
                    }
                    enabled = flag
                case "library", "sha256":
                    continue
                default:
                    guard let spec = declared.first(where: { $0.name == key }) else {
                        let known = declared.map(\.name) + PluginCatalog.reservedKeys
                        let hint = closest(key, among: known).map { " Did you mean \"\($0)\"?" } ?? ""
                        throw InputError(file: "enlace.toml", line: keyLine, field: "plugins.\(loaded.name).\(key)",
                                         problem: "plugin \"\(loaded.name)\" has no parameter \"\(key)\".\(hint)",
                                         fix: declared.isEmpty ? "remove the key; this plugin takes only enabled = true/false."
                                             : "use one of: " + known.joined(separator: ", ") + ".")
                    }
                    guard spec.accepts(value) else {
                        throw InputError(file: "enlace.toml", line: keyLine, field: "plugins.\(loaded.name).\(key)",
                                         problem: "must be \("aeiou".contains(spec.kind.rawValue.first!) ? "an" : "a") \(spec.kind.rawValue), not \(value).",
                                         fix: "\(spec.help) Default: \(spec.defaultValue).")
                    }
                    values[key] = value
                }
            }
            return (loaded, Resolved(enabled: enabled, values: PluginParameters(values)))
        }
    }

    /// The 1-based line of the first line of `text` that starts with `needle` (after spaces), or
    /// of the first such line after the line starting with `section`.
    static func line(of needle: String, after section: String? = nil, in text: String) -> Int? {
        var inSection = section == nil
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if let section, line.hasPrefix(section) { inSection = true; continue }
            if inSection && line.hasPrefix(needle) { return number + 1 }
        }
        return nil
    }

    /// The candidate at edit distance ≤ 2, if any (for "did you mean").
    static func closest(_ word: String, among candidates: [String]) -> String? {
        candidates.map { ($0, distance(Array(word), Array($0))) }.filter { $0.1 <= 2 }.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
