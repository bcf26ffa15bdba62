import EnlaceMarkup

/// Builds HTML in a fixed form: elements as the caller opens them, text always escaped, charts
/// (already well-formed SVG) inserted as they are.
struct HTMLWriter {
    private(set) var markup = ""

    /// `<name attributes>text</name>` on a line of its own.
    mutating func element(_ name: String, _ text: String, _ attributes: [(String, String)] = []) {
        markup += "<\(name)\(Self.attributeList(attributes))>\(escapedForXML(text))</\(name)>\n"
    }

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        markup += "<\(name)\(Self.attributeList(attributes))>\n"
    }

    mutating func close(_ name: String) {
        markup += "</\(name)>\n"
    }

    /// Markup made by a trusted writer (a chart's `<svg>`, a nested element built here).
    mutating func raw(_ markup: String) {
        self.markup += markup
        if !markup.hasSuffix("\n") { self.markup += "\n" }
    }

    /// A chart in a `<figure>` that keeps it whole on a printed page.
    mutating func chart(_ svg: String) {
        markup += "<figure class=\"chart\">\(svg)</figure>\n"
    }

    /// A table: a header row, then rows; cells in `numeric` columns are right-aligned.
    mutating func table(_ header: [String], _ rows: [[String]], numeric: Set<Int>, caption: String? = nil) {
        open("table")
        if let caption { element("caption", caption) }
        markup += "<thead><tr>" + header.enumerated().map { cell($0.element, tag: "th", numeric: numeric.contains($0.offset)) }.joined() + "</tr></thead>\n"
        markup += "<tbody>\n"
        for row in rows {
            markup += "<tr>" + row.enumerated().map { cell($0.element, tag: "td", numeric: numeric.contains($0.offset)) }.joined() + "</tr>\n"
        }
        markup += "</tbody>\n"
        close("table")
    }

    private func cell(_ text: String, tag: String, numeric: Bool) -> String {
        "<\(tag)\(numeric ? " class=\"n\"" : "")>\(escapedForXML(text))</\(tag)>"
    }

    private static func attributeList(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escapedForXML($0.1))\"" }.joined()
    }
}
