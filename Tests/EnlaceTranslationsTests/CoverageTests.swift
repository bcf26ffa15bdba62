import EnlaceCore
import EnlaceTranslations
import Foundation
import Testing

/// The checks that keep every language complete and consistent, shown to fail on broken tables.
@Suite("Coverage and consistency of the translations")
struct CoverageTests {
    let catalog = try! TranslationCatalog.builtin()
    var english: [String: String] { catalog.texts(of: "en")! }

    @Test("a table missing a key fails the coverage check, naming the language and the key")
    func missingKey() throws {
        var spanish = try #require(catalog.texts(of: "es"))
        spanish["waiting_title"] = nil
        let problems = TranslationCatalog.problems(in: spanish, language: "es", english: english, complete: true)
        #expect(problems.map(\.description) == ["es.waiting_title: missing key: English: Waiting list: parent mentor program"])
        #expect(TranslationCatalog.problems(in: spanish, language: "es", english: english, complete: false) == [])
    }

    @Test("a placeholder missing, extra, renamed or repeated fails the check",
          arguments: ["Vea la grabación.", "Vea la grabación: {url} {mentor}", "Vea la grabación: {link}", "{url} – {url}"])
    func placeholders(text: String) throws {
        var spanish = try #require(catalog.texts(of: "es"))
        spanish["recording"] = text
        let problems = TranslationCatalog.problems(in: spanish, language: "es", english: english, complete: true)
        #expect(problems.map(\.kind) == [.placeholders])
        #expect(problems.first?.key == "recording")
    }

    @Test("a right-to-left table not marked so fails, and so does a left-to-right table marked rtl")
    func direction() throws {
        var farsi = try #require(catalog.texts(of: "fa"))
        farsi["_direction"] = nil
        #expect(TranslationCatalog.problems(in: farsi, language: "fa", english: english, complete: true).map(\.kind) == [.direction])
        var russian = try #require(catalog.texts(of: "ru"))
        russian["_direction"] = "rtl"
        #expect(TranslationCatalog.problems(in: russian, language: "ru", english: english, complete: true).map(\.kind) == [.direction])
    }

    @Test("the built-in right-to-left languages are exactly Arabic, Farsi and Urdu, and say so")
    func rightToLeftLanguages() {
        let rtl = catalog.languages.filter { catalog.strings(for: LanguageTag($0)!).isRightToLeft }
        #expect(rtl == ["ar", "fa", "ur"])
        #expect(rtl.allSatisfy { catalog.texts(of: $0)?["_direction"] == "rtl" })
    }

    @Test("a setting Enlace cannot use fails the check")
    func settings() throws {
        var hmong = try #require(catalog.texts(of: "hmn"))
        hmong["_weekdays"] = "Hnub Ib;Hnub Ob"
        hmong["_direction"] = "sideways"
        let problems = TranslationCatalog.problems(in: hmong, language: "hmn", english: english, complete: true)
        #expect(Set(problems.compactMap(\.key)) == ["_weekdays", "_direction"])
    }

    @Test("every text whose English names a glossary concept uses one of the language's accepted terms")
    func glossary() throws {
        let glossary = try Glossary.load()
        #expect(Set(glossary.concepts.keys) == ["mentor", "meeting", "open house", "waiting list", "coordinator"])
        for language in catalog.languages {
            #expect(glossary.inconsistencies(in: catalog.texts(of: language)!, language: language, english: english) == [])
        }
    }

    @Test("the glossary check fails on a text that uses another word for a concept")
    func glossaryCatchesAnotherWord() throws {
        let glossary = try Glossary.load()
        var spanish = try #require(catalog.texts(of: "es"))
        spanish["cancelled_mentor_left"] = "Su tutor ya no participa en el programa."
        spanish["waiting_title"] = "Lista de reserva: programa de padres mentores"
        #expect(glossary.inconsistencies(in: spanish, language: "es", english: english)
                == ["es.cancelled_mentor_left lacks mentor (mentor, mentoría)",
                    "es.waiting_title lacks waiting list (lista de espera)"])
    }

    @Test("every text message fits 300 characters with a long program name, mentor name and link")
    func textMessagesFit() {
        let values = ["program": "Springfield Unified Parent Mentors 2026-27", "mentor": "Guadalupe",
                      "url": "https://feeds.springfield-unified.example.org/mentors/" + String(repeating: "x", count: 32) + ".ics"]
        for language in catalog.languages {
            let strings = catalog.strings(for: LanguageTag(language)!)
            for key in TranslationCatalog.messageKeys {
                let text = strings.text(key, values)
                #expect(text.count <= TranslationLimits.textMessageCharacters, "\(language).\(key) has \(text.count) characters")
            }
        }
    }
}

/// `Fixtures/glossary.json`: for each concept, the accepted terms per language (`en` is how the
/// English text names it).
struct Glossary {
    let concepts: [String: [String: [String]]]

    static func load() throws -> Glossary {
        let url = try #require(Bundle.module.url(forResource: "glossary", withExtension: "json", subdirectory: "Fixtures"))
        return Glossary(concepts: try JSONDecoder().decode([String: [String: [String]]].self, from: Data(contentsOf: url)))
    }

    /// "LANG.KEY lacks CONCEPT (terms)" for each text of `table` whose English names a concept and
    /// which uses none of the language's accepted terms (placeholders left out, case ignored).
    func inconsistencies(in table: [String: String], language: String, english: [String: String]) -> [String] {
        var result: [String] = []
        for concept in concepts.keys.sorted() {
            let terms = concepts[concept]!
            let accepted = terms.first { $0.key.lowercased() == language.lowercased() }?.value ?? []
            for key in TranslationCatalog.keys {
                guard let source = english[key], let text = table[key],
                      (terms["en"] ?? []).contains(where: { Self.occurs($0, in: Self.words(source)) }) else { continue }
                if !accepted.contains(where: { Self.occurs($0, in: Self.words(text)) }) {
                    result.append("\(language).\(key) lacks \(concept) (\(accepted.joined(separator: ", ")))")
                }
            }
        }
        return result.sorted()
    }

    /// `text` without its placeholders, lower-cased, composed (NFC).
    private static func words(_ text: String) -> String {
        text.replacing(/\{[A-Za-z0-9_]+\}/, with: "").lowercased().precomposedStringWithCanonicalMapping
    }

    /// Whether `term` occurs in `text` as a run of Unicode scalars. `String.contains` compares
    /// whole characters, and a term ends where a word may go on with a combining mark or joiner
    /// (Hindi बैठक in बैठकें, Farsi جلسه in جلسهٔ), which would hide it.
    private static func occurs(_ term: String, in text: String) -> Bool {
        let needle = Array(words(term).unicodeScalars), haystack = Array(text.unicodeScalars)
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        return (0...(haystack.count - needle.count)).contains { start in haystack[start..<(start + needle.count)].elementsEqual(needle) }
    }
}
