/// The writing systems of names and of feed texts, as far as the feeds need to tell them apart:
/// whether a reader reads a name as written, and how to write it in Latin letters.
///
/// Told by Unicode block (the standard library has no script property); only letters and the
/// vowel signs of their scripts count, so digits, punctuation and spaces belong to none.
public enum NameScript: String, Sendable, CaseIterable, Comparable {
    /// Scripts told apart by name (Unicode's script names; `han` includes the CJK ideographs of
    /// every language, `kana` both hiragana and katakana).
    case latin, greek, cyrillic, armenian, georgian, hebrew, arabic, devanagari, gurmukhi, thai, lao, khmer
    case myanmar, ethiopic, hangul, han, kana
    /// Any other script (Bengali, Tamil, Syriac, Thaana…).
    case other

    /// The script's English name, for messages ("Arabic", "Han"…; "an unlisted" for `other`).
    public var englishName: String {
        switch self {
        case .other: "an unlisted"
        case .kana: "kana"
        default: rawValue.prefix(1).uppercased() + rawValue.dropFirst()
        }
    }

    /// The script of a letter, or nil for anything that is not part of a word's letters.
    public static func of(_ scalar: Unicode.Scalar) -> NameScript? {
        guard scalar.properties.isAlphabetic else { return nil }
        let value = scalar.value
        for (range, script) in blocks where range.contains(value) { return script }
        return value < 0x80 ? nil : .other
    }

    /// Every script `text`'s letters are written in.
    public static func scripts(in text: String) -> Set<NameScript> {
        var scripts = Set<NameScript>()
        for scalar in text.unicodeScalars {
            // ASCII letters are the common case: no table walk.
            if scalar.isASCII {
                if scalar.properties.isAlphabetic { scripts.insert(.latin) }
            } else if let script = of(scalar) {
                scripts.insert(script)
            }
        }
        return scripts
    }

    /// Whether a letter belongs to a script whose names put the family name first and are often
    /// written without spaces: Han, Hangul, kana.
    static func isFamilyFirstScript(_ scalar: Unicode.Scalar) -> Bool {
        switch of(scalar) {
        case .han, .hangul, .kana: true
        default: false
        }
    }

    /// In the order the cases are declared (for stable messages).
    public static func < (lhs: NameScript, rhs: NameScript) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Unicode blocks of each script (the letters of the Basic Multilingual Plane that rosters use,
    /// and the Han extensions).
    private static let blocks: [(ClosedRange<UInt32>, NameScript)] = [
        (0x0041...0x024F, .latin), (0x0250...0x02AF, .latin), (0x1D00...0x1DBF, .latin), (0x1E00...0x1EFF, .latin),
        (0x2C60...0x2C7F, .latin), (0xA720...0xA7FF, .latin), (0xAB30...0xAB6F, .latin), (0xFF21...0xFF5A, .latin),
        (0x0370...0x03FF, .greek), (0x1F00...0x1FFF, .greek),
        (0x0400...0x052F, .cyrillic), (0x1C80...0x1C8F, .cyrillic), (0x2DE0...0x2DFF, .cyrillic), (0xA640...0xA69F, .cyrillic),
        (0x0530...0x058F, .armenian), (0xFB13...0xFB17, .armenian),
        (0x10A0...0x10FF, .georgian), (0x1C90...0x1CBF, .georgian), (0x2D00...0x2D2F, .georgian),
        (0x0590...0x05FF, .hebrew), (0xFB1D...0xFB4F, .hebrew),
        (0x0600...0x06FF, .arabic), (0x0750...0x077F, .arabic), (0x0870...0x08FF, .arabic), (0xFB50...0xFDFF, .arabic),
        (0xFE70...0xFEFF, .arabic),
        (0x0900...0x097F, .devanagari), (0xA8E0...0xA8FF, .devanagari),
        (0x0A00...0x0A7F, .gurmukhi),
        (0x0E00...0x0E7F, .thai), (0x0E80...0x0EFF, .lao), (0x1000...0x109F, .myanmar), (0x1200...0x139F, .ethiopic),
        (0x1780...0x17FF, .khmer), (0x19E0...0x19FF, .khmer),
        (0x1100...0x11FF, .hangul), (0x3130...0x318F, .hangul), (0xA960...0xA97F, .hangul), (0xAC00...0xD7FF, .hangul),
        (0xFFA0...0xFFDC, .hangul),
        (0x3040...0x30FF, .kana), (0x31F0...0x31FF, .kana), (0xFF66...0xFF9F, .kana),
        (0x2E80...0x2FDF, .han), (0x3005...0x3007, .han), (0x3021...0x3029, .han), (0x3400...0x4DBF, .han),
        (0x4E00...0x9FFF, .han), (0xF900...0xFAFF, .han), (0x20000...0x323AF, .han),
    ]
}
