import EnlaceCore
/// The VTIMEZONE blocks for Pacific time as each exporter writes them.
///
/// Every TZID an event uses needs its VTIMEZONE in the same file; Outlook names the zone by its
/// Windows name and anchors the rules in 1601, Apple uses the IANA name with 2007 anchors.
enum TimeZoneBlocks {
    /// Outlook's `Pacific Standard Time` zone: one STANDARD and one DAYLIGHT block.
    static func outlook(_ ics: inout ICSWriter) {
        ics.component("VTIMEZONE") { ics in
            ics.line("TZID:Pacific Standard Time")
            ics.component("STANDARD") { ics in
                ics.line("DTSTART:16011104T020000")
                ics.line("RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11")
                ics.line("TZOFFSETFROM:-0700")
                ics.line("TZOFFSETTO:-0800")
            }
            ics.component("DAYLIGHT") { ics in
                ics.line("DTSTART:16010311T020000")
                ics.line("RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3")
                ics.line("TZOFFSETFROM:-0800")
                ics.line("TZOFFSETTO:-0700")
            }
        }
    }

    /// Apple Calendar's `America/Los_Angeles` zone.
    static func apple(_ ics: inout ICSWriter) {
        ics.component("VTIMEZONE") { ics in
            ics.line("TZID:America/Los_Angeles")
            ics.component("DAYLIGHT") { ics in
                ics.line("TZOFFSETFROM:-0800")
                ics.line("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU")
                ics.line("DTSTART:20070311T020000")
                ics.line("TZNAME:PDT")
                ics.line("TZOFFSETTO:-0700")
            }
            ics.component("STANDARD") { ics in
                ics.line("TZOFFSETFROM:-0700")
                ics.line("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU")
                ics.line("DTSTART:20071104T020000")
                ics.line("TZNAME:PST")
                ics.line("TZOFFSETTO:-0800")
            }
        }
    }

    /// The minimal zone Enlace itself writes (see ICALENDAR.md): the current rules moved to their
    /// first occurrences in 1970, under the plain IANA name.
    static func minimal(_ ics: inout ICSWriter) {
        ics.component("VTIMEZONE") { ics in
            ics.line("TZID:America/Los_Angeles")
            ics.component("DAYLIGHT") { ics in
                ics.line("DTSTART:19700308T020000")
                ics.line("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU")
                ics.line("TZOFFSETFROM:-0800")
                ics.line("TZOFFSETTO:-0700")
                ics.line("TZNAME:PDT")
            }
            ics.component("STANDARD") { ics in
                ics.line("DTSTART:19701101T020000")
                ics.line("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU")
                ics.line("TZOFFSETFROM:-0700")
                ics.line("TZOFFSETTO:-0800")
                ics.line("TZNAME:PST")
            }
        }
    }
}
