import CSV
import EnlaceCore

/// The most rows Enlace reads from each CSV file of a program folder (docs/RELIABILITY.md).
public enum InputLimits {
    /// Rows of `data/sites.csv`: more schools than any state has.
    public static let sites = 100_000
    /// Rows of `data/mentors.csv`.
    public static let mentors = 100_000
    /// Rows of `data/parents.csv`: a state-wide program of a million families.
    public static let parents = 1_000_000
    /// Rows of `data/topics.csv`.
    public static let topics = 10_000
}

/// A CSV file read into rows keyed by header name, with the line each row starts on.
///
/// Follows spec section 3: UTF-8 (a BOM is accepted), RFC 4180 quoting, a header row, columns in
/// any order. Anything else is refused whole with an `InputError` naming the file and line.
struct CSVTable {
    /// One data row: its first line in the file and its cells in header order (a row may have
    /// fewer cells than the header), looked up by (trimmed) header name through the table's one
    /// shared index: files of half a million rows build no dictionary per row.
    struct Row {
        let line: Int
        let cells: [String]
        let columns: ColumnIndex

        /// The trimmed cell, or "" when the column is absent or blank.
        subscript(column: String) -> String {
            guard let index = columns.positions[column], index < cells.count else { return "" }
            return CSVTable.trimmed(cells[index])
        }
    }

    /// Each header name's position, shared by every row of a table.
    final class ColumnIndex: Sendable {
        let positions: [String: Int]

