import EnlaceCore

/// How a school's calendar software exported its open houses. Each style reproduces the quirks
/// of real exports that an importer has to handle.
enum ExportStyle: Sendable, CaseIterable {
    /// Google Calendar: UTC times with `Z`, the zone only in `X-WR-TIMEZONE`, a monthly RRULE.
    case google
    /// Outlook: `TZID="Pacific Standard Time"` with its VTIMEZONE, X-MS-OLK properties, an EXDATE.
    case outlook
    /// Apple Calendar: IANA TZID with VTIMEZONE, a moved occurrence (RECURRENCE-ID) and a
    /// cancelled one (STATUS:CANCELLED).
    case apple
    /// Google Calendar again, but one plain event per date, as coordinators often enter them.
    case googleSingleEvents
}

/// A school's monthly open house: the `ordinal`-th `weekday` of each month of the term.
struct OpenHouseSeries: Sendable {
    let siteID: String
    let siteName: String
    let address: String
    let title: String
    let description: String
    let ordinal: Int
    let weekday: Weekday
    /// Local start, minutes after midnight.
    let startMinute: Int
    let minutes: Int
    let style: ExportStyle

    /// The nominal dates within the term (before any exception the exporter writes).
    func dates(in year: SchoolYear) -> [LocalDate] {
        CalendarMath.monthlyDates(ordinal, weekday, from: year.termStart, through: year.termEnd)
    }

    /// `2TH`, as RRULE BYDAY writes the rule.
    var byDay: String { "\(ordinal)\(weekday.code)" }
}

/// Writes a site's open-house calendar in the series' export style.
enum OpenHouseCalendar {
    /// The `.ics` text of `series` over the term of `year`.
    static func ics(_ series: OpenHouseSeries, year: SchoolYear) -> String {
        var ids = StableIDs(series.siteID + "/" + String(describing: series.style))
        var ics = ICSWriter()
        switch series.style {
        case .google: google(series, year, &ids, &ics)
        case .googleSingleEvents: googleSingles(series, year, &ids, &ics)
        case .outlook: outlook(series, year, &ids, &ics)
        case .apple: apple(series, year, &ids, &ics)
        }
        return ics.text
    }

    /// The calendar header Google writes; also used for the blackout calendar.
    static func googleHeader(_ ics: inout ICSWriter, name: String, description: String) {
        ics.line("BEGIN:VCALENDAR")
        ics.line("PRODID:-//Google Inc//Google Calendar 70.9054//EN")
        ics.line("VERSION:2.0")
        ics.line("CALSCALE:GREGORIAN")
        ics.line("METHOD:PUBLISH")
        ics.line("X-WR-CALNAME:" + name)
        ics.line("X-WR-TIMEZONE:America/Los_Angeles")
        ics.line("X-WR-CALDESC:" + description)
    }

    private static func google(_ s: OpenHouseSeries, _ year: SchoolYear,
                               _ ids: inout StableIDs, _ ics: inout ICSWriter) {
        googleHeader(&ics, name: s.siteName + " - Family Events",
                     description: "Parent and family events at " + s.siteName)
        guard let first = s.dates(in: year).first else { return ics.line("END:VCALENDAR") }
        ics.component("VEVENT") { ics in
            ics.line("DTSTART:" + CalendarMath.icsUTC(first, minuteOfDay: s.startMinute))
            ics.line("DTEND:" + CalendarMath.icsUTC(first, minuteOfDay: s.startMinute + s.minutes))
            // Google ends a series at the last second of its final local day, written in UTC.
            let until = CalendarMath.icsUTC(year.termEnd, minuteOfDay: 1439, second: 59)
            ics.line("RRULE:FREQ=MONTHLY;BYDAY=\(s.byDay);UNTIL=\(until)")
            ics.line("DTSTAMP:20260815T163000Z")
            ics.line("UID:" + ids.googleUID())
            ics.line("CREATED:20260520T171204Z")
            ics.text("DESCRIPTION", s.description)
            ics.line("LAST-MODIFIED:20260520T171204Z")
            googleEventEnd(s, &ics)
        }
        ics.line("END:VCALENDAR")
    }

    private static func googleSingles(_ s: OpenHouseSeries, _ year: SchoolYear,
                                      _ ids: inout StableIDs, _ ics: inout ICSWriter) {
        googleHeader(&ics, name: s.siteName + " - Family Events",
                     description: "Parent and family events at " + s.siteName)
        // The coordinator entered one event per month and skipped the holidays by hand.
        for date in s.dates(in: year) where !year.isHoliday(date) {
            ics.component("VEVENT") { ics in
                ics.line("DTSTART:" + CalendarMath.icsUTC(date, minuteOfDay: s.startMinute))
                ics.line("DTEND:" + CalendarMath.icsUTC(date, minuteOfDay: s.startMinute + s.minutes))
                ics.line("DTSTAMP:20260815T163000Z")
                ics.line("UID:" + ids.googleUID())
                ics.line("CREATED:20260601T154410Z")
                ics.line("LAST-MODIFIED:20260601T154410Z")
                googleEventEnd(s, &ics)
            }
        }
        ics.line("END:VCALENDAR")
    }

    /// The properties Google writes last in each event of a series, in its order.
    private static func googleEventEnd(_ s: OpenHouseSeries, _ ics: inout ICSWriter) {
        ics.text("LOCATION", s.siteName + ", " + s.address)
        ics.line("SEQUENCE:0")
        ics.line("STATUS:CONFIRMED")
        ics.text("SUMMARY", s.title)
        ics.line("TRANSP:OPAQUE")
    }
}
