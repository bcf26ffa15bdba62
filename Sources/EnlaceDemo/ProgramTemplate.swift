import EnlaceCore
/// The empty program folder `enlace init` writes: settings with every key explained, CSV files
/// with their header rows, example calendars, and a README with the next steps.
public enum ProgramTemplate {
    /// The files `enlace init` writes for a program called `programName`.
    ///
    /// The folder is valid as written: `enlace import` accepts it (with no people yet), so a
    /// coordinator can fill it in step by step.
    public static func files(programName: String) -> [ProgramFile] {
        [
            ProgramFile(path: "enlace.toml", contents: settings(programName)),
            ProgramFile(path: "README.txt", contents: readme(programName)),
            ProgramFile(path: "data/sites.csv", contents: header(["id", "name", "address"])),
            ProgramFile(path: "data/mentors.csv", contents: header(SamplePeople.mentorHeader)),
            ProgramFile(path: "data/parents.csv", contents: header(Array(SamplePeople.parentHeader.dropLast()))),
            ProgramFile(path: "calendars/blackouts.ics", contents: TemplateCalendars.blackouts()),
            ProgramFile(path: "calendars/examples/open-house-example.ics", contents: TemplateCalendars.openHouses()),
        ]
    }

    private static func header(_ columns: [String]) -> String {
        columns.joined(separator: ",") + "\n"
    }

    /// `text` as a TOML basic string, quotes included.
    static func tomlString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    result += (hex.count == 1 ? "\\u000" : "\\u00") + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    static func readme(_ programName: String) -> String {
        """
        \(programName): an Enlace program folder

        Next steps:
          1. Check enlace.toml: the time zone and the term dates are required; every other
             setting shows its default in a comment.
          2. Fill the spreadsheets in data/ (keep the header rows; save as CSV, UTF-8):
               sites.csv    one row per school (id, name, address)
               mentors.csv  one row per parent mentor
               parents.csv  one row per family; extra columns (e.g. needs_interpreter)
                            are kept for your own rules
             Lists inside a cell are separated by ";", e.g. languages "es;en".
             Availability is written like "TU 18:00-20:00; SA 09:00-12:00".
          3. Put each school's open-house calendar (exported from Google Calendar,
             Outlook or Apple Calendar) in calendars/open-houses/, named by the school's
             id: a school with id "jacaranda-es" gets calendars/open-houses/jacaranda-es.ics.
             calendars/examples/open-house-example.ics shows the shape (a monthly
             open house); Enlace reads only calendars/open-houses/, and refuses a
             calendar there named for a site that is not in sites.csv.
          4. Put the district's holidays in calendars/blackouts.ics (all-day events).
          5. Run:
               enlace import    check the files and store them in the program database
               enlace match     form the mentor groups (out/schedule.json)

        To see a filled-in example first, run: enlace demo SOME-FOLDER

        """
    }
}
