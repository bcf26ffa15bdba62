import EnlaceGolden
import EnlaceCalendar
import EnlaceCore
import EnlaceFeeds
import Foundation
import Testing

/// Sessions with a topic (spec section 10): the title leads the SUMMARY and the description is in
/// the DESCRIPTION, in the feed's language, for families and mentors.
@Suite("Feeds with topics")
struct TopicFeedTests {
    static let biliteracy = Topic(
        id: "biliteracy", title: "The State Seal of Biliteracy", description: "How students earn the Seal on their diploma.", required: true,
        titles: [TopicText(language: LanguageTag("zh-Hans")!, text: "加州双语能力印章"), TopicText(language: LanguageTag("zh-Hant")!, text: "加州雙語能力印章"),
                 TopicText(language: LanguageTag("es")!, text: "El Sello Estatal de Lectoescritura Bilingüe")],
        descriptions: [TopicText(language: LanguageTag("es")!, text: "Cómo se obtiene el Sello en el diploma."),
                       TopicText(language: LanguageTag("zh-Hant")!, text: "學生如何在畢業證書上獲得印章。")])
    /// No Vietnamese column: Vietnamese feeds fall back to the plain columns.
    static let college = Topic(id: "college", title: "College and financial aid", description: "A–G courses and the FAFSA.",
                               titles: [TopicText(language: LanguageTag("es-MX")!, text: "La universidad y la ayuda financiera")])

    static let program: Program = {
        var program = Fixture.program
        program.topics = [biliteracy, college]
        return program
    }()

    /// The fixture's run with topics: the open-house group learns biliteracy, then has an open
    /// conversation; the virtual group learns college, then biliteracy.
    static let schedule: Schedule = {
        var schedule = Fixture.schedule(Fixture.groups, program: program)
        let topics: [GroupID: [TopicID?]] = ["M1-openhouse-lincoln": ["biliteracy", nil], "M2-TU1830-virtual": ["college", "biliteracy"]]
        for g in schedule.groups.indices {
            for s in schedule.groups[g].sessions.indices { schedule.groups[g].sessions[s].topic = topics[schedule.groups[g].id]?[s] ?? nil }
        }
        return schedule
    }()

    static func feeds() -> [(PlannedFeed, [StoredFeedEvent])] {
        FeedPlanner(program: program, schedule: schedule, catalog: Fixture.catalog, publishedOn: Fixture.clock.local.date).plan().map { feed in
            (feed, FeedHistory.merge(feed, history: [], clock: Fixture.clock, term: program.term))
        }
    }

    static func events(_ kind: FeedKind, _ id: String) throws -> [EventContent] {
        try #require(feeds().first { $0.0.owner == FeedOwner(kind: kind, id: id) }).0.events.filter { !$0.uid.hasPrefix("openhouse-") }
    }

    @Test("the topic's title leads the SUMMARY and its description fills the DESCRIPTION, in the feed's language")
    func familiesReadTheirLanguage() throws {
        let spanish = try Self.events(.parent, "P1")
        #expect(spanish[0].summary.hasPrefix("El Sello Estatal de Lectoescritura Bilingüe – "))
        #expect(spanish[0].description.contains("Tema: El Sello Estatal de Lectoescritura Bilingüe\nCómo se obtiene el Sello en el diploma."))
        #expect(!spanish[1].summary.contains("Sello") && spanish[1].description.hasPrefix("Conversación abierta: "), "an open conversation says so")
        let taiwanese = try Self.events(.parent, "P3")
        #expect(taiwanese[0].summary.hasPrefix("College and financial aid"), "no zh column: the plain title")
        #expect(taiwanese[1].summary.hasPrefix("加州雙語能力印章"), "zh-TW reads zh-Hant, not the first zh column")
        #expect(taiwanese[1].description.contains("學生如何在畢業證書上獲得印章。"))
    }

    @Test("translation fallback: a language without a column reads the plain title and description")
    func fallback() throws {
        let vietnamese = try Self.events(.parent, "P2")
        #expect(vietnamese[0].summary.hasPrefix("The State Seal of Biliteracy – "))
        #expect(vietnamese[0].description.contains("How students earn the Seal on their diploma."))
    }

    @Test("mentors see the topic too")
    func mentors() throws {
        let mentor = try Self.events(.mentor, "M2")
        #expect(mentor[0].summary.hasPrefix("College and financial aid – "))
        #expect(mentor[1].summary.hasPrefix("加州雙語能力印章 – "))
        #expect(mentor[1].description.contains("學生如何在畢業證書上獲得印章。"))
    }

    @Test("a program without topics keeps its feeds as they were")
    func noTopicsNoChange() {
        let without = FeedPlanner(program: Fixture.program, schedule: Fixture.schedule(Fixture.groups), catalog: Fixture.catalog).plan()
        #expect(without.flatMap(\.events).allSatisfy { !$0.description.contains("Conversación abierta") && !$0.description.contains("Topic: ") })
    }

    @Test("golden feeds with topics", arguments: [("parent", "P1", "parent-es-topics.ics"), ("mentor", "M2", "mentor-zh-Hant-topics.ics")])
    func golden(kind: String, id: String, file: String) throws {
        let (feed, events) = try #require(Self.feeds().first { $0.0.owner == FeedOwner(kind: FeedKind(rawValue: kind)!, id: id) })
        let text = Fixture.render(feed, events, program: Self.program)
        #expect(FeedValidator.problems(in: Array(text.utf8)) == [])
        try Golden.check(text, named: file)
    }
}
