import EnlaceCore

/// The desktop exporters: Outlook and Apple Calendar, both with local times and a VTIMEZONE.
extension OpenHouseCalendar {
    static func outlook(_ s: OpenHouseSeries, _ year: SchoolYear,
                        _ ids: inout StableIDs, _ ics: inout ICSWriter) {
        let dates = s.dates(in: year)
        let tzid = "TZID=\"Pacific Standard Time\""
        ics.line("BEGIN:VCALENDAR")
        ics.line("PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN")
        ics.line("VERSION:2.0")
        ics.line("METHOD:PUBLISH")
        ics.line("X-CALSTART:" + CalendarMath.icsUTC(dates.first ?? year.termStart, minuteOfDay: s.startMinute))
        ics.line("X-CALEND:" + CalendarMath.icsUTC(dates.last ?? year.termEnd, minuteOfDay: s.startMinute + s.minutes))
        ics.line("X-WR-RELCALID:{0000002E-\(ids.hex(4))-\(ids.hex(4))-\(ids.hex(4))-\(ids.hex(12))}")
        ics.line("X-WR-CALNAME:" + s.siteName + " Parent Calendar")
        ics.line("X-PRIMARY-CALENDAR:TRUE")
        ics.line("X-OWNER;CN=\"\(s.siteName) Office\":mailto:office@\(s.siteID).example.org")
        ics.line("X-MS-OLK-WKHRSTART;\(tzid):073000")
        ics.line("X-MS-OLK-WKHREND;\(tzid):163000")
        TimeZoneBlocks.outlook(&ics)
        if let first = dates.first, let last = dates.last {
            // The school skips the open house in the first week back from winter break.
            let skipped = dates.first { $0.components.month == 1 }
            ics.component("VEVENT") { ics in
                ics.line("CLASS:PUBLIC")
                ics.line("CREATED:20260505T201733Z")
                ics.text("DESCRIPTION", s.description + "\n")
                ics.line("DTEND;\(tzid):" + CalendarMath.icsLocal(first, minuteOfDay: s.startMinute + s.minutes))
                ics.line("DTSTAMP:20260814T221500Z")
                ics.line("DTSTART;\(tzid):" + CalendarMath.icsLocal(first, minuteOfDay: s.startMinute))
                if let skipped {
                    ics.line("EXDATE;\(tzid):" + CalendarMath.icsLocal(skipped, minuteOfDay: s.startMinute))
                }
                ics.line("LAST-MODIFIED:20260505T201733Z")
                ics.text("LOCATION", s.siteName + " Multipurpose Room")
                ics.line("PRIORITY:5")
                // Outlook ends a series with the UTC start of its last occurrence.
                let until = CalendarMath.icsUTC(last, minuteOfDay: s.startMinute)
                ics.line("RRULE:FREQ=MONTHLY;UNTIL=\(until);BYDAY=\(s.byDay)")
                ics.line("SEQUENCE:0")
                ics.text("SUMMARY;LANGUAGE=en-us", s.title)
                ics.line("TRANSP:OPAQUE")
                ics.line("UID:" + ids.outlookUID())
                // HTML without commas: libical does not re-escape commas in X- values.
                ics.line("X-ALT-DESC;FMTTYPE=text/html:<html><body><p>\(s.title)</p><p>Families are welcome. "
                         + "Interpreters will be present.</p></body></html>")
                ics.line("X-MICROSOFT-CDO-BUSYSTATUS:BUSY")
                ics.line("X-MICROSOFT-CDO-IMPORTANCE:1")
                ics.line("X-MICROSOFT-DISALLOW-COUNTER:FALSE")
                ics.line("X-MS-OLK-AUTOFILLLOCATION:FALSE")
                ics.line("X-MS-OLK-CONFTYPE:0")
                ics.component("VALARM") { ics in
                    ics.line("TRIGGER:-PT15M")
                    ics.line("ACTION:DISPLAY")
                    ics.line("DESCRIPTION:Reminder")
                }
            }
        }
        ics.line("END:VCALENDAR")
    }

    static func apple(_ s: OpenHouseSeries, _ year: SchoolYear,
                      _ ids: inout StableIDs, _ ics: inout ICSWriter) {
        let dates = s.dates(in: year)
        let tzid = "TZID=America/Los_Angeles"
        ics.line("BEGIN:VCALENDAR")
        ics.line("METHOD:PUBLISH")
        ics.line("VERSION:2.0")
        ics.line("X-WR-CALNAME:" + s.siteName + " Family Nights")
        ics.line("PRODID:-//Apple Inc.//macOS 15.5//EN")
        ics.line("X-APPLE-CALENDAR-COLOR:#34AADC")
        ics.line("X-WR-TIMEZONE:America/Los_Angeles")
        ics.line("CALSCALE:GREGORIAN")
        TimeZoneBlocks.apple(&ics)
        guard let first = dates.first, let last = dates.last else { return ics.line("END:VCALENDAR") }
        let uid = ids.uuid()
        func event(_ ics: inout ICSWriter, date: LocalDate, recurrenceID: LocalDate?, sequence: Int,
                   extra: (inout ICSWriter) -> Void) {
            ics.component("VEVENT") { ics in
                ics.line("CREATED:20260512T183045Z")
                ics.line("UID:" + uid)
                extra(&ics)
                ics.line("DTEND;\(tzid):" + CalendarMath.icsLocal(date, minuteOfDay: s.startMinute + s.minutes))
                ics.line("TRANSP:OPAQUE")
                ics.line("X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC")
                ics.text("SUMMARY", s.title)
                ics.line("LAST-MODIFIED:2026081\(sequence)T180000Z")
                ics.line("DTSTAMP:20260812T180000Z")
                ics.line("DTSTART;\(tzid):" + CalendarMath.icsLocal(date, minuteOfDay: s.startMinute))
                if let recurrenceID {
                    ics.line("RECURRENCE-ID;\(tzid):" + CalendarMath.icsLocal(recurrenceID, minuteOfDay: s.startMinute))
                }
                ics.line("SEQUENCE:\(sequence)")
            }
        }
        event(&ics, date: first, recurrenceID: nil, sequence: 0) { ics in
            ics.text("LOCATION", s.siteName + "\n" + s.address)
            ics.text("DESCRIPTION", s.description)
            let until = CalendarMath.icsUTC(last, minuteOfDay: s.startMinute)
            ics.line("RRULE:FREQ=MONTHLY;UNTIL=\(until);BYDAY=\(s.byDay)")
        }
        // Occurrences on school holidays: the December one moves a week earlier (before winter
        // break); any other is cancelled.
        for date in dates where year.isHoliday(date) {
            let earlier = date.adding(days: -7)
            if date.components.month == 12, !year.isHoliday(earlier) {
                event(&ics, date: earlier, recurrenceID: date, sequence: 2) { ics in
                    ics.text("LOCATION", s.siteName + "\n" + s.address)
                    ics.text("DESCRIPTION", "Moved one week earlier because of winter break.")
                }
            } else {
                event(&ics, date: date, recurrenceID: date, sequence: 1) { ics in
                    ics.line("STATUS:CANCELLED")
                    ics.text("DESCRIPTION", "Cancelled: no school that day.")
                }
            }
        }
        ics.line("END:VCALENDAR")
    }
}
