import EnlaceCore
import Testing

/// Output cells: RFC 4180 quoting, and no cell a spreadsheet would run as a formula.
@Suite struct CSVCellTests {
    @Test(arguments: [
        ("p-0142", "p-0142"),
        ("", ""),
        ("Smith, Ana", "\"Smith, Ana\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
        ("no language in common; =x", "no language in common; =x"),
    ])
    func cell(value: String, written: String) {
        #expect(CSVCell.text(value) == written)
    }

    /// Issue 27: `"\r\n"` is one `Character`, equal to neither `"\r"` nor `"\n"`, so a check by
    /// `Character` left a cell holding CRLF unquoted: a `feed_base_url` with `\r\n=cmd|…` turned
    /// out/feeds.csv from 281 into 841 records, one a live formula.
    @Test(arguments: [
        ("https://x.org/\r\n=cmd|' /C calc'!A0", "\"https://x.org/\r\n=cmd|' /C calc'!A0\""),
        ("\r\n=1+1", "\"'\r\n=1+1\""),
        ("a\r\nb", "\"a\r\nb\""),
        ("say \"\u{301}hi", "\"say \"\"\u{301}hi\""),
    ])
    func quotesByUnicodeScalar(value: String, written: String) {
        let cell = CSVCell.text(value)
        #expect(Array(cell.unicodeScalars) == Array(written.unicodeScalars), "\(cell.debugDescription)")
    }

    /// Whatever a cell holds, a CSV reader that splits records at unquoted line breaks sees one
    /// record, and its first cell starts no formula.
    @Test func everyCellStaysOneRecord() {
        let hostile = ["\r\n", "\n", "\r", "\"\r\n\"", "\"\u{301}\r\n=1", "=\r\n@", "a,\r\n-1", "\u{2028}=x"]
        for value in hostile {
            var inQuotes = false, records = 1
            for scalar in CSVCell.text(value).unicodeScalars {
                if scalar == "\"" { inQuotes.toggle() } else if !inQuotes && (scalar == "\n" || scalar == "\r") { records += 1 }
            }
            #expect(records == 1 && !inQuotes, "\(value.debugDescription) → \(CSVCell.text(value).debugDescription)")
        }
    }

    @Test func noCellStartsAFormula() {
        for start in ["=", "+", "-", "@", "\t", "\r"] {
            let cell = CSVCell.text(start + "1+1")
            let first = cell.first == "\"" ? cell.dropFirst().first : cell.first
            #expect(first == "'", "\(cell)")
        }
    }
}
