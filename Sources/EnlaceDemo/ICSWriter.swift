import EnlaceCore
/// Writes iCalendar content lines the way RFC 5545 requires: CRLF line ends, lines folded at
/// 75 octets (never inside a UTF-8 sequence), TEXT values escaped.
struct ICSWriter {
    private(set) var text = ""

    /// Appends one content line (`NAME;PARAMS:value`), folded when longer than 75 octets.
    ///
    /// A fold never separates a backslash from the character it escapes: RFC 5545 allows it, but
    /// some importers unescape before they unfold.
    mutating func line(_ content: String) {
        var octets = 0
        var escaping = false
        let scalars = Array(content.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            var size = UTF8.width(scalar)
            if scalar == "\\", !escaping, index + 1 < scalars.count {
                size += UTF8.width(scalars[index + 1])
            }
            // A continuation line starts with one space, which counts towards its 75 octets.
            if !escaping, octets + size > 75 {
                text += "\r\n "
                octets = 1
            }
            escaping = scalar == "\\" && !escaping
            text.unicodeScalars.append(scalar)
            octets += UTF8.width(scalar)
        }
        text += "\r\n"
    }

    /// Appends a property whose value is TEXT, escaping `\`, `;`, `,` and line breaks.
    mutating func text(_ name: String, _ value: String) {
        line(name + ":" + ICSWriter.escape(value))
    }

    /// Appends `BEGIN:…`, the lines `body` writes, then `END:…`.
    mutating func component(_ name: String, _ body: (inout ICSWriter) -> Void) {
        line("BEGIN:" + name)
        body(&self)
        line("END:" + name)
    }

    /// A TEXT value escaped per RFC 5545 section 3.3.11.
    static func escape(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}
