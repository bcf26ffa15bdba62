import EnlaceCore
import Foundation
import Testing
@testable import EnlaceCalendar

/// Calendars that read wrong or without limit before issue 27: series that started long before the
/// term, local times that daylight saving skips or repeats, and calendars of thousands of events.
@Suite struct CalendarHardeningTests {
    let reader: CalendarReader
    /// The minimal program's term.
    let term = date("2026-08-17")...date("2027-06-10")

    init() throws { reader = try CalendarReader(programTimeZone: "America/Los_Angeles") }

    func event(_ uid: String, _ lines: [String]) -> [String] {
        ["BEGIN:VEVENT", "UID:\(uid)", "DTSTAMP:20260101T000000Z"] + lines + ["END:VEVENT"]
    }

    /// Issue 27: a daily blackout from 1995 spent the 10,000-instance budget before the term, so no
    /// day of the term was blocked.
    @Test func aDailyBlackoutFrom1995StillBlocksTheTerm() throws {
        let ics = calendar(event("lunch", ["DTSTART;VALUE=DATE:19950105", "RRULE:FREQ=DAILY", "SUMMARY:Closed"]))
        let (dates, warnings) = try reader.blackoutDates(ics: ics, file: "calendars/blackouts.ics", term: term)
        #expect(dates.count == term.upperBound.dayNumber - term.lowerBound.dayNumber + 1, "\(dates.count) days")
        #expect(warnings.isEmpty, "\(warnings)")
    }

    /// Without a COUNT the iterator resumes at the term: walking from 1900 at three instances a
    /// day would take 140,000 steps, beyond the step budget.
    @Test func aSeriesFrom1900ResumesAtTheTerm() throws {
        let ics = calendar(event("thrice", ["DTSTART;TZID=America/Los_Angeles:19000101T080000", "DURATION:PT30M",
                                            "RRULE:FREQ=DAILY;BYHOUR=8,12,16", "SUMMARY:Closed"]))
        let (dates, warnings) = try reader.blackoutDates(ics: ics, file: "calendars/blackouts.ics", term: term)
        #expect(dates.count == term.upperBound.dayNumber - term.lowerBound.dayNumber + 1, "\(dates.count) days")
        #expect(!warnings.contains { $0.message.contains("RRULE") }, "\(warnings)")
    }

    @Test func oldSeriesGiveTheirTermOccurrences() throws {
        let ics = calendar(
            event("weekly", ["DTSTART;TZID=America/Los_Angeles:19950103T170000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;BYDAY=TU", "SUMMARY:Weekly"])
            + event("monthly", ["DTSTART;TZID=America/Los_Angeles:19980102T180000", "DURATION:PT1H", "RRULE:FREQ=MONTHLY;BYDAY=1TH;INTERVAL=1", "SUMMARY:Monthly"])
            // With a COUNT libical walks from DTSTART: the occurrences in the term are still found.
            + event("counted", ["DTSTART;TZID=America/Los_Angeles:19950104T170000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=100000", "SUMMARY:Counted"])
        )
        let (houses, warnings) = try reader.openHouses(ics: ics, file: "calendars/open-houses/lincoln.ics", site: "lincoln", term: term)
        #expect(!warnings.contains { $0.message.contains("RRULE") }, "\(warnings)")
        let byTitle = Dictionary(grouping: houses, by: \.title)
        #expect(byTitle["Weekly"]?.count == 43 && byTitle["Weekly"]?.first?.start == at("2026-08-18T17:00"))
        #expect(byTitle["Monthly"]?.count == 10 && byTitle["Monthly"]?.first?.start == at("2026-09-03T18:00"))
        #expect(byTitle["Counted"]?.count == 43 && byTitle["Counted"]?.first?.start == at("2026-08-19T17:00"))
        // The same series started in the term read the same dates.
        let recent = calendar(event("weekly", ["DTSTART;TZID=America/Los_Angeles:20260818T170000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;BYDAY=TU", "SUMMARY:Weekly"]))
        let fresh = try reader.openHouses(ics: recent, file: "x.ics", site: "lincoln", term: term).openHouses
        #expect(fresh.map(\.start) == byTitle["Weekly"]?.map(\.start))
    }

    /// A multi-day blackout that starts before the term still blocks the term's first days.
    @Test func aSeriesInstanceStartingBeforeTheTermCoversItsFirstDays() throws {
        let ics = calendar(event("summer", ["DTSTART;VALUE=DATE:19990810", "DTEND;VALUE=DATE:19990820", "RRULE:FREQ=YEARLY", "SUMMARY:Summer"]))
        let dates = try reader.blackoutDates(ics: ics, file: "calendars/blackouts.ics", term: term).dates
        #expect(dates.sorted() == [date("2026-08-17"), date("2026-08-18"), date("2026-08-19")])
    }

