import EnlaceCore
import EnlaceTranslations
import Foundation
import Testing

/// A district's file is copied into every event and letter that shows its texts, so its size is
/// bounded (an unbounded 116 KB file once became 143 MB of feeds).
@Suite("Limits on a district's translation files")
struct LimitTests {
    func load(_ name: String, _ text: String) throws -> (TranslationCatalog, [InputWarning]) {
        let folder = try TemporaryProgram(files: [name: text])
        return try TranslationCatalog.forProgram(folder: folder.url)
    }

    /// `{"session_title": "Reunión"}` padded with spaces to exactly `bytes` bytes (JSON allows them).
    func padded(to bytes: Int) -> String {
        let json = #"{"session_title": "Reunión"}"#
        return json + String(repeating: " ", count: bytes - json.utf8.count)
    }

    @Test("a file of 64 KB is read; one byte more is refused with the file, the limit and a fix")
    func fileSize() throws {
        let (catalog, _) = try load("es.json", padded(to: TranslationLimits.fileBytes))
        #expect(catalog.strings(for: LanguageTag("es")!).text("session_title") == "Reunión")
        #expect {
            _ = try load("es.json", padded(to: TranslationLimits.fileBytes + 1))
        } throws: { error in
            let error = error as? InputError
            return error?.file == "translations/es.json" && error?.problem.contains("larger than 64 KB") == true
                && error?.fix.contains("keep only the texts") == true
        }
    }

    @Test("a text of 2,000 characters is read; one more is refused with the file, the key and a fix")
    func textLength() throws {
        let longest = String(repeating: "ក", count: TranslationLimits.textScalars)
        let (catalog, _) = try load("km.json", #"{"about_program": "\#(longest)"}"#)
        #expect(catalog.strings(for: LanguageTag("km")!).text("about_program") == longest)
        #expect {
            _ = try load("km.json", #"{"about_program": "\#(longest)ក"}"#)
        } throws: { error in
            let error = error as? InputError
            return error?.file == "translations/km.json" && error?.field == "about_program"
                && error?.problem == "the text has 2001 characters; a text may have at most 2000." && error?.fix.isEmpty == false
        }
    }

    @Test("a placeholder written twice is refused: each copy would be filled with a list of names")
    func repeatedPlaceholder() throws {
        #expect {
            _ = try load("ru.json", #"{"group_parents": "{names} {names} ({count})"}"#)
        } throws: { error in
            let error = error as? InputError
            return error?.file == "translations/ru.json" && error?.field == "group_parents"
                && error?.problem == "the placeholder {names} appears more than once."
                && error?.fix == "write each placeholder at most once, as the English text does: Parents in the group ({count}): {names}"
        }
    }

    @Test("a folder with a non-regular file named like a table is refused, not read forever")
    func notAFile() throws {
        let folder = try TemporaryProgram(files: [:])
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("translations/es.json"), withIntermediateDirectories: true)
        #expect(throws: InputError.self) { _ = try TranslationCatalog.forProgram(folder: folder.url) }
    }

    @Test("every built-in table is within the limits it imposes on districts")
    func builtinWithinLimits() throws {
        let catalog = try TranslationCatalog.builtin()
        for language in catalog.languages {
            for (key, text) in catalog.texts(of: language)! {
                #expect(text.unicodeScalars.count <= TranslationLimits.textScalars / 4, "\(language).\(key)")
            }
        }
    }
}
