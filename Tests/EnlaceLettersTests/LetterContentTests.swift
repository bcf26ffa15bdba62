import EnlaceCore
import EnlaceFeeds
import EnlaceLetters
import Testing

/// What a letter says (spec section 12), checked in the HTML a family gets.
@Suite struct LetterContentTests {
    /// The letters of a site page, one HTML fragment each (`<section …>` to `</section>`).
    static func sections(_ page: String) -> [String] {
        page.components(separatedBy: "<section ").dropFirst().map { "<section " + $0.components(separatedBy: "</section>")[0] }
    }

    static func page(_ site: SiteID) throws -> String {
        try LetterPage.sitePage(LetterFixture.letters().filter { $0.site == site }, title: "letters")
    }

    @Test func aMatchedLetterSaysWhoWhereWhenAndHowToSubscribe() throws {
        let letter = LetterFixture.letter("P1")
        let html = try #require(Self.sections(try Self.page("lincoln")).first { $0.contains("data-parent=\"P1\"") })
        #expect(html.contains("lang=\"es\" dir=\"ltr\""))
        #expect(html.contains("<bdi>Ana García</bdi>"))
        #expect(html.contains("Springfield USD Parent Mentors"))
        // The mentor's first name only, as the family's feed names her.
        #expect(html.contains("<bdi>Guadalupe</bdi>"))
        #expect(!html.contains("Morales"))
        #expect(html.contains("Lincoln Elementary, 100 Main St, Springfield"))
        // The three sessions after October 15 noon, with the topics in Spanish; nothing held, nothing later.
        #expect(letter.nextSessions.count == 3)
        #expect(letter.nextSessions.map(\.topic) == ["La lectura en dos idiomas", nil, "Why attendance matters"])
        #expect(html.contains("20 de octubre"))
        #expect(html.contains("17 de noviembre"))
        #expect(!html.contains("6 de octubre") && !html.contains("1 de diciembre"))
        #expect(html.components(separatedBy: "<li><span class=\"when\">").count == 4)
        #expect(html.contains("<svg "))
        #expect(html.contains("webcal://feeds.example.org/springfield/\(LetterFixture.tokens["P1"]!).ics"))
        #expect(html.contains("iPhone") && html.contains("Android") && html.contains("Outlook"))
        #expect(html.contains("Rosa Díaz, (555) 010-0199, rosa.diaz@springfield.example"))
        #expect(!html.contains("lista de espera"))
    }

    @Test func anOnlineGroupGivesTheVideoLinkInsteadOfAPlace() throws {
        let html = try #require(Self.sections(try Self.page("office")).first { $0.contains("data-parent=\"P2\"") })
        #expect(html.contains("href=\"https://meet.example.org/springfield/M2-WE1900-virtual\""))
        #expect(html.contains("<bdi>Fatima</bdi>"))
        #expect(!html.contains("منصور"))
        #expect(!html.contains("Family Center"))
    }

    @Test func aWaitingFamilyGetsTheWaitingListWordingAndTheSameCode() throws {
        let letter = LetterFixture.letter("P4")
        #expect(letter.isWaiting && letter.nextSessions.isEmpty)
        let html = try #require(Self.sections(try Self.page("lincoln")).first { $0.contains("data-parent=\"P4\"") })
        let strings = LetterFixture.catalog.strings(for: LanguageTag("ur"))
        let waiting = strings.text("letter_waiting_intro", ["program": "\u{0}"]).components(separatedBy: "\u{0}")[1]
        #expect(html.contains(waiting.replacingOccurrences(of: "'", with: "&apos;")))
        #expect(!html.contains(strings.text("letter_next_sessions")))
        #expect(html.contains("webcal://feeds.example.org/springfield/\(LetterFixture.tokens["P4"]!).ics"))
    }

    @Test(arguments: [("P2", "rtl"), ("P3", "rtl"), ("P4", "rtl"), ("P1", "ltr")])
    func arabicFarsiAndUrduRunRightToLeft(parent: String, direction: String) throws {
        let letter = LetterFixture.letter(ParentID(parent))
        let join = try LetterPage.joinPage(letter)
        #expect(join.contains("<html lang=\"\(letter.strings.language)\" dir=\"\(direction)\">"))
        #expect(join.contains("lang=\"\(letter.strings.language)\" dir=\"\(direction)\" data-parent=\"\(parent)\""))
    }

    @Test func namesAreTextNotMarkup() throws {
        let html = try Self.page("lincoln")
        #expect(html.contains("José &lt;b&gt;Pérez&lt;/b&gt; &amp; Co"))
        #expect(!html.contains("<b>"))
    }

    @Test func theJoinPageOffersTheWebcalAndGoogleLinks() throws {
        let letter = LetterFixture.letter("P1")
        let page = try LetterPage.joinPage(letter)
        let webcal = "webcal://feeds.example.org/springfield/\(LetterFixture.tokens["P1"]!).ics"
        #expect(page.contains("<a class=\"button\" href=\"\(webcal)\">"))
        #expect(page.contains("href=\"https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2Ffeeds.example.org%2Fspringfield%2F\(LetterFixture.tokens["P1"]!).ics\""))
        #expect(page.contains(letter.strings.text("join_add_calendar")))
        #expect(page.contains("Content-Security-Policy"))
        #expect(page.contains("<meta name=\"referrer\" content=\"no-referrer\">"))
    }

    @Test func theSameRunGivesTheSameBytes() throws {
        let first = try LetterFixture.letters().map(LetterPage.joinPage)
        let again = try LetterFixture.letters().map(LetterPage.joinPage)
        #expect(first == again)
        #expect(try Self.page("lincoln") == Self.page("lincoln"))
    }

    @Test func theSitePageHoldsOneLetterPerFamilyOfTheSite() throws {
        let sections = Self.sections(try Self.page("lincoln"))
        #expect(sections.count == 3)
        #expect(sections.map { $0.contains("data-parent=\"P1\"") || $0.contains("data-parent=\"P4\"") || $0.contains("data-parent=\"P5\"") }
            == [true, true, true])
    }
}
