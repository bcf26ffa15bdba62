/// A cell of a CSV file Enlace writes (`out/assignments.csv`, `out/feeds.csv`).
///
/// RFC 4180 quoting, and no live formula: spreadsheets run a cell that starts with `=`, `+`, `-`
/// or `@` (or a tab or carriage return before one) as a formula, so such a cell is written with a
/// leading `'`, which spreadsheets show as text (OWASP's advice against CSV injection). Ids never
/// start with these characters (the importer refuses them), so only free text is ever changed.
///
/// Both checks look at Unicode scalars, not `Character`s: `"\r\n"` is one `Character` equal to
/// neither `"\r"` nor `"\n"`, and a quote followed by a combining mark is one `Character` that is
/// not `"\""`, so a check by `Character` would leave such a cell unquoted (a new record, or a
/// formula, in the coordinator's spreadsheet).
public enum CSVCell {
    /// Scalars that make a spreadsheet read a cell as a formula when they come first.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `value` as one CSV cell: neutralised if it could be read as a formula, quoted if needed.
    public static func text(_ value: String) -> String {
        let safe = value.unicodeScalars.first.map(formulaStarts.contains) == true ? "'" + value : value
        guard safe.unicodeScalars.contains(where: needsQuotes) else { return safe }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in safe.unicodeScalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    private static func needsQuotes(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "," || scalar == "\"" || scalar == "\n" || scalar == "\r"
    }
}
