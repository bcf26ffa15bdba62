import EnlaceCore
import Foundation

/// How list-valued fields are written in database columns: the same `;`-separated form as the CSV
/// cells, so a row reads the way the coordinator wrote it.
enum Coding {
    static func languages(_ tags: [LanguageTag]) -> String { tags.map(\.tag).joined(separator: ";") }
    static func modes(_ modes: Set<MeetingMode>) -> String { modes.sorted().map(\.rawValue).joined(separator: ";") }
    static func topics(_ topics: [TopicID]) -> String { topics.map(\.rawValue).joined(separator: ";") }
    /// The inverse of `topics(_:)` (topic ids never contain `;`).
    static func topicList(_ text: String) -> [TopicID] { text.split(separator: ";").map { TopicID(String($0)) } }

    /// Custom attributes as JSON with sorted keys, so equal attributes give equal text.
    static func json(_ attributes: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(attributes), as: UTF8.self)) ?? "{}"
    }

    /// Translations of a topic's title or description as a JSON array of `[tag, text]` pairs, in
    /// column order.
    static func texts(_ texts: [TopicText]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(texts.map { [$0.language.tag, $0.text] }), as: UTF8.self)) ?? "[]"
    }

    /// A list of texts as a JSON array.
    static func jsonArray(_ texts: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(texts), as: UTF8.self)) ?? "[]"
    }

    /// The texts of a JSON array written by `jsonArray` (empty when malformed).
    static func stringArray(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }
}
