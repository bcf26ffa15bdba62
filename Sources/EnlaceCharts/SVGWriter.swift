import EnlaceMarkup

/// Builds SVG markup in a fixed form: attributes in the order given, numbers through
/// `formatted(_:)`, text escaped for XML. Nothing here depends on the locale or the clock.
struct SVGWriter {
    private(set) var markup = ""

    /// An element with no content, e.g. `<rect …/>`.
    mutating func empty(_ name: String, _ attributes: [(String, String)]) {
        markup += "<\(name)\(Self.attributeList(attributes))/>"
    }

    /// A `<text>` element holding `content`.
    mutating func text(_ content: String, _ attributes: [(String, String)]) {
        markup += "<text\(Self.attributeList(attributes))>\(escapedForXML(content))</text>"
    }

    /// Opens a group; `close("g")` ends it.
    mutating func open(_ name: String, _ attributes: [(String, String)]) {
        markup += "<\(name)\(Self.attributeList(attributes))>"
    }

    mutating func close(_ name: String) {
        markup += "</\(name)>"
    }

    private static func attributeList(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escapedForXML($0.1))\"" }.joined()
    }

    /// A whole chart: the root element sized in user units with a `viewBox` (so it scales to its
    /// container and to the printed page), the screen-reader `<title>` and `<desc>`, a white
    /// background (charts stay readable on a dark page and print as seen), then `body`.
    static func document(width: Double, height: Double, title: String, description: String, body: String) -> String {
        let w = formatted(width), h = formatted(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" "
            + "role=\"img\" font-family=\"sans-serif\" font-size=\"12\">"
            + "<title>\(escapedForXML(title))</title><desc>\(escapedForXML(description))</desc>"
            + "<rect width=\"\(w)\" height=\"\(h)\" fill=\"#fff\"/>" + body + "</svg>"
    }
}

/// `value` rounded to one decimal, without a trailing ".0" ("12", "12.5", "-3.2"): fixed output
/// whatever the locale, and precise enough for a chart (a tenth of a user unit).
func formatted(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    let magnitude = tenths.magnitude
    return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
}

/// A count with its thousands grouped ("60,000" with `,`), as labels and descriptions show it.
func formattedCount(_ count: Int, separator: String) -> String {
    let digits = String(count.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { grouped += separator }
        grouped.append(digit)
    }
    return count < 0 ? "-" + grouped : grouped
}
