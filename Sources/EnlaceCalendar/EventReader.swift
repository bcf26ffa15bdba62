import CLibical
import EnlaceCore

/// One VEVENT read from the tree: its identity, start (with its zone attached) and length.
struct EventRecord {
    /// How long each occurrence lasts.
    enum Length {
        /// All-day: whole dates (DTEND exclusive; at least 1).
        case days(Int)
        /// Timed: exact seconds (0 when there is no DTEND or DURATION).
        case seconds(Int)
    }

    let component: OpaquePointer
    let origin: EventOrigin
    let cancelled: Bool
    let start: icaltimetype
    let length: Length
    /// RECURRENCE-ID, for an override of one instance of a recurring event.
    let recurrenceID: icaltimetype?
}

extension CalendarFile {
    /// Reads every top-level VEVENT, in file order.
    func eventRecords() throws(InputError) -> [EventRecord] {
        let components = children(of: root, kind: ICAL_VEVENT_COMPONENT)
        // The text pass counted the same top-level VEVENTs; if libical disagrees (damaged input),
        // line numbers would be wrong, so they are left out.
        let linesAgree = components.count == text.events.count
        var records: [EventRecord] = []
        for (index, component) in components.enumerated() {
            let uid = copyString(icalcomponent_get_uid(component)).map(\.trimmingSpaces) ?? ""
            let title = Self.displayTitle(copyString(icalcomponent_get_summary(component)) ?? "(untitled)")
            let origin = EventOrigin(file: file, text: text, ordinal: linesAgree ? index : nil,
                                     uid: uid.isEmpty ? "none" : uid, title: title)
            try triageLibicalErrors(in: component, origin: origin)
            records.append(try record(component, origin: origin, hasUID: !uid.isEmpty, index: index))
        }
        return records
    }

    /// Most characters of an event's title kept: open-house titles are repeated in the feeds of
    /// every family at the site.
    static let maxTitleLength = 200

