import Foundation

/// A way a translation table falls short of English, found by `TranslationCatalog.problems`.
public struct TranslationProblem: Sendable, Equatable, CustomStringConvertible {
    /// What kind of shortfall.
    public enum Kind: String, Sendable {
        /// A message English has is missing.
        case missingKey = "missing key"
        /// A text's placeholders differ from the English text's (missing, extra or repeated).
        case placeholders
        /// The table's texts run right to left but it is not marked so, or the other way round.
        case direction
        /// A setting (`_weekdays`, `_direction`…) has a value Enlace cannot use.
        case setting
    }

    /// The table, e.g. `fa`.
    public let language: String
    /// The message or setting, when the problem has one.
    public let key: String?
    /// What kind of shortfall it is.
    public let kind: Kind
    /// What is wrong and how to fix it.
    public let detail: String

    /// One line, e.g. `es.waiting_title: missing key: English: Waiting list: parent mentor program`.
    public var description: String { "\(language)\(key.map { ".\($0)" } ?? ""): \(kind.rawValue): \(detail)" }
}

extension TranslationCatalog {
    /// Every problem of every table against English: what the coverage test asserts is empty for
    /// the built-in tables.
    public func problems() -> [TranslationProblem] {
        let english = texts(of: "en") ?? [:]
        var result = Self.keys.filter { english[$0] == nil }.map {
            TranslationProblem(language: "en", key: $0, kind: .missingKey, detail: "English must define every message.")
        }
        for language in languages {
            result += Self.problems(in: texts(of: language) ?? [:], language: language, english: english, complete: true)
        }
        return result
    }

    /// The problems of one table against `english`.
    ///
    /// - Parameter complete: whether the table must define every message and mark a
    ///   right-to-left script with `_direction` itself (the built-in tables); a district's file
    ///   may define any subset, and its direction may come from the system's locale data.
    public static func problems(in table: [String: String], language: String, english: [String: String],
                                complete: Bool) -> [TranslationProblem] {
        var result: [TranslationProblem] = []
        for key in english.keys.sorted() where !key.hasPrefix("_") && !key.hasPrefix(languageNamePrefix) {
            guard let text = table[key] else {
                if complete { result.append(.init(language: language, key: key, kind: .missingKey, detail: "English: \(english[key]!)")) }
                continue
            }
            let found = placeholders(in: text), expected = placeholders(in: english[key]!)
            if found != expected {
                result.append(.init(language: language, key: key, kind: .placeholders,
                                    detail: "has \(found.map { "{\($0)}" }) where English has \(expected.map { "{\($0)}" }), each once."))
            }
        }
        result += settingProblems(table, language: language)
        if let problem = directionProblem(table, language: language, complete: complete) { result.append(problem) }
        return result
    }

    /// The placeholder names of `text` in order of name, a name as often as it occurs:
    /// `{name}` where the name is ASCII letters, digits and `_`.
    public static func placeholders(in text: String) -> [String] {
        var result: [String] = []
        var current: String?
        for scalar in text.unicodeScalars {
            if scalar == "{" {
                current = ""
            } else if scalar == "}" {
                if let name = current, !name.isEmpty { result.append(name) }
                current = nil
            } else if current != nil {
                if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_") {
                    current!.unicodeScalars.append(scalar)
                } else {
                    current = nil
                }
            }
        }
        return result.sorted()
    }

    private static func settingProblems(_ table: [String: String], language: String) -> [TranslationProblem] {
        var result: [TranslationProblem] = []
        func check(_ key: String, _ valid: (String) -> Bool, _ detail: String) {
            if let value = table[key], !valid(value) { result.append(.init(language: language, key: key, kind: .setting, detail: detail)) }
        }
        let count = { (value: String) in value.split(separator: ";", omittingEmptySubsequences: false).count }
        check("_direction", { ["rtl", "ltr"].contains($0.lowercased()) }, "write rtl or ltr.")
        check("_script", { $0.count == 4 && $0.allSatisfy(\.isLetter) }, "write an ISO 15924 script code such as Latn, Arab or Guru.")
        check("_weekdays", { count($0) == 7 }, "list 7 day names, Sunday first, separated by ;.")
        check("_months", { count($0) == 12 }, "list 12 month names, January first, separated by ;.")
        check("_day_periods", { count($0) == 3 }, "list 3 words separated by ;: before noon, noon to 6 p.m., after 6 p.m.")
        if table["_date_pattern"] != nil && table["_weekdays"] == nil {
            result.append(.init(language: language, key: "_date_pattern", kind: .setting, detail: "a date pattern needs _weekdays."))
        }
        return result
    }

    /// A problem when the table's texts are mostly in a right-to-left script and it is not
    /// marked `rtl`, or mostly in a left-to-right one and marked `rtl`.
    private static func directionProblem(_ table: [String: String], language: String, complete: Bool) -> TranslationProblem? {
        let texts = table.filter { !$0.key.hasPrefix("_") }.values
        guard let textIsRTL = isMostlyRightToLeft(texts) else { return nil }
        let marked = table["_direction"]?.lowercased()
        let markedRTL = marked.map { $0 == "rtl" }
            ?? (complete ? false : Locale.Language(identifier: language).characterDirection == .rightToLeft)
        guard textIsRTL != markedRTL else { return nil }
        return TranslationProblem(language: language, key: "_direction", kind: .direction,
                                  detail: textIsRTL ? "the texts run right to left: add \"_direction\": \"rtl\"."
                                                    : "the texts run left to right but the table is marked rtl.")
    }

    /// Whether most letters of `texts` (outside placeholders) belong to right-to-left scripts;
    /// nil when they have no letters.
    static func isMostlyRightToLeft(_ texts: some Sequence<String>) -> Bool? {
        var rightToLeft = 0, leftToRight = 0
        for text in texts {
            var inPlaceholder = false
            for scalar in text.unicodeScalars {
                if scalar == "{" { inPlaceholder = true } else if scalar == "}" { inPlaceholder = false }
                guard !inPlaceholder, scalar.properties.isAlphabetic else { continue }
                if rightToLeftBlocks.contains(where: { $0.contains(scalar.value) }) { rightToLeft += 1 } else { leftToRight += 1 }
            }
        }
        return rightToLeft + leftToRight == 0 ? nil : rightToLeft > leftToRight
    }

    /// Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms, and
    /// the historic right-to-left scripts of the supplementary planes.
    private static let rightToLeftBlocks: [ClosedRange<UInt32>] = [0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF,
                                                                   0x10800...0x10FFF, 0x1E800...0x1EFFF]
}
