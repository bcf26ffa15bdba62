import EnlaceCore
/// The calendars `enlace init` writes. iCalendar has no comments, so each file explains itself in
/// its calendar DESCRIPTION (RFC 7986) and, for the example event, in the event's DESCRIPTION.
enum TemplateCalendars {
    /// A valid blackout calendar with no events yet. The time zone block keeps it valid
    /// (RFC 5545 wants at least one component) without blocking any day.
    static func blackouts() -> String {
        var ics = header(name: "School holidays",
                         description: "Add one all-day event for each holiday or break: every day an event covers "
                             + "has no meetings. Or replace this file with your district's holiday calendar.")
        TimeZoneBlocks.minimal(&ics)
        ics.line("END:VCALENDAR")
        return ics.text
    }

    /// An example open-house calendar: one monthly event that explains how to replace it.
    static func openHouses() -> String {
        var ics = header(name: "Example site open houses",
                         description: "Open houses of one site. Rename this file to the site's id from "
                             + "data/sites.csv (for example jacaranda-es.ics) or replace it with the "
                             + "calendar exported from Google Calendar or Outlook or Apple Calendar.")
        TimeZoneBlocks.minimal(&ics)
        ics.component("VEVENT") { ics in
            ics.line("UID:example-open-house@enlace.example.org")
            ics.line("DTSTAMP:20260801T000000Z")
            ics.line("DTSTART;TZID=America/Los_Angeles:20260910T173000")
            ics.line("DTEND;TZID=America/Los_Angeles:20260910T183000")
            ics.line("RRULE:FREQ=MONTHLY;BYDAY=2TH;UNTIL=20270611T065959Z")
            ics.text("SUMMARY", "Parent Open House (example)")
            ics.text("DESCRIPTION", """
                Example: an open house on the second Thursday of every month, 5:30-6:30 pm. \
                Enlace can schedule mentor meetings right after (or before) each open house. \
                Replace this event with your site's real open houses; cancelled dates \
                (EXDATE or STATUS:CANCELLED) are honoured.
                """)
            ics.line("ORGANIZER;CN=Enlace:mailto:no-reply@enlace.example.org")
        }
        ics.line("END:VCALENDAR")
        return ics.text
    }

    private static func header(name: String, description: String) -> ICSWriter {
        var ics = ICSWriter()
        ics.line("BEGIN:VCALENDAR")
        ics.line("VERSION:2.0")
        ics.line("PRODID:-//Enlace//Program template//EN")
        ics.line("CALSCALE:GREGORIAN")
        ics.line("METHOD:PUBLISH")
        ics.text("NAME", name)
        ics.line("X-WR-CALNAME:" + name)
        ics.line("X-WR-TIMEZONE:America/Los_Angeles")
        ics.text("DESCRIPTION", description)
        return ics
    }
}