    /// Issue 27: RFC 5545 3.3.5: a local time in the spring-forward gap moves forward by the gap
    /// (libical moved 02:30 back to 01:30).
    @Test func anOpenHouseInTheSpringForwardGapMovesForward() throws {
        let ics = calendar(
            event("gap", ["DTSTART;TZID=America/Los_Angeles:20270314T023000", "DTEND;TZID=America/Los_Angeles:20270314T040000", "SUMMARY:Gap"])
            + event("weekly", ["DTSTART;TZID=America/Los_Angeles:20270307T023000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY;COUNT=3", "SUMMARY:Weekly"])
            + event("floating", ["DTSTART:20270314T021500", "DURATION:PT30M", "SUMMARY:Floating"])
            + event("short", ["DTSTART;TZID=America/Los_Angeles:20270314T023000", "DTEND;TZID=America/Los_Angeles:20270314T031500", "SUMMARY:Short"])
        )
        let houses = try reader.openHouses(ics: ics, file: "x.ics", site: "lincoln", term: term).openHouses
        let byTitle = Dictionary(grouping: houses, by: \.title)
        #expect(spans(byTitle["Gap"] ?? []) == ["2027-03-14T03:30–04:00"])
        #expect(spans(byTitle["Weekly"] ?? []) == ["2027-03-07T02:30–03:30", "2027-03-14T03:30–04:30", "2027-03-21T02:30–03:30"])
        #expect(spans(byTitle["Floating"] ?? []) == ["2027-03-14T03:15–03:45"])
        // An end that the moved start passes keeps the event's wall-clock length.
        #expect(spans(byTitle["Short"] ?? []) == ["2027-03-14T03:30–04:15"])
    }

    /// RFC 5545 3.3.5: a local time that occurs twice (fall back) is its first occurrence, so a UTC
    /// EXDATE of that instant removes it.
    @Test func aRepeatedLocalTimeIsItsFirstOccurrence() throws {
        let ics = calendar(event("early", ["DTSTART;TZID=America/Los_Angeles:20261030T013000", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=4",
                                           "EXDATE:20261101T083000Z", "SUMMARY:Early"]))
        let houses = try reader.openHouses(ics: ics, file: "x.ics", site: "lincoln", term: term).openHouses
        #expect(houses.map(\.start.date.description) == ["2026-10-30", "2026-10-31", "2026-11-02"])
    }

    /// Issue 27: an 11 KB calendar of 60 daily events made 17,909 open houses.
    @Test func refusesMoreOpenHousesThanOneADay() throws {
        var lines: [String] = []
        for index in 0..<60 {
            lines += event("daily-\(index)", ["DTSTART;TZID=America/Los_Angeles:20260817T\(String(format: "%02d", 8 + index % 12))0000",
                                              "DURATION:PT30M", "RRULE:FREQ=DAILY", "SUMMARY:Event \(index)"])
        }
        let error = try #require(try refusalOfOpenHouses(calendar(lines)))
        #expect(error.problem.contains("holds 17880 open houses between 2026-08-17 and 2027-06-10; Enlace takes at most 366 for one site in a term"), "\(error)")
        #expect(!error.fix.isEmpty)
        // One daily event (298 in the term) is within the limit.
        #expect(try refusalOfOpenHouses(calendar(Array(lines[0..<8]))) == nil)
    }

    @Test func refusesMoreEventsThanTheLimit() throws {
        var lines: [String] = []
        for index in 0...CalendarText.maxEvents {
            lines += event("e\(index)", ["DTSTART;VALUE=DATE:20260901", "SUMMARY:x"])
        }
        let error = try #require(try refusalOfOpenHouses(calendar(lines)))
        #expect(error.problem.contains("holds more than 10000 events"), "\(error)")
        #expect(error.line == 4 + 6 * CalendarText.maxEvents, "the BEGIN:VEVENT of the 10,001st event")
    }

    @Test func refusesACalendarThatExpandsBeyondTheOccurrenceLimit() throws {
        var lines: [String] = []
        for index in 0..<400 {
            lines += event("b\(index)", ["DTSTART;VALUE=DATE:20260817", "RRULE:FREQ=DAILY", "SUMMARY:Closed \(index)"])
        }
        do {
            _ = try reader.blackoutDates(ics: calendar(lines), file: "calendars/blackouts.ics", term: term)
            Issue.record("accepted")
        } catch {
            #expect(error.problem.contains("its events repeat more than 100000 times within the term"), "\(error)")
        }
    }

    @Test func refusesARuleThatExpandsToMinutes() throws {
        let hours = (0..<24).map(String.init).joined(separator: ","), minutes = (0..<60).map(String.init).joined(separator: ",")
        let ics = calendar(event("minutes", ["DTSTART;TZID=America/Los_Angeles:19950101T000000", "DURATION:PT1M",
                                             "RRULE:FREQ=DAILY;COUNT=50000000;BYHOUR=\(hours);BYMINUTE=\(minutes)", "SUMMARY:Every minute"]))
        let error = try #require(try refusalOfOpenHouses(ics))
        #expect(error.field == "RRULE" && error.problem.contains("repeats more than 100000 times between its start (1995-01-01)"), "\(error)")
    }

    @Test func titlesLoseBidirectionalControlsAndAreBounded() throws {
        let long = String(repeating: "é", count: 300)
        let ics = calendar(event("a", ["DTSTART;TZID=America/Los_Angeles:20260910T170000", "DURATION:PT1H", "SUMMARY:Open \u{202E}esuoh\u{202C} night"])
                           + event("b", ["DTSTART;TZID=America/Los_Angeles:20260911T170000", "DURATION:PT1H", "SUMMARY:\(long)"]))
        let houses = try reader.openHouses(ics: ics, file: "x.ics", site: "lincoln", term: term).openHouses
        #expect(houses[0].title == "Open esuoh night")
        #expect(houses[1].title.unicodeScalars.count == 200 && houses[1].title.hasSuffix("…"))
    }

    func refusalOfOpenHouses(_ ics: [UInt8]) throws -> InputError? {
        do {
            _ = try reader.openHouses(ics: ics, file: "calendars/open-houses/lincoln.ics", site: "lincoln", term: term)
            return nil
        } catch {
            return error
        }
    }
}
