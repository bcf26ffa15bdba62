import EnlaceCore

/// The columns of each CSV file (spec sections 3 and 10); any other column is a custom attribute.
enum Columns {
    static let sites = ["id", "name", "address"]
    static let sitesRequired = ["id", "name"]
    static let mentors = ["id", "name", "email", "phone", "languages", "sites", "modes", "capacity",
                          "availability", "open_house", "topics"]
    static let mentorsRequired = ["id", "name", "languages", "modes", "capacity", "availability"]
    static let parents = ["id", "name", "email", "phone", "languages", "site", "modes", "availability",
                          "open_house", "topics"]
    static let parentsRequired = ["id", "name", "languages", "site", "modes", "availability"]
    static let topics = ["id", "title", "description", "required", "from", "until"]
    static let topicsRequired = ["id", "title"]
    /// The custom column of parents.csv that the built-in `keep_apart` plugin reads (spec section 8).
    static let keepApartFrom = "keep_apart_from"
    /// The custom column of mentors.csv that gives the name families read (spec section 7).
    static let displayName = "display_name"
}

/// Limits on single cells, in Unicode scalars (a `Character` can hold any number of them). Every
/// one of these values is repeated in feeds, letters or reports, so a pasted page in one cell
/// would be copied into every family's calendar.
enum CellLimits {
    static let id = 100
    static let name = 200
    static let address = 500
    static let email = 254
    static let phone = 40
    static let topicTitle = 200
    static let topicDescription = 4000
}

/// Turns cells into domain values, each mistake an `InputError` naming file, line and column.
struct CellReader {
    let table: CSVTable
    let row: CSVTable.Row
    let notes: CellNotes

    func fail(_ column: String, _ problem: String, fix: String) -> InputError {
        InputError(file: table.file, line: row.line, field: column, problem: problem, fix: fix)
    }

    func required(_ column: String, what: String) throws(InputError) -> String {
        let value = row[column]
        guard !value.isEmpty else {
            throw fail(column, "is empty; every row needs \(what).", fix: "fill in the \(column) cell.")
        }
        return value
    }

    /// The id in `column`, in Unicode normal form C (see `IDText`).
    func id(_ column: String = "id") throws(InputError) -> String {
        try IDText.normalized(try required(column, what: "an id"), reader: self, column: column)
    }

    /// The `;`-separated ids of `column` (sites, topics), each normalised as `id` is.
    func ids(_ column: String) throws(InputError) -> [String] {
        var result: [String] = []
        for item in list(column) { result.append(try IDText.normalized(item, reader: self, column: column)) }
        return result
    }

    func list(_ column: String) -> [String] {
        row[column].split(separator: ";").map(CSVTable.trimmed).filter { !$0.isEmpty }
    }

    /// Free text that reaches feeds, letters or reports: at most `maximum` scalars, no control
    /// character (line breaks only when `multiline`, then all written LF), bidirectional controls
    /// removed (and counted for a warning). A required text made only of invisible characters is
    /// refused.
    func text(_ column: String, maximum: Int, required what: String? = nil, multiline: Bool = false) throws(InputError) -> String {
        let raw = row[column]
        if let what, TextScalars.isBlank(raw) {
            throw fail(column, raw.isEmpty ? "is empty; every row needs \(what)." : "is made only of invisible characters (spaces, zero-width or formatting characters); every row needs \(what).",
                       fix: "fill in the \(column) cell with visible text.")
        }
        let length = raw.unicodeScalars.count
        guard length <= maximum else {
            throw fail(column, "is \(length) characters long; the limit is \(maximum).",
                       fix: "shorten the cell (it is repeated in calendars and letters); if text was pasted into the wrong cell, move it back.")
        }
        if let bad = TextScalars.firstControl(in: raw, allowingLineBreaks: multiline) {
            throw fail(column, "contains \(TextScalars.describe(bad)), a control character, which \(multiline ? "text" : "a one-line value") cannot hold.",
                       fix: "retype the cell\(multiline ? "" : " on one line") without copying it from another program.")
        }
        let (text, removed) = TextScalars.removingBidiControls(raw)
        if removed > 0 { notes.removedBidiControls(removed, line: row.line, column: column) }
        return multiline ? CellReader.unixLineBreaks(text) : text
    }

