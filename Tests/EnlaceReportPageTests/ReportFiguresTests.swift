import EnlaceCore
import Testing
@testable import EnlaceReportPage

@Suite struct ReportFiguresTests {
    @Test func headlineCountsTheRun() {
        let headline = Fixture.figures.headline
        #expect(headline.families == 9, "4 with a group, 5 waiting (one no longer imported)")
        #expect(headline.matched == 4 && headline.waiting == 5)
        #expect(headline.groups == 2)
        #expect(headline.mentorsLeading == 2 && headline.mentors == 3)
        #expect(headline.seatsTaken == 4 && headline.seats == 9)
        #expect(headline.sessionsHeld == 2 && headline.sessionsToCome == 4)
        #expect(headline.score == 432 && headline.bound == 434)
        #expect(abs(headline.gap - 2.0 / 434) < 1e-12)
    }

    @Test func coverageByLanguageAndSchoolMostFamiliesFirst() {
        let figures = Fixture.figures
        #expect(figures.byLanguage.map { [$0.key, String($0.matched), String($0.waiting)] } == [
            ["es", "4", "0"], ["hmn", "0", "2"], ["tl", "0", "2"], ["", "0", "1"],
        ])
        #expect(figures.bySite.map { [$0.key, $0.name, String($0.matched), String($0.waiting)] } == [
            ["juarez-es", "Juárez ES", "2", "3"], ["lincoln-ms", "Lincoln MS", "2", "1"], ["", "", "0", "1"],
        ])
    }

    @Test func mentorsLoadAgainstCapacity() {
        #expect(Fixture.figures.mentors == [MentorLoad(id: MentorID("M1"), taken: 2, capacity: 3, groups: 1),
                                            MentorLoad(id: MentorID("M2"), taken: 2, capacity: 2, groups: 1),
                                            MentorLoad(id: MentorID("M3"), taken: 0, capacity: 4, groups: 0)])
        #expect(ReportPage.loadBands(Fixture.figures.mentors) == [1, 0, 1, 0, 1])
    }

    @Test func termWeekByWeek() {
        let calendar = Fixture.figures.calendar
        #expect(calendar.weeks.map(\.monday.description) == ["2026-08-31", "2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05"])
        #expect(calendar.weeks.map(\.held) == [0, 1, 1, 0, 0, 0])
        #expect(calendar.weeks.map(\.toCome) == [0, 0, 0, 0, 2, 2])
        #expect(calendar.weeks.map(\.openHouses) == [0, 2, 0, 0, 0, 1])
        #expect(calendar.weeks.map(\.blackoutDays) == [0, 1, 0, 5, 0, 0], "December 25 is outside the term")
        #expect(calendar.blackoutPeriods.map { "\($0.lowerBound)…\($0.upperBound)" } == ["2026-09-07…2026-09-07", "2026-09-21…2026-09-25"])
        #expect(calendar.openHouses == [.init(name: "Juárez ES", count: 2, next: Fixture.date("2026-10-08")),
                                        .init(name: "Lincoln MS", count: 1, next: nil)])
    }

    /// Families are grouped as far as one remedy reaches: the Hmong-speaking families of both
    /// schools together (a mentor who speaks Hmong helps both), the Tagalog-speaking families of
    /// one school by the part of the week they are free.
    @Test func waitingFamiliesGroupedByWhatWouldHelp() {
        let waiting = Fixture.figures.waiting
        #expect(waiting.count == 3)
        #expect(waiting[0] == WaitingGroup(need: .speaker(speakers: 0), languages: ["hmn"], sites: ["Juárez ES", "Lincoln MS"],
                                           parents: [ParentID("P6"), ParentID("P7")], ruleReason: nil))
        #expect(waiting[1] == WaitingGroup(need: .time(.times([DayPart(days: .weekdays, part: .evening)])), languages: ["tl"],
                                           sites: ["Juárez ES"], parents: [ParentID("P4"), ParentID("P5")], ruleReason: nil))
        #expect(waiting[2].need == .notImported && waiting[2].parents == [ParentID("P9")])
    }

    @Test func timesOfTheWeekSplitSchoolGroups() {
        var program = Fixture.program
        program.parents.append(Fixture.parent("P10", ["tl"], site: "juarez-es", free: "SA 09:00-12:00"))
        program.parents.append(Fixture.parent("P11", ["tl"], site: "lincoln-ms", free: "MO 18:00-19:00"))
        let groups = WaitingGroup.grouped(waiting: [ParentID("P4"), ParentID("P5"), ParentID("P10"), ParentID("P11")],
                                          reasons: [ParentID("P10"): WaitingReason(cause: "time_fit", reasons: []),
                                                    ParentID("P11"): WaitingReason(cause: "time_fit", reasons: [])].merging(Fixture.reasons) { a, _ in a },
                                          program: program)
        #expect(groups.map(\.parents.count) == [2, 1, 1])
        #expect(groups.map(\.sites) == [["Juárez ES"], ["Juárez ES"], ["Lincoln MS"]])
        #expect(groups[1].need == .time(.times([DayPart(days: .saturday, part: .morning)])))
    }

    @Test(arguments: [
        ("MO 09:00-10:00", [DayPart(days: .weekdays, part: .morning)]),
        ("TU 11:30-12:30", [DayPart(days: .weekdays, part: .morning), DayPart(days: .weekdays, part: .afternoon)]),
        ("SU 16:00-17:00", [DayPart(days: .sunday, part: .afternoon)]),
        ("SU 17:00-18:00; SA 08:00-09:00; FR 19:00-20:00", [DayPart(days: .weekdays, part: .evening), DayPart(days: .saturday, part: .morning),
                                                          DayPart(days: .sunday, part: .evening)]),
    ])
    func partsOfTheWeek(cell: String, parts: [DayPart]) throws {
        #expect(DayPart.parts(of: try Availability(parsing: cell)) == parts)
    }

    @Test func eachCauseBecomesItsNeed() {
        let parent = Fixture.parent("P", ["ko"], site: "juarez-es", modes: [.virtual], free: "")
        let cases: [(String, WaitingGroup.Need)] = [
            ("shared_language", .speaker(speakers: 2)), ("meeting_mode", .meetingMode(online: true)), ("same_site", .site),
            ("time_fit", .time(.noTimes)), ("capacity", .seats), ("keep_apart", .rule(name: "keep_apart")),
        ]
        for (cause, need) in cases {
            #expect(WaitingGroup.need(of: parent, reason: WaitingReason(cause: cause, reasons: ["x"]), speakers: 2) == need)
        }
        let openHouse = Fixture.parent("Q", ["ko"], site: "juarez-es", free: "", openHouse: true)
        #expect(WaitingGroup.need(of: openHouse, reason: WaitingReason(cause: "time_fit", reasons: []), speakers: 1) == .time(.openHousesOnly))
        #expect(WaitingGroup.need(of: openHouse, reason: nil, speakers: 1) == .seats)
    }
}
