/// Estimates of how wide text renders, for layout without a font engine. A sans-serif Latin,
/// Arabic or Cyrillic character is about 0.6 em on average; Chinese, Japanese, Korean and emoji
/// take a full em; combining marks take none. Estimates err wide, so labels get room to spare.
enum TextWidth {
    /// The estimated width of `text` at `fontSize` user units.
    static func of(_ text: String, fontSize: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ems($1) } * fontSize
    }

    /// `text`, or as much of it as fits in `width` followed by "…".
    static func fitted(_ text: String, width: Double, fontSize: Double) -> String {
        guard of(text, fontSize: fontSize) > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty && of(String(characters) + "…", fontSize: fontSize) > width {
            characters.removeLast()
        }
        return String(characters) + "…"
    }

    /// `text` broken at spaces into lines of at most `width` (a longer word gets a line of its own).
    static func wrapped(_ text: String, width: Double, fontSize: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty && of(candidate, fontSize: fontSize) > width {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        return line.isEmpty ? lines : lines + [line]
    }

    private static func ems(_ scalar: Unicode.Scalar) -> Double {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return 1
        default:
            return 0.6
        }
    }
}
