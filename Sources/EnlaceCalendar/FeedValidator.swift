import CLibical
import EnlaceCore

/// Checks a written feed the way a strict client would: it is what the tests run on every feed
/// of the sample district, and what `enlace feeds --check` runs on every feed written.
public enum FeedValidator {
    /// The problems found in `bytes`, empty when the feed is sound:
    /// - libical parses it into one VCALENDAR with zero X-LIC-ERROR properties, anywhere;
    /// - `icalrestriction_check` passes (METHOD:PUBLISH rules: ORGANIZER, DTSTAMP, DTSTART,
    ///   SUMMARY and UID in every event);
    /// - every TZID used has its VTIMEZONE in the file (libical silently falls back otherwise),
    ///   with at most one STANDARD and one DAYLIGHT block;
    /// - the calendar properties clients need are present;
    /// - every line ends with CRLF and is at most 75 octets long, and the text is UTF-8.
    public static func problems(in bytes: [UInt8]) -> [String] {
        var problems = lineProblems(bytes)
        guard String(validating: bytes, as: UTF8.self) != nil else { return problems + ["the feed is not UTF-8"] }
        libical.run {
            let parsed = (bytes + [0]).withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { icalparser_parse_string($0.baseAddress) }
            }
            icalerror_clear_errno()
            guard let root = parsed else {
                problems.append("libical cannot parse the feed")
                return
            }
            defer { icalcomponent_free(root) }
            guard icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT else {
                problems.append("the feed is not one VCALENDAR")
                return
            }
            for error in libicalErrors(in: root) { problems.append("X-LIC-ERROR: \(error)") }
            if icalrestriction_check(root) == 0 {
                problems.append("icalrestriction_check fails: " + libicalErrors(in: root).joined(separator: "; "))
            }
            problems += calendarProblems(root)
        }
        return problems
    }

    private static func lineProblems(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        var line = 1, length = 0, previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A {
                if previous != 0x0D { problems.append("line \(line) does not end with CRLF") }
                if length - 1 > 75 { problems.append("line \(line) is \(length - 1) octets long (more than 75)") }
                line += 1
                length = 0
            } else {
                length += 1
            }
            previous = byte
        }
        if length > 0 { problems.append("the last line has no CRLF") }
        return Array(problems.prefix(10))
    }

    private static func calendarProblems(_ root: OpaquePointer) -> [String] {
        var problems: [String] = []
        for (kind, name) in [(ICAL_VERSION_PROPERTY, "VERSION"), (ICAL_PRODID_PROPERTY, "PRODID"),
                             (ICAL_CALSCALE_PROPERTY, "CALSCALE"), (ICAL_METHOD_PROPERTY, "METHOD"),
                             (ICAL_NAME_PROPERTY, "NAME"), (ICAL_REFRESHINTERVAL_PROPERTY, "REFRESH-INTERVAL")]
        where icalcomponent_get_first_property(root, kind) == nil {
            problems.append("the calendar has no \(name)")
        }
        let xNames = Set(properties(of: root, kind: ICAL_X_PROPERTY).compactMap { copyString(icalproperty_get_x_name($0)) })
        for name in ["X-WR-CALNAME", "X-PUBLISHED-TTL"] where !xNames.contains(name) {
            problems.append("the calendar has no \(name)")
        }
        var zones: Set<String> = []
        for zone in children(of: root, kind: ICAL_VTIMEZONE_COMPONENT) {
            if let tzid = icalcomponent_get_first_property(zone, ICAL_TZID_PROPERTY), let name = copyString(icalproperty_get_tzid(tzid)) {
                zones.insert(name)
            }
            let standard = children(of: zone, kind: ICAL_XSTANDARD_COMPONENT).count
            let daylight = children(of: zone, kind: ICAL_XDAYLIGHT_COMPONENT).count
            if standard != 1 || daylight > 1 {
                problems.append("a VTIMEZONE has \(standard) STANDARD and \(daylight) DAYLIGHT blocks (Outlook wants one of each at most)")
            }
        }
        for event in children(of: root, kind: ICAL_VEVENT_COMPONENT) {
            for kind in [ICAL_DTSTART_PROPERTY, ICAL_DTEND_PROPERTY] {
                for property in properties(of: event, kind: kind) {
                    guard let tzid = tzidParameter(property) else {
                        let time = icalvalue_get_datetime(icalproperty_get_value(property))
                        if time.is_date == 0 && icaltime_is_utc(time) == 0 { problems.append("an event has a floating time") }
                        continue
                    }
                    if !zones.contains(tzid) { problems.append("TZID \(tzid) has no VTIMEZONE in the feed") }
                }
            }
        }
        return Array(Set(problems)).sorted()
    }

    /// Every X-LIC-ERROR message in `component` and its descendants.
    private static func libicalErrors(in component: OpaquePointer) -> [String] {
        var result = properties(of: component, kind: ICAL_XLICERROR_PROPERTY).map { copyString(icalproperty_get_xlicerror($0)) ?? "" }
        for child in children(of: component, kind: ICAL_ANY_COMPONENT) { result += libicalErrors(in: child) }
        return result
    }
}
