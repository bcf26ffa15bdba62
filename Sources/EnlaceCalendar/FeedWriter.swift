import CLibical
import EnlaceCore
import EnlaceFeeds
import Foundation

/// Writes feeds as RFC 5545 calendars with libical (issue 5, ICALENDAR.md).
///
/// Every feed has VERSION, PRODID, CALSCALE:GREGORIAN, METHOD:PUBLISH, NAME and X-WR-CALNAME,
/// REFRESH-INTERVAL and X-PUBLISHED-TTL (PT6H), a minimal VTIMEZONE for the program's zone, and
/// events with TZID-qualified local times (dates for all-day events), an ORGANIZER (which
/// `icalrestriction_check` requires with METHOD:PUBLISH), TRANSP, SEQUENCE, LAST-MODIFIED and a DTSTAMP equal to LAST-MODIFIED,
/// so that an unchanged feed is byte-identical from run to run. libical's writer produces CRLF
/// line endings, folds lines at 75 octets without splitting a UTF-8 character, and escapes TEXT.
///
/// Thread safety: everything that touches zones runs under the module's libical lock; events are
/// rendered on several threads at once without it (see `eventText`).
public struct FeedWriter: Sendable {
    /// PRODID of every feed.
    public static let productID = "-//Enlace//Parent mentor feeds//EN"
    /// How often clients should refresh (REFRESH-INTERVAL and X-PUBLISHED-TTL).
    public static let refreshInterval = "PT6H"

    /// The program's IANA time zone.
    public let timezone: String

    /// Checks that libical knows `timezone` and loads it once, on this thread (first zone loads
    /// race in libical).
    /// - Throws: `InputError` for `enlace.toml`'s `timezone` when the zone is unknown.
    public init(timezone: String) throws(InputError) {
        try libical.run { () throws(InputError) in
            icalerror_set_errors_are_fatal(0)
            guard let zone = FeedTimeZone.component(named: timezone) else { throw Zones.unknownProgramZone(timezone) }
            icalcomponent_free(zone)
            // Sets up libical's builtin zone list and its static UTC zone here, under the lock,
            // before any thread renders DTSTAMPs in UTC.
            _ = icaltimezone_get_utc_timezone()
        }
        self.timezone = timezone
    }

    /// The feed as iCalendar bytes (UTF-8, CRLF): `render([calendar])`'s only feed.
    ///
    /// - Complexity: O(events); roughly 15 libical properties per event.
    public func render(_ calendar: FeedCalendar) -> [UInt8] {
        render([calendar], threads: 1).bytes(ofFeed: 0)
    }

    /// The feed rendered as one libical component tree: the reference that `render(_:)` must
    /// match byte for byte (tests compare them). Slower: every event is rendered again.
    func renderTree(_ calendar: FeedCalendar) -> [UInt8] {
        libical.run {
            let root = icalcomponent_new(ICAL_VCALENDAR_COMPONENT)!
            defer { icalcomponent_free(root) }
            addCalendarProperties(calendar, to: root)
            if let zone = FeedTimeZone.component(named: timezone) { icalcomponent_add_component(root, zone) }
            for event in calendar.events {
                icalcomponent_add_component(root, component(for: event, in: calendar))
            }
            return text(of: root)
        }
    }

    /// A header: BEGIN:VCALENDAR, the calendar properties and the VTIMEZONE; the text of a
    /// calendar without events, up to its closing line. Returns (header, closing line).
    func header(_ calendar: FeedCalendar) -> (header: [UInt8], end: [UInt8]) {
        libical.run {
            let root = icalcomponent_new(ICAL_VCALENDAR_COMPONENT)!
            defer { icalcomponent_free(root) }
            addCalendarProperties(calendar, to: root)
            if let zone = FeedTimeZone.component(named: timezone) { icalcomponent_add_component(root, zone) }
            let whole = text(of: root)
            let end = Array("END:VCALENDAR\r\n".utf8)
            precondition(whole.count >= end.count && Array(whole.suffix(end.count)) == end,
                         "libical ended a VCALENDAR without END:VCALENDAR")
            return (Array(whole.dropLast(end.count)), end)
        }
    }

