import EnlaceCore
import Testing
@testable import EnlaceCalendar

@Suite("Blackout days")
struct BlackoutTests {
    @Test("All-day, multi-day, DURATION, timed, recurring, cancelled and out-of-term events")
    func districtBlackouts() throws {
        let reader = try CalendarReader(programTimeZone: "America/Los_Angeles")
        let (dates, warnings) = try reader.blackoutDates(ics: try fixture("blackouts"), file: "calendars/blackouts.ics",
                                                         term: schoolYear)
        let expected = [
            "2026-09-07",                                                   // Labor Day, no DTEND
            "2026-11-25", "2026-11-26", "2026-11-27",                       // DTEND 11-28 is exclusive
            "2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24", "2026-12-25", // DURATION:P5D
            "2026-10-15", "2026-10-16",                                     // 22:00 → 01:00 next day
            "2026-10-20",                                                   // ends at 00:00: not the 21st
            "2026-09-04", "2026-10-02", "2026-11-06",                       // 1FR, COUNT=3
            "2027-07-25", "2027-07-26", "2027-07-27", "2027-07-28", "2027-07-29", "2027-07-30", "2027-07-31",
        ].map(date)
        #expect(dates == Set(expected))
        #expect(!dates.contains(date("2027-01-05")))                        // cancelled
        #expect(warnings.isEmpty)
    }

    @Test("A timed blackout is dated in the program's zone")
    func timedInOtherZone() throws {
        let reader = try CalendarReader(programTimeZone: "America/Los_Angeles")
        // 2026-10-10 01:00 to 02:00 in New York is 2026-10-09 22:00–23:00 in Los Angeles.
        let bytes = calendar([
            "BEGIN:VEVENT", "UID:ny", "SUMMARY:Remote training",
            "DTSTART;TZID=America/New_York:20261010T010000", "DTEND;TZID=America/New_York:20261010T020000",
            "END:VEVENT",
        ])
        let (dates, _) = try reader.blackoutDates(ics: bytes, file: "calendars/blackouts.ics", term: schoolYear)
        #expect(dates == [date("2026-10-09")])
    }

    @Test("A recurring all-day holiday with an EXDATE and an override moved by a day")
    func recurringWithOverride() throws {
        let reader = try CalendarReader(programTimeZone: "America/Los_Angeles")
        let bytes = calendar([
            "BEGIN:VEVENT", "UID:pd", "SUMMARY:PD day", "DTSTART;VALUE=DATE:20260921",
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=21;COUNT=4", "EXDATE;VALUE=DATE:20261021", "END:VEVENT",
            "BEGIN:VEVENT", "UID:pd", "SUMMARY:PD day", "RECURRENCE-ID;VALUE=DATE:20261121",
            "DTSTART;VALUE=DATE:20261120", "END:VEVENT",
        ])
        let (dates, _) = try reader.blackoutDates(ics: bytes, file: "calendars/blackouts.ics", term: schoolYear)
        #expect(dates == Set(["2026-09-21", "2026-11-20", "2026-12-21"].map(date)))
    }
}
