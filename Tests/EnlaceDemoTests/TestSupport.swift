@testable import EnlaceDemo

/// A minimal RFC 4180 reader for checking the generated files independently of the importer:
/// quoted cells may hold commas, doubled quotes and line breaks.
func readCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var cell = ""
    var quoted = false
    var iterator = Array(text.unicodeScalars).makeIterator()
    var pending: Unicode.Scalar? = nil
    while let scalar = pending ?? iterator.next() {
        pending = nil
        if quoted {
            if scalar == "\"" {
                let next = iterator.next()
                if next == "\"" { cell.unicodeScalars.append("\"") } else { quoted = false; pending = next }
            } else {
                cell.unicodeScalars.append(scalar)
            }
            continue
        }
        switch scalar {
        case "\"": quoted = true
        case ",": row.append(cell); cell = ""
        case "\n": row.append(cell); rows.append(row); row = []; cell = ""
        default: cell.unicodeScalars.append(scalar)
        }
    }
    if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
    return rows
}

/// A CSV file as header names and rows of cells keyed by them.
struct Table {
    let header: [String]
    let rows: [[String: String]]

    init(_ text: String) {
        let all = readCSV(text)
        header = all.first ?? []
        rows = all.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(all[0], $0)) }
    }

    /// The `;`-separated list in a cell, without empty items.
    static func list(_ cell: String?) -> [String] {
        (cell ?? "").split(separator: ";").map { String($0) }
    }
}

extension Array where Element == ProgramFile {
    /// The contents of the file at `path`; an empty string when absent (the test then fails on it).
    subscript(path: String) -> String {
        first { $0.path == path }?.contents ?? ""
    }
}

/// The content lines of an iCalendar text, unfolded.
func unfoldedLines(_ ics: String) -> [String] {
    var lines: [String] = []
    for raw in ics.components(separatedByCRLF: ()) {
        if raw.hasPrefix(" "), !lines.isEmpty { lines[lines.count - 1] += raw.dropFirst() } else { lines.append(raw) }
    }
    return lines.filter { !$0.isEmpty }
}

extension String {
    /// Splits at CRLF only (a bare LF stays inside a line, so the tests notice it).
    func components(separatedByCRLF: Void) -> [String] {
        var parts: [String] = []
        var current: [UInt8] = []
        let bytes = Array(utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                parts.append(String(decoding: current, as: UTF8.self))
                current = []
                index += 2
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        if !current.isEmpty { parts.append(String(decoding: current, as: UTF8.self)) }
        return parts
    }
}
