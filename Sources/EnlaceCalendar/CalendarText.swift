import EnlaceCore

/// The raw bytes of one calendar file, checked before libical sees them, with a map from events to
/// source lines.
///
/// libical 3.0.16 accepts almost anything (a truncated file, a file with no calendar in it) and has
/// known CPU denial-of-service inputs (one 300 KB line takes 10 s to parse), and it keeps no line
/// numbers. This pass is linear in the file size and refuses, with a line number, what a district
/// calendar never contains: more than `maxBytes`, bytes that are not UTF-8, control characters
/// (RFC 5545 allows none but HTAB), unfolded lines over `maxLineBytes`, components nested deeper
/// than `maxDepth`, unbalanced BEGIN/END, and anything but one VCALENDAR.
struct CalendarText {
    /// Largest file accepted: a whole district's year of events is a few hundred kilobytes.
    static let maxBytes = 5 * 1024 * 1024
    /// Longest unfolded content line. Real descriptions stay far below; libical's parser slows
    /// down sharply on lines of several hundred kilobytes.
    static let maxLineBytes = 100_000
    /// Deepest component nesting (VCALENDAR > VEVENT > VALARM is 3; VTIMEZONE > STANDARD is 2).
    static let maxDepth = 8
    /// Most events (top-level VEVENTs) in one file: a school's calendar holds a few hundred a year;
    /// more is an export of many years or of a whole district, which costs time in the child and
    /// gives the coordinator nothing.
    static let maxEvents = 10_000

    /// Where one top-level VEVENT sits in the file.
    struct EventLines {
        /// The line of its BEGIN:VEVENT.
        var begin: Int
        /// The first line of each property, by upper-cased name.
        var properties: [String: Int] = [:]
    }

    /// The bytes for libical: BOM removed, NUL-terminated.
    let cString: [UInt8]
    /// The top-level VEVENTs in file order (libical keeps that order for them).
    let events: [EventLines]
    /// The first line of each property of the VCALENDAR itself (X-WR-TIMEZONE…), by upper-cased name.
    let calendarProperties: [String: Int]

    /// Checks `bytes` and records where each event's properties are.
    /// - Throws: `InputError` naming `file`, and the line when there is one.
    /// - Complexity: O(n) in the size of the file.
    init(bytes: [UInt8], file: String) throws(InputError) {
        guard bytes.count <= Self.maxBytes else {
            throw InputError(file: file, problem: "the file is \(bytes.count / 1024) KB; the limit is \(Self.maxBytes / 1024 / 1024) MB.",
                             fix: "export only this school year's events, or split the calendar.")
        }
        // UTF-16 (with a byte-order mark, or ASCII text with every other byte zero) would otherwise
        // be refused for a "control character" on line 1, which tells the coordinator nothing.
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
            || (bytes.count >= 8 && (bytes[1] == 0 && bytes[3] == 0 || bytes[0] == 0 && bytes[2] == 0)) {
            throw InputError(file: file, line: 1, problem: "the file is saved as UTF-16 text; iCalendar files are UTF-8.",
                             fix: "export the calendar again from the calendar program, or save the file as UTF-8 in a text editor.")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard body.contains(where: { ![0x20, 0x09, 0x0D, 0x0A].contains($0) }) else {
            throw InputError(file: file, problem: "the file is empty.",
                             fix: "export the calendar again as an .ics file (iCalendar).")
        }
        var structure = Structure(file: file)
        var pending: LogicalLine?
        var lineNumber = 0
        var start = body.startIndex
        while start < body.endIndex {
            let end = body[start...].firstIndex(of: 0x0A) ?? body.endIndex
            lineNumber += 1
            var line = body[start..<end]
            start = end < body.endIndex ? body.index(after: end) : end
            if line.last == 0x0D { line = line.dropLast() }
            try Self.checkCharacters(line, line: lineNumber, file: file)
            if let first = line.first, first == 0x20 || first == 0x09, pending != nil {
                pending!.append(line.dropFirst())
                continue
            }
            if let done = pending { try structure.consume(done) }
            pending = line.isEmpty ? nil : LogicalLine(line: lineNumber, bytes: line)
        }
        if let done = pending { try structure.consume(done) }
        try structure.finish()
        cString = Array(body) + [0]
        events = structure.events
        calendarProperties = structure.calendarProperties
    }

    /// The line of `property` in the `ordinal`-th top-level event, when known.
    func line(event ordinal: Int, property: String) -> Int? {
        guard events.indices.contains(ordinal) else { return nil }
        return events[ordinal].properties[property.uppercased()]
    }

    /// The line of the `ordinal`-th top-level event's BEGIN:VEVENT.
    func line(event ordinal: Int) -> Int? {
        events.indices.contains(ordinal) ? events[ordinal].begin : nil
    }

    private static func checkCharacters(_ line: ArraySlice<UInt8>, line number: Int, file: String) throws(InputError) {
        if line.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0D) || $0 == 0x7F }) {
            throw InputError(file: file, line: number, problem: "the line contains a control character, which iCalendar does not allow.",
                             fix: "export the calendar again; if it was edited by hand, remove the invisible character on this line.")
        }
        if String(validating: line, as: UTF8.self) == nil {
            throw InputError(file: file, line: number, problem: "the text is not valid UTF-8.",
                             fix: "export the calendar again as UTF-8 (iCalendar files must be UTF-8).")
        }
    }
}

