import EnlaceCore
import Testing
@testable import EnlaceCalendar

@Suite("Refused calendars")
struct RefusalTests {
    let event = ["BEGIN:VEVENT", "UID:oh-1", "SUMMARY:Open House", "DTSTART:20260910T180000",
                 "DTEND:20260910T190000", "END:VEVENT"]

    @Test("An empty file")
    func empty() throws {
        for bytes in [[], Array(" \r\n\r\n".utf8)] as [[UInt8]] {
            let error = try #require(try refusal(bytes))
            #expect(error.description.hasPrefix("calendars/open-houses/lincoln.ics: the file is empty."))
        }
    }

    @Test("Bytes that are not UTF-8, with their line")
    func notUTF8() throws {
        var bytes = calendar(event)
        let line5 = bytes.indices.filter { bytes[$0] == 0x0A }[3] + 1   // start of line 5
        bytes.insert(0xFF, at: line5 + 9)
        let error = try #require(try refusal(bytes))
        #expect(error.line == 5)
        #expect(error.problem == "the text is not valid UTF-8.")
    }

    @Test("A truncated file (no END:VCALENDAR)")
    func truncated() throws {
        let text = String(decoding: calendar(event), as: UTF8.self)
        let cut = Array(text.prefix(upTo: text.range(of: "DTEND")!.lowerBound).utf8)
        let error = try #require(try refusal(cut))
        #expect(error.problem.contains("END:VCALENDAR is missing"))
        #expect(error.problem.contains("BEGIN:VEVENT of line 4"))
    }

    @Test("A file that is not a calendar")
    func notACalendar() throws {
        let error = try #require(try refusal(Array("<html><body>Calendar</body></html>\n".utf8)))
        #expect(error.line == 1)
        #expect(error.problem.contains("does not start with BEGIN:VCALENDAR"))
    }

    @Test("DTEND before DTSTART names the line, property, title and UID")
    func endBeforeStart() throws {
        let bytes = calendar(["BEGIN:VEVENT", "UID:oh-7", "SUMMARY:Open House", "DTSTART:20260910T180000",
                              "DTEND:20260910T170000", "END:VEVENT"])
        let error = try #require(try refusal(bytes))
        #expect(error.description == "calendars/open-houses/lincoln.ics, line 8, DTEND: the event \"Open House\" (UID oh-7) ends before it starts. Fix: correct the event's end (DTEND) so that it is after its start (DTSTART), then export the calendar again.")
    }

    @Test("A TZID that names no zone, including one that tries to leave the zoneinfo folder")
    func unknownTZID() throws {
        for tzid in ["Mars/Olympus_Mons", "../../../../etc/passwd", "Pacific Standard Time"] {
            let bytes = calendar(["BEGIN:VEVENT", "UID:oh-2", "SUMMARY:Open House",
                                  "DTSTART;TZID=\(tzid):20260910T180000", "END:VEVENT"])
            let error = try #require(try refusal(bytes))
            #expect(error.field == "DTSTART")
            #expect(error.line == 7)
            #expect(error.problem.contains("TZID \"\(tzid)\", which names no time zone"))
        }
    }

    @Test("An unreadable DTSTART (libical X-LIC-ERROR) refuses the file")
    func unreadableStart() throws {
        let bytes = calendar(["BEGIN:VEVENT", "UID:oh-3", "SUMMARY:Open House", "DTSTART:next thursday", "END:VEVENT"])
        let error = try #require(try refusal(bytes))
        #expect(error.field == "DTSTART")
        #expect(error.problem.contains("(UID oh-3) has a DTSTART that cannot be read"))
    }

    @Test("A rule more frequent than daily")
    func subDaily() throws {
        let bytes = calendar(["BEGIN:VEVENT", "UID:oh-4", "SUMMARY:Open House", "DTSTART:20260910T180000",
                              "RRULE:FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30", "END:VEVENT"])
        let error = try #require(try refusal(bytes))
        #expect(error.field == "RRULE")
        #expect(error.line == 8)
    }

    @Test("A file over 5 MB, an absurdly long line, and a second calendar")
    func limits() throws {
        let big = calendar(["X-FILLER:" + String(repeating: "a", count: 5 * 1024 * 1024)])
        #expect(try refusal(big)?.problem.contains("the limit is 5 MB") == true)
        let long = calendar(["BEGIN:VEVENT", "UID:x", "DESCRIPTION:" + String(repeating: "a", count: 200_000), "END:VEVENT"])
        let longError = try #require(try refusal(long))
        #expect(longError.line == 6)
        #expect(longError.field == "DESCRIPTION")
        let two = calendar(event) + calendar(event)
        #expect(try refusal(two)?.problem == "there is more after END:VCALENDAR.")
    }

    @Test("An unknown program zone is an enlace.toml error")
    func unknownProgramZone() {
        #expect(throws: InputError.self) { try CalendarReader(programTimeZone: "America/Springfield") }
        do {
            _ = try CalendarReader(programTimeZone: "Pacific Time")
        } catch {
            #expect(error.file == "enlace.toml")
            #expect(error.field == "timezone")
        }
    }
}
