/// A cell of a CSV file Enlace writes (`out/assignments.csv`, `out/feeds.csv`).
///
/// RFC 4180 quoting, and no live formula: spreadsheets run a cell that starts with `=`, `+`, `-`
/// or `@` (or a tab or carriage return before one) as a formula, so such a cell is written with a
/// leading `'`, which spreadsheets show as text (OWASP's advice against CSV injection). Ids never
/// start with these characters (the importer refuses them), so only free text is ever changed.
public enum CSVCell {
    /// Characters that make a spreadsheet read a cell as a formula when they come first.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `value` as one CSV cell: neutralised if it could be read as a formula, quoted if needed.
    public static func text(_ value: String) -> String {
        let safe = value.first.map(formulaStarts.contains) == true ? "'" + value : value
        guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
