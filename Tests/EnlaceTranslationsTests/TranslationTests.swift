import EnlaceCore
import EnlaceTranslations
import Foundation
import Testing

@Suite("Translations")
struct TranslationTests {
    let catalog = try! TranslationCatalog.builtin()

    /// The twenty languages Enlace ships, as table names.
    static let builtinLanguages = ["en", "es", "vi", "zh-hans", "zh-hant", "tl", "ko", "ar", "ru", "pa", "hmn", "fa", "hy",
                                   "pt", "ja", "km", "ur", "yue", "hi", "uk"]

    @Test("twenty languages ship, each defining every message with the English placeholders")
    func complete() throws {
        #expect(catalog.languages == Self.builtinLanguages.sorted())
        #expect(catalog.problems() == [])
        let english = try #require(catalog.texts(of: "en"))
        #expect(Set(english.keys.filter { !$0.hasPrefix("_") }) == Set(TranslationCatalog.keys))
    }

    @Test("placeholders are filled, and a message no table has shows its key")
    func filling() {
        let spanish = catalog.strings(for: LanguageTag("es")!)
        #expect(spanish.text("session_title", ["mentor": "Lupe"]) == "Reunión de padres mentores con Lupe")
        #expect(spanish.text("letter_greeting", ["name": "{mentor}"]) == "Estimado(a) {mentor}:")
        #expect(spanish.text("no_such_key") == "no_such_key")
    }

    @Test("a district file overrides one message and adds a language, the rest falls back to English")
    func districtOverride() throws {
        let folder = try TemporaryProgram(files: [
            "es.json": #"{"session_title": "Junta con su mentora {mentor}"}"#,
            "lo.json": #"{"session_title": "ພົບກັບ {mentor}", "typo_key": "x"}"#,
        ])
        let (catalog, warnings) = try TranslationCatalog.forProgram(folder: folder.url)
        let spanish = catalog.strings(for: LanguageTag("es-MX")!)
        #expect(spanish.text("session_title", ["mentor": "Ana"]) == "Junta con su mentora Ana")
        #expect(spanish.text("place_online") == "En línea")
        let lao = catalog.strings(for: LanguageTag("lo")!)
        #expect(lao.language == "lo")
        #expect(lao.text("session_title", ["mentor": "Mai"]) == "ພົບກັບ Mai")
        #expect(lao.text("place_online") == "Online")
        #expect(warnings.map(\.description) == [#"translations/lo.json: "typo_key" is not a message Enlace uses; it is ignored. Known keys are those of the built-in en.json (docs/FEEDS.md)."#])
    }

    @Test("a district's text with other placeholders than English is read, with a warning naming file and key")
    func districtPlaceholderWarning() throws {
        let folder = try TemporaryProgram(files: ["vi.json": #"{"recording": "Xem lại: {link}"}"#])
        let (_, warnings) = try TranslationCatalog.forProgram(folder: folder.url)
        #expect(warnings.count == 1)
        #expect(warnings.first?.file == "translations/vi.json")
        #expect(warnings.first?.message.hasPrefix("\"recording\": has [\"{link}\"] where English has [\"{url}\"]") == true)
    }

    @Test("a district file that is not JSON is refused with its name and a fix")
    func badOverride() throws {
        let folder = try TemporaryProgram(files: ["ko.json": "session_title = x"])
        #expect {
            _ = try TranslationCatalog.forProgram(folder: folder.url)
        } throws: { error in
            (error as? InputError)?.file == "translations/ko.json" && (error as? InputError)?.problem.contains("JSON") == true
        }
    }
}

/// A program folder with `translations/` files, removed when the value goes away.
final class TemporaryProgram {
    let url: URL

    init(files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-tr-\(UUID().uuidString)")
        let translations = url.appendingPathComponent("translations")
        try FileManager.default.createDirectory(at: translations, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: translations.appendingPathComponent(name))
        }
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
