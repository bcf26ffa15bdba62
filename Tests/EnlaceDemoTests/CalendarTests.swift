import EnlaceCore
@testable import EnlaceDemo
import Foundation
import Testing

@Suite struct CalendarTests {
    /// Every calendar the module writes: the sample district's, the template's, the examples.
    static let calendars: [ProgramFile] =
        (SampleDistrict.files(seed: 1, sites: 12, mentors: 1, parents: 1) + ProgramTemplate.files(programName: "Test")
            + ExampleCalendars.files()).filter { $0.path.hasSuffix(".ics") }

    @Test(arguments: calendars.map(\.path))
    func followsRFC5545LineRules(path: String) {
        let ics = Self.calendars.first { $0.path == path }!.contents
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        let physical = ics.components(separatedByCRLF: ())
        #expect(physical.allSatisfy { $0.utf8.count <= 75 }, "a line longer than 75 octets")
        #expect(physical.allSatisfy { !$0.utf8.contains(0x0A) && !$0.utf8.contains(0x0D) }, "a bare LF or CR")
        for (line, next) in zip(physical, physical.dropFirst()) where next.hasPrefix(" ") {
            let backslashes = line.reversed().prefix { $0 == "\\" }.count
            #expect(backslashes % 2 == 0, "a fold splits an escape after \(line)")
        }
        let lines = unfoldedLines(ics)
        var open: [String] = []
        for line in lines {
            if line.hasPrefix("BEGIN:") { open.append(String(line.dropFirst(6))) }
            if line.hasPrefix("END:") { #expect(open.popLast() == String(line.dropFirst(4)), "unbalanced \(line)") }
        }
        #expect(open.isEmpty)
        #expect(lines.contains { $0.hasPrefix("PRODID:") } && lines.contains("VERSION:2.0"))
        let events = lines.filter { $0 == "BEGIN:VEVENT" }.count
        #expect(lines.filter { $0.hasPrefix("UID:") }.count == events)
        #expect(lines.filter { $0.hasPrefix("DTSTAMP:") }.count == events)
    }

    @Test(arguments: calendars.map(\.path))
    func everyTZIDHasItsVTIMEZONE(path: String) {
        let lines = unfoldedLines(Self.calendars.first { $0.path == path }!.contents)
        let defined = Set(lines.filter { $0.hasPrefix("TZID:") }.map { String($0.dropFirst(5)) })
        for line in lines where line.contains(";TZID=") {
            let value = line.split(separator: ";").first { $0.hasPrefix("TZID=") }!.dropFirst(5)
            let tzid = String(value.prefix { $0 != ":" && $0 != ";" }).replacingOccurrences(of: "\"", with: "")
            #expect(defined.contains(tzid), "\(tzid) used without a VTIMEZONE")
        }
    }

    @Test func holidaysFallOnTheRightWeekdays() {
        let year = SchoolYear.sample
        func holiday(_ name: String) -> SchoolYear.Holiday { year.holidays.first { $0.name == name }! }
        #expect(year.termStart.weekday == .monday && year.termEnd.weekday == .thursday)
        for name in ["Labor Day", "Martin Luther King Jr. Day", "Presidents' Day", "Memorial Day"] {
            #expect(holiday(name).first.weekday == .monday, "\(name)")
        }
        #expect(holiday("Labor Day").first == CalendarMath.nthWeekday(1, .monday, year: 2026, month: 9))
        #expect(holiday("Martin Luther King Jr. Day").first == CalendarMath.nthWeekday(3, .monday, year: 2027, month: 1))
        #expect(holiday("Presidents' Day").first == CalendarMath.nthWeekday(3, .monday, year: 2027, month: 2))
        #expect(holiday("Memorial Day").first.adding(days: 7).components.month == 6)
        // Thanksgiving (fourth Thursday) sits inside the break; breaks run Monday to Friday.
        let thanksgiving = CalendarMath.nthWeekday(4, .thursday, year: 2026, month: 11)!
        #expect(year.isHoliday(thanksgiving))
        for name in ["Thanksgiving Break", "Winter Break", "Spring Break"] {
            #expect(holiday(name).first.weekday == .monday && holiday(name).last.weekday == .friday, "\(name)")
        }
        #expect(year.isHoliday(LocalDate(year: 2027, month: 3, day: 31)!))
    }

    @Test func blackoutsAreAllDayWithExclusiveEnds() {
        let lines = unfoldedLines(BlackoutCalendar.ics(.sample))
        #expect(lines.contains("DTSTART;VALUE=DATE:20261221"))
        #expect(lines.contains("DTEND;VALUE=DATE:20270102"))
        #expect(lines.contains("DTSTART;VALUE=DATE:20260907") && lines.contains("DTEND;VALUE=DATE:20260908"))
        #expect(lines.filter { $0 == "TRANSP:TRANSPARENT" }.count == SchoolYear.sample.holidays.count)
    }

    @Test func pacificOffsetsFollowDaylightSaving() {
        #expect(CalendarMath.icsUTC(LocalDate(year: 2026, month: 9, day: 10)!, minuteOfDay: 17 * 60 + 30) == "20260911T003000Z")
        #expect(CalendarMath.icsUTC(LocalDate(year: 2026, month: 12, day: 10)!, minuteOfDay: 17 * 60 + 30) == "20261211T013000Z")
        #expect(CalendarMath.icsUTC(LocalDate(year: 2027, month: 3, day: 14)!, minuteOfDay: 3 * 60) == "20270314T100000Z")
        #expect(CalendarMath.icsUTC(LocalDate(year: 2026, month: 11, day: 1)!, minuteOfDay: 0) == "20261101T070000Z")
    }

    @Test func exportsShowEachExportersQuirks() {
        let files = ExampleCalendars.files()
        let google = unfoldedLines(files["calendars/open-houses/google-export.ics"])
        #expect(google.contains("X-WR-TIMEZONE:America/Los_Angeles"))
        #expect(google.contains("DTSTART:20260911T003000Z"))
        #expect(google.contains("RRULE:FREQ=MONTHLY;BYDAY=2TH;UNTIL=20270611T065959Z"))
        let outlook = unfoldedLines(files["calendars/open-houses/outlook-export.ics"])
        #expect(outlook.contains("DTSTART;TZID=\"Pacific Standard Time\":20260902T180000"))
        #expect(outlook.contains("EXDATE;TZID=\"Pacific Standard Time\":20270106T180000"))
        #expect(outlook.contains { $0.hasPrefix("X-MS-OLK-") })
        let apple = unfoldedLines(files["calendars/open-houses/apple-export.ics"])
        #expect(apple.contains("RECURRENCE-ID;TZID=America/Los_Angeles:20261222T180000"))
        #expect(apple.contains("DTSTART;TZID=America/Los_Angeles:20261215T180000"))
        #expect(apple.contains("RECURRENCE-ID;TZID=America/Los_Angeles:20261124T180000"))
        #expect(apple.contains("STATUS:CANCELLED"))
    }

    @Test func textValuesAreEscaped() {
        #expect(ICSWriter.escape("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne")
        var writer = ICSWriter()
        writer.line("SUMMARY:" + String(repeating: "ệ", count: 40))
        let physical = writer.text.components(separatedByCRLF: ())
        #expect(physical.count == 2 && physical.allSatisfy { $0.utf8.count <= 75 })
        #expect(unfoldedLines(writer.text) == ["SUMMARY:" + String(repeating: "ệ", count: 40)])
        var escaped = ICSWriter()
        escaped.text("DESCRIPTION", String(repeating: "a", count: 62) + ", b")
        #expect(escaped.text.hasPrefix("DESCRIPTION:" + String(repeating: "a", count: 62) + "\r\n \\, b"))
    }

    @Test func sampleDistrictUsesTheExampleCalendars() {
        let examples = ExampleCalendars.files()
        let sample = SampleDistrict.files()
        #expect(sample["calendars/open-houses/jacaranda-es.ics"] == examples["calendars/open-houses/google-export.ics"])
        #expect(sample["calendars/open-houses/rio-vista-es.ics"] == examples["calendars/open-houses/outlook-export.ics"])
        #expect(sample["calendars/open-houses/mesa-verde-ms.ics"] == examples["calendars/open-houses/apple-export.ics"])
        #expect(sample["calendars/blackouts.ics"] == examples["calendars/blackouts-2026-27.ics"])
    }

    /// The committed example calendars are the generator's output, byte for byte.
    /// `ENLACE_RECORD=1 swift test --filter EnlaceDemoTests` rewrites them.
    @Test func committedExampleCalendarsMatchTheGenerator() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let record = ProcessInfo.processInfo.environment["ENLACE_RECORD"] == "1"
        for file in ExampleCalendars.files() {
            let url = root.appendingPathComponent(file.path)
            if record {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                        withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url)
            }
            let committed = try? Data(contentsOf: url)
            #expect(committed == Data(file.contents.utf8),
                    "\(file.path) is missing or differs; re-record with ENLACE_RECORD=1")
        }
    }
}
