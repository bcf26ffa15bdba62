import EnlaceCore
import Testing

// Expected dates were checked by hand against a calendar. Tuesdays of 2026: Sep 1 8 15 22 29,
// Oct 6 13 20 27, Nov 3 10 17 24, Dec 1 8 15 22 29. Thursdays: Sep 3 10 17 24, Oct 1 8 15 22 29,
// Nov 5 12 19 26, Dec 3 10 17 24 31. First Tuesdays of 2027: Jan 5, Feb 2, Mar 2, Apr 6, May 4, Jun 1.

private func day(_ iso: String) -> LocalDate {
    guard let date = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return date
}

private func at(_ iso: String, _ hour: Int, _ minute: Int = 0) -> LocalDateTime {
    LocalDateTime(date: day(iso), minuteOfDay: hour * 60 + minute)
}

private func planner(_ termStart: String, _ termEnd: String, cadence: Cadence = .monthly,
                     anchor: AnchorPosition = .after, sessionMinutes: Int = 60,
                     blackouts: [String] = []) -> SessionPlanner {
    var settings = ProgramSettings(name: "Test", timezone: "America/Los_Angeles",
                                   termStart: day(termStart), termEnd: day(termEnd))
    settings.cadence = cadence
    settings.anchor = anchor
    settings.sessionMinutes = sessionMinutes
    return SessionPlanner(settings: settings, blackouts: Set(blackouts.map(day)))
}

private func dates(_ sessions: [Session]) -> [String] {
    sessions.map(\.start.date.description)
}

private func openHouse(_ start: LocalDateTime, _ end: LocalDateTime, uid: String = "oh") -> OpenHouse {
    OpenHouse(site: SiteID("madison"), start: start, end: end, title: "Open house", sourceUID: uid)
}

@Suite struct SessionTests {
    /// A case of the blackout move rule: a September 2026 Tuesday group.
    struct MoveCase: Sendable, CustomTestStringConvertible {
        let cadence: Cadence
        let blackouts: [String]
        let expected: [String]
        let testDescription: String
    }

    // MARK: Weekly groups: nominal dates

