import EnlaceCore
import EnlaceTranslations
import Testing

@Suite("Which table a family reads")
struct ResolutionTests {
    let catalog = try! TranslationCatalog.builtin()

    @Test("a tag reads its language's table, by script for Chinese, Cantonese and Punjabi, else English",
          arguments: [
              ("es", ["es", "en"]), ("es-MX", ["es", "en"]), ("ES", ["es", "en"]), ("vi", ["vi", "en"]),
              ("zh", ["zh-Hans", "en"]), ("zh-Hans", ["zh-Hans", "en"]), ("zh-CN", ["zh-Hans", "en"]), ("cmn", ["zh-Hans", "en"]),
              ("zh-Hant", ["zh-Hant", "en"]), ("zh-TW", ["zh-Hant", "en"]), ("zh-HK", ["zh-Hant", "en"]), ("zh-MO", ["zh-Hant", "en"]),
              ("zh-Hans-HK", ["zh-Hans", "en"]), ("cmn-Hant-TW", ["zh-Hant", "en"]),
              ("yue", ["yue", "zh-Hant", "en"]), ("yue-Hant", ["yue", "zh-Hant", "en"]), ("yue-HK", ["yue", "zh-Hant", "en"]),
              ("yue-Hans", ["zh-Hans", "en"]),
              ("pa", ["pa", "en"]), ("pa-Guru", ["pa", "en"]), ("pa-IN", ["pa", "en"]), ("pa-Arab", ["en"]), ("pa-PK", ["en"]),
              ("pnb", ["en"]), ("fil", ["tl", "en"]), ("tl", ["tl", "en"]), ("ko", ["ko", "en"]), ("ar", ["ar", "en"]),
              ("ru", ["ru", "en"]), ("hmn", ["hmn", "en"]), ("mww", ["hmn", "en"]), ("hmn-Hmnp", ["en"]), ("fa", ["fa", "en"]),
              ("prs", ["fa", "en"]), ("hy", ["hy", "en"]), ("hyw", ["hy", "en"]), ("pt", ["pt", "en"]), ("pt-PT", ["pt", "en"]),
              ("ja", ["ja", "en"]), ("km", ["km", "en"]), ("ur", ["ur", "en"]), ("hi", ["hi", "en"]), ("uk", ["uk", "en"]),
              ("lo", ["en"]), ("en-US", ["en"]),
          ])
    func chain(tag: String, expected: [String]) throws {
        let language = try #require(LanguageTag(tag))
        #expect(catalog.resolution(for: language).chain == expected)
        #expect(catalog.strings(for: language).language == expected[0])
    }

    @Test("Cantonese texts fall back to Traditional Chinese key by key, then English")
    func cantoneseFallsBackKeyByKey() throws {
        let partial = TranslationCatalog(tables: ["en": ["a": "A", "b": "B", "c": "C"], "zh-Hant": ["a": "甲", "b": "乙"],
                                                  "yue": ["_script": "Hant", "a": "呀"]])
        let strings = partial.strings(for: LanguageTag("yue")!)
        #expect([strings.text("a"), strings.text("b"), strings.text("c")] == ["呀", "乙", "C"])
    }

    @Test("Shahmukhi Punjabi reads a district's pa-Arab table when there is one, never the Gurmukhi one")
    func shahmukhi() throws {
        let folder = try TemporaryProgram(files: ["pa-Arab.json": #"{"calendar_parent": "والدین مینٹور ملاقاتاں"}"#])
        let (catalog, warnings) = try TranslationCatalog.forProgram(folder: folder.url)
        #expect(warnings == [])
        let shahmukhi = catalog.strings(for: LanguageTag("pa-Arab")!)
        #expect(catalog.resolution(for: LanguageTag("pa-PK")!).chain == ["pa-Arab", "en"])
        #expect(shahmukhi.text("calendar_parent") == "والدین مینٹور ملاقاتاں")
        #expect(shahmukhi.text("place_online") == "Online")
        #expect(shahmukhi.isRightToLeft)
        #expect(catalog.resolution(for: LanguageTag("pa")!).chain == ["pa", "en"])
    }

    @Test("only the first language counts: a family listing hmn;lo reads Hmong, one listing lo;hmn English")
    func firstLanguageOnly() {
        let hmong = [LanguageTag("hmn")!, LanguageTag("lo")!]
        let lao = [LanguageTag("lo")!, LanguageTag("hmn")!]
        #expect(catalog.strings(for: hmong.first).language == "hmn")
        #expect(catalog.strings(for: lao.first).language == "en")
    }

    @Test("the explanation names the tag, the table and the fallbacks",
          arguments: [
              ("yue-HK", "yue-HK (Cantonese): the yue table, then zh-Hant, then English for any text they lack."),
              ("hmn", "hmn (Hmong): the hmn table, then English for any text it lacks."),
              ("pa-Arab", "pa-Arab (Punjabi): Enlace has no translation for it, so texts are in English (only the first "
                  + "language listed is used; a district can add translations/pa-Arab.json)."),
              ("en-US", "en-US (English): texts in English."),
          ])
    func explanation(tag: String, expected: String) {
        #expect(catalog.resolution(for: LanguageTag(tag)!).explanation == expected)
    }

    @Test("no language listed reads English")
    func noLanguage() {
        #expect(catalog.resolution(for: nil).chain == ["en"])
        #expect(catalog.resolution(for: nil).explanation == "No language listed: texts in English.")
    }
}
