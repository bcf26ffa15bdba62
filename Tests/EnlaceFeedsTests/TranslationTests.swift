import EnlaceCore
import EnlaceFeeds
import Foundation
import Testing

@Suite("Translations")
struct TranslationTests {
    let catalog = try! TranslationCatalog.builtin()

    @Test("every shipped language defines every message, with the English placeholders")
    func complete() throws {
        #expect(Set(catalog.languages).isSuperset(of: ["en", "es", "vi", "zh-hans", "zh-hant", "tl", "ko", "ar"]))
        let english = catalog.strings(for: nil)
        for language in catalog.languages {
            let strings = catalog.strings(for: LanguageTag(language)!)
            for key in TranslationCatalog.keys {
                let text = strings.text(key)
                #expect(text != key, "\(language) lacks \(key)")
                #expect(placeholders(text) == placeholders(english.text(key)), "\(language).\(key) placeholders")
            }
        }
    }

    @Test("a language resolves to its table, Chinese by script, Filipino to Tagalog, else English",
          arguments: [("es", "es"), ("es-MX", "es"), ("ES", "es"), ("vi", "vi"), ("zh", "zh-Hans"), ("zh-Hans", "zh-Hans"),
                      ("zh-CN", "zh-Hans"), ("zh-Hant", "zh-Hant"), ("zh-TW", "zh-Hant"), ("zh-HK", "zh-Hant"),
                      ("yue", "zh-Hant"), ("fil", "tl"), ("tl", "tl"), ("ko", "ko"), ("ar", "ar"), ("hmn", "en"),
                      ("pa", "en"), ("en-US", "en")])
    func resolution(tag: String, expected: String) {
        #expect(catalog.strings(for: LanguageTag(tag)!).language == expected)
    }

    @Test("placeholders are filled, and a message no table has shows its key")
    func filling() {
        let spanish = catalog.strings(for: LanguageTag("es")!)
        #expect(spanish.text("session_title", ["mentor": "Lupe"]) == "Reunión de padres mentores con Lupe")
        #expect(spanish.text("no_such_key") == "no_such_key")
    }

    @Test("a district file overrides one message and adds a language, the rest falls back to English")
    func districtOverride() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-tr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let translations = folder.appendingPathComponent("translations")
        try FileManager.default.createDirectory(at: translations, withIntermediateDirectories: true)
        try Data(#"{"session_title": "Junta con su mentora {mentor}"}"#.utf8).write(to: translations.appendingPathComponent("es.json"))
        try Data(#"{"session_title": "Sib ntsib nrog {mentor}", "typo_key": "x"}"#.utf8).write(to: translations.appendingPathComponent("hmn.json"))
        let (catalog, warnings) = try TranslationCatalog.forProgram(folder: folder)
        let spanish = catalog.strings(for: LanguageTag("es-MX")!)
        #expect(spanish.text("session_title", ["mentor": "Ana"]) == "Junta con su mentora Ana")
        #expect(spanish.text("place_online") == "En línea")
        let hmong = catalog.strings(for: LanguageTag("hmn")!)
        #expect(hmong.language == "hmn")
        #expect(hmong.text("session_title", ["mentor": "Mai"]) == "Sib ntsib nrog Mai")
        #expect(hmong.text("place_online") == "Online")
        #expect(warnings.count == 1 && warnings[0].description.contains("typo_key"))
    }

    @Test("a district file that is not JSON is refused with its name and a fix")
    func badOverride() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-tr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let translations = folder.appendingPathComponent("translations")
        try FileManager.default.createDirectory(at: translations, withIntermediateDirectories: true)
        try Data("session_title = x".utf8).write(to: translations.appendingPathComponent("ko.json"))
        #expect {
            _ = try TranslationCatalog.forProgram(folder: folder)
        } throws: { error in
            (error as? InputError)?.file == "translations/ko.json" && (error as? InputError)?.problem.contains("JSON") == true
        }
    }

    private func placeholders(_ text: String) -> Set<String> {
        var result = Set<String>()
        var current: String?
        for character in text {
            if character == "{" { current = "" } else if character == "}" { if let name = current { result.insert(name) }; current = nil }
            else if current != nil { current!.append(character) }
        }
        return result
    }
}