        init(_ header: [String]) {
            positions = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// `text.trimmingSpaces()`, without walking the text character by character when its first
    /// and last bytes are no space, tab or line break (most cells; a district's files hold
    /// millions of them).
    static func trimmed<Text: StringProtocol>(_ text: Text) -> String where Text.UTF8View: BidirectionalCollection {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        guard let first = text.utf8.first, let last = text.utf8.last else { return "" }
        return isSpace(first) || isSpace(last) ? text.trimmingSpaces() : String(text)
    }

    /// The header names, trimmed, in file order.
    let header: [String]
    let rows: [Row]
    let file: String

    /// The largest CSV file Enlace reads (a district of 600,000 families is about 100 MB).
    static let maximumBytes = 512 * 1024 * 1024
    /// The longest cell Enlace reads. Names, addresses, availability and custom attributes stay far
    /// below; a longer cell is a paste gone wrong (or a hostile file), and would end up in every
    /// output and feed that repeats it.
    static let maximumCellBytes = 32 * 1024
    /// The most columns a file may have: the spec's columns and a district's own attributes.
    static let maximumColumns = 1000
    /// The most data rows of each file: state-scale programs (a million families), and far more
    /// sites, mentors and topics than any program has. Beyond these a file is a mistake (a
    /// spreadsheet export of a whole database) and would only exhaust memory.
    static let maximumRows = ["data/sites.csv": InputLimits.sites, "data/mentors.csv": InputLimits.mentors,
                              "data/parents.csv": InputLimits.parents, "data/topics.csv": InputLimits.topics]
    /// The row limit of a file not listed in `maximumRows`.
    static let defaultMaximumRows = 1_000_000

    /// Parses `bytes`, the content of `file` (its display path).
    ///
    /// - Throws: `InputError` for a file that is not UTF-8, contains NUL bytes, looks separated by
    ///   semicolons or tabs, has an unterminated quoted cell, no header, duplicate or empty header
    ///   names, more than `maximumColumns` columns, rows with more cells than the header, more
    ///   rows than `maximumRows` allows, or a cell longer than `maximumCellBytes`.
    init(bytes: [UInt8], file: String) throws(InputError) {
        self.file = file
        guard bytes.count <= CSVTable.maximumBytes else {
            throw InputError(file: file, problem: "is \(bytes.count / 1_048_576) MB, more than Enlace reads (\(CSVTable.maximumBytes / 1_048_576) MB).",
                             fix: "split the program or remove unused columns.")
        }
        let text = try CSVTable.decode(bytes, file: file)
        try CSVTable.checkSeparator(text, file: file)
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
        let columns = ColumnIndex(header)
        var rows: [Row] = []
        let maximumRows = CSVTable.maximumRows[file] ?? CSVTable.defaultMaximumRows
        var line = 2 + CSVTable.newlines(in: reader.headerRow ?? [])
        while let fields = reader.next() {
            defer { line += 1 + CSVTable.newlines(in: fields) }
            if fields.allSatisfy({ CSVTable.trimmed($0).isEmpty }) { continue }
            guard rows.count < maximumRows else {
                throw InputError(file: file, line: line, problem: "has more than \(maximumRows.grouped) rows, the most Enlace reads from this file.",
                                 fix: "check that the file holds only this program's rows (not a whole database export); split a larger program into several.")
            }
            guard fields.count <= header.count else {
                throw InputError(file: file, line: line, problem: "has \(fields.count) cells but the header has \(header.count) columns.",
                                 fix: "quote cells that contain commas (\"Smith, Ana\") or remove the extra cells.")
            }
            for (index, value) in fields.enumerated() where value.utf8.count > CSVTable.maximumCellBytes {
                throw InputError(file: file, line: line, field: header[index],
                                 problem: "the cell is \(value.utf8.count) bytes long; the limit is \(CSVTable.maximumCellBytes) (\(CSVTable.maximumCellBytes / 1024) KB).",
                                 fix: "shorten the cell; if text was pasted into the wrong cell, move it back.")
            }
            rows.append(Row(line: line, cells: fields, columns: columns))
        }
        self.rows = rows
    }

    /// Fails when one of `required` is not in the header.
    func requireColumns(_ required: [String]) throws(InputError) {
        for column in required where !header.contains(column) {
            throw InputError(file: file, line: 1, field: column, problem: "the header has no \"\(column)\" column.",
                             fix: "add a \"\(column)\" column (the header is: \(header.joined(separator: ","))).")
        }
    }

    private static func decode(_ bytes: [UInt8], file: String) throws(InputError) -> String {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw InputError(file: file, line: 1, problem: "is a spreadsheet workbook (.xlsx or .ods, a zip file), not CSV text.",
                             fix: "open it in the spreadsheet program and save it as \"CSV UTF-8\" (in Excel: File > Save As > CSV UTF-8).")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || looksLikeUTF16(bytes) {
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

    /// UTF-16 without a byte-order mark: in text that is mostly ASCII, every other byte is zero.
    private static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(512)
        guard sample.count >= 4 else { return false }
        let pairs = sample.count / 2
        var evenZeros = 0, oddZeros = 0
        for index in 0..<pairs {
            if sample[2 * index] == 0 { evenZeros += 1 }
            if sample[2 * index + 1] == 0 { oddZeros += 1 }
        }
        // Little-endian ASCII has zeros at odd offsets, big-endian at even ones, never both.
        return (oddZeros * 4 >= pairs * 3 && evenZeros == 0) || (evenZeros * 4 >= pairs * 3 && oddZeros == 0)
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

    /// RFC 4180: a quote opens a quoted cell only at the start of a cell, and a closing quote is
    /// followed by a comma or the end of the line. Refuses a cell left open and text after a
    /// closing quote (a CSV reader would silently join or shift cells), naming the header's column.
    private static func checkQuotes(_ text: String, file: String) throws(InputError) {
        var inQuotes = false, atCellStart = true, justClosed = false
        var line = 1, openedAt = 1, column = 0, openedColumn = 0
        var headerNames: [String] = [""], inHeader = true
        func field(_ column: Int) -> String? {
            headerNames.indices.contains(column) && !inHeader ? headerNames[column].trimmingSpaces() : nil
        }
        for scalar in text.unicodeScalars {
            if inQuotes {
                if scalar == "\"" {
                    inQuotes = false
                    justClosed = true
                } else {
                    if scalar == "\n" { line += 1 }
                    if inHeader { headerNames[column].unicodeScalars.append(scalar) }
                }
                continue
            }
            if justClosed {
                justClosed = false
                if scalar == "\"" {  // "" inside a quoted cell: a literal quote
                    inQuotes = true
                    if inHeader { headerNames[column].unicodeScalars.append(scalar) }
                    continue
                }
                guard scalar == "," || scalar == "\n" || scalar == "\r" else {
                    throw InputError(file: file, line: line, field: field(column),
                                     problem: "text follows the closing quote of a quoted cell, so the cells of this line cannot be told apart.",
                                     fix: "put the whole cell inside the quotes (\"100 Main St, Santa Ana\") and write a quote inside it as two quotes (\"\").")
                }
            }
            switch scalar {
            case "\"" where atCellStart:
                inQuotes = true
                openedAt = line
                openedColumn = column
                atCellStart = false
                continue
            case ",":
                atCellStart = true
                column += 1
                if inHeader { headerNames.append("") }
                continue
            case "\n":
                line += 1
                atCellStart = true
                column = 0
                inHeader = false
                continue
            case "\r": continue
            default: break
            }
            if inHeader { headerNames[column].unicodeScalars.append(scalar) }
            atCellStart = false
        }
        if inQuotes {
            if openedAt == 1 { inHeader = true }
            throw InputError(file: file, line: openedAt, field: openedAt == 1 ? nil : field(openedColumn),
                             problem: "a quoted cell that starts on this line is never closed.",
                             fix: "add the closing double quote; write a quote inside a quoted cell as two quotes (\"\").")
        }
    }

    /// Spreadsheets set to a region that writes decimal commas save "CSV" with semicolons (and
    /// some exports use tabs). Such a header has no comma outside quotes: one column, and every row
    /// "has 2 cells but the header has 1 columns". Refused at once, naming the separator.
    private static func checkSeparator(_ text: String, file: String) throws(InputError) {
        var inQuotes = false, commas = 0, semicolons = 0, tabs = 0
        for scalar in text.unicodeScalars {
            if scalar == "\"" { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if scalar == "\n" || scalar == "\r" { break }
            switch scalar {
            case ",": commas += 1
            case ";": semicolons += 1
            case "\t": tabs += 1
            default: break
            }
        }
        guard commas == 0, semicolons + tabs > 0 else { return }
        let separator = semicolons >= tabs ? "semicolon" : "tab"
        throw InputError(file: file, line: 1, problem: "looks \(separator)-separated: its header has no comma but \(max(semicolons, tabs)) \(separator)s, and Enlace reads comma-separated files.",
                         fix: "save it as comma-separated CSV (in Excel: File > Save As > \"CSV UTF-8 (Comma delimited)\"; in LibreOffice: Save As > Text CSV, field delimiter \",\").")
    }

    private static func checkHeader(_ header: [String], file: String) throws(InputError) {
        guard !header.isEmpty, !(header.count == 1 && header[0].isEmpty) else {
            throw InputError(file: file, line: 1, problem: "is empty: it has no header row.",
                             fix: "put the column names on the first line, e.g. id,name,languages,…")
        }
        guard header.count <= maximumColumns else {
            throw InputError(file: file, line: 1, problem: "the header has \(header.count) columns; Enlace reads at most \(maximumColumns).",
                             fix: "remove the columns this program does not use.")
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

extension Int {
    /// `1,000,000`: a count as a coordinator reads it.
    var grouped: String {
        let digits = Array(String(self))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 && digits[index - 1] != "-" { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