    /// SUMMARY as families may read it: bidirectional controls removed (they can reorder what the
    /// calendar shows), at most `maxTitleLength` scalars.
    static func displayTitle(_ summary: String) -> String {
        let text = TextScalars.removingBidiControls(summary).text
        let scalars = text.unicodeScalars
        guard scalars.count > maxTitleLength else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(maxTitleLength - 1))) + "…"
    }

    private func record(_ component: OpaquePointer, origin: EventOrigin, hasUID: Bool, index: Int) throws(InputError) -> EventRecord {
        guard let startProperty = icalcomponent_get_first_property(component, ICAL_DTSTART_PROPERTY) else {
            throw origin.error("DTSTART", "has no start (DTSTART).", fix: "give the event a start date and time.")
        }
        if !hasUID { warn(origin.warning(nil, "has no UID; its occurrences get an id from their position in the file.")) }
        let start = try time(of: startProperty, name: "DTSTART", origin: origin)
        let recurrence = try icalcomponent_get_first_property(component, ICAL_RECURRENCEID_PROPERTY)
            .map { (p) throws(InputError) in try time(of: p, name: "RECURRENCE-ID", origin: origin) }
        return EventRecord(component: component, origin: hasUID ? origin : origin.renamed("event-\(index + 1)"),
                           cancelled: icalcomponent_get_status(component) == ICAL_STATUS_CANCELLED,
                           start: start, length: try length(of: component, start: start, origin: origin),
                           recurrenceID: recurrence)
    }

    /// The length of every occurrence, from DTEND or DURATION.
    private func length(of component: OpaquePointer, start: icaltimetype, origin: EventOrigin) throws(InputError) -> EventRecord.Length {
        let endProperty = icalcomponent_get_first_property(component, ICAL_DTEND_PROPERTY)
        let durationProperty = icalcomponent_get_first_property(component, ICAL_DURATION_PROPERTY)
        if endProperty != nil, durationProperty != nil {
            warn(origin.warning("DURATION", "has both DTEND and DURATION; DTEND is used."))
        }
        if let endProperty {
            var end = try time(of: endProperty, name: "DTEND", origin: origin)
            if start.is_date != 0 {
                guard let first = LocalDate(wall: start.year, start.month, start.day),
                      let last = LocalDate(wall: end.year, end.month, end.day) else { return .days(1) }
                guard last >= first else { throw endsBeforeStart(origin) }
                return .days(max(1, last.dayNumber - first.dayNumber))
            }
            if end.is_date != 0 {
                // A date-only end of a timed event: read it as midnight in the start's zone.
                end.is_date = 0
                end.zone = start.zone
            }
            var seconds = instant(end) - instant(start)
            // A start in the spring-forward gap moves forward by the gap (RFC 5545 3.3.5). An end
            // that is then not after it keeps the length the wall times give, rather than making
            // the event last nothing or end before it starts (02:30-03:15 on that day is
            // 03:30-04:15; 02:30-04:00 stays 03:30-04:00).
            if seconds <= 0, isSkipped(start), end.zone == start.zone, let from = Self.wallSeconds(start), let to = Self.wallSeconds(end) {
                seconds = to - from
            }
            guard seconds >= 0 else { throw endsBeforeStart(origin) }
            return .seconds(seconds)
        }
        if let durationProperty {
            let duration = icalproperty_get_duration(durationProperty)
            guard duration.is_neg == 0 else {
                throw origin.error("DURATION", "has a negative DURATION, so it ends before it starts.",
                                   fix: "give the event a positive length (e.g. PT1H) or a DTEND after its DTSTART.")
            }
            if start.is_date != 0 { return .days(max(1, Int(duration.days) + 7 * Int(duration.weeks))) }
            return .seconds(Int(icaldurationtype_as_int(duration)))
        }
        return start.is_date != 0 ? .days(1) : .seconds(0)
    }

    private func endsBeforeStart(_ origin: EventOrigin) -> InputError {
        origin.error("DTEND", "ends before it starts.",
                     fix: "correct the event's end (DTEND) so that it is after its start (DTSTART), then export the calendar again.")
    }

    /// A DATE or DATE-TIME property's value with its zone attached: a TZID's zone, UTC moved to
    /// X-WR-TIMEZONE when the calendar names one, floating left floating (program time).
    func time(of property: OpaquePointer, name: String, origin: EventOrigin) throws(InputError) -> icaltimetype {
        guard let value = icalproperty_get_value(property),
              [ICAL_DATETIME_VALUE, ICAL_DATE_VALUE].contains(icalvalue_isa(value)) else {
            throw origin.error(name, "has a \(name) that is not a date or date-time.",
                               fix: "correct the event's \(name) in the calendar program and export it again.")
        }
        return try attachZone(icalvalue_get_datetime(value), property: property, name: name, origin: origin)
    }

    /// Attaches the zone a date-time is meant in (see `time(of:name:origin:)`); checks its range.
    func attachZone(_ value: icaltimetype, property: OpaquePointer, name: String, origin: EventOrigin) throws(InputError) -> icaltimetype {
        var time = value
        // libical's time arithmetic and recurrence iterator are exact for these years only.
        guard icaltime_is_valid_time(time) != 0, icaltime_is_null_time(time) == 0,
              (1900...2500).contains(time.year), LocalDate(wall: time.year, time.month, time.day) != nil else {
            throw origin.error(name, "has a \(name) that is not a real date between 1900 and 2500.",
                               fix: "correct the event's \(name) in the calendar program and export it again.")
        }
        if time.is_date != 0 { return time }
        if icaltime_is_utc(time) != 0 {
            return exportZone.map { icaltime_convert_to_zone(time, $0) } ?? time
        }
        if let tzid = tzidParameter(property)?.trimmingSpaces, !tzid.isEmpty {
            let zone = try zone(tzid: tzid, property: name, origin: origin)
            _ = icaltime_set_timezone(&time, zone)
        }
        return time
    }
}

extension EventOrigin {
    /// The same origin with a made-up UID (for events that have none).
    func renamed(_ uid: String) -> EventOrigin {
        EventOrigin(file: file, text: text, ordinal: ordinal, uid: uid, title: title)
    }
}
