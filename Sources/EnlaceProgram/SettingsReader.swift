import EnlaceCore
import TOMLKit

/// Reads and validates `enlace.toml` (spec section 5).
///
/// Every key has a default except `name`, `timezone`, `term_start` and `term_end`; an unknown key,
/// a value of the wrong type or an impossible setting is an `InputError` naming the key and its line.
public enum SettingsReader {
    /// The file name inside the program folder.
    public static let fileName = "enlace.toml"

    /// Parses the text of `enlace.toml`.
    ///
    /// - Throws: `InputError` for a syntax error, an unknown key, a wrong type, a missing required
    ///   key or an impossible value (a term that ends before it starts, a session longer than a day).
    public static func parse(_ text: String, file: String = fileName) throws(InputError) -> ProgramSettings {
        try parse(text, file: file, guarded: true)
    }

    /// `guarded: false` skips `TOMLGuard`, for the test hook of `SettingsIsolation` only: the
    /// shapes the guard refuses then crash toml++ for real.
    static func parse(_ text: String, file: String, guarded: Bool) throws(InputError) -> ProgramSettings {
        if guarded { try TOMLGuard.check(text, file: file) }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw InputError(file: file, line: error.source.begin.line, problem: "not valid TOML: \(error.description).",
                             fix: "correct the syntax at line \(error.source.begin.line), column \(error.source.begin.column) (strings need double quotes, e.g. name = \"Lincoln Parent Mentors\").")
        } catch {
            throw InputError(file: file, problem: "could not be read as TOML (\(error)).", fix: "check the file's syntax.")
        }
        let reader = Keys(table: table, text: text, file: file, section: nil)
        try reader.refuseUnknownKeys(allowed: ProgramSettings.keys)
        var settings = ProgramSettings(
            name: try reader.requiredString("name", example: "name = \"Sierra Vista Parent Mentors\""),
            timezone: try reader.requiredString("timezone", example: "timezone = \"America/Los_Angeles\""),
            termStart: try reader.requiredDate("term_start"),
            termEnd: try reader.requiredDate("term_end"))
        try readOptional(&settings, reader)
        if let weights = try reader.table("weights") {
            let weightKeys = Keys(table: weights, text: text, file: file, section: "weights")
            try weightKeys.refuseUnknownKeys(allowed: Weights.keys)
            for key in Weights.keys {
                if let value = try weightKeys.integer(key, range: -1_000_000...1_000_000) {
                    settings.weights[key] = value
                }
            }
            if settings.weights.sharedTopicCap < 0 {
                throw weightKeys.error("shared_topic_cap", "must not be negative.", fix: "write a count such as shared_topic_cap = 3.")
            }
        }
        if let plugins = try reader.table("plugins") {
            settings.plugins = try readPluginTables(plugins, text: text, file: file)
        }
        try validate(settings, reader)
        return settings
    }

    private static func readOptional(_ settings: inout ProgramSettings, _ reader: Keys) throws(InputError) {
        if let value = try reader.integer("session_minutes", range: 5...720) { settings.sessionMinutes = value }
        if let value = try reader.integer("slot_step_minutes", range: 5...720) { settings.slotStepMinutes = value }
        if let value = try reader.integer("max_group_size", range: 1...100) { settings.maxGroupSize = value }
        if let value = try reader.integer("max_groups_per_mentor", range: 1...50) { settings.maxGroupsPerMentor = value }
        if let value = try reader.choice("cadence", Cadence.self) { settings.cadence = value }
        if let value = try reader.choice("anchor", AnchorPosition.self) { settings.anchor = value }
        if let value = try reader.string("virtual_meeting_url") { settings.virtualMeetingURL = value }
        if let value = try reader.string("feed_base_url") { settings.feedBaseURL = value }
    }

    private static func validate(_ settings: ProgramSettings, _ reader: Keys) throws(InputError) {
        if settings.name.trimmingSpaces().isEmpty {
            throw reader.error("name", "is empty.", fix: "give the program a name, e.g. name = \"Sierra Vista Parent Mentors\".")
        }
        if settings.termEnd < settings.termStart {
            throw reader.error("term_end", "(\(settings.termEnd)) is before term_start (\(settings.termStart)).",
                               fix: "set term_end to the last day of the term, after term_start.")
        }
        if settings.termEnd.dayNumber - settings.termStart.dayNumber > 731 {
            throw reader.error("term_end", "makes a term longer than two years (\(settings.termStart) to \(settings.termEnd)).",
                               fix: "use one school year per program, e.g. term_start = 2026-08-17 and term_end = 2027-06-10.")
        }
        if 1440 % settings.slotStepMinutes != 0 {
            throw reader.error("slot_step_minutes", "(\(settings.slotStepMinutes)) does not divide a day into equal slots.",
                               fix: "use a divisor of 1440 such as 15, 30 or 60.")
        }
        for (key, url) in [("feed_base_url", settings.feedBaseURL), ("virtual_meeting_url", settings.virtualMeetingURL)]
        where !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            throw reader.error(key, "(\"\(url)\") is not an http(s) address.", fix: "write a full address starting with https://.")
        }
        if !settings.feedBaseURL.hasSuffix("/") {
            throw reader.error("feed_base_url", "must end with \"/\" (a feed's address is this plus TOKEN.ics).",
                               fix: "write e.g. feed_base_url = \"https://feeds.example.org/feeds/\".")
        }
    }

    private static func readPluginTables(_ plugins: TOMLTable, text: String, file: String) throws(InputError) -> [String: [String: ParameterValue]] {
        var result: [String: [String: ParameterValue]] = [:]
        let outer = Keys(table: plugins, text: text, file: file, section: "plugins")
        for name in plugins.keys.sorted() {
            guard let table = try outer.table(name) else { continue }
            let keys = Keys(table: table, text: text, file: file, section: "plugins.\(name)")
            var parameters: [String: ParameterValue] = [:]
            for key in table.keys.sorted() {
                parameters[key] = try keys.parameter(key)
            }
            result[name] = parameters
        }
        return result
    }
}
