import EnlaceCore

// Which table a person gets (PROGRAM.md section 3: the first language listed if Enlace has a
// translation for it, else English; the person's other languages are not tried).
//
// A tag is matched by language and by script, because a reader of one script may not read
// another: Traditional and Simplified Chinese, Punjabi in Gurmukhi (India) and in Shahmukhi
// (Pakistan, an Arabic script). The tag's script is its script subtag, or for Chinese, Cantonese
// and Punjabi the one its region implies (`zh-TW` is Traditional, `pa-PK` Shahmukhi). A table's
// script is its `_script` setting, else the one its own tag names or implies. A table written in
// another script than the person's is skipped, so `pa-Arab` never gets Gurmukhi.

extension TranslationCatalog {
    /// The table `tag` reads and the tables each text is looked up in, for `enlace explain parent`.
    public func resolution(for tag: LanguageTag?) -> LanguageResolution {
        LanguageResolution(tag: tag?.tag, chain: tableChain(for: tag).map(Self.displayTag))
    }

    /// The lower-cased names of the tables to look texts up in, most specific first, ending with
    /// `en`; the first is the table the person reads.
    func tableChain(for tag: LanguageTag?) -> [String] {
        guard let tag else { return ["en"] }
        let wanted = Self.script(ofTag: tag.tag.lowercased())
        var chain = Self.candidates(for: tag).filter { name in
            guard name != "en", let table = tables[name] else { return false }
            guard let wanted, let script = table["_script"]?.lowercased() ?? Self.script(ofTag: name) else { return true }
            return script == wanted
        }
        chain.append("en")
        return chain
    }

    /// Table names to try for `tag`, most specific first (whether or not such tables exist),
    /// before the script filter and English.
    static func candidates(for tag: LanguageTag) -> [String] {
        let full = tag.tag.lowercased()
        let primary = tag.primary
        let script = script(ofTag: full)
        var result = [full]
        for language in [primary] + [closestLanguage[primary]].compactMap({ $0 }) {
            if let script { result.append(language + "-" + script) }
            result.append(language)
        }
        if primary == "zh" || primary == "yue" || closestLanguage[primary] == "zh" {
            result.append(script == "hant" ? "zh-hant" : "zh-hans")
        }
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// Languages whose readers read another language's table when the district has none of their
    /// own: Filipino reads Tagalog, Mandarin Chinese, White Hmong (`mww`) and Mong Leng (`hnj`)
    /// the Hmong table (White Hmong), Iranian Persian and Dari Farsi, Western Armenian the Eastern
    /// Armenian table, Western Punjabi (`pnb`) Punjabi in Shahmukhi.
    static let closestLanguage = ["fil": "tl", "cmn": "zh", "mww": "hmn", "hnj": "hmn", "pes": "fa", "prs": "fa",
                                  "hyw": "hy", "pnb": "pa"]

    /// The lower-cased script of a lower-cased tag: its script subtag, else the one its language
    /// and region imply for the languages written in two scripts; nil when unknown.
    static func script(ofTag tag: String) -> String? {
        let subtags = tag.split(separator: "-").map(String.init)
        guard let language = subtags.first else { return nil }
        let rest = subtags.dropFirst()
        if let explicit = rest.first(where: { $0.count == 4 && $0.allSatisfy(\.isLetter) }) { return explicit }
        let region = rest.first { ($0.count == 2 && $0.allSatisfy(\.isLetter)) || ($0.count == 3 && $0.allSatisfy(\.isNumber)) }
        for candidate in [language, closestLanguage[language]].compactMap({ $0 }) {
            if let region, let script = scriptByRegion[candidate]?[region] { return script }
            if let script = defaultScript[candidate] { return script }
        }
        return nil
    }

    /// Scripts that a region implies for languages written in two scripts.
    private static let scriptByRegion = [
        "zh": ["tw": "hant", "hk": "hant", "mo": "hant", "cn": "hans", "sg": "hans", "my": "hans"],
        "yue": ["hk": "hant", "mo": "hant", "cn": "hans"],
        "pa": ["in": "guru", "pk": "arab"],
    ]

    /// The script of such a language when its tag names neither script nor region.
    private static let defaultScript = ["zh": "hans", "yue": "hant", "pa": "guru", "pnb": "arab"]

    /// `zh-hant` → `zh-Hant`: the conventional casing, for the feed's language tag.
    static func displayTag(_ name: String) -> String {
        let parts = name.split(separator: "-")
        guard let first = parts.first else { return name }
        return ([first.lowercased()] + parts.dropFirst().map { part in
            part.count == 4 ? part.prefix(1).uppercased() + part.dropFirst().lowercased()
                : part.count == 2 ? part.uppercased() : part.lowercased()
        }).joined(separator: "-")
    }
}

/// How a person's first language tag was matched to a table: what `enlace explain parent` shows.
public struct LanguageResolution: Sendable, Equatable {
    /// The tag as the roster lists it; nil when the person lists no language.
    public let tag: String?
    /// The tables each text is looked up in, in order, ending with `en` (e.g. `yue`, `zh-Hant`,
    /// `en`); the first is the table the person reads.
    public let chain: [String]

    /// The table the person reads, e.g. `yue`; `en` when Enlace has no translation for the tag.
    public var table: String { chain[0] }

    /// One line for a coordinator, e.g. "yue-HK (Cantonese): the yue table, then
    /// zh-Hant, then English for any text they lack."
    public var explanation: String {
        guard let tag else { return "No language listed: texts in English." }
        let named = "\(tag) (\(Self.englishName(of: tag)))"
        if table == "en" {
            if tag.lowercased().split(separator: "-").first == "en" { return "\(named): texts in English." }
            return "\(named): Enlace has no translation for it, so texts are in English (only the first language listed is used; "
                + "a district can add translations/\(tag).json)."
        }
        let then = chain.dropFirst().dropLast().map { ", then \($0)" }.joined()
        return "\(named): the \(table) table\(then), then English for any text \(chain.count > 2 ? "they lack" : "it lacks")."
    }
}
