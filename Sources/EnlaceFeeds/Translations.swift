import EnlaceCore

/// The words of the feeds in every language Enlace knows, with a district's own additions.
///
/// A table is a flat map from a message key (`session_title`) to a text with `{placeholders}`.
/// Tables are named by lower-cased language tag (`es`, `zh-hant`); a feed in language L uses L's
/// table, falling back key by key to English, so a district file that translates only a few keys
/// still gives a complete feed.
public struct TranslationCatalog: Sendable {
    /// The message keys every built-in table defines; a district file may define any subset.
    public static let keys = [
        "calendar_parent", "calendar_mentor", "calendar_site", "session_title", "mentor_session_title",
        "site_session_title", "place_online", "about_program", "bring_in_person", "bring_virtual", "where",
        "join_online", "join_label", "group_parents", "group_id", "site_session_description",
        "open_house_title", "open_house_description", "cancelled_title",
    ]

    private var tables: [String: [String: String]]

    /// A catalog from tables keyed by language tag (any case).
    public init(tables: [String: [String: String]]) {
        self.tables = Dictionary(tables.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
    }

    /// This catalog with `overrides` laid over it key by key (a district's `translations/*.json`).
    public func overlaid(with overrides: [String: [String: String]]) -> TranslationCatalog {
        var merged = tables
        for (language, table) in overrides {
            merged[language.lowercased(), default: [:]].merge(table) { $1 }
        }
        return TranslationCatalog(tables: merged)
    }

    /// The languages with a table, lower-cased and sorted.
    public var languages: [String] { tables.keys.sorted() }

    /// The strings for someone whose preferred language is `tag` (English when nil or unknown).
    public func strings(for tag: LanguageTag?) -> FeedStrings {
        let chain = Self.candidates(for: tag).filter { tables[$0] != nil }
        return FeedStrings(language: Self.displayTag(chain.first ?? "en"),
                           tables: chain.compactMap { tables[$0] } + (chain.contains("en") ? [] : [tables["en"] ?? [:]]))
    }

    /// Table names to try for `tag`, most specific first, ending with English.
    ///
    /// Chinese is split by script, because a reader of one script may not read the other: `zh-Hant`,
    /// `zh-TW`, `zh-HK`, `zh-MO` and Cantonese (`yue`) read Traditional; other `zh` tags
    /// Simplified. Filipino (`fil`) and Tagalog (`tl`) share one table.
    static func candidates(for tag: LanguageTag?) -> [String] {
        guard let tag else { return ["en"] }
        let full = tag.tag.lowercased()
        let subtags = full.split(separator: "-").map(String.init)
        var result = [full]
        switch tag.primary {
        case "zh", "yue", "cmn":
            let traditional = tag.primary == "yue" || subtags.contains { ["hant", "tw", "hk", "mo"].contains($0) }
            result += [tag.primary, traditional ? "zh-hant" : "zh-hans"]
        case "fil", "tl":
            result += [tag.primary, "tl"]
        default:
            result.append(tag.primary)
        }
        result.append("en")
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

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

/// The resolved strings of one feed: its language's table, then fallbacks down to English.
public struct FeedStrings: Sendable {
    /// The language the feed is written in, e.g. `es` or `zh-Hant` (`en` when nothing matched).
    public let language: String
    let tables: [[String: String]]

    /// The text for `key` with each `{name}` replaced by `values[name]`; the key itself when no
    /// table has it (a visible gap rather than a crash).
    ///
    /// One pass over the template's bytes (a feed run fills hundreds of thousands of texts): a
    /// placeholder is looked up by its name, and the inserted values are never searched for
    /// placeholders themselves, so a name that contains `{site}` stays as written.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        guard let template = tables.lazy.compactMap({ $0[key] }).first else { return key }
        guard !values.isEmpty, template.utf8.contains(UInt8(ascii: "{")) else { return template }
        let bytes = Array(template.utf8)
        var result = ""
        result.reserveCapacity(bytes.count + 64)
        var index = 0, literalStart = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")),
               let value = values[String(decoding: bytes[(index + 1)..<close], as: UTF8.self)] {
                result += String(decoding: bytes[literalStart..<index], as: UTF8.self)
                result += value
                index = close + 1
                literalStart = index
            } else {
                index += 1
            }
        }
        result += String(decoding: bytes[literalStart...], as: UTF8.self)
        return result
    }
}

extension String {
    /// Every occurrence of `target` replaced (Foundation-free, so the core stays portable).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
