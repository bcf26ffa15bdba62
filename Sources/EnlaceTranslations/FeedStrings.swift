/// The resolved strings of one person: their language's table, then fallbacks down to English.
///
/// Used for feeds, letters, text messages and the join page alike.
public struct FeedStrings: Sendable {
    /// The language the texts are written in, e.g. `es`, `zh-Hant` or `yue` (`en` when nothing
    /// matched); feeds carry it as the LANGUAGE of their texts.
    public let language: String
    /// The chosen table first, then its fallbacks, English last.
    let tables: [[String: String]]

    /// The text for `key` with each `{name}` replaced by `values[name]`; the key itself when no
    /// table has it (a visible gap rather than a crash).
    ///
    /// One pass over the template's bytes (a feed run fills hundreds of thousands of texts): a
    /// placeholder is looked up by its name, and the inserted values are never searched for
    /// placeholders themselves, so a name that contains `{site}` stays as written.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        guard let template = tables.lazy.compactMap({ $0[key] }).first else { return key }
        return Self.fill(template, values)
    }

    /// `template` with each `{name}` that `values` has replaced; other braces stay as written.
    static func fill(_ template: String, _ values: [String: String]) -> String {
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

    /// A setting or language name of the chosen table only (never a fallback's: see
    /// `TranslationCatalog`).
    func own(_ key: String) -> String? { tables.first?[key] }
}
