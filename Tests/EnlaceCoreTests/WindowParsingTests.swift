import EnlaceCore
import Testing

@Suite struct WindowParsingTests {
    @Test func readsSeveralWindowsSortedAndMerged() throws {
        let availability = try Availability(parsing: "SA 09:00-12:00; TU 18:00-19:00;tu 19:00-20:00 ; TU 18:30-18:45")
        #expect(availability.description == "TU 18:00-20:00; SA 09:00-12:00")
    }

    @Test func keepsSeparateWindowsThatDoNotTouch() throws {
        let availability = try Availability(parsing: "MO 17:00-18:00; MO 18:30-19:30")
        #expect(availability.windows.count == 2)
        #expect(availability.contains(day: .monday, from: 17 * 60, to: 18 * 60))
        #expect(!availability.contains(day: .monday, from: 17 * 60 + 30, to: 18 * 60 + 30))
    }

    @Test func emptyCellIsNoAvailability() throws {
        #expect(try Availability(parsing: " ").windows.isEmpty)
    }

    @Test func midnightEndIsAccepted() throws {
        let availability = try Availability(parsing: "FR 22:00-24:00")
        #expect(availability.windows == [WeeklyWindow(day: .friday, start: 1320, end: 1440)])
    }

    @Test(arguments: [
        ("TU 20:00-18:00", "\"TU 20:00-18:00\" ends before it starts"),
        ("TU 18:00-18:00", "\"TU 18:00-18:00\" ends before it starts"),
        ("XX 18:00-20:00", "\"XX\" is not a day"),
        ("TU 18:00", "\"18:00\" is not a time range"),
        ("TU 25:00-26:00", "\"25:00-26:00\" is not a time range"),
        ("TU 18:60-19:00", "\"18:60-19:00\" is not a time range"),
        ("Tuesday evenings", "\"Tuesday\" is not a day"),
        ("TU18:00-20:00", "\"TU18:00-20:00\" is not a window"),
    ])
    func refusesMalformedWindows(cell: String, expected: String) {
        #expect {
            _ = try Availability(parsing: cell)
        } throws: { error in
            (error as? WindowParseError)?.description.hasPrefix(expected) == true
        }
    }

    @Test func datedIntervalMustLieInsideOneWindow() throws {
        let availability = try Availability(parsing: "TH 17:00-20:00")
        let thursday = LocalDate(year: 2026, month: 9, day: 10)!
        #expect(thursday.weekday == .thursday)
        let start = LocalDateTime(date: thursday, minuteOfDay: 18 * 60 + 30)
        #expect(availability.contains(start: start, end: start.adding(minutes: 60)))
        #expect(!availability.contains(start: start, end: start.adding(minutes: 120)))
        #expect(!availability.contains(start: start.adding(minutes: 1440), end: start.adding(minutes: 1500)))
    }
}
