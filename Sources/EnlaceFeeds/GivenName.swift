import EnlaceCore

/// The given name to show for a person, from the single `name` cell of the CSV files.
///
/// Mentor feeds list parents by first name only, and parent feeds name the mentor the same way, so
/// that a feed forwarded to someone else gives away as little as possible. Forms found on school
/// rosters are handled: "Surname, Given"; a nickname in quotes; family-name-first romanisations
/// written with the family name in capitals ("LI Wei"); Vietnamese names in their usual order
/// (family, middle, given); Chinese and Korean names written in their own script with no space
/// (family name first, one syllable).
public enum GivenName {
    /// Family names common enough among Vietnamese families to tell a name written
    /// family-name-first ("Nguyễn Thị Lan") from one written in Western order ("Lan Nguyen").
    static let vietnameseFamilies: Set<String> = [
        "nguyễn", "nguyen", "trần", "tran", "lê", "le", "phạm", "pham", "hoàng", "hoang", "huỳnh", "huynh",
        "phan", "vũ", "vu", "võ", "vo", "đặng", "dang", "bùi", "bui", "đỗ", "do", "hồ", "ho", "ngô", "ngo",
        "dương", "duong", "lý", "ly", "đinh", "dinh", "trương", "truong", "lâm", "lam", "mai", "tô", "to",
    ]

    /// The given name in `name`; `languages` (the person's, preferred first) helps read the order.
    /// Never empty for a non-empty name.
    public static func of(_ name: String, languages: [LanguageTag]) -> String {
        var text = name.trimmingSpaces()
        if let comma = text.firstIndex(of: ",") {
            // "Pérez, Patricia": the given names follow the comma.
            let after = text[text.index(after: comma)...].trimmingSpaces()
            if !after.isEmpty { text = after }
            return firstWord(of: withoutNickname(text))
        }
        text = withoutNickname(text)
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else { return name.trimmingSpaces() }
        if words.count == 1 { return singleWord(first) }
        if first.count > 1, first == first.uppercased(), first != first.lowercased(),
           words.dropFirst().contains(where: { $0 != $0.uppercased() }) {
            // "LI Wei", "NGUYEN Lan": a family name in capitals comes first.
            return words[1]
        }
        let vietnamese = languages.first?.primary == "vi" || languages.contains { $0.primary == "vi" }
        if vietnamese, words.count >= 2, vietnameseFamilies.contains(first.lowercased()) {
            return words[words.count - 1]
        }
        return first
    }

    /// A name written without spaces: in Han or Hangul script, the family name is the first
    /// character, so the given name is the rest; any other word is kept whole.
    private static func singleWord(_ word: String) -> String {
        guard word.count >= 2, word.count <= 4, word.unicodeScalars.allSatisfy(isHanOrHangul) else { return word }
        return String(word.dropFirst())
    }

    private static func isHanOrHangul(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x2FA1F, 0xAC00...0xD7AF: true
        default: false
        }
    }

    private static func firstWord(of text: String) -> String {
        String(text.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? Substring(text))
    }

    /// `Maria "Lupe" Garcia` → `Maria Garcia`: a nickname is how friends say it, not a roster name.
    private static func withoutNickname(_ text: String) -> String {
        var result = ""
        var quoted = false
        for character in text {
            if character == "\"" || character == "“" || character == "”" {
                quoted.toggle()
            } else if !quoted {
                result.append(character)
            }
        }
        let cleaned = result.split(separator: " ").joined(separator: " ")
        return cleaned.isEmpty ? text : cleaned
    }
}
