import EnlaceCore

/// The columns of each CSV file (spec section 3); any other column is a custom attribute.
enum Columns {
    static let sites = ["id", "name", "address"]
    static let sitesRequired = ["id", "name"]
    static let mentors = ["id", "name", "email", "phone", "languages", "sites", "modes", "capacity",
                          "availability", "open_house", "topics"]
    static let mentorsRequired = ["id", "name", "languages", "modes", "capacity", "availability"]
    static let parents = ["id", "name", "email", "phone", "languages", "site", "modes", "availability",
                          "open_house", "topics"]
    static let parentsRequired = ["id", "name", "languages", "site", "modes", "availability"]
}

/// Turns cells into domain values, each mistake an `InputError` naming file, line and column.
struct CellReader {
    let table: CSVTable
    let row: CSVTable.Row

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

    func id(_ column: String = "id") throws(InputError) -> String {
        let value = try required(column, what: "an id")
        guard !value.contains(where: { $0 == ";" || $0.isNewline }) else {
            throw fail(column, "\"\(value)\" contains \";\" or a line break, which an id cannot.",
                       fix: "use letters, digits, \"-\" or \"_\" for ids.")
        }
        // Ids are written back into out/assignments.csv and out/feeds.csv, which coordinators open
        // in spreadsheets: a cell starting with one of these is run as a formula (CSV injection).
        if let first = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) {
            throw fail(column, "\"\(value.prefix(60))\" starts with \"\(first)\", which spreadsheets read as the start of a formula; an id cannot.",
                       fix: "start the id with a letter or digit (ids may contain letters, digits, \"-\" and \"_\").")
        }
        return value
    }

    func list(_ column: String) -> [String] {
        row[column].split(separator: ";").map(CSVTable.trimmed).filter { !$0.isEmpty }
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
                throw fail("languages", "\"\(text)\" is not a BCP 47 language tag.",
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
                throw fail("modes", "\"\(value)\" is not a meeting mode.", fix: "write in_person, virtual, or in_person;virtual.")
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
            throw fail(column, "\"\(other)\" is neither yes nor no.", fix: "write yes or no (empty means no).")
        }
    }

    func capacity() throws(InputError) -> Int {
        let text = try required("capacity", what: "a capacity")
        guard let value = Int(text), (1...100).contains(value) else {
            throw fail("capacity", "\"\(text)\" is not a whole number from 1 to 100.",
                       fix: "write the most parents this mentor takes in total, e.g. 8.")
        }
        return value
    }

    func contact() throws(InputError) -> Contact {
        let email = row["email"], phone = row["phone"]
        if !email.isEmpty && (!email.contains("@") || email.contains(where: { $0 == " " || $0 == ";" })) {
            throw fail("email", "\"\(email)\" is not an email address.", fix: "write one address such as ana@example.org, or leave the cell empty.")
        }
        return Contact(email: email.isEmpty ? nil : email, phone: phone.isEmpty ? nil : phone)
    }

    func attributes(known: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for column in table.header where !known.contains(column) {
            result[column] = row[column]
        }
        return result
    }
}
