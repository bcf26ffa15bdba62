import EnlaceCore
import Foundation

// Reading translation tables from JSON files: the ones shipped in this module's resources, and a
// district's own in `DIR/translations/`. Kept apart from the catalog so the rest of the module
// does no I/O.

extension TranslationCatalog {
    /// The tables shipped with Enlace (`Translations/*.json` resources of this module).
    ///
    /// - Throws: `InputError` when a shipped file is missing or malformed (a packaging mistake:
    ///   the `Enlace_EnlaceFeeds.resources` folder must sit next to the `enlace` executable).
    public static func builtin() throws(InputError) -> TranslationCatalog {
        guard let folder = Bundle.module.url(forResource: "Translations", withExtension: nil) else {
            throw InputError(file: "Enlace_EnlaceFeeds.resources/Translations", problem: "the built-in translations are missing.",
                             fix: "reinstall Enlace: the resources folder must sit next to the enlace executable.")
        }
        return TranslationCatalog(tables: try readTables(in: folder, displayFolder: "Enlace_EnlaceFeeds.resources/Translations").tables)
    }

    /// The built-in tables overlaid with a district's `translations/LANG.json` files, if the
    /// folder exists; also returns warnings (unknown keys, unknown placeholders).
    ///
    /// A district adds a language (`hmn.json`) or rewords any message (`es.json` with one key)
    /// without recompiling; the file name is the language tag.
    /// - Throws: `InputError` naming the file when one is not a JSON object of strings.
    public static func forProgram(folder: URL) throws(InputError) -> (catalog: TranslationCatalog, warnings: [InputWarning]) {
        let builtin = try builtin()
        let overrides = folder.appendingPathComponent("translations", isDirectory: true)
        guard FileManager.default.fileExists(atPath: overrides.path) else { return (builtin, []) }
        let (tables, warnings) = try readTables(in: overrides, displayFolder: "translations")
        return (builtin.overlaid(with: tables), warnings)
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
            let table: [String: String]
            do {
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                table = try JSONDecoder().decode([String: String].self, from: data)
            } catch {
                throw InputError(file: display, problem: "the file is not a JSON object whose values are texts.",
                                 fix: "write it as UTF-8 JSON such as {\"session_title\": \"Reunión con {mentor}\"}; the keys and their English texts are listed in docs/FEEDS.md.")
            }
            for key in table.keys.sorted() where !keys.contains(key) {
                warnings.append(InputWarning(file: display, message: "\"\(key)\" is not a message Enlace uses; it is ignored. Known keys are those of the built-in en.json."))
            }
            tables[language] = table
        }
        return (tables, warnings)
    }
}