    @Test func monthlyTuesdayOverTheSchoolYearSkipsAugust() {
        let sessions = planner("2026-08-17", "2027-06-10").weeklySessions(weekday: .tuesday, startMinute: 18 * 60)
        #expect(dates(sessions) == ["2026-09-01", "2026-10-06", "2026-11-03", "2026-12-01", "2027-01-05",
                                    "2027-02-02", "2027-03-02", "2027-04-06", "2027-05-04", "2027-06-01"])
        #expect(sessions.allSatisfy { $0.start.minuteOfDay == 18 * 60 })
    }

    @Test(arguments: [
        (Cadence.monthly, ["2026-09-01", "2026-10-06"]),
        (.biweekly, ["2026-09-01", "2026-09-15", "2026-10-06", "2026-10-20"]),
        (.weekly, ["2026-09-01", "2026-09-08", "2026-09-15", "2026-09-22", "2026-09-29",
                   "2026-10-06", "2026-10-13", "2026-10-20", "2026-10-27"]),
    ])
    func cadenceChoosesNominalDates(cadence: Cadence, expected: [String]) {
        let sessions = planner("2026-09-01", "2026-10-31", cadence: cadence)
            .weeklySessions(weekday: .tuesday, startMinute: 18 * 60)
        #expect(dates(sessions) == expected)
    }

    @Test func biweeklyRestartsEachMonthRatherThanEveryFourteenDays() {
        // Every 14 days from Nov 3 would give Dec 29; the third Tuesday of December is Dec 15.
        let sessions = planner("2026-11-01", "2026-12-31", cadence: .biweekly)
            .weeklySessions(weekday: .tuesday, startMinute: 18 * 60)
        #expect(dates(sessions) == ["2026-11-03", "2026-11-17", "2026-12-01", "2026-12-15"])
    }

    @Test func weekdayOnTheFirstOfTheMonthIsItsFirstOccurrence() {
        let sessions = planner("2026-09-01", "2026-10-31").weeklySessions(weekday: .thursday, startMinute: 17 * 60)
        #expect(dates(sessions) == ["2026-09-03", "2026-10-01"])
    }

    // MARK: Weekly groups: term edges

    @Test func termBoundsOnNominalDatesAreKept() {
        let sessions = planner("2026-09-01", "2027-06-01").weeklySessions(weekday: .tuesday, startMinute: 18 * 60)
        #expect(dates(sessions).first == "2026-09-01")
        #expect(dates(sessions).last == "2027-06-01")
        #expect(sessions.count == 10)
    }

    @Test(arguments: [
        ("2026-09-02", "2026-10-31", ["2026-10-06"]),  // Sep 1 is before the term: dropped, not moved to Sep 8
        ("2026-09-01", "2026-10-05", ["2026-09-01"]),  // Oct 6 is after the term
    ])
    func nominalDatesOutsideTheTermAreDropped(termStart: String, termEnd: String, expected: [String]) {
        let sessions = planner(termStart, termEnd).weeklySessions(weekday: .tuesday, startMinute: 18 * 60)
        #expect(dates(sessions) == expected)
    }

    // MARK: Weekly groups: blackout moves

    @Test(arguments: [
        MoveCase(cadence: .monthly, blackouts: ["2026-09-01"], expected: ["2026-09-08"],
                 testDescription: "monthly: moves to the next Tuesday"),
        MoveCase(cadence: .monthly, blackouts: ["2026-09-01", "2026-09-08"], expected: ["2026-09-15"],
                 testDescription: "monthly: skips a blacked-out Tuesday"),
        MoveCase(cadence: .monthly, blackouts: ["2026-09-08"], expected: ["2026-09-01"],
                 testDescription: "monthly: a blackout on a non-nominal day changes nothing"),
        MoveCase(cadence: .biweekly, blackouts: ["2026-09-01", "2026-09-08"],
                 expected: ["2026-09-15", "2026-09-22"],
                 testDescription: "biweekly: skips the third Tuesday because it is nominal"),
        MoveCase(cadence: .biweekly, blackouts: ["2026-09-01", "2026-09-08", "2026-09-15"],
                 expected: ["2026-09-22"],
                 testDescription: "biweekly: both moves land on the first free Tuesday, one session"),
        MoveCase(cadence: .biweekly, blackouts: ["2026-09-01", "2026-09-08", "2026-09-15", "2026-09-22", "2026-09-29"],
                 expected: [],
                 testDescription: "biweekly: a move with no free Tuesday left is dropped"),
        MoveCase(cadence: .weekly, blackouts: ["2026-09-08"],
                 expected: ["2026-09-01", "2026-09-15", "2026-09-22", "2026-09-29"],
                 testDescription: "weekly: every later Tuesday is nominal, so the session is dropped"),
    ])
    func blackoutMovesToTheNextFreeSameWeekday(_ move: MoveCase) {
        let sessions = planner("2026-09-01", "2026-09-30", cadence: move.cadence, blackouts: move.blackouts)
            .weeklySessions(weekday: .tuesday, startMinute: 18 * 60)
        #expect(dates(sessions) == move.expected)
    }

    @Test func moveNeverLeavesTheMonth() {
        // Thanksgiving week: Nov 19 (third Thursday) cannot move to Nov 26, and must not spill into
        // December, whose nominal dates stay Dec 3 and Dec 17.
        let sessions = planner("2026-11-01", "2026-12-31", cadence: .biweekly, blackouts: ["2026-11-19", "2026-11-26"])
            .weeklySessions(weekday: .thursday, startMinute: 18 * 60)
        #expect(dates(sessions) == ["2026-11-05", "2026-12-03", "2026-12-17"])
    }

    @Test func monthWithEveryTuesdayBlackedOutHasNoSession() {
        let september = ["2026-09-01", "2026-09-08", "2026-09-15", "2026-09-22", "2026-09-29"]
        let sessions = planner("2026-09-01", "2026-10-31", blackouts: september)
            .weeklySessions(weekday: .tuesday, startMinute: 18 * 60)
        #expect(dates(sessions) == ["2026-10-06"])
    }

    @Test func moveNeverLeavesTheTerm() {
        // Oct 6 would move to Oct 13, the day after term_end.
        let sessions = planner("2026-08-17", "2026-10-12", blackouts: ["2026-10-06"])
            .weeklySessions(weekday: .tuesday, startMinute: 18 * 60)
        #expect(dates(sessions) == ["2026-09-01"])
    }

    // MARK: Weekly groups: times

    @Test func sessionsKeepWallTimeAcrossTheDaylightSavingChange() throws {
        // Clocks fall back on Sunday 2026-11-01 in the US; a Tuesday 18:00 group still meets at
        // 18:00 local, exactly one week of local minutes after the previous Tuesday.
        let sessions = planner("2026-10-01", "2026-11-30", cadence: .weekly)
            .weeklySessions(weekday: .tuesday, startMinute: 18 * 60)
        let before = try #require(sessions.first { $0.start.date == day("2026-10-27") })
        let after = try #require(sessions.first { $0.start.date == day("2026-11-03") })
        #expect(after.start.minutes == day("2026-11-03").dayNumber * 1440 + 18 * 60)
        #expect(after.description == "2026-11-03T18:00..2026-11-03T19:00")
        #expect(after.start.minutes - before.start.minutes == 7 * 1440)
    }

    @Test(arguments: [(30, 9 * 60), (60, 18 * 60 + 30), (90, 18 * 60), (135, 23 * 60)])
    func weeklySessionsLastTheSessionLength(minutes: Int, startMinute: Int) {
        let sessions = planner("2026-09-01", "2026-12-31", sessionMinutes: minutes)
            .weeklySessions(weekday: .tuesday, startMinute: startMinute)
        #expect(sessions.count == 4)
        for session in sessions {
            #expect(session.start.minuteOfDay == startMinute)
            #expect(session.end.minutes - session.start.minutes == minutes)
        }
    }

    // MARK: Weekly groups: invariants over random programs

    @Test(arguments: 1...40)
    func weeklyDatesObeyTheRulesForRandomBlackouts(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let termStart = day("2026-07-01").adding(days: Int.random(in: 0..<90, using: &random))
        let termEnd = termStart.adding(days: Int.random(in: 0..<300, using: &random))
        let term = termStart.dayNumber...termEnd.dayNumber
        let blackouts = Set(term.filter { _ in Int.random(in: 0..<100, using: &random) < 20 }
            .map(LocalDate.init(dayNumber:)))
        let cadence = Cadence.allCases.randomElement(using: &random)!
        let weekday = Weekday.allCases.randomElement(using: &random)!
        var settings = ProgramSettings(name: "Random", timezone: "UTC", termStart: termStart, termEnd: termEnd)
        settings.cadence = cadence

        let result = SessionPlanner(settings: settings, blackouts: blackouts).weeklyDates(weekday: weekday)

        // Nominal dates computed independently: the n-th occurrence of a weekday is on day 7n-6…7n.
        let nominal = term.map(LocalDate.init(dayNumber:)).filter { date in
            guard date.weekday == weekday else { return false }
            let occurrence = (date.components.day - 1) / 7
            switch cadence {
            case .monthly: return occurrence == 0
            case .biweekly: return occurrence == 0 || occurrence == 2
            case .weekly: return true
            }
        }
        #expect(zip(result, result.dropFirst()).allSatisfy { $0 < $1 }, "sorted, no duplicates")
        #expect(result.allSatisfy { $0.weekday == weekday && term.contains($0.dayNumber) && !blackouts.contains($0) })
        for date in nominal where !blackouts.contains(date) {
            #expect(result.contains(date), "\(date) is nominal and free, so it is kept")
        }
        let month = { (date: LocalDate) in date.components.year * 12 + date.components.month }
        for key in Set(result.map(month)) {
            #expect(result.filter { month($0) == key }.count <= nominal.filter { month($0) == key }.count)
        }
    }

    // MARK: Open-house groups

    @Test(arguments: [
        (AnchorPosition.after, "2026-09-10T19:30..2026-09-10T20:30"),
        (.before, "2026-09-10T17:00..2026-09-10T18:00"),
    ])
    func openHouseSessionSitsAtTheAnchor(anchor: AnchorPosition, expected: String) {
        let sessions = planner("2026-08-17", "2027-06-10", anchor: anchor)
            .openHouseSessions([openHouse(at("2026-09-10", 18), at("2026-09-10", 19, 30))])
        #expect(sessions.map(\.description) == [expected])
    }

    @Test(arguments: [45, 90])
    func openHouseSessionsLastTheSessionLength(minutes: Int) {
        let house = openHouse(at("2026-09-10", 18), at("2026-09-10", 19, 30))
        for anchor in AnchorPosition.allCases {
            let sessions = planner("2026-08-17", "2027-06-10", anchor: anchor, sessionMinutes: minutes)
                .openHouseSessions([house])
            #expect(sessions.map { $0.end.minutes - $0.start.minutes } == [minutes])
        }
    }

    @Test func openHouseOnABlackoutDayIsSkipped() {
        let houses = [openHouse(at("2026-10-08", 18), at("2026-10-08", 19)),
                      openHouse(at("2026-09-10", 18), at("2026-09-10", 19))]
        let sessions = planner("2026-08-17", "2027-06-10", blackouts: ["2026-10-08"]).openHouseSessions(houses)
        #expect(sessions.map(\.description) == ["2026-09-10T19:00..2026-09-10T20:00"])
    }

    @Test(arguments: ["2026-09-09", "2026-09-10"])
    func openHouseCrossingMidnightIsSkippedIfEitherDateIsBlackedOut(blackout: String) {
        // The open house is dated Sep 9; its session (anchor after) starts at 00:15 on Sep 10.
        let house = openHouse(at("2026-09-09", 23), at("2026-09-10", 0, 15))
        #expect(planner("2026-08-17", "2027-06-10", blackouts: [blackout]).openHouseSessions([house]).isEmpty)
        #expect(planner("2026-08-17", "2027-06-10").openHouseSessions([house]).count == 1)
    }

    @Test func openHousesOutsideTheTermAreDropped() {
        // The Aug 31 one ends, and its session starts, inside the term; but the open house is dated
        // by its start, before the term, so it is not one of the program's open houses.
        let houses = [openHouse(at("2026-08-27", 18), at("2026-08-27", 19)),
                      openHouse(at("2026-08-31", 23, 30), at("2026-09-01", 0, 15)),
                      openHouse(at("2026-09-10", 18), at("2026-09-10", 19)),
                      openHouse(at("2026-12-19", 18), at("2026-12-19", 19))]
        let sessions = planner("2026-09-01", "2026-12-18").openHouseSessions(houses)
        #expect(sessions.map(\.description) == ["2026-09-10T19:00..2026-09-10T20:00"])
    }

    @Test(arguments: [
        (AnchorPosition.before, "2026-09-01", 0, 30),  // session would start 2026-08-31 23:30
        (.after, "2026-12-18", 23, 30),                // open house ends, session starts, on 2026-12-19
    ])
    func openHouseSessionSpillingOutOfTheTermIsDropped(anchor: AnchorPosition, date: String, hour: Int, minute: Int) {
        let start = at(date, hour, minute)
        let house = openHouse(start, start.adding(minutes: 60))
        #expect(planner("2026-09-01", "2026-12-18", anchor: anchor).openHouseSessions([house]).isEmpty)
        #expect(planner("2026-08-01", "2026-12-31", anchor: anchor).openHouseSessions([house]).count == 1)
    }

    @Test func duplicateOpenHouseSessionsCollapseAndSort() {
        let houses = [openHouse(at("2026-10-08", 18), at("2026-10-08", 19), uid: "b"),
                      openHouse(at("2026-09-10", 18), at("2026-09-10", 19), uid: "a"),
                      openHouse(at("2026-09-10", 18), at("2026-09-10", 19), uid: "a-copy"),
                      openHouse(at("2026-09-10", 17), at("2026-09-10", 19), uid: "longer")]
        let sessions = planner("2026-08-17", "2027-06-10").openHouseSessions(houses)
        #expect(sessions.map(\.description) == ["2026-09-10T19:00..2026-09-10T20:00",
                                                "2026-10-08T19:00..2026-10-08T20:00"])
    }
}
