import EnlaceCalendar
import EnlaceCore
import EnlaceFeeds
import Foundation
import Testing

/// Every text of every language through the real feed writer: lines fold at 75 octets, never
/// inside a UTF-8 character, and unfolding gives back the exact text (Khmer, Gurmukhi and
/// Devanagari put combining marks after their letters; Arabic-script texts carry joiners).
@Suite("Folding of every language's texts")
struct FoldingTests {
    static let catalog = try! TranslationCatalog.builtin()
    static let writer = try! FeedWriter(timezone: "America/Los_Angeles")

    static let values = ["mentor": "Guadalupe", "place": "Lincoln Elementary, 100 Main St", "site": "Lincoln Elementary",
                         "url": "https://meet.example.org/springfield/M1-TU1830-virtual", "count": "4", "names": "Ana, Lan, Mai",
                         "group": "M1-TU1830-virtual", "title": "Back to School Night", "topic": "Seal of Biliteracy",
                         "reason": "", "contact": "Rosa Pérez, 555-0100", "language": "", "name": "Ana García",
                         "program": "Springfield USD Parent Mentors", "date": "", "time": ""]

    /// One calendar in `language` with one event per message: the text as SUMMARY, and as
    /// DESCRIPTION the text, a line break, and the date and time in the language's conventions.
    static func calendar(_ language: String) -> (FeedCalendar, expected: [(summary: String, description: String)]) {
        let strings = catalog.strings(for: LanguageTag(language)!)
        var values = Self.values
        values["language"] = strings.languageName(LanguageTag(language)!)
        values["date"] = strings.formatDate(LocalDate(year: 2026, month: 9, day: 3)!)
        values["time"] = strings.formatTime(19 * 60)
        values["reason"] = strings.text("cancelled_blackout")
        let start = LocalDateTime(date: LocalDate(year: 2026, month: 9, day: 3)!, minuteOfDay: 19 * 60)
        var expected: [(String, String)] = []
        let events = TranslationCatalog.keys.enumerated().map { index, key in
            let text = strings.text(key, values)
            let description = text + "\n" + strings.text("letter_date_time", values)
            expected.append((text, description))
            let content = EventContent(uid: "text-\(index)@example.org", start: start.adding(minutes: index),
                                       end: start.adding(minutes: index + 60), summary: text, description: description,
                                       location: values["place"])
            return PublishedEvent(content: content, sequence: 0, lastModified: 1_785_585_600, status: .confirmed)
        }
        let calendar = FeedCalendar(owner: FeedOwner(kind: .parent, id: "P-\(language)"), language: strings.language,
                                    name: strings.text("calendar_parent"), description: values["program"]!,
                                    timezone: "America/Los_Angeles", organizerName: values["program"]!,
                                    organizerEmail: "no-reply@example.org", events: events)
        return (calendar, expected)
    }

    @Test("lines fold at 75 octets, between characters, and unfold to the exact texts",
          arguments: catalog.languages)
    func folding(language: String) throws {
        let (calendar, expected) = Self.calendar(language)
        let bytes = Self.writer.render(calendar)
        #expect(FeedValidator.problems(in: bytes) == [])
        let lines = Self.physicalLines(bytes)
        for line in lines {
            #expect(line.count <= 75, "a line of \(line.count) octets")
            #expect(String(bytes: line, encoding: .utf8) != nil, "a line that splits a UTF-8 character")
        }
        let logical = Self.unfold(lines)
        let tag = calendar.language
        let summaries = logical.filter { $0.hasPrefix("SUMMARY;LANGUAGE=\(tag):") }.map { Self.unescape(String($0.dropFirst("SUMMARY;LANGUAGE=\(tag):".count))) }
        let descriptions = logical.filter { $0.hasPrefix("DESCRIPTION;LANGUAGE=\(tag):") && !$0.hasSuffix(calendar.description) }
            .map { Self.unescape(String($0.dropFirst("DESCRIPTION;LANGUAGE=\(tag):".count))) }
        // Bytes, not String equality (which would accept another normalization of the same text).
        #expect(summaries.map { Array($0.utf8) } == expected.map { Array($0.summary.utf8) })
        #expect(descriptions.map { Array($0.utf8) } == expected.map { Array($0.description.utf8) })
        #expect(logical.contains("NAME;LANGUAGE=\(tag):" + calendar.name))
        #expect(lines.contains { $0.first == UInt8(ascii: " ") }, "no line was folded: the test proves nothing")
    }

