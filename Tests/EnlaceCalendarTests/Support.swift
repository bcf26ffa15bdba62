import EnlaceCore
import Foundation
import Testing
@testable import EnlaceCalendar

/// The school year most tests read: 2026-08-01 … 2027-07-31.
let schoolYear = date("2026-08-01")...date("2027-07-31")

func date(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

/// A local date-time from `YYYY-MM-DDTHH:MM`.
func at(_ text: String) -> LocalDateTime {
    let parts = text.split(separator: "T")
    let clock = parts[1].split(separator: ":").map { Int($0)! }
    return LocalDateTime(date: date(String(parts[0])), minuteOfDay: clock[0] * 60 + clock[1])
}

/// The bytes of `Fixtures/NAME.ics`.
func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "ics", subdirectory: "Fixtures"))
    return Array(try Data(contentsOf: url))
}

/// A calendar from lines (joined with CRLF), for small inline cases.
func calendar(_ lines: [String]) -> [UInt8] {
    Array((["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Enlace tests//EN"] + lines + ["END:VCALENDAR", ""])
        .joined(separator: "\r\n").utf8)
}

/// Start–end pairs as text, for readable expectations.
func spans(_ openHouses: [OpenHouse]) -> [String] {
    openHouses.map { "\($0.start)–\(formatMinuteOfDay($0.end.minuteOfDay))" }
}

/// Why `bytes` is refused as an open-house calendar, or nil when it is accepted.
func refusal(_ bytes: [UInt8], file: String = "calendars/open-houses/lincoln.ics",
             zone: String = "America/Los_Angeles") throws -> InputError? {
    let reader = try CalendarReader(programTimeZone: zone)
    do {
        _ = try reader.openHouses(ics: bytes, file: file, site: "lincoln", term: schoolYear)
        return nil
    } catch {
        return error
    }
}
