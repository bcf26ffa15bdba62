import EnlaceCore
import EnlaceStore
import Foundation
import Testing

/// The curriculum's topics and a run's curriculum summary, stored and read back (spec section 10).
@Suite struct StoreTopicsTests {
    static let biliteracy = Topic(
        id: "biliteracy", title: "The Seal of Biliteracy", description: "How students earn it, from the early grades.", required: true,
        window: TopicWindow(from: MonthDay("09-01"), until: MonthDay("03-31")),
        titles: [TopicText(language: LanguageTag("es")!, text: "El Sello de Lectoescritura Bilingüe"),
                 TopicText(language: LanguageTag("zh-Hant")!, text: "雙語能力印章")],
        descriptions: [TopicText(language: LanguageTag("es")!, text: "Cómo se obtiene,\ndesde los primeros grados.")],
        attributes: ["owner": "EL office"])
    static let college = Topic(id: "college", title: "College", window: TopicWindow(from: nil, until: MonthDay("02-29")))

    static func loaded(topics: [Topic]) -> LoadedProgram {
        var loaded = StoreImportTests.program(parents: [StoreImportTests.parent("p1")])
        loaded.program.topics = topics
        return loaded
    }

    @Test func topicsRoundTripWithTheirTranslationsInColumnOrder() throws {
        let store = try Store(path: StoreImportTests.temporaryDatabase())
        let summary = try store.importProgram(Self.loaded(topics: [Self.college, Self.biliteracy]), importedAt: "t1")
        #expect(summary.topics == ImportSummary.Counts(added: 2, total: 2))
        #expect(summary.description.hasSuffix(", 2 topics (2 added, 0 updated, 0 removed)"))
        let stored = try #require(try store.storedProgram())
        #expect(stored.topics == [Self.biliteracy, Self.college])
        #expect(stored.program(settings: Self.loaded(topics: []).program.settings).topics.map(\.id) == ["biliteracy", "college"])
    }

    @Test func reimportingTheSameTopicsChangesNothingAndAFolderWithoutThemRemovesThem() throws {
        let store = try Store(path: StoreImportTests.temporaryDatabase())
        _ = try store.importProgram(Self.loaded(topics: [Self.biliteracy, Self.college]), importedAt: "t1")
        #expect(!(try store.importProgram(Self.loaded(topics: [Self.biliteracy, Self.college]), importedAt: "t2")).changedAnything)
        let removed = try store.importProgram(Self.loaded(topics: []), importedAt: "t3")
        #expect(removed.topics == ImportSummary.Counts(removed: 2, total: 0))
        #expect(try store.storedProgram()?.topics == [])
        #expect(!(try store.importProgram(Self.loaded(topics: []), importedAt: "t4")).description.contains("topics"))
    }

    @Test func aRunKeepsItsCurriculumSummaryAndSessionTopics() throws {
        let store = try Store(path: StoreImportTests.temporaryDatabase())
        let start = LocalDateTime(date: LocalDate(iso: "2026-09-01")!, minuteOfDay: 18 * 60)
        let group = ScheduledGroup(id: "m1-TU1800-virtual", mentor: "m1", kind: .weekly, mode: .virtual, site: nil, weekday: .tuesday,
                                   startMinute: 18 * 60, minutes: 60,
                                   sessions: [ScheduledSession(start: start, end: start.adding(minutes: 60), topic: "biliteracy"),
                                              ScheduledSession(start: start.adding(minutes: 35 * 1440), end: start.adding(minutes: 35 * 1440 + 60))])
        let schedule = Schedule(programName: "Test", timezone: "America/Los_Angeles", now: start.adding(minutes: -1440),
                                score: ScheduleScore(total: 100, bound: 100, terms: []), groups: [group],
                                memberships: [Membership(parent: "p1", group: group.id, from: start)], unmatched: [],
                                curriculum: CurriculumSummary(value: 1005, requiredMissing: ["lcap", "elac"]))
        try store.saveRun(RunRecord(createdAt: "t1", fingerprint: "0", settingsTOML: "", schedule: schedule))
        let read = try #require(try store.latestRun()).schedule
        #expect(read == schedule)
        #expect(read.curriculum.requiredMissing == ["elac", "lcap"])
    }
}
