import CSV
import EnlaceCore

/// A CSV file read into rows keyed by header name, with the line each row starts on.
///
/// Follows spec section 3: UTF-8 (a BOM is accepted), RFC 4180 quoting, a header row, columns in
/// any order. Anything else is refused whole with an `InputError` naming the file and line.
struct CSVTable {
    /// One data row: its first line in the file and its cells by (trimmed) header name.
    struct Row {
        let line: Int
        let cells: [String: String]

        /// The trimmed cell, or "" when the column is absent or blank.
        subscript(column: String) -> String { cells[column]?.trimmingSpaces() ?? "" }
    }

    /// The header names, trimmed, in file order.
    let header: [String]
    let rows: [Row]
    let file: String

    /// The largest CSV file Enlace reads (a district of 600,000 families is about 100 MB).
    static let maximumBytes = 512 * 1024 * 1024

    /// Parses `bytes`, the content of `file` (its display path).
    ///
    /// - Throws: `InputError` for a file that is not UTF-8, contains NUL bytes, has an unterminated
    ///   quoted cell, no header, duplicate or empty header names, or rows with more cells than the header.
    init(bytes: [UInt8], file: String) throws(InputError) {
        self.file = file
        guard bytes.count <= CSVTable.maximumBytes else {
            throw InputError(file: file, problem: "is \(bytes.count / 1_048_576) MB, more than Enlace reads (\(CSVTable.maximumBytes / 1_048_576) MB).",
                             fix: "split the program or remove unused columns.")
        }
        let text = try CSVTable.decode(bytes, file: file)
        try CSVTable.checkQuotes(text, file: file)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw InputError(file: file, line: 1, problem: "has no header row.",
                             fix: "put the column names on the first line, e.g. id,name,languages,…")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingSpaces() }
        try CSVTable.checkHeader(header, file: file)
        self.header = header
        var rows: [Row] = []
        var line = 2 + CSVTable.newlines(in: reader.headerRow ?? [])
        while let fields = reader.next() {
            defer { line += 1 + CSVTable.newlines(in: fields) }
            if fields.allSatisfy({ $0.trimmingSpaces().isEmpty }) { continue }
            guard fields.count <= header.count else {
                throw InputError(file: file, line: line, problem: "has \(fields.count) cells but the header has \(header.count) columns.",
                                 fix: "quote cells that contain commas (\"Smith, Ana\") or remove the extra cells.")
            }
            var cells: [String: String] = [:]
            for (index, value) in fields.enumerated() { cells[header[index]] = value }
            rows.append(Row(line: line, cells: cells))
        }
        self.rows = rows
    }

    /// Columns of the header that Enlace does not know.
    func unknownColumns(known: [String]) -> [String] { header.filter { !known.contains($0) } }

    /// Fails when one of `required` is not in the header.
    func requireColumns(_ required: [String]) throws(InputError) {
        for column in required where !header.contains(column) {
            throw InputError(file: file, line: 1, field: column, problem: "the header has no \"\(column)\" column.",
                             fix: "add a \"\(column)\" column (the header is: \(header.joined(separator: ","))).")
        }
    }

    private static func decode(_ bytes: [UInt8], file: String) throws(InputError) -> String {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw InputError(file: file, line: 1, problem: "is saved as UTF-16 text.",
                             fix: "save it as \"CSV UTF-8\" (in Excel: File > Save As > CSV UTF-8).")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let nul = body.firstIndex(of: 0) {
            throw InputError(file: file, line: lineNumber(body, before: nul), problem: "contains a NUL byte, so it is not a text CSV file.",
                             fix: "export the sheet again as \"CSV UTF-8\"; a spreadsheet file (.xlsx) renamed to .csv does not work.")
        }
        if let text = String(validating: body, as: UTF8.self) { return text }
        let bad = firstInvalidUTF8Offset(body)
        throw InputError(file: file, line: lineNumber(body, before: bad),
                         problem: "is not UTF-8 text (byte 0x\(String(body[bad], radix: 16, uppercase: true)) is not valid UTF-8; the file was probably saved as Latin-1 or Windows-1252).",
                         fix: "save it as \"CSV UTF-8\" (in Excel: File > Save As > CSV UTF-8).")
    }

    private static func firstInvalidUTF8Offset(_ bytes: ArraySlice<UInt8>) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = bytes.startIndex
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return bytes.endIndex - 1
            case .error: return offset
            }
        }
    }

    private static func lineNumber(_ bytes: ArraySlice<UInt8>, before index: Int) -> Int {
        1 + bytes[bytes.startIndex..<index].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// RFC 4180: a quote opens a quoted cell only at the start of a cell; refuse one left open.
    private static func checkQuotes(_ text: String, file: String) throws(InputError) {
        var inQuotes = false, atCellStart = true, line = 1, openedAt = 1
        var previousWasQuote = false
        for scalar in text.unicodeScalars {
            if inQuotes {
                if scalar == "\"" {
                    inQuotes = false
                    previousWasQuote = true
                    continue
                }
                if scalar == "\n" { line += 1 }
                continue
            }
            if scalar == "\"" && previousWasQuote {
                inQuotes = true
                previousWasQuote = false
                continue
            }
            previousWasQuote = false
            switch scalar {
            case "\"" where atCellStart:
                inQuotes = true
                openedAt = line
            case ",": atCellStart = true; continue
            case "\n": line += 1; atCellStart = true; continue
            case "\r": continue
            default: break
            }
            atCellStart = false
        }
        if inQuotes {
            throw InputError(file: file, line: openedAt, problem: "a quoted cell that starts on this line is never closed.",
                             fix: "add the closing double quote; write a quote inside a quoted cell as two quotes (\"\").")
        }
    }

    private static func checkHeader(_ header: [String], file: String) throws(InputError) {
        guard !header.isEmpty, !(header.count == 1 && header[0].isEmpty) else {
            throw InputError(file: file, line: 1, problem: "is empty: it has no header row.",
                             fix: "put the column names on the first line, e.g. id,name,languages,…")
        }
        var seen = Set<String>()
        for (index, name) in header.enumerated() {
            if name.isEmpty {
                throw InputError(file: file, line: 1, problem: "column \(index + 1) of the header has no name.",
                                 fix: "name the column or delete it.")
            }
            if !seen.insert(name).inserted {
                throw InputError(file: file, line: 1, field: name, problem: "the header names \"\(name)\" twice.",
                                 fix: "keep one \"\(name)\" column.")
            }
        }
    }

    private static func newlines(in fields: [String]) -> Int {
        fields.reduce(0) { count, field in count + field.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
    }
}
