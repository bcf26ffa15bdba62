import CLibical
import EnlaceCore

/// Reads district calendars (.ics): the open houses of a site and the blackout days of a program.
///
/// Files are untrusted: each is checked before libical parses it (size, UTF-8, structure, line
/// lengths; see `CalendarText`), and every problem becomes an `InputError` naming the file, and the
/// line and property where one is known. libical is never allowed to abort the process
/// (`icalcomponent_normalize`, which crashes on malformed input in 3.0.16, is never called).
///
/// Thread safety: the value is `Sendable`; every call into libical, from any instance, runs under
/// one process-wide lock (libical's zone cache is global and its first loads race).
public struct CalendarReader: Sendable {
    /// The program's IANA time zone, e.g. `America/Los_Angeles`; every occurrence is converted to it.
    public let programTimeZone: String

    /// The largest calendar file read, in bytes (5 MB: a whole district's year of events is a few
    /// hundred kilobytes).
    public static var maximumFileBytes: Int { CalendarText.maxBytes }
    /// Most open houses of one site within a term: one a day for a year. Each becomes a session of
    /// every open-house group of the site, in the feeds of all its families; a calendar of 60 daily
    /// events made 17,909 of them (32 MB of feeds per family).
    public static let maxOpenHousesPerSite = 366

    /// Loads libical's zone for `programTimeZone` (and UTC) once, on the calling thread.
    ///
    /// Also switches off libical's "errors are fatal" mode, in which a bad value aborts the process.
    /// - Throws: `InputError(file: "enlace.toml", field: "timezone", …)` for an unknown IANA zone.
    public init(programTimeZone: String) throws(InputError) {
        try libical.run { () throws(InputError) in
            icalerror_set_errors_are_fatal(0)
            guard let zone = Zones.builtin(named: programTimeZone) else {
                throw Zones.unknownProgramZone(programTimeZone)
            }
            let utc = icaltimezone_get_utc_timezone()
            // A first conversion expands the zone's offset changes now (that lazy step is what races).
            var probe = icaltime_from_timet_with_zone(2_000_000_000, 0, utc)
            icaltimezone_convert_time(&probe, utc, zone)
        }
        self.programTimeZone = programTimeZone
    }

    /// Open-house occurrences of one site, expanded within `term` (inclusive dates), in the
    /// program's local time, sorted by start.
    ///
    /// Timed occurrences whose local start date is in the term count; all-day events are ignored
    /// with a warning. RRULE, RDATE, EXDATE, RECURRENCE-ID overrides and STATUS:CANCELLED are
    /// honoured; `sourceUID` is the event's UID, followed by `/` and the original instance's
    /// recurrence id (e.g. `20260911T010000Z`) for recurring events.
    /// - Parameter file: the display path used in messages, e.g. `calendars/open-houses/lincoln.ics`.
    /// - Throws: `InputError` for a file that cannot be trusted (see the type's documentation).
    public func openHouses(ics: [UInt8], file: String, site: SiteID, term: ClosedRange<LocalDate>) throws(InputError) -> (openHouses: [OpenHouse], warnings: [InputWarning]) {
        try libical.run { () throws(InputError) in
            try CalendarFile.read(bytes: ics, file: file, programZone: programTimeZone) { (calendar) throws(InputError) in
                var result: [OpenHouse] = []
                var allDayEvents: [Int: Occurrence] = [:]
                for occurrence in try calendar.occurrences(in: term) {
                    switch occurrence.span {
                    case .timed(let start, let end) where term.contains(start.date):
                        // Meetings start when an open house ends (or end when it starts): one
                        // without a length is a mistake in the calendar, not a zero-minute event.
                        guard end > start else {
                            let line = calendar.text.line(event: occurrence.ordinal, property: "DTEND") ?? calendar.text.line(event: occurrence.ordinal)
                            throw InputError(file: file, line: line, field: "DTEND",
                                             problem: "the event \"\(occurrence.title)\" on \(start.date) has no length: its end (DTEND or DURATION) is missing or equals its start, so no meeting can be placed after or before it.",
                                             fix: "give the open house its end time in the calendar program and export the calendar again.")
                        }
                        result.append(OpenHouse(site: site, start: start, end: end, title: occurrence.title,
                                                sourceUID: occurrence.sourceUID))
                    case .allDay(let first, let days) where first <= term.upperBound && first.adding(days: days - 1) >= term.lowerBound:
                        allDayEvents[occurrence.ordinal] = allDayEvents[occurrence.ordinal] ?? occurrence
                    default: break
                    }
                }
                for (ordinal, occurrence) in allDayEvents.sorted(by: { $0.key < $1.key }) {
                    let line = calendar.text.line(event: ordinal)
                    calendar.warn(InputWarning(file: file, line: line,
                                               message: "the all-day event \"\(occurrence.title)\" is not an open house (open houses have a start time); it is ignored."))
                }
                guard result.count <= Self.maxOpenHousesPerSite else {
                    throw InputError(file: file, problem: "holds \(result.count) open houses between \(term.lowerBound) and \(term.upperBound); Enlace takes at most \(Self.maxOpenHousesPerSite) for one site in a term (one a day). Every open house becomes a meeting in the calendar of every family at the site.",
                                     fix: "keep only the site's open houses in this file (not every school event), or remove the repeating events that are not open houses.")
                }
                return (result.sorted(), calendar.warnings)
            }
        }
    }

    /// Blackout dates (local) from blackouts.ics, recurring events expanded, restricted to `term`.
    ///
    /// An all-day event covers DTSTART up to but not including DTEND (one day without an end;
    /// DURATION honoured); a timed event covers every local date it touches, its end exclusive (an
    /// event ending at 00:00 does not cover that day).
    /// - Throws: `InputError` for a file that cannot be trusted (see the type's documentation).
    public func blackoutDates(ics: [UInt8], file: String, term: ClosedRange<LocalDate>) throws(InputError) -> (dates: Set<LocalDate>, warnings: [InputWarning]) {
        try libical.run { () throws(InputError) in
            try CalendarFile.read(bytes: ics, file: file, programZone: programTimeZone) { (calendar) throws(InputError) in
                var dates = Set<LocalDate>()
                for occurrence in try calendar.occurrences(in: term) {
                    let covered: ClosedRange<LocalDate>
                    switch occurrence.span {
                    case .allDay(let first, let days):
                        covered = first...first.adding(days: days - 1)
                    case .timed(let start, let end):
                        covered = start.date...(end > start ? end.adding(minutes: -1).date : start.date)
                    }
                    guard covered.overlaps(term) else { continue }
                    let clamped = covered.clamped(to: term)
                    for day in clamped.lowerBound.dayNumber...clamped.upperBound.dayNumber {
                        dates.insert(LocalDate(dayNumber: day))
                    }
                }
                return (dates, calendar.warnings)
            }
        }
    }
}