/// One unfolded content line: where it starts, its length, and its first bytes (enough for the
/// name and a BEGIN/END value).
private struct LogicalLine {
    static let keptBytes = 256
    let line: Int
    var head: [UInt8]
    var length: Int

    init(line: Int, bytes: ArraySlice<UInt8>) {
        self.line = line
        head = Array(bytes.prefix(Self.keptBytes))
        length = bytes.count
    }

    mutating func append(_ bytes: ArraySlice<UInt8>) {
        if head.count < Self.keptBytes { head += bytes.prefix(Self.keptBytes - head.count) }
        length += bytes.count
    }

    /// The property name, upper-cased: everything before the first `;` or `:`.
    var name: String {
        let end = head.firstIndex(where: { $0 == 0x3B || $0 == 0x3A }) ?? head.endIndex
        return String(decoding: head[..<end], as: UTF8.self).uppercased()
    }

    /// The value of a BEGIN/END line, upper-cased and trimmed.
    var value: String {
        guard let colon = head.firstIndex(of: 0x3A) else { return "" }
        let text = String(decoding: head[(colon + 1)...], as: UTF8.self)
        return text.trimmingSpaces.uppercased()
    }
}

/// The BEGIN/END nesting seen so far.
private struct Structure {
    let file: String
    var stack: [(name: String, line: Int)] = []
    var sawCalendar = false
    var events: [CalendarText.EventLines] = []
    var calendarProperties: [String: Int] = [:]

    init(file: String) { self.file = file }

    mutating func consume(_ line: LogicalLine) throws(InputError) {
        guard line.length <= CalendarText.maxLineBytes else {
            throw InputError(file: file, line: line.line, field: line.name.isEmpty ? nil : line.name,
                             problem: "the line is \(line.length) bytes long; the limit is \(CalendarText.maxLineBytes).",
                             fix: "shorten this property (a description or attachment) in the calendar and export it again.")
        }
        let name = line.name
        if stack.isEmpty {
            guard name == "BEGIN", line.value == "VCALENDAR", !sawCalendar else {
                throw sawCalendar
                    ? InputError(file: file, line: line.line, problem: "there is more after END:VCALENDAR.",
                                 fix: "keep one calendar per file (export the school's calendar on its own).")
                    : InputError(file: file, line: line.line, problem: "this is not an iCalendar file: it does not start with BEGIN:VCALENDAR.",
                                 fix: "export the calendar as an .ics file (iCalendar), not a web page or spreadsheet.")
            }
            sawCalendar = true
        }
        switch name {
        case "BEGIN":
            stack.append((line.value, line.line))
            guard stack.count <= CalendarText.maxDepth else {
                throw InputError(file: file, line: line.line, problem: "components are nested more than \(CalendarText.maxDepth) deep.",
                                 fix: "export the calendar again; this file is damaged.")
            }
            if stack.count == 2, line.value == "VEVENT" {
                guard events.count < CalendarText.maxEvents else {
                    throw InputError(file: file, line: line.line, problem: "the calendar holds more than \(CalendarText.maxEvents) events, the most Enlace reads from one file.",
                                     fix: "export only this school year's events of this site (not several years or the whole district), or split the calendar.")
                }
                events.append(.init(begin: line.line))
            }
        case "END":
            let top = stack.removeLast()
            guard top.name == line.value else {
                throw InputError(file: file, line: line.line, problem: "END:\(line.value) does not close BEGIN:\(top.name) of line \(top.line).",
                                 fix: "export the calendar again; this file is damaged.")
            }
        default:
            if stack.count == 1, calendarProperties[name] == nil { calendarProperties[name] = line.line }
            if stack.count == 2, stack[1].name == "VEVENT", events[events.count - 1].properties[name] == nil {
                events[events.count - 1].properties[name] = line.line
            }
        }
    }

    func finish() throws(InputError) {
        if let open = stack.last {
            throw InputError(file: file, problem: "the file ends inside BEGIN:\(open.name) of line \(open.line): END:VCALENDAR is missing, so the file looks truncated.",
                             fix: "download or export the calendar again (the copy is incomplete).")
        }
        if !sawCalendar {
            throw InputError(file: file, problem: "this is not an iCalendar file: it has no BEGIN:VCALENDAR.",
                             fix: "export the calendar as an .ics file (iCalendar).")
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
        return String(s)
    }
}