    /// `text` with CRLF and CR written as LF: one kind of line break for feeds and letters.
    static func unixLineBreaks(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var result = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && afterCR { afterCR = false; continue }
            afterCR = scalar == "\r"
            result.append(afterCR ? "\n" : scalar)
        }
        return String(result)
    }

    /// The languages cell, parsed once per distinct text (`known`): many families share one.
    func languages(_ known: inout [String: [LanguageTag]]) throws(InputError) -> [LanguageTag] {
        let text = row["languages"]
        if let parsed = known[text] { return parsed }
        let parsed = try languages()
        known[text] = parsed
        return parsed
    }

    func languages() throws(InputError) -> [LanguageTag] {
        let tags = list("languages")
        guard !tags.isEmpty else {
            throw fail("languages", "is empty.", fix: "list the languages spoken, preferred first, e.g. es;en.")
        }
        var result: [LanguageTag] = []
        for text in tags {
            guard let tag = LanguageTag(text) else {
                throw fail("languages", "\"\(text.prefix(40))\" is not a BCP 47 language tag.",
                           fix: "use tags such as es, es-MX, vi, zh-Hant, tl, separated by \";\" (write \"es\", not \"Spanish\").")
            }
            result.append(tag)
        }
        return result
    }

    func modes() throws(InputError) -> Set<MeetingMode> {
        let values = list("modes")
        guard !values.isEmpty else {
            throw fail("modes", "is empty.", fix: "write in_person, virtual, or in_person;virtual.")
        }
        var modes = Set<MeetingMode>()
        for value in values {
            guard let mode = MeetingMode(rawValue: value.lowercased()) else {
                throw fail("modes", "\"\(value.prefix(40))\" is not a meeting mode.", fix: "write in_person, virtual, or in_person;virtual.")
            }
            modes.insert(mode)
        }
        return modes
    }

    /// The availability cell, parsed once per distinct text (`known`): many families share one.
    func availability(_ known: inout [String: Availability]) throws(InputError) -> Availability {
        let text = row["availability"]
        if let parsed = known[text] { return parsed }
        let parsed = try availability()
        known[text] = parsed
        return parsed
    }

    func availability() throws(InputError) -> Availability {
        do {
            return try Availability(parsing: row["availability"])
        } catch {
            throw fail("availability", error.description + ".", fix: "separate windows with \";\", e.g. TU 18:00-20:00; SA 09:00-12:00.")
        }
    }

    func yesNo(_ column: String) throws(InputError) -> Bool {
        switch row[column].lowercased() {
        case "", "no", "n", "false": return false
        case "yes", "y", "true": return true
        case let other:
            throw fail(column, "\"\(other.prefix(40))\" is neither yes nor no.", fix: "write yes or no (empty means no).")
        }
    }

    func capacity() throws(InputError) -> Int {
        let text = try required("capacity", what: "a capacity")
        guard let value = Int(text), (1...100).contains(value) else {
            throw fail("capacity", "\"\(text.prefix(40))\" is not a whole number from 1 to 100.",
                       fix: "write the most parents this mentor takes in total, e.g. 8.")
        }
        return value
    }

    func contact() throws(InputError) -> Contact {
        let email = try text("email", maximum: CellLimits.email), phone = try text("phone", maximum: CellLimits.phone)
        if !email.isEmpty && (!email.contains("@") || email.unicodeScalars.contains(where: { $0 == ";" || $0 == "," || TextScalars.isInvisible($0) })) {
            throw fail("email", "\"\(email.prefix(80))\" is not an email address.", fix: "write one address such as ana@example.org, or leave the cell empty.")
        }
        return Contact(email: email.isEmpty ? nil : email, phone: phone.isEmpty ? nil : phone)
    }

    /// The columns Enlace does not know, as text (line breaks allowed, bidirectional controls
    /// removed: a plugin may quote them in an explanation).
    func attributes(known: [String]) throws(InputError) -> [String: String] {
        var result: [String: String] = [:]
        for column in table.header where !known.contains(column) {
            result[column] = try text(column, maximum: CSVTable.maximumCellBytes, multiline: true)
        }
        return result
    }
}
