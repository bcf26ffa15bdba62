import EnlaceCore
import EnlaceFeeds
import EnlaceLetters
import Testing

/// A letter, a join page and a text message hold one family's details and no one else's.
@Suite struct LetterPrivacyTests {
    @Test func noLetterNamesAnotherFamilyOrCarriesTheirLink() throws {
        let letters = LetterFixture.letters()
        let pages = try LetterFixture.sitePages()
        for letter in letters {
            let join = try LetterPage.joinPage(letter)
            let section = try #require(pages.flatMap(LetterContentTests.sections).first { $0.contains("data-parent=\"\(letter.parent)\"") })
            let message = try #require(TextMessage.text(for: letter))
            for other in LetterFixture.parents where other.id != letter.parent {
                let token = LetterFixture.tokens[other.id]!
                for text in [join, section, message] {
                    #expect(!text.contains(token), "the letter of \(letter.parent) carries the link of \(other.id)")
                    #expect(!text.contains(other.name.components(separatedBy: " ")[0]), "the letter of \(letter.parent) names \(other.id)")
                    #expect(!text.contains("data-parent=\"\(other.id)\""))
                }
            }
            #expect(join.contains(LetterFixture.tokens[letter.parent]!))
        }
    }
}

extension LetterFixture {
    /// Every site's page.
    static func sitePages() throws -> [String] {
        try ["lincoln", "office"].map { site in try LetterPage.sitePage(letters().filter { $0.site == SiteID(site) }, title: "letters") }
    }
}
