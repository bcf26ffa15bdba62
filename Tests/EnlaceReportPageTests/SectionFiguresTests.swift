import EnlaceCore
import Testing
@testable import EnlaceReportPage

/// The curriculum's and participation's figures, built from the program, the run and the
/// families' seats at held sessions.
@Suite struct SectionFiguresTests {
    /// Two topics of topics.csv and one only a family asked for; M1's group teaches college on
    /// Sep 29, M2's the Seal of Biliteracy on Oct 6.
    static func curriculum(language: String = "en") -> CurriculumFigures? {
        var program = Fixture.program
        program.topics = [Topic(id: TopicID("college"), title: "Access to college",
                                titles: [TopicText(language: LanguageTag("es")!, text: "Acceso a la universidad")]),
                          Topic(id: TopicID("biliteracy"), title: "Seal of Biliteracy", required: true)].sorted { $0.id < $1.id }
        let topics: [String: [String]] = ["P1": ["college", "biliteracy"], "P2": ["college"], "P3": ["biliteracy"], "P4": ["college", "funding"]]
        program.parents = program.parents.map { parent in
            Fixture.parent(parent.id.rawValue, parent.languages.map(\.description), site: parent.site.rawValue, topics: topics[parent.id.rawValue] ?? [])
        }
        var schedule = Fixture.schedule
        schedule.groups[0].sessions[2].topic = TopicID("college")
        schedule.groups[1].sessions[1].topic = TopicID("biliteracy")
        return CurriculumFigures(program: program, schedule: schedule, language: LanguageTag(language)!)
    }

    @Test func demandAgainstCoveragePerTopic() throws {
        let figures = try #require(Self.curriculum())
        #expect(figures.topics == [
            .init(id: "biliteracy", title: "Seal of Biliteracy", required: true, asked: 2, askedFirst: 1, membersCovered: 1, groupsTeaching: 1),
            .init(id: "college", title: "Access to college", required: false, asked: 3, askedFirst: 3, membersCovered: 2, groupsTeaching: 1),
            .init(id: "funding", title: "funding", required: false, asked: 1, askedFirst: 0, membersCovered: 0, groupsTeaching: 0),
        ])
        #expect(figures.requiredMissing == nil, "the run does not say")
        #expect(try #require(Self.curriculum(language: "es")).topics[1].title == "Acceso a la universidad")
    }

    @Test func noTopicsNoCurriculum() {
        #expect(CurriculumFigures(program: Fixture.program, schedule: Fixture.schedule, language: LanguageTag("en")!) == nil)
    }

    /// Months run from the first held session to the last, an empty month included; a missed
    /// session counts as held, not attended.
    @Test func participationByMonthAndMode() {
        func seat(_ date: String, _ mode: ParticipationFigures.Mode?) -> ParticipationFigures.Seat { .init(date: Fixture.date(date), mode: mode) }
        let figures = ParticipationFigures(seats: [seat("2026-12-01", .online), seat("2026-09-08", .inPerson), seat("2026-09-08", nil),
                                                   seat("2026-09-15", .recording), seat("2026-11-03", .inPerson), seat("2026-12-01", nil)],
                                           followUp: 1)
        #expect(figures.months == [.init(year: 2026, month: 9, inPerson: 1, online: 0, recording: 1),
                                   .init(year: 2026, month: 10, inPerson: 0, online: 0, recording: 0),
                                   .init(year: 2026, month: 11, inPerson: 1, online: 0, recording: 0),
                                   .init(year: 2026, month: 12, inPerson: 0, online: 1, recording: 0)])
        #expect((figures.held, figures.attended, figures.followUp) == (6, 4, 1))
        #expect(ParticipationFigures(seats: [], followUp: 0).months.isEmpty)
    }

    /// A year's turn: December 2026 is followed by January 2027.
    @Test func monthsCrossTheNewYear() {
        let figures = ParticipationFigures(seats: [.init(date: Fixture.date("2026-12-01"), mode: .online),
                                                   .init(date: Fixture.date("2027-02-02"), mode: .online)], followUp: 0)
        #expect(figures.months.map { "\($0.year)-\($0.month)" } == ["2026-12", "2027-1", "2027-2"])
    }
}
