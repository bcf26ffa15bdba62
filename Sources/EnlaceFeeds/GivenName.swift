import EnlaceCore

/// The given name to show for a person, from the single `name` cell of the CSV files.
///
/// Mentor feeds list parents by first name only, and parent feeds name the mentor the same way, so
/// that a feed forwarded to someone else gives away as little as possible. Forms found on school
/// rosters are handled, and the order of the names is read by the person's culture (their
/// languages, any of them):
///
/// 1. "Surname, Given Names": the given names follow the comma.
/// 2. One word in Han, Hangul or kana script ("王秀英", "김민지"): the family name is the first
///    character (two for compound surnames such as 欧阳 or 남궁, and for four-character Japanese
///    names), the given name the rest. Words in those scripts separated by a space ("田中 花子"):
///    the first is the family name.
/// 3. A family name written in capitals, first or last ("LEE Suk Yee", "Wai Man LEE",
///    "NGUYEN Van Minh"): the other words are the given names.
/// 4. Otherwise, for Chinese, Cantonese, Korean, Japanese and Hmong speakers the family name is the
///    first word when it is a known family name and the last word is not ("Lee Suk Yee"), else the
///    last word ("Wai Man Lee"); when both are, a name of three or more words takes the more
///    common of the two as its family name ("Chan Ka Ho", "Kim Eun Jung") and a name of two words
///    is read in Western order. For Vietnamese speakers the family name is the first word when it
///    is a Vietnamese family name ("Nguyễn Thị Lan"), else the last ("Lan Tran"); for everyone
///    else the last word.
///
/// Of the given names, Chinese, Cantonese, Korean and Hmong speakers keep them all (their given
/// name is often written as two words: "Suk Yee", "Pa Houa"); Vietnamese speakers are called by
/// the last ("Thị Lan" → "Lan"); everyone else by the first ("María José" → "María", with an
/// abbreviation kept with the next word: "Ma. Theresa").
///
/// A name of two words that are both family names ("Li Huang", "Wang Li") is read in Western
/// order, as rosters in the United States write names. Writing the family name in capitals, or a
/// `display_name` column, removes the doubt.
public enum GivenName {
    /// The given name in `name`; `languages` (the person's, preferred first) tell how to read the
    /// order. Never empty for a non-empty name.
    public static func of(_ name: String, languages: [LanguageTag]) -> String {
        let culture = NameCulture(languages)
        var text = withoutNickname(name.trimmingSpaces())
        if let comma = text.firstIndex(of: ",") {
            let after = words(of: String(text[text.index(after: comma)...]))
            if !after.isEmpty { return culture.given(from: after) }
            text = String(text[..<comma])
        }
        let words = words(of: text)
        guard let first = words.first else { return name.trimmingSpaces() }
        if words.count == 1 { return singleWord(first, culture) }
        if first.unicodeScalars.contains(where: NameScript.isFamilyFirstScript) {
            return culture.given(from: Array(words.dropFirst()))
        }
        if let given = givenBesideCapitals(words) { return culture.given(from: given) }
        return culture.given(from: culture.givenWords(in: words))
    }

    /// The words that are not a family name written in capitals at the start or the end of the
    /// name; nil when there is no such family name (or every word is in capitals).
    static func givenBesideCapitals(_ words: [String]) -> [String]? {
        let capitals = words.map(isCapitalized)
        guard capitals.contains(false) else { return nil }
        let leading = capitals.prefix { $0 }.count, trailing = capitals.reversed().prefix { $0 }.count
        guard capitals.filter({ $0 }).count == max(leading, trailing), leading + trailing > 0 else { return nil }
        return leading > 0 ? Array(words.dropFirst(leading)) : Array(words.dropLast(trailing))
    }

    /// A word of two or more letters, all capitals ("LEE", "DE"), in a script that has them.
    private static func isCapitalized(_ word: String) -> Bool {
        word.filter(\.isLetter).count > 1 && word == word.uppercased() && word != word.lowercased()
    }

    /// A name written without spaces: in Han, Hangul or kana script the family name comes first;
    /// any other word is kept whole.
    private static func singleWord(_ word: String, _ culture: NameCulture) -> String {
        let scalars = Array(word.unicodeScalars)
        guard (2...4).contains(word.count), scalars.allSatisfy(NameScript.isFamilyFirstScript) else { return word }
        if culture == .japanese { return word.count == 4 ? String(word.dropFirst(2)) : word }
        let compound = word.count >= 3 && FamilyNames.compoundInScript.contains(String(word.prefix(2)))
        return String(word.dropFirst(compound ? 2 : 1))
    }

    private static func words(of text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
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

/// How a culture orders and uses names, as far as `GivenName` needs it.
enum NameCulture: Equatable {
    /// Chinese (Mandarin and Cantonese): family name first at home, given name often written as
    /// two words in romanisation.
    case chinese
    /// Korean: the same, with Korean family names.
    case korean
    case japanese
    case vietnamese
    case hmong
    case western

    /// The culture of the first of `languages` that has one (a Cantonese and English speaker is
    /// read as Cantonese); Western when none does.
    init(_ languages: [LanguageTag]) {
        self = languages.lazy.compactMap { Self.byLanguage[$0.primary] }.first ?? .western
    }

    private static let byLanguage: [String: NameCulture] = [
        "zh": .chinese, "cmn": .chinese, "yue": .chinese, "ko": .korean,
        "ja": .japanese, "vi": .vietnamese, "hmn": .hmong, "mww": .hmong, "hnj": .hmong,
    ]

    /// Of a name's words (family name not written in capitals), the given names.
    func givenWords(in words: [String]) -> [String] {
        let first = words[0].lowercased(), last = words[words.count - 1].lowercased()
        switch self {
        case .vietnamese:
            return FamilyNames.vietnamese.contains(first) ? Array(words.dropFirst()) : Array(words.dropLast())
        case .chinese, .korean, .japanese, .hmong:
            let lists = FamilyNames.lists(for: self)
            let familyFirst: Bool
            switch (FamilyNames.rank(of: first, in: lists), FamilyNames.rank(of: last, in: lists)) {
            case (nil, _): familyFirst = false
            case (_, nil): familyFirst = true
            // Both ends are family names: two words are read in Western order; of three or more
            // (one family name and a two-syllable given name), the more common family name wins.
            case (let firstRank?, let lastRank?): familyFirst = words.count > 2 && firstRank < lastRank
            }
            return familyFirst ? Array(words.dropFirst()) : Array(words.dropLast())
        case .western:
            return Array(words.dropLast())
        }
    }

    /// The name a person of this culture is called by, from their given names.
    func given(from words: [String]) -> String {
        switch self {
        case .chinese, .korean, .japanese, .hmong:
            return words.joined(separator: " ")
        case .vietnamese:
            return words[words.count - 1]
        case .western:
            // "Ma. Theresa": an abbreviated first name goes with the next one.
            if words.count > 1, words[0].hasSuffix("."), words[0].count <= 4 { return words[0] + " " + words[1] }
            return words[0]
        }
    }
}
