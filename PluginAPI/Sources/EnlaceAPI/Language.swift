/// A BCP 47 language tag such as `es`, `es-MX` or `zh-Hant`.
///
/// Two tags *match* when their primary language subtags are equal ignoring case (`es-MX` matches
/// `es`; `zh` does not match `yue`), which is how the matcher pairs mentors with parents.
public struct LanguageTag: Hashable, Sendable, CustomStringConvertible, Codable {
    /// The tag as written, e.g. `es-MX`.
    public let tag: String
    /// The primary language subtag, lowercased, e.g. `es`.
    public let primary: String

    /// Reads a tag; nil unless it has the shape of BCP 47: a 2–3 letter primary subtag followed by
    /// 1–8 character alphanumeric subtags separated by `-`. (BCP 47 reserves 4–8 letter primary
    /// subtags and none is registered, so `Spanish` is refused rather than read as a language.)
    public init?(_ text: String) {
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first,
              (2...3).contains(first.count),
              first.allSatisfy({ $0.isASCII && $0.isLetter }),
              subtags.dropFirst().allSatisfy({ (1...8).contains($0.count)
                  && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else { return nil }
        self.tag = text
        self.primary = first.lowercased()
    }

    /// Whether the two tags name the same primary language.
    public func matches(_ other: LanguageTag) -> Bool { primary == other.primary }

    public var description: String { tag }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let tag = LanguageTag(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a language tag: \(text)"))
        }
        self = tag
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(tag)
    }
}

/// English names of common language subtags, for explanations; other tags are shown as written.
public enum LanguageNames {
    public static let names: [String: String] = [
        "en": "English", "es": "Spanish", "vi": "Vietnamese", "zh": "Chinese", "yue": "Cantonese",
        "cmn": "Mandarin", "ar": "Arabic", "tl": "Tagalog", "fil": "Filipino", "ko": "Korean",
        "hmn": "Hmong", "pa": "Punjabi", "ru": "Russian", "fa": "Persian", "pt": "Portuguese",
        "ja": "Japanese", "hy": "Armenian", "km": "Khmer", "so": "Somali", "uk": "Ukrainian",
        "hi": "Hindi", "ur": "Urdu", "ps": "Pashto", "mix": "Mixtec", "te": "Telugu", "ta": "Tamil",
        "fr": "French", "de": "German", "it": "Italian", "th": "Thai", "lo": "Lao", "my": "Burmese",
    ]

    public static func name(_ tag: LanguageTag) -> String { names[tag.primary] ?? tag.tag }

    /// "Hmong", "Hmong or Lao".
    public static func list(_ tags: [LanguageTag]) -> String {
        var seen = Set<String>()
        let unique = tags.filter { seen.insert($0.primary).inserted }.map(name)
        return unique.count <= 1 ? unique.joined() : unique.dropLast().joined(separator: ", ") + " or " + unique.last!
    }
}

extension Program {
    /// "1 mentor speaks Vietnamese", "3 mentors speak Spanish or English": the mentors leading
    /// `groups` who share a language with parent `p`, for explanations; `and` continues the
    /// sentence in the singular and the plural ("meets", "meet").
    public func speakersPhrase(parent p: Int, groups: [CandidateGroup], and verbs: (String, String)? = nil) -> String {
        let primaries = Set(parents[p].languages.map(\.primary))
        // Reads each group's mentor in place and each mentor once: the explanations of a large
        // district call this for thousands of parents with tens of thousands of groups.
        var seen = Array(repeating: false, count: mentors.count)
        var count = 0
        groups.withUnsafeBufferPointer { groups in
            for i in groups.indices where !seen[groups[i].mentor] {
                let m = groups[i].mentor
                seen[m] = true
                if mentors[m].languages.contains(where: { primaries.contains($0.primary) }) { count += 1 }
            }
        }
        let languages = LanguageNames.list(parents[p].languages)
        let subject = count == 1 ? "1 mentor speaks \(languages)" : "\(count) mentors speak \(languages)"
        guard let verbs else { return subject }
        return subject + " and " + (count == 1 ? verbs.0 : verbs.1)
    }
}
