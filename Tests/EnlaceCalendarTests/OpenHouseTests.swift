import EnlaceCore
import Testing
@testable import EnlaceCalendar

@Suite("Open houses")
struct OpenHouseTests {
    let reader: CalendarReader

    init() throws { reader = try CalendarReader(programTimeZone: "America/Los_Angeles") }

    func read(_ name: String, reader: CalendarReader? = nil) throws -> (openHouses: [OpenHouse], warnings: [InputWarning]) {
        try (reader ?? self.reader).openHouses(ics: try fixture(name), file: "calendars/open-houses/\(name).ics",
                                                site: "lincoln", term: schoolYear)
    }

    @Test("Apple: monthly 2TH with UNTIL, EXDATE, a moved and a cancelled instance")
    func appleMonthly() throws {
        let (houses, warnings) = try read("apple-monthly")
        // Second Thursdays Sep 2026 – Apr 2027 (UNTIL 2027-05-01); Dec 10 excluded, Nov 12 moved to
        // Nov 19 17:30, Jan 14 cancelled. 18:00 stays 18:00 across both DST changes.
        #expect(spans(houses) == [
            "2026-09-10T18:00–19:30", "2026-10-08T18:00–19:30", "2026-11-19T17:30–19:00",
            "2027-02-11T18:00–19:30", "2027-03-11T18:00–19:30", "2027-04-08T18:00–19:30",
        ])
        #expect(houses.map(\.title)[2] == "Family Open House (moved)")
        #expect(houses[0].sourceUID == "lincoln-open-house/20260911T010000Z")
        // The moved instance keeps the id of the instance it replaces (Nov 12 18:00 PST).
        #expect(houses[2].sourceUID == "lincoln-open-house/20261113T020000Z")
        #expect(houses.allSatisfy { $0.site == "lincoln" })
        #expect(warnings.isEmpty)
    }

    @Test("COUNT and RDATE around both DST changes keep 18:00 local")
    func dstWeeks() throws {
        let (houses, _) = try read("dst-weekly")
        #expect(spans(houses) == [
            "2026-10-26T18:00–19:00", "2026-11-02T18:00–19:00", "2026-11-09T18:00–19:00",
            "2027-03-08T18:00–19:00", "2027-03-15T18:00–19:00",
        ])
    }

    @Test("Occurrences are converted to the program's zone with the right offset on each date")
    func convertedToProgramZone() throws {
        let utcReader = try CalendarReader(programTimeZone: "UTC")
        let (houses, _) = try read("dst-weekly", reader: utcReader)
        #expect(houses.map(\.start) == [
            at("2026-10-27T01:00"), at("2026-11-03T02:00"), at("2026-11-10T02:00"),
            at("2027-03-09T02:00"), at("2027-03-16T01:00"),
        ])
    }

    @Test("Google: UTC times expanded in X-WR-TIMEZONE; empty properties only warn")
    func google() throws {
        let (houses, warnings) = try read("google")
        // BYDAY=2WE is read in Los Angeles (the UTC start is a Thursday), and 18:00 PDT stays
        // 18:00 PST in November and December.
        #expect(spans(houses) == [
            "2026-10-14T18:00–19:30", "2026-11-11T18:00–19:30", "2026-12-09T18:00–19:30",
            "2027-02-03T18:00–19:00",
        ])
        #expect(houses.last?.sourceUID == "single@google.com")
        // Debian's libical flags empty properties; they are only reported.
        #expect(warnings.map(\.description) == [
            "calendars/open-houses/google.ics, line 15: DESCRIPTION: the event \"Open House\" (UID 7kq1b0r3@google.com) has an empty DESCRIPTION; it is ignored.",
            "calendars/open-houses/google.ics, line 16: LOCATION: the event \"Open House\" (UID 7kq1b0r3@google.com) has an empty LOCATION; it is ignored.",
        ])
    }

    @Test("Outlook: a Windows-named VTIMEZONE; an all-day event is ignored with a warning")
    func outlook() throws {
        let (houses, warnings) = try read("outlook")
        #expect(spans(houses) == ["2026-10-29T18:30–20:00", "2026-11-05T18:30–20:00"])
        #expect(houses.first?.title == "Noche de padres")
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("all-day event \"Veterans Day\"") == true)
        #expect(warnings.first?.line == 30)
    }

    @Test("A TZID without VTIMEZONE uses the IANA zone (warned); floating times are program time; the term bounds")
    func mixedZones() throws {
        let (houses, warnings) = try read("mixed-zones")
        // 18:00 New York is 15:00 Los Angeles; the UTC event is 2026-07-30 18:00 local, before the term.
        #expect(spans(houses) == ["2026-10-01T15:00–16:00", "2026-10-02T18:00–19:30"])
        #expect(warnings.map(\.message) == ["TZID \"America/New_York\" has no VTIMEZONE in the file; the standard IANA zone of that name is used."])
        #expect(warnings.first?.line == 8)
    }

    @Test("Expansion stops at the term's end even for a rule with a huge COUNT")
    func hugeCount() throws {
        let bytes = calendar([
            "BEGIN:VEVENT", "UID:daily", "SUMMARY:Homework club", "DTSTART:20260801T150000",
            "DTEND:20260801T160000", "RRULE:FREQ=DAILY;COUNT=100000000", "END:VEVENT",
        ])
        let (houses, warnings) = try reader.openHouses(ics: bytes, file: "x.ics", site: "lincoln", term: schoolYear)
        #expect(houses.count == 365)
        #expect(houses.last?.start == at("2027-07-31T15:00"))
        #expect(warnings.isEmpty)
    }

    /// Expansion starts at the term, not at DTSTART: a daily rule from 1950 once spent its
    /// 10,000-instance budget in 1977 and gave no open house at all.
    @Test("A rule from long ago gives its occurrences in the term")
    func ancientDailyRule() throws {
        let bytes = calendar([
            "BEGIN:VEVENT", "UID:old", "SUMMARY:Old", "DTSTART:19500101T150000",
            "DTEND:19500101T160000", "RRULE:FREQ=DAILY", "END:VEVENT",
        ])
        let (houses, warnings) = try reader.openHouses(ics: bytes, file: "x.ics", site: "lincoln", term: schoolYear)
        #expect(houses.count == 365)
        #expect(houses.first?.start == at("2026-08-01T15:00") && houses.last?.start == at("2027-07-31T15:00"))
        #expect(houses.first?.sourceUID == "old/20260801T220000Z")
        #expect(warnings.isEmpty)
    }

    @Test("A cancelled series has no occurrences, overrides included")
    func cancelledSeries() throws {
        let bytes = calendar([
            "BEGIN:VEVENT", "UID:s", "SUMMARY:Open House", "STATUS:CANCELLED",
            "DTSTART:20260910T180000", "DTEND:20260910T190000", "RRULE:FREQ=WEEKLY;COUNT=4", "END:VEVENT",
            "BEGIN:VEVENT", "UID:s", "SUMMARY:Open House", "RECURRENCE-ID:20260917T180000",
            "DTSTART:20260918T180000", "DTEND:20260918T190000", "END:VEVENT",
        ])
        let (houses, _) = try reader.openHouses(ics: bytes, file: "x.ics", site: "lincoln", term: schoolYear)
        #expect(houses.isEmpty)
    }
}
