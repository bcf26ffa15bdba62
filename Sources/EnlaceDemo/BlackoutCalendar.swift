import EnlaceCore

/// Writes a school year's holidays as the district's Google calendar exports them: all-day
/// events (`DTSTART;VALUE=DATE`, exclusive `DTEND`), transparent so they block no one's time.
enum BlackoutCalendar {
    /// The `.ics` text of `year`'s holidays.
    static func ics(_ year: SchoolYear) -> String {
        var ids = StableIDs(year.shortName + "/holidays/" + year.label)
        var ics = ICSWriter()
        OpenHouseCalendar.googleHeader(&ics, name: "\(year.shortName) \(year.label) School Holidays",
                                       description: "Days with no school at \(year.district)")
        for holiday in year.holidays {
            ics.component("VEVENT") { ics in
                ics.line("DTSTART;VALUE=DATE:" + CalendarMath.icsDate(holiday.first))
                ics.line("DTEND;VALUE=DATE:" + CalendarMath.icsDate(holiday.last.adding(days: 1)))
                ics.line("DTSTAMP:20260815T163000Z")
                ics.line("UID:" + ids.googleUID())
                ics.line("CREATED:20260301T190000Z")
                ics.text("DESCRIPTION", "No school, no parent meetings. Schools and the district office are closed.")
                ics.line("LAST-MODIFIED:20260301T190000Z")
                ics.line("SEQUENCE:0")
                ics.line("STATUS:CONFIRMED")
                ics.text("SUMMARY", holiday.name + " - No School")
                ics.line("TRANSP:TRANSPARENT")
            }
        }
        ics.line("END:VCALENDAR")
        return ics.text
    }
}

/// The example calendars kept at the top of the repository (`calendars/`), which the docs and
/// other modules' tests read as real-world inputs.
///
/// They are generated, never hand-edited: the sample district's own calendars come from the same
/// functions, and a test checks that the committed files equal this output byte for byte.
public enum ExampleCalendars {
    /// The files, with paths relative to the repository root (`calendars/...`).
    public static func files() -> [ProgramFile] {
        let year = SchoolYear.sample
        let sites = SampleSites.defaultSchools
        func export(_ style: ExportStyle, _ name: String) -> ProgramFile {
            let series = sites.compactMap(\.openHouses).first { $0.style == style }!
            return ProgramFile(path: "calendars/open-houses/\(name)-export.ics",
                               contents: OpenHouseCalendar.ics(series, year: year))
        }
        return [
            ProgramFile(path: "calendars/blackouts-\(year.label).ics", contents: BlackoutCalendar.ics(year)),
            export(.google, "google"),
            export(.outlook, "outlook"),
            export(.apple, "apple"),
        ]
    }
}
