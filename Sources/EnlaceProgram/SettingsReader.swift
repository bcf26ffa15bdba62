import EnlaceCore
import TOMLKit

/// Reads and validates `enlace.toml` (spec section 5).
///
/// Every key has a default except `name`, `timezone`, `term_start` and `term_end`; an unknown key,
/// a value of the wrong type or an impossible setting is an `InputError` naming the key and its line.
/// Text settings are bounded and checked per Unicode scalar (`SettingsText`, `SettingsURL`), since
/// they are written into every feed, letter and report.
public enum SettingsReader {
    /// The file name inside the program folder.
    public static let fileName = "enlace.toml"

    /// The largest `enlace.toml` Enlace reads, in bytes.
    public static var maximumBytes: Int { SettingsText.maximumFileBytes }

    /// Parses the text of `enlace.toml`.
    ///
    /// - Throws: `InputError` for a syntax error, an unknown key, a wrong type, a missing required
    ///   key or an impossible value (a term that ends before it starts, a session longer than a day,
    ///   a link that is not a plain http(s) address, a weight that makes matching worthless).
    public static func parse(_ text: String, file: String = fileName) throws(InputError) -> ProgramSettings {
        try parse(text, file: file, guarded: true)
    }

    /// The refusal of a settings file larger than `maximumBytes`.
    public static func tooLarge(file: String = fileName) -> InputError {
        InputError(file: file, problem: "is larger than \(SettingsText.maximumFileBytes / 1024 / 1024) MB, the most Enlace reads for settings.",
                   fix: "a settings file is a few kilobytes: remove what was pasted into it (enlace init DIR writes a clean template).")
    }

    /// Notes about valid settings that may surprise (a positive group weight, a group cost that
    /// outweighs matching a family), for the import's warnings.
    public static func warnings(for settings: ProgramSettings, text: String, file: String = fileName) -> [InputWarning] {
        WeightsReader.warnings(settings.weights, text: text, file: file)
    }

    /// `guarded: false` skips `TOMLGuard`, for the test hook of `SettingsIsolation` only: the
    /// shapes the guard refuses then crash toml++ for real.
    static func parse(_ text: String, file: String, guarded: Bool) throws(InputError) -> ProgramSettings {
        guard text.utf8.count <= SettingsText.maximumFileBytes else { throw tooLarge(file: file) }
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
        let nameExample = "name = \"Sierra Vista Parent Mentors\""
        var settings = ProgramSettings(
            name: try SettingsText.line(try reader.requiredString("name", example: nameExample), key: "name", reader,
                                        maximum: SettingsText.maximumNameLength, example: nameExample),
            timezone: try timezone(reader),
            termStart: try reader.requiredDate("term_start"),
            termEnd: try reader.requiredDate("term_end"))
        try readOptional(&settings, reader)
        try readLinks(&settings, reader)
        try readCoordinator(&settings, reader)
        if let weights = try reader.table("weights") {
            settings.weights = try WeightsReader.read(Keys(table: weights, text: text, file: file, section: "weights"))
        }
        if let curriculum = try reader.table("curriculum") {
            settings.curriculum = try readCurriculum(Keys(table: curriculum, text: text, file: file, section: "curriculum"))
        }
        if let participation = try reader.table("participation") {
            let keys = Keys(table: participation, text: text, file: file, section: "participation")
            try keys.refuseUnknownKeys(allowed: ProgramSettings.participationKeys)
            if let value = try keys.integer("min_virtual_minutes", range: 1...600) { settings.participation.minVirtualMinutes = value }
        }
        if let plugins = try reader.table("plugins") {
            settings.plugins = try readPluginTables(plugins, text: text, file: file)
        }
        try validate(settings, reader)
        return settings
    }

    private static func timezone(_ reader: Keys) throws(InputError) -> String {
        let name = try reader.requiredString("timezone", example: "timezone = \"America/Los_Angeles\"")
        guard name.unicodeScalars.count <= 64,
              !name.unicodeScalars.contains(where: { TextScalars.isControl($0) || TextScalars.isLineBreak($0) || $0.properties.generalCategory == .format }) else {
            throw reader.error("timezone", "(\"\(name.prefix(40))…\") is not an IANA time zone name.",
                               fix: "use an IANA name such as America/Los_Angeles, America/Chicago or America/New_York.")
        }
        return name
    }