    /// The VTIMEZONE every feed carries, as text: what feeds depend on besides their own values
    /// (libical builds it from the system's time-zone data, which an update may change).
    public func timeZoneText() -> [UInt8] {
        libical.run {
            guard let zone = FeedTimeZone.component(named: timezone) else { return [] }
            defer { icalcomponent_free(zone) }
            return text(of: zone)
        }
    }

    /// The first part of one VEVENT's text: BEGIN:VEVENT and the properties that identify and
    /// version the event (UID, DTSTAMP, DTSTART, DTEND, SEQUENCE, LAST-MODIFIED, STATUS).
    /// `eventHead` followed by `eventTail` is exactly the event's text as libical writes it inside a
    /// calendar: `icalcomponent_as_ical_string_r` writes a component's BEGIN line, each property's
    /// own text in order, its children's text and its END line.
    ///
    /// Runs without the libical lock (so does `eventTail`): it only builds a fresh
    /// component, touches no zone (times are floating with a TZID parameter; UTC is libical's static
    /// zone, set up by `init`) and frees what it made; libical's ring buffer and error state are per
    /// thread. The caller frees the thread's ring buffer (`icalmemory_free_ring`) when done.
    func eventHead(_ event: PublishedEvent) -> [UInt8] {
        let vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT)!
        defer { icalcomponent_free(vevent) }
        addVersion(of: event, to: vevent)
        return Self.cut(text(of: vevent), keepBegin: true)
    }

    /// The rest of one VEVENT's text: the properties that say what it is (SUMMARY to TRANSP) and
    /// END:VEVENT. Shared by every session of a group in one language and status.
    func eventTail(_ event: PublishedEvent, in calendar: FeedCalendar) -> [UInt8] {
        let vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT)!
        defer { icalcomponent_free(vevent) }
        addTexts(of: event, in: calendar, to: vevent)
        return Self.cut(text(of: vevent), keepBegin: false)
    }

    private static let veventBegin = Array("BEGIN:VEVENT\r\n".utf8), veventEnd = Array("END:VEVENT\r\n".utf8)

    /// A VEVENT's text without its END line (`keepBegin`) or without its BEGIN line.
    private static func cut(_ text: [UInt8], keepBegin: Bool) -> [UInt8] {
        precondition(text.starts(with: veventBegin) && text.suffix(veventEnd.count).elementsEqual(veventEnd),
                     "libical wrote a VEVENT without its BEGIN or END line")
        return keepBegin ? Array(text.dropLast(veventEnd.count)) : Array(text.dropFirst(veventBegin.count))
    }

    private func text(of component: OpaquePointer) -> [UInt8] {
        guard let text = icalcomponent_as_ical_string_r(component) else { return [] }
        defer { free(text) }
        return Array(UnsafeRawBufferPointer(start: text, count: strlen(text)))
    }

    private func addCalendarProperties(_ calendar: FeedCalendar, to root: OpaquePointer) {
        icalcomponent_add_property(root, icalproperty_new_version("2.0"))
        icalcomponent_add_property(root, icalproperty_new_prodid(Self.productID))
        icalcomponent_add_property(root, icalproperty_new_calscale("GREGORIAN"))
        icalcomponent_add_property(root, icalproperty_new_method(ICAL_METHOD_PUBLISH))
        icalcomponent_add_property(root, text(icalproperty_new_name(calendar.name), calendar.language))
        // libical 3.0.16 does not escape commas in X- values (ICALENDAR.md): keep them out.
        addX("X-WR-CALNAME", calendar.name.replacingAll(",", with: ""), to: root)
        addX("X-WR-TIMEZONE", calendar.timezone, to: root)
        var interval = icaldurationtype_null_duration()
        interval.hours = 6
        let refresh = icalproperty_new_refreshinterval(interval)!
        icalproperty_add_parameter(refresh, icalparameter_new_value(ICAL_VALUE_DURATION))
        icalcomponent_add_property(root, refresh)
        addX("X-PUBLISHED-TTL", Self.refreshInterval, to: root)
        let description = icalproperty_new_description(calendar.description)!
        icalproperty_add_parameter(description, icalparameter_new_language(calendar.language))
        icalcomponent_add_property(root, description)
    }

    private func component(for event: PublishedEvent, in calendar: FeedCalendar) -> OpaquePointer {
        let vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT)!
        addVersion(of: event, to: vevent)
        addTexts(of: event, in: calendar, to: vevent)
        return vevent
    }

    /// The properties that identify and version an event: UID to STATUS.
    private func addVersion(of event: PublishedEvent, to vevent: OpaquePointer) {
        let content = event.content
        let stamp = utc(event.lastModified)
        icalcomponent_add_property(vevent, icalproperty_new_uid(content.uid))
        icalcomponent_add_property(vevent, icalproperty_new_dtstamp(stamp))
        if content.isAllDay {
            // DTEND is the day after the last day (exclusive), as clients expect of all-day events.
            icalcomponent_add_property(vevent, icalproperty_new_dtstart(date(content.startTime.date)))
            icalcomponent_add_property(vevent, icalproperty_new_dtend(date(content.endTime.date)))
        } else {
            let start = icalproperty_new_dtstart(local(content.startTime))!
            icalproperty_add_parameter(start, icalparameter_new_tzid(timezone))
            icalcomponent_add_property(vevent, start)
            let end = icalproperty_new_dtend(local(content.endTime))!
            icalproperty_add_parameter(end, icalparameter_new_tzid(timezone))
            icalcomponent_add_property(vevent, end)
        }
        icalcomponent_add_property(vevent, icalproperty_new_sequence(Int32(clamping: event.sequence)))
        icalcomponent_add_property(vevent, icalproperty_new_lastmodified(stamp))
        icalcomponent_add_property(vevent, icalproperty_new_status(event.status == .cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED))
    }

    /// The properties that say what an event is, in the event's own language (the calendar's for
    /// history stored before events kept theirs): SUMMARY to TRANSP. They follow `addVersion`'s in
    /// the event.
    private func addTexts(of event: PublishedEvent, in calendar: FeedCalendar, to vevent: OpaquePointer) {
        let content = event.content
        let language = content.language ?? calendar.language
        icalcomponent_add_property(vevent, text(icalproperty_new_summary(content.summary), language))
        if let location = content.location, !location.isEmpty {
            icalcomponent_add_property(vevent, text(icalproperty_new_location(location), language))
        }
        icalcomponent_add_property(vevent, text(icalproperty_new_description(content.description), language))
        if let link = content.meetingURL {
            icalcomponent_add_property(vevent, icalproperty_new_url(link))
            let conference = icalproperty_new_conference(link)!
            icalproperty_add_parameter(conference, icalparameter_new_value(ICAL_VALUE_URI))
            icalproperty_add_parameter(conference, icalparameter_new_feature(ICAL_FEATURE_VIDEO))
            if let label = content.meetingLabel { icalproperty_add_parameter(conference, icalparameter_new_label(label)) }
            icalcomponent_add_property(vevent, conference)
        }
        let who = content.organizer ?? EventOrganizer(name: calendar.organizerName, email: calendar.organizerEmail)
        let organizer = icalproperty_new_organizer("mailto:" + who.email)!
        icalproperty_add_parameter(organizer, icalparameter_new_cn(who.name))
        icalcomponent_add_property(vevent, organizer)
        icalcomponent_add_property(vevent, icalproperty_new_transp(content.transparent ? ICAL_TRANSP_TRANSPARENT : ICAL_TRANSP_OPAQUE))
    }

    /// Adds LANGUAGE to a TEXT property, so that screen readers and clients pick the right voice
    /// and font (Han characters differ between Simplified and Traditional readers).
    private func text(_ property: OpaquePointer?, _ language: String) -> OpaquePointer {
        icalproperty_add_parameter(property!, icalparameter_new_language(language))
        return property!
    }

    private func addX(_ name: String, _ value: String, to component: OpaquePointer) {
        let property = icalproperty_new_x(value)!
        icalproperty_set_x_name(property, name)
        icalcomponent_add_property(component, property)
    }

    private func local(_ time: LocalDateTime) -> icaltimetype {
        let (y, m, d) = time.date.components
        return FeedTimeZone.localTime(year: y, month: m, day: d, minuteOfDay: time.minuteOfDay)
    }

    private func date(_ day: LocalDate) -> icaltimetype {
        let (y, m, d) = day.components
        var time = icaltime_null_date()
        (time.year, time.month, time.day) = (Int32(y), Int32(m), Int32(d))
        return time
    }

    private func utc(_ seconds: Int64) -> icaltimetype {
        icaltime_from_timet_with_zone(time_t(seconds), 0, icaltimezone_get_utc_timezone())
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
