import EnlaceCore
import EnlaceFeeds
import EnlaceLetters
import Testing

/// `out/messages.csv`: a text of at most 300 characters per family, with their https link.
@Suite struct TextMessageTests {
    @Test func aMessageNamesTheMentorAndCarriesTheHttpsLink() throws {
        let letter = LetterFixture.letter("P1")
        let text = try #require(TextMessage.text(for: letter))
        #expect(text.contains("Guadalupe"))
        #expect(text.contains("https://feeds.example.org/springfield/\(LetterFixture.tokens["P1"]!).ics"))
        #expect(!text.contains("webcal:"))
        let waiting = try #require(TextMessage.text(for: LetterFixture.letter("P3")))
        #expect(waiting.contains(LetterFixture.catalog.strings(for: LanguageTag("fa")).text("sms_waiting", ["program": "", "url": ""]).prefix(8)))
    }

    /// A long program name is shortened so that every language's message fits.
    @Test(arguments: TranslationCatalog.builtinLanguagesForTests)
    func everyLanguageFitsWithALongProgramName(language: String) throws {
        var settings = LetterFixture.settings
        settings.name = String(repeating: "Springfield Unified School District ", count: 5) + "Parent Mentor Program"
        settings.feedBaseURL = "https://calendars.springfield-unified.example.org/parent-mentors/2026-27/"
        let program = Program(settings: settings, sites: LetterFixture.sites, mentors: LetterFixture.mentors,
                              parents: LetterFixture.parents.map { parent in
                                  LetterFixture.parent(parent.id.rawValue, parent.name, [language], site: parent.site)
                              }, openHouses: [], blackouts: [], topics: LetterFixture.topics)
        for letter in LetterFixture.letters(program: program) {
            let text = try #require(TextMessage.text(for: letter), "\(language): no message for \(letter.parent)")
            #expect(text.count <= 300, "\(language): \(text.count) characters")
            #expect(text.contains(letter.feedURL))
            #expect(text.contains("…"), "\(language): the program's name should have been shortened")
        }
    }

    @Test func aLinkTooLongForAnyMessageGivesNone() {
        var letter = LetterFixture.letter("P1")
        letter.feedURL = "https://feeds.example.org/" + String(repeating: "x", count: 300) + ".ics"
        #expect(TextMessage.text(for: letter) == nil)
    }

    @Test func theCSVHasOneRowPerFamilyByParent() {
        let letters = LetterFixture.letters()
        let messages = Dictionary(uniqueKeysWithValues: letters.map { ($0.parent, TextMessage.text(for: $0)!) })
        let csv = TextMessage.csv(letters, messages: messages)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "parent_id,language,text")
        #expect(lines.dropFirst().map { String($0.prefix(3)) } == ["P1,", "P2,", "P3,", "P4,", "P5,"])
        #expect(lines[2].hasPrefix("P2,ar,"))
    }
}

extension TranslationCatalog {
    /// The languages of the built-in tables.
    static let builtinLanguagesForTests = LetterFixture.catalog.languages
}