    private static func readOptional(_ settings: inout ProgramSettings, _ reader: Keys) throws(InputError) {
        if let value = try reader.integer("session_minutes", range: 5...720) { settings.sessionMinutes = value }
        if let value = try reader.integer("slot_step_minutes", range: 5...720) { settings.slotStepMinutes = value }
        if let value = try reader.integer("max_group_size", range: 1...100) { settings.maxGroupSize = value }
        if let value = try reader.integer("max_groups_per_mentor", range: 1...50) { settings.maxGroupsPerMentor = value }
        if let value = try reader.choice("cadence", Cadence.self) { settings.cadence = value }
        if let value = try reader.choice("anchor", AnchorPosition.self) { settings.anchor = value }
        if let value = try reader.choice("report_language", ReportLanguage.self) { settings.reportLanguage = value }
    }

    private static func readLinks(_ settings: inout ProgramSettings, _ reader: Keys) throws(InputError) {
        if let value = try reader.string("virtual_meeting_url") {
            settings.virtualMeetingURL = try SettingsURL.check(value, key: "virtual_meeting_url", reader,
                rules: .init(placeholders: ["group", "mentor"]), example: "virtual_meeting_url = \"https://meet.example.org/enlace/{group}\"")
        }
        if let value = try reader.string("feed_base_url") {
            settings.feedBaseURL = try SettingsURL.check(value, key: "feed_base_url", reader,
                rules: .init(isPrefix: true), example: "feed_base_url = \"https://feeds.example.org/feeds/\"")
        }
    }

    private static func readCoordinator(_ settings: inout ProgramSettings, _ reader: Keys) throws(InputError) {
        if let value = try reader.string("coordinator_name") {
            settings.coordinatorName = try SettingsText.line(value, key: "coordinator_name", reader,
                maximum: SettingsText.maximumNameLength, example: "coordinator_name = \"Marisol Vega\"")
        }
        if let value = try reader.string("coordinator_phone") {
            settings.coordinatorPhone = try SettingsText.phone(value, key: "coordinator_phone", reader)
        }
        if let value = try reader.string("coordinator_email") {
            settings.coordinatorEmail = try SettingsText.email(value, key: "coordinator_email", reader)
        }
    }

    private static func readCurriculum(_ keys: Keys) throws(InputError) -> CurriculumSettings {
        try keys.refuseUnknownKeys(allowed: ProgramSettings.curriculumKeys)
        var curriculum = CurriculumSettings()
        if let weights = try keys.integers("rank_weights", count: 1...100, each: 0...1_000_000, example: "rank_weights = [5, 4, 3, 2, 1]") {
            curriculum.rankWeights = weights
        }
        if let value = try keys.integer("required_weight", range: 0...1_000_000) { curriculum.requiredWeight = value }
        return curriculum
    }

    private static func validate(_ settings: ProgramSettings, _ reader: Keys) throws(InputError) {
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
    }

    private static func readPluginTables(_ plugins: TOMLTable, text: String, file: String) throws(InputError) -> [String: [String: ParameterValue]] {
        var result: [String: [String: ParameterValue]] = [:]
        let outer = Keys(table: plugins, text: text, file: file, section: "plugins")
        for name in plugins.keys.sorted() {
            guard let table = try outer.table(name) else { continue }
            let keys = Keys(table: table, text: text, file: file, section: "plugins.\(name)")
            var parameters: [String: ParameterValue] = [:]
            for key in table.keys.sorted() {
                let value = try keys.parameter(key)
                try checkParameter(value, key: key, keys)
                parameters[key] = value
            }
            result[name] = parameters
        }
        return result
    }

    /// Plugin parameters reach plugins' explanations and, through them, reports: strings are
    /// bounded and free of control characters other than line breaks and tabs.
    private static func checkParameter(_ value: ParameterValue, key: String, _ keys: Keys) throws(InputError) {
        switch value {
        case .string(let text):
            try SettingsText.checkLength(text, key: key, keys, maximum: SettingsText.maximumParameterLength, example: "\(key) = \"…\"")
            if let bad = TextScalars.firstControl(in: text, allowingLineBreaks: true) ?? text.unicodeScalars.first(where: TextScalars.isBidiControl) {
                throw keys.error(key, "contains \(TextScalars.describe(bad)), an invisible control or formatting character.",
                                 fix: "retype the value without copying it from another document.")
            }
        case .list(let items):
            for item in items { try checkParameter(item, key: key, keys) }
        case .bool, .integer, .double: break
        }
    }
}
