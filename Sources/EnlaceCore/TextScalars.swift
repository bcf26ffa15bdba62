/// Checks of untrusted text, one Unicode scalar at a time.
///
/// Swift compares `Character`s, which are grapheme clusters: `"\r\n"` is one `Character`, equal to
/// neither `"\n"` nor `"\r"`, and a quote followed by a combining accent is one `Character` that is
/// not `"\""`. A check that walks `Character`s can therefore miss the very line break or quote it
/// looks for; every check here walks `unicodeScalars`.
public enum TextScalars {
    /// Bidirectional formatting characters: the embeddings and overrides U+202A–U+202E, the
    /// isolates U+2066–U+2069, the marks U+200E, U+200F and U+061C. They change how the text
    /// around them is displayed (an override shows `txt.exe` as `exe.txt`), so they are removed
    /// from every text that reaches a feed, letter or report.
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// C0 and C1 control characters and DEL (general category Cc), line breaks included.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII (most of every file) answers without the Unicode tables: Cc there is 0-31 and 127.
        guard scalar.isASCII else { return scalar.properties.generalCategory == .control }
        return scalar.value < 0x20 || scalar.value == 0x7F
    }

    /// A line break: LF, CR, NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR.
    public static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// Whether the scalar shows nothing on its own: white space, controls, format characters
    /// (zero-width spaces and joiners, bidirectional controls, soft hyphens), other default-ignorable
    /// code points, and the blank-looking letters and symbols used to fake an empty name (Hangul
    /// fillers U+115F, U+1160, U+3164, U+FFA0; Braille blank U+2800).
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        // In ASCII only the controls and the space show nothing (no format or ignorable ones).
        if scalar.isASCII { return scalar.value <= 0x20 || scalar.value == 0x7F }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: break
        }
        if properties.isWhitespace || properties.isDefaultIgnorableCodePoint { return true }
        switch scalar.value {
        case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800: return true
        default: return false
        }
    }

    /// Whether `text` is empty or made only of invisible scalars (`isInvisible`).
    public static func isBlank(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy(isInvisible)
    }

    /// The first control character of `text` (general category Cc); tab, LF and CR are allowed
    /// when `allowingLineBreaks` (multi-line text such as an address).
    public static func firstControl(in text: some StringProtocol, allowingLineBreaks: Bool = false) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            guard isControl(scalar) else { return isLineBreak(scalar) && !allowingLineBreaks }
            return !(allowingLineBreaks && (scalar == "\t" || scalar == "\n" || scalar == "\r"))
        }
    }

    /// `text` without its bidirectional controls, and how many were removed.
    public static func removingBidiControls(_ text: String) -> (text: String, removed: Int) {
        // Most text has none: one pass to find out, no copy.
        guard text.unicodeScalars.contains(where: isBidiControl) else { return (text, 0) }
        var kept = String.UnicodeScalarView()
        var removed = 0
        for scalar in text.unicodeScalars {
            if isBidiControl(scalar) { removed += 1 } else { kept.append(scalar) }
        }
        return (String(kept), removed)
    }

    /// `U+202E RIGHT-TO-LEFT OVERRIDE`, `U+000A (line feed)`: a scalar named for a coordinator.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = String(scalar.value, radix: 16, uppercase: true)
        let hex = "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
        if let name = scalar.properties.name { return "\(hex) \(name)" }
        switch scalar.value {
        case 0x0A: return "\(hex) (line feed)"
        case 0x0D: return "\(hex) (carriage return)"
        case 0x09: return "\(hex) (tab)"
        default: return "\(hex) (a control character)"
        }
    }
}
