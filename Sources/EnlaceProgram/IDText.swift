import EnlaceCore
import Foundation

/// Ids as Enlace stores them: Unicode normal form C, no character that hides or breaks them.
///
/// The same id can be typed as different scalars (`José` with a precomposed `é` or with `e` and a
/// combining accent: macOS file names and some keyboards give the second). They look alike and
/// Swift's `==` calls them equal, but SQLite compares bytes, so without normalising they were
/// stored as two ids (and a duplicate reached the database as a foreign-key failure). Every id,
/// and every id a cell or file name refers to, is normalised to NFC when it is read, so duplicates
/// by normalisation are reported with their file and line like any other duplicate.
enum IDText {
    /// `text` in Unicode normal form C; ASCII text (most ids) is returned as it is.
    static func nfc(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }

    /// The id `raw` from `column` of the reader's row, normalised and checked: at most
    /// `CellLimits.id` scalars, no `;`, control, line-break or format character (zero-width,
    /// bidirectional), not only invisible characters, no spreadsheet formula start.
    static func normalized(_ raw: String, reader: CellReader, column: String) throws(InputError) -> String {
        let value = nfc(raw)
        let shown = "\"\(value.prefix(60))\(value.count > 60 ? "…" : "")\""
        guard value.unicodeScalars.count <= CellLimits.id else {
            throw reader.fail(column, "\(shown) is \(value.unicodeScalars.count) characters long; an id has at most \(CellLimits.id).",
                              fix: "use short ids made of letters, digits, \"-\" and \"_\" (e.g. p-0142).")
        }
        if value.unicodeScalars.contains(where: { $0 == ";" || TextScalars.isControl($0) || TextScalars.isLineBreak($0) }) {
            throw reader.fail(column, "\(shown) contains \";\" or a line break, which an id cannot.",
                              fix: "use letters, digits, \"-\" or \"_\" for ids.")
        }
        if let hidden = value.unicodeScalars.first(where: { !$0.isASCII && $0.properties.generalCategory == .format }) {
            throw reader.fail(column, "\(shown) contains \(TextScalars.describe(hidden)), an invisible character, so two ids that look the same would differ.",
                              fix: "retype the id without copying it from another document.")
        }
        if TextScalars.isBlank(value) {
            throw reader.fail(column, "is made only of invisible characters; every row needs an id.", fix: "write the id with letters and digits.")
        }
        // Ids are written back into out/assignments.csv and out/feeds.csv, which coordinators open
        // in spreadsheets: a cell starting with one of these is run as a formula (CSV injection).
        if let first = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) {
            throw reader.fail(column, "\(shown) starts with \"\(first)\", which spreadsheets read as the start of a formula; an id cannot.",
                              fix: "start the id with a letter or digit (ids may contain letters, digits, \"-\" and \"_\").")
        }
        return value
    }
}

/// What the cell readers of one file changed without refusing it, reported as warnings.
final class CellNotes {
    let file: String
    private(set) var bidiCells = 0
    private var firstBidi: (line: Int, column: String)?

    init(file: String) { self.file = file }

    /// Records that a cell had `count` bidirectional controls removed.
    func removedBidiControls(_ count: Int, line: Int, column: String) {
        bidiCells += 1
        if firstBidi == nil { firstBidi = (line, column) }
    }

    /// The warnings for the file, in a fixed order.
    var warnings: [InputWarning] {
        guard let first = firstBidi else { return [] }
        return [InputWarning(file: file, line: first.line,
                             message: "bidirectional formatting characters (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, U+061C) were removed from \(bidiCells) cell\(bidiCells == 1 ? "" : "s") (first in column \"\(first.column)\"): they change how names and addresses are displayed in calendars and letters.")]
    }
}