    /// Runs with no space, `;` or `:` for libical to fold after, so that folds fall between
    /// letters and their marks: Khmer (subscript consonants after COENG, vowel signs), Gurmukhi
    /// (vowel signs, tippi, addak, nukta), Urdu words joined by zero-width non-joiners, Arabic with
    /// its vowel marks joined by tatweels, and emoji of four octets a scalar in ZWJ sequences, with
    /// skin tones, flags and keycaps.
    static let longRuns: [(language: String, text: String)] = [
        ("km", String(repeating: "សូមស្វាគមន៍គ្រប់គ្រួសារមកកាន់កម្មវិធីឪពុកម្តាយអ្នកណែនាំ", count: 6)),
        ("pa", String(repeating: "ਮਾਪਿਆਂ-ਮੈਂਟਰਾਂ-ਦੀਆਂ-ਮੀਟਿੰਗਾਂ-ਵਿੱਚ-ਤੁਹਾਡਾ-ਸੁਆਗਤ-ਹੈ-ਖ਼ੁਸ਼ੀ-", count: 6)),
        ("ur", String(repeating: "والدین\u{200C}کی\u{200C}رہنمائی\u{200C}کا\u{200C}پروگرام\u{200C}ہے۔", count: 8)),
        ("ar", String(repeating: "مَرْحَبًا\u{0640}بِكُمْ\u{0640}فِي\u{0640}بَرْنَامَجِ\u{0640}الْمُرْشِدِينَ", count: 8)),
        ("en", String(repeating: "👩‍👩‍👧‍👦🇺🇸🇲🇽👍🏽1️⃣✍🏾🧑🏿‍🏫", count: 10)),
    ]

    @Test("long runs of combining marks and emoji fold between scalars and unfold to the same scalars",
          arguments: longRuns.map(\.language))
    func foldingLongRuns(language: String) throws {
        let text = Self.longRuns.first { $0.language == language }!.text
        let start = LocalDateTime(date: LocalDate(year: 2026, month: 9, day: 3)!, minuteOfDay: 19 * 60)
        let content = EventContent(uid: "run-\(language)@example.org", start: start, end: start.adding(minutes: 60),
                                   summary: text, description: text + "\n" + text, location: text)
        let calendar = FeedCalendar(owner: FeedOwner(kind: .parent, id: "P-\(language)"), language: language,
                                    name: "Parent mentor meetings", description: "Springfield USD Parent Mentors",
                                    timezone: "America/Los_Angeles", organizerName: "Springfield USD Parent Mentors",
                                    organizerEmail: "no-reply@example.org",
                                    events: [PublishedEvent(content: content, sequence: 0, lastModified: 1_785_585_600,
                                                            status: .confirmed)])
        let lines = Self.physicalLines(Self.writer.render(calendar))
        for line in lines {
            #expect(line.count <= 75, "a line of \(line.count) octets")
            #expect(String(validating: line, as: UTF8.self) != nil, "a fold inside a UTF-8 sequence: \(line)")
        }
        // Folds inside the run (after neither a space, `;` nor `:`): the cases this test is for.
        let inside = zip(lines, lines.dropFirst()).filter { previous, next in
            next.first == UInt8(ascii: " ") && ![UInt8(ascii: " "), UInt8(ascii: ";"), UInt8(ascii: ":")].contains(previous.last)
        }
        #expect(inside.count >= 3 * (text.utf8.count / 75), "only \(inside.count) folds inside the run")
        let event = Self.unfold(lines).drop { $0 != "BEGIN:VEVENT" }
        for (property, expected) in [("SUMMARY", text), ("DESCRIPTION", text + "\n" + text), ("LOCATION", text)] {
            let values = event.filter { $0.hasPrefix("\(property);LANGUAGE=\(language):") }
                .map { Self.unescape(String($0.dropFirst("\(property);LANGUAGE=\(language):".count))) }
            #expect(values.map { Array($0.utf8) } == [Array(expected.utf8)], "\(property) unfolds to other scalars")
        }
    }

    /// The octets of each line, without CRLF.
    static func physicalLines(_ bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = [], current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                lines.append(current)
                current = []
                index += 2
            } else {
                current.append(bytes[index])
                index += 1
            }
        }
        return lines
    }

    /// RFC 5545 unfolding: a line starting with a space continues the previous one.
    static func unfold(_ lines: [[UInt8]]) -> [String] {
        var logical: [[UInt8]] = []
        for line in lines {
            if line.first == UInt8(ascii: " "), !logical.isEmpty { logical[logical.count - 1] += line.dropFirst() } else { logical.append(line) }
        }
        return logical.map { String(decoding: $0, as: UTF8.self) }
    }

    /// TEXT unescaping (`\\`, `\,`, `\;`, `\n`).
    static func unescape(_ text: String) -> String {
        var result = "", escaped = false
        for character in text {
            if escaped {
                result.append(character == "n" || character == "N" ? "\n" : character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
