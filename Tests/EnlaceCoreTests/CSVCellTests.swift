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

    @Test func noCellStartsAFormula() {
        for start in ["=", "+", "-", "@", "\t", "\r"] {
            let cell = CSVCell.text(start + "1+1")
            let first = cell.first == "\"" ? cell.dropFirst().first : cell.first
            #expect(first == "'", "\(cell)")
        }
    }
}
