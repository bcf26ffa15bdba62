import EnlaceCore
import Testing

@Suite struct DateTests {
    @Test(arguments: [
        (1970, 1, 1, 0, Weekday.thursday),
        (2026, 8, 17, 20_682, .monday),
        (2026, 9, 1, 20_697, .tuesday),
        (2000, 2, 29, 11_016, .tuesday),
        (1969, 12, 31, -1, .wednesday),
    ])
    func convertsCivilDates(year: Int, month: Int, day: Int, dayNumber: Int, weekday: Weekday) throws {
        let date = try #require(LocalDate(year: year, month: month, day: day))
        #expect(date.dayNumber == dayNumber)
        #expect(date.weekday == weekday)
        #expect(date.components == (year, month, day))
    }

    @Test func roundTripsEveryDayOfTwoCenturies() {
        for dayNumber in -36_500...36_500 {
            let date = LocalDate(dayNumber: dayNumber)
            let (y, m, d) = date.components
            #expect(LocalDate(year: y, month: m, day: d) == date)
        }
    }

    @Test func refusesImpossibleDates() {
        #expect(LocalDate(year: 2027, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2026, month: 13, day: 1) == nil)
        #expect(LocalDate(iso: "2026-9-01") == nil)
        #expect(LocalDate(iso: "2026-09-31") == nil)
        #expect(LocalDate(iso: "2026-09-30")?.description == "2026-09-30")
    }

    @Test func localDateTimeSplitsIntoDateAndMinute() {
        let moment = LocalDateTime(minutes: -30)
        #expect(moment.date.description == "1969-12-31")
        #expect(moment.minuteOfDay == 1410)
        #expect(LocalDateTime(date: LocalDate(year: 2026, month: 9, day: 1)!, minuteOfDay: 1110).description == "2026-09-01T18:30")
    }
}
