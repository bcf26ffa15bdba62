import EnlaceCore
import Foundation

// Reading translation tables from JSON files: the ones shipped in this module's resources, and a
// district's own in `DIR/translations/`. Kept apart from the catalog so the rest of the module
// does no I/O.

/// Bounds on a district's translation files. A text is copied into every event and letter that
/// shows it, so an unbounded file multiplies: one of 116 KB became 143 MB of feeds.
public enum TranslationLimits {
    /// The largest translation file read, in bytes (64 KiB: the built-in tables are under 20 KB).
    public static let fileBytes = 65_536
    /// The longest text, in Unicode scalars (the longest built-in text has under 500).
    public static let textScalars = 2_000
    /// The longest text message once filled, link included (PROGRAM.md section 12).
    public static let textMessageCharacters = 300
}

extension TranslationCatalog {
    /// The tables shipped with Enlace (`Translations/*.json` resources of this module).
    ///
    /// - Throws: `InputError` when a shipped file is missing or malformed (a packaging mistake:
    ///   the `Enlace_EnlaceTranslations.resources` folder must sit next to the `enlace` executable).
    public static func builtin() throws(InputError) -> TranslationCatalog {
        let display = "Enlace_EnlaceTranslations.resources/Translations"
        guard let folder = Bundle.module.url(forResource: "Translations", withExtension: nil) else {
            throw InputError(file: display, problem: "the built-in translations are missing.",
                             fix: "reinstall Enlace: the resources folder must sit next to the enlace executable.")
        }
        return TranslationCatalog(tables: try readTables(in: folder, displayFolder: display).tables)
    }

    /// The built-in tables overlaid with a district's `translations/LANG.json` files, if the
    /// folder exists; also returns warnings (unknown keys, placeholders that differ from English).
    ///
    /// A district adds a language (`lo.json`) or rewords any message (`es.json` with one key)
    /// without recompiling; the file name is the language tag.
    /// - Throws: `InputError` naming the file (and key) when a file is not a JSON object of
    ///   texts, is larger than `TranslationLimits.fileBytes`, has a text longer than
    ///   `TranslationLimits.textScalars`, or repeats a placeholder.
    public static func forProgram(folder: URL) throws(InputError) -> (catalog: TranslationCatalog, warnings: [InputWarning]) {
        let builtin = try builtin()
        let overrides = folder.appendingPathComponent("translations", isDirectory: true)
        guard FileManager.default.fileExists(atPath: overrides.path) else { return (builtin, []) }
        let (tables, warnings) = try readTables(in: overrides, displayFolder: "translations")
        let english = builtin.texts(of: "en") ?? [:]
        var problems = warnings
        for (language, table) in tables.sorted(by: { $0.key < $1.key }) {
            problems += try districtWarnings(table, language: language, english: english, file: "translations/\(language).json")
        }
        return (builtin.overlaid(with: tables), problems)
    }

    /// Every `*.json` file of `folder`, by language (the file name without `.json`).
    static func readTables(in folder: URL, displayFolder: String) throws(InputError) -> (tables: [String: [String: String]], warnings: [InputWarning]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        var tables: [String: [String: String]] = [:]
        var warnings: [InputWarning] = []
        for name in names {
            let display = "\(displayFolder)/\(name)"
            let language = String(name.dropLast(5))
            guard LanguageTag(language) != nil else {
                throw InputError(file: display, problem: "\"\(language)\" is not a language tag, so Enlace cannot tell which families the file is for.",
                                 fix: "name the file after a BCP 47 tag, e.g. es.json, zh-Hant.json or hmn.json.")
            }
            let table = try readTable(folder.appendingPathComponent(name), display: display)
            for key in table.keys.sorted() where !isKnown(key) {
                warnings.append(InputWarning(file: display, message: "\"\(key)\" is not a message Enlace uses; it is ignored. Known keys are those of the built-in en.json (docs/FEEDS.md)."))
            }
            tables[language] = table
        }
        return (tables, warnings)
    }

    /// One file as a map of texts, within `TranslationLimits`.
    private static func readTable(_ url: URL, display: String) throws(InputError) -> [String: String] {
        // Read at most one byte past the limit, so a huge file (or a device) is never read whole.
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw InputError(file: display, problem: "the file cannot be read.", fix: "make it a readable UTF-8 JSON file.")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: TranslationLimits.fileBytes + 1)) ?? Data()
        guard data.count <= TranslationLimits.fileBytes else {
            throw InputError(file: display, problem: "the file is larger than \(TranslationLimits.fileBytes / 1024) KB, the most a translation file may hold.",
                             fix: "keep only the texts the district rewords or adds; every text is at most \(TranslationLimits.textScalars) characters.")
        }
        let table: [String: String]
        do {
            table = try JSONDecoder().decode([String: String].self, from: data)
        } catch {
            throw InputError(file: display, problem: "the file is not a JSON object whose values are texts.",
                             fix: "write it as UTF-8 JSON such as {\"session_title\": \"Reunión con {mentor}\"}; the keys and their English texts are listed in docs/FEEDS.md.")
        }
        for (key, text) in table.sorted(by: { $0.key < $1.key }) where text.unicodeScalars.count > TranslationLimits.textScalars {
            throw InputError(file: display, field: key, problem: "the text has \(text.unicodeScalars.count) characters; a text may have at most \(TranslationLimits.textScalars).",
                             fix: "shorten it: it is repeated in every event or letter that shows it.")
        }
        return table
    }

    /// The problems of a district's file as warnings (placeholders that differ from English,
    /// settings Enlace cannot use, a direction that does not match the script); an error for a
    /// placeholder repeated (each copy is filled with a name list or a link, so repeats multiply
    /// the feeds).
    private static func districtWarnings(_ table: [String: String], language: String, english: [String: String],
                                         file: String) throws(InputError) -> [InputWarning] {
        for (key, text) in table.sorted(by: { $0.key < $1.key }) {
            let names = placeholders(in: text)
            if let repeated = names.indices.dropFirst().first(where: { names[$0] == names[$0 - 1] }).map({ names[$0] }) {
                throw InputError(file: file, field: key, problem: "the placeholder {\(repeated)} appears more than once.",
                                 fix: "write each placeholder at most once" + (english[key].map { ", as the English text does: \($0)" } ?? "."))
            }
        }
        return problems(in: table, language: language, english: english, complete: false).map { problem in
            InputWarning(file: file, message: (problem.key.map { "\"\($0)\": " } ?? "") + problem.detail)
        }
    }
}
