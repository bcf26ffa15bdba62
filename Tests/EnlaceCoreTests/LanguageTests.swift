import EnlaceCore
import Testing

@Suite struct LanguageTests {
    @Test func primarySubtagsMatchIgnoringCase() throws {
        let esMX = try #require(LanguageTag("es-MX"))
        #expect(esMX.matches(try #require(LanguageTag("ES"))))
        #expect(!(try #require(LanguageTag("zh"))).matches(try #require(LanguageTag("yue"))))
        #expect(try #require(LanguageTag("zh-Hant-TW")).primary == "zh")
    }

    @Test(arguments: ["Spanish", "e", "es_MX", "", "es-", "1a", "es-toolongsubtag"])
    func refusesMalformedTags(text: String) {
        #expect(LanguageTag(text) == nil)
    }
}
