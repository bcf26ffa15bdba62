import EnlaceCore
import Foundation

/// Names written in Latin letters, for readers of another script (spec section 7: "a Latin-script
/// transliteration beside a name in a script the feed's language does not use").
///
/// ICU's transforms, through Foundation (`applyingTransform`, available on Linux), then the
/// conventions families see on passports and school forms, which carry no tone or length marks:
/// - Hangul: Revised Romanization, syllables of a given name joined by a hyphen ("정호" →
///   "Jeong-ho");
/// - Han: pinyin without tones, syllables joined ("秀英" → "Xiuying", an apostrophe before a
///   syllable that starts with a vowel: "Xi'an"), only for people who speak Mandarin or no
///   language that reads Han otherwise: the Cantonese ("Suk Yee") and Japanese readings of a name
///   cannot be told from its characters;
/// - kana: Hepburn ("はなこ" → "Hanako");
/// - Cyrillic: BGN/PCGN for Russian and Ukrainian speakers ("Наталья" → "Natalya"), ISO 9
///   otherwise, without diacritics;
/// - Greek, Armenian, Georgian: ICU's transliteration without diacritics;
/// - Devanagari, Gurmukhi: ICU's ISO 15919 with the final inherent vowel dropped (as Hindi and
///   Punjabi speak it), ś and ṣ written `sh`, c written `ch` ("ਗੁਰਪ੍ਰੀਤ" → "Guraprit").
///
/// Arabic and Hebrew script write few vowels (ICU gives "fatmt" for فاطمة, which no family would
/// recognise), and ICU has no Latin transliteration of Khmer, Lao, Thai names that families would
/// recognise either: for names in those scripts, and Han names of Cantonese or Japanese speakers,
/// there is none, and the roster's `display_name` is the way to give the name families can read.
enum Transliteration {
    /// `name` (one person's name, in one non-Latin script) in Latin letters, or nil when Enlace
    /// cannot write it reliably. `languages` are the person's (they choose the reading of Han
    /// names and the Cyrillic standard).
    static func latin(_ name: String, script: NameScript, languages: [LanguageTag]) -> String? {
        let words = name.split(separator: " ").map(String.init)
        var result: [String] = []
        for word in words {
            guard let latin = latinWord(word, script: script, languages: languages) else { return nil }
            result.append(latin)
        }
        let text = result.joined(separator: " ")
        return isPlainLatin(text) ? text : nil
    }

    /// Whether a name's script can be written in Latin letters for a person with `languages`.
    static func isSupported(_ script: NameScript, languages: [LanguageTag]) -> Bool {
        switch script {
        case .hangul, .kana, .cyrillic, .greek, .armenian, .georgian, .devanagari, .gurmukhi: true
        case .han: readsHanAsMandarin(languages)
        default: false
        }
    }

    private static func latinWord(_ word: String, script: NameScript, languages: [LanguageTag]) -> String? {
        guard isSupported(script, languages: languages) else { return nil }
        switch script {
        case .hangul:
            let syllables = word.map { transform(String($0), "Hangul-Latin") }
            return capitalized(syllables.joined(separator: "-"))
        case .han:
            var pinyin = ""
            for character in word {
                let syllable = transform(String(character), "Han-Latin/Names")
                if !pinyin.isEmpty, let first = syllable.first, "aoe".contains(first) { pinyin += "'" }
                pinyin += syllable
            }
            return capitalized(pinyin)
        case .cyrillic:
            let standard = languages.contains { $0.primary == "ru" } ? "Russian-Latin/BGN"
                : languages.contains { $0.primary == "uk" } ? "Ukrainian-Latin/BGN" : "Cyrillic-Latin"
            let latin = transform(word, standard).filter { $0 != "\u{2B9}" && $0 != "\u{2BA}" }
            return capitalized(latin)
        case .devanagari, .gurmukhi:
            return capitalized(indic(word))
        default:
            return capitalized(transform(word, "Any-Latin"))
        }
    }

    /// ISO 15919 closer to how families write their names: a final consonant's inherent vowel is
    /// not spoken, so not written ("guraprīta" → "guraprit").
    private static func indic(_ word: String) -> String {
        var latin = Array(rawTransform(word, "Any-Latin"))
        if let last = word.unicodeScalars.last, last.properties.generalCategory == .otherLetter, latin.last == "a" {
            latin.removeLast()
        }
        var text = ""
        for (index, character) in latin.enumerated() {
            switch character {
            case "ś", "ṣ": text += "sh"
            case "ṁ", "ṃ": text += "n"
            case "c" where index + 1 == latin.count || latin[index + 1] != "h": text += "ch"
            default: text.append(character)
            }
        }
        return withoutDiacritics(text)
    }

    /// Han names read as Mandarin: people who speak Mandarin (or list Chinese as `zh`), or who
    /// speak neither Cantonese, Japanese nor Korean (whose readings of the same characters differ).
    private static func readsHanAsMandarin(_ languages: [LanguageTag]) -> Bool {
        let primaries = Set(languages.map(\.primary))
        if primaries.contains("zh") || primaries.contains("cmn") { return true }
        return primaries.isDisjoint(with: ["yue", "ja", "ko"])
    }

    private static func transform(_ text: String, _ identifier: String) -> String {
        withoutDiacritics(rawTransform(text, identifier))
    }

    private static func rawTransform(_ text: String, _ identifier: String) -> String {
        text.applyingTransform(StringTransform(identifier), reverse: false) ?? text
    }

    private static func withoutDiacritics(_ text: String) -> String {
        text.applyingTransform(.stripDiacritics, reverse: false) ?? text
    }

    /// Each word with its first letter in capitals ("jeong-ho" → "Jeong-ho").
    private static func capitalized(_ text: String) -> String {
        text.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    /// Latin letters, spaces, hyphens and apostrophes only: what a transform that knew the script
    /// gives (one that did not leaves the script's letters in place).
    private static func isPlainLatin(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ($0.isASCII && $0.properties.isAlphabetic) || " -'".unicodeScalars.contains($0) }
    }
}
