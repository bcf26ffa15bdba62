import CLibical
import EnlaceCore

/// One parsed calendar file while it is being read: the libical tree, the zones it uses and the
/// warnings found so far.
///
/// Lives only inside `CalendarFile.read`, under the libical lock; `root` is freed when `read`
/// returns, so nothing here may escape.
final class CalendarFile {
    let file: String
    let text: CalendarText
    /// The VCALENDAR component (owned by `read`).
    let root: OpaquePointer
    /// The program's builtin zone (owned by libical for the life of the process).
    let program: OpaquePointer
    let utc: OpaquePointer
    /// X-WR-TIMEZONE: Google exports write UTC times and name the calendar's zone here.
    private(set) var exportZone: OpaquePointer?
    private(set) var warnings: [InputWarning] = []
    private var zones: [String: OpaquePointer] = [:]
    private var libicalWarnings = 0

    private init(file: String, text: CalendarText, root: OpaquePointer, program: OpaquePointer) {
        self.file = file
        self.text = text
        self.root = root
        self.program = program
        self.utc = icaltimezone_get_utc_timezone()
    }

    /// Checks and parses `bytes`, runs `body` on the parsed file, and frees the libical tree.
    /// Must be called holding the libical lock.
    static func read<T>(bytes: [UInt8], file: String, programZone: String,
                        _ body: (CalendarFile) throws(InputError) -> T) throws(InputError) -> T {
        let text = try CalendarText(bytes: bytes, file: file)
        guard let program = Zones.builtin(named: programZone) else {
            throw Zones.unknownProgramZone(programZone)
        }
        let parsed = text.cString.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { icalparser_parse_string($0.baseAddress) }
        }
        icalerror_clear_errno()
        guard let root = parsed else {
            throw InputError(file: file, problem: "libical could not read any calendar from the file.",
                             fix: "export the calendar again as an .ics file (iCalendar).")
        }
        defer { icalcomponent_free(root) }
        guard icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT else {
            throw InputError(file: file, problem: "the file does not hold a single VCALENDAR.",
                             fix: "export one calendar per file.")
        }
        let calendar = CalendarFile(file: file, text: text, root: root, program: program)
        try calendar.readCalendarProperties()
        return try body(calendar)
    }

    /// Reads X-WR-TIMEZONE and reports libical's complaints about the calendar and its zones.
    private func readCalendarProperties() throws(InputError) {
        for property in properties(of: root, kind: ICAL_X_PROPERTY)
        where copyString(icalproperty_get_x_name(property))?.uppercased() == "X-WR-TIMEZONE" {
            let name = (copyString(icalproperty_get_x(property)) ?? "").trimmingSpaces
            guard let zone = Zones.builtin(named: name) else {
                throw InputError(file: file, line: text.calendarProperties["X-WR-TIMEZONE"], field: "X-WR-TIMEZONE",
                                 problem: "the calendar's time zone \"\(name)\" is not a known (IANA) time zone.",
                                 fix: "set the calendar's time zone in the calendar program (e.g. America/Los_Angeles) and export it again.")
            }
            exportZone = zone
        }
        reportLibicalErrors(in: root, origin: nil)
        for zone in children(of: root, kind: ICAL_VTIMEZONE_COMPONENT) {
            reportLibicalErrors(in: zone, origin: nil)
            for part in children(of: zone, kind: ICAL_ANY_COMPONENT) { reportLibicalErrors(in: part, origin: nil) }
        }
    }

    /// Adds a warning (used by the event readers).
    func warn(_ warning: InputWarning) {
        if !warnings.contains(warning) { warnings.append(warning) }
    }

    // MARK: libical's X-LIC-ERROR properties

    /// Date properties whose unreadable value changes which dates an event covers.
    private static let fatalProperties = ["DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"]

    /// Turns libical's X-LIC-ERROR properties on `component` into errors or warnings.
    ///
    /// Debian's libical flags every empty property (common in Google exports) as an error, so only
    /// an unreadable date property of an event refuses the file; an empty EXDATE or RDATE removes
    /// nothing and is only reported.
    func triageLibicalErrors(in component: OpaquePointer, origin: EventOrigin) throws(InputError) {
        for property in properties(of: component, kind: ICAL_XLICERROR_PROPERTY) {
            let message = copyString(icalproperty_get_xlicerror(property)) ?? ""
            guard let named = Self.fatalProperties.first(where: { message.contains("\($0) property") || message.contains("property \($0)") }),
                  !(message.hasPrefix("No value") && (named == "EXDATE" || named == "RDATE")) else { continue }
            throw origin.error(named, "has a \(named) that cannot be read (libical: \(Self.shorten(message))).",
                               fix: "correct the event's \(named) in the calendar program and export it again.")
        }
        reportLibicalErrors(in: component, origin: origin)
        for alarm in children(of: component, kind: ICAL_ANY_COMPONENT) { reportLibicalErrors(in: alarm, origin: origin) }
    }

    /// Reports every X-LIC-ERROR on `component` as a warning (at most 20 per file, then a count).
    private func reportLibicalErrors(in component: OpaquePointer, origin: EventOrigin?) {
        for property in properties(of: component, kind: ICAL_XLICERROR_PROPERTY) {
            libicalWarnings += 1
            let raw = copyString(icalproperty_get_xlicerror(property)) ?? ""
            if libicalWarnings <= 20 {
                warn(Self.describe(raw, origin: origin, file: file))
            } else if libicalWarnings == 21 {
                warn(InputWarning(file: file, message: "more libical problems were found; only the first 20 are listed."))
            }
        }
    }

    /// A warning for one X-LIC-ERROR; libical's "No value for X property" (Debian flags every empty
    /// property) becomes a plain "X is empty".
    private static func describe(_ raw: String, origin: EventOrigin?, file: String) -> InputWarning {
        if raw.hasPrefix("No value for "), let end = raw.range(of: " property") {
            let name = String(raw[raw.index(raw.startIndex, offsetBy: 13)..<end.lowerBound])
            return origin.map { $0.warning(name, "has an empty \(name); it is ignored.") }
                ?? InputWarning(file: file, message: "\(name): the calendar's \(name) is empty; it is ignored.")
        }
        let message = "libical reports: " + shorten(raw)
        return origin.map { $0.warning(nil, "— \(message)") } ?? InputWarning(file: file, message: message)
    }

    private static func shorten(_ message: String) -> String {
        let flat = String(message.map { $0.isNewline ? " " : $0 })
        return flat.count > 160 ? String(flat.prefix(160)) + "…" : flat
    }

    // MARK: Time zones and conversions

    /// The zone for a TZID: the file's VTIMEZONE, else a builtin IANA zone of that name (warned).
    func zone(tzid: String, property: String, origin: EventOrigin) throws(InputError) -> OpaquePointer {
        if let known = zones[tzid] { return known }
        let zone: OpaquePointer
        if let own = icalcomponent_get_timezone(root, tzid) {
            zone = own
        } else if let builtin = Zones.builtin(named: tzid) {
            zone = builtin
            warn(InputWarning(file: file, line: origin.line(property),
                              message: "TZID \"\(tzid)\" has no VTIMEZONE in the file; the standard IANA zone of that name is used."))
        } else {
            throw origin.error(property, "uses TZID \"\(tzid)\", which names no time zone: the file has no VTIMEZONE with that TZID and it is not an IANA zone name.",
                               fix: "export the calendar again with its time zones included (VTIMEZONE), or use an IANA zone name such as America/Los_Angeles.")
        }
        zones[tzid] = zone
        return zone
    }

    /// Seconds since 1970 UTC of a date-time; floating times are the program's local time.
    ///
    /// RFC 5545 (3.3.5) for local times the zone skips or repeats, which libical 3.0.16 gets
    /// backwards: a time in the spring-forward gap (02:30 on the day clocks jump from 02:00 to
    /// 03:00) is read with the offset before the gap, so it moves forward by the gap (03:30; libical
    /// gave 01:30); a time that occurs twice (01:30 on the fall-back day) is its first occurrence
    /// (libical gave the second).
    func instant(_ time: icaltimetype) -> Int {
        let zone = time.zone ?? program
        let guess = Int(icaltime_as_timet_with_zone(time, zone))
        guard time.is_date == 0, icaltime_is_utc(time) == 0, zone != utc, let wall = Self.wallSeconds(time) else { return guess }
        // The offsets in force a day either side: zones never change offset twice within two days.
        let before = offset(at: guess - 86_400, in: zone), after = offset(at: guess + 86_400, in: zone)
        let existing = Set([wall - before, wall - after]).filter { offset(at: $0, in: zone) == wall - $0 }
        return existing.min() ?? wall - before
    }

    /// The zone's offset from UTC at `instant`, in seconds (local wall time minus UTC).
    private func offset(at instant: Int, in zone: OpaquePointer) -> Int {
        let local = icaltime_from_timet_with_zone(time_t(instant), 0, zone)
        return (Self.wallSeconds(local) ?? instant) - instant
    }

    /// Whether a date-time names a local time its zone skips (the spring-forward gap), which
    /// `instant` moves forward by the gap.
    func isSkipped(_ time: icaltimetype) -> Bool {
        let zone = time.zone ?? program
        guard time.is_date == 0, icaltime_is_utc(time) == 0, zone != utc, let wall = Self.wallSeconds(time) else { return false }
        return Self.wallSeconds(icaltime_from_timet_with_zone(time_t(instant(time)), 0, zone)) != wall
    }

    /// A date-time's wall clock as seconds since 1970-01-01 00:00, ignoring its zone.
    static func wallSeconds(_ time: icaltimetype) -> Int? {
        guard let date = LocalDate(wall: time.year, time.month, time.day) else { return nil }
        return date.dayNumber * 86_400 + Int(time.hour) * 3600 + Int(time.minute) * 60 + Int(time.second)
    }

    /// The program's local wall time at an instant.
    func local(_ instant: Int) -> LocalDateTime {
        let t = icaltime_from_timet_with_zone(time_t(instant), 0, program)
        let date = LocalDate(wall: t.year, t.month, t.day) ?? LocalDate(dayNumber: instant / 86_400)
        return LocalDateTime(date: date, minuteOfDay: Int(t.hour) * 60 + Int(t.minute))
    }

    /// `20260910` for a date, `20260911T010000Z` for a date-time: the recurrence id in sourceUIDs.
    func recurrenceText(_ time: icaltimetype) -> String {
        if time.is_date != 0 { return Self.digits(time.year, 4) + Self.digits(time.month, 2) + Self.digits(time.day, 2) }
        let u = icaltime_from_timet_with_zone(time_t(instant(time)), 0, utc)
        return Self.digits(u.year, 4) + Self.digits(u.month, 2) + Self.digits(u.day, 2) + "T"
            + Self.digits(u.hour, 2) + Self.digits(u.minute, 2) + Self.digits(u.second, 2) + "Z"
    }

    private static func digits(_ value: Int32, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
