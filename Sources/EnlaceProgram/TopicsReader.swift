import EnlaceCore

/// Reads `data/topics.csv` (spec section 10): `id, title, description, required, from, until`,
/// plus translations in `title@TAG` and `description@TAG` columns.
enum TopicsReader {
    /// The file inside the program folder; optional.
    static let file = "data/topics.csv"

    /// The translation columns of the header, by base column: `title@es` → ("title", es).
    struct Translations {
        var columns: [(column: String, base: String, language: LanguageTag)] = []
    }

    static func topics(_ table: CSVTable, notes: CellNotes) throws(InputError) -> [Topic] {
        try table.requireColumns(Columns.topicsRequired)
        let translations = try translationColumns(table)
        var seen = SeenIDs()
        var topics: [Topic] = []
        for row in table.rows {
            let cells = CellReader(table: table, row: row, notes: notes)
            let id = try cells.id()
            try seen.refuseDuplicate(id, cells)
            var titles: [TopicText] = [], descriptions: [TopicText] = []
            for (column, base, language) in translations.columns {
                let isTitle = base == "title"
                let text = try cells.text(column, maximum: isTitle ? CellLimits.topicTitle : CellLimits.topicDescription, multiline: !isTitle)
                guard !TextScalars.isBlank(text) else { continue }
                if isTitle { titles.append(TopicText(language: language, text: text)) } else { descriptions.append(TopicText(language: language, text: text)) }
            }
            let known = Columns.topics + translations.columns.map(\.column)
            topics.append(Topic(
                id: TopicID(id), title: try cells.text("title", maximum: CellLimits.topicTitle, required: "a title"),
                description: try cells.text("description", maximum: CellLimits.topicDescription, multiline: true),
                required: try cells.yesNo("required"),
                window: TopicWindow(from: try monthDay("from", cells), until: try monthDay("until", cells)),
                titles: titles, descriptions: descriptions, attributes: try cells.attributes(known: known)))
        }
        return topics
    }

    /// `title@TAG` and `description@TAG` columns, each TAG a BCP 47 tag; a tag given twice (in any
    /// case) is refused.
    static func translationColumns(_ table: CSVTable) throws(InputError) -> Translations {
        var result = Translations()
        var seen = Set<String>()
        for column in table.header {
            guard let at = column.firstIndex(of: "@") else { continue }
            let base = String(column[..<at]), tagText = String(column[column.index(after: at)...])
            guard base == "title" || base == "description" else { continue }
            guard let tag = LanguageTag(tagText) else {
                throw InputError(file: table.file, line: 1, field: column,
                                 problem: "\"\(tagText.prefix(40))\" after \"@\" is not a BCP 47 language tag, so Enlace cannot tell which families read this translation.",
                                 fix: "name the column \(base)@TAG with a tag such as \(base)@es, \(base)@vi or \(base)@zh-Hant.")
            }
            guard seen.insert("\(base)@\(tag.tag.lowercased())").inserted else {
                throw InputError(file: table.file, line: 1, field: column, problem: "repeats the translation \(base)@\(tag.tag) (tags are compared ignoring case).",
                                 fix: "keep one \(base)@\(tag.tag) column.")
            }
            result.columns.append((column, base, tag))
        }
        return result
    }

    private static func monthDay(_ column: String, _ cells: CellReader) throws(InputError) -> MonthDay? {
        let text = cells.row[column]
        guard !text.isEmpty else { return nil }
        guard let value = MonthDay(text) else {
            throw cells.fail(column, "\"\(text.prefix(20))\" is not a month and day written MM-DD (a date that exists, 02-29 included).",
                             fix: "write e.g. 10-01 for October 1, or leave the cell empty.")
        }
        return value
    }

    /// A warning for each topic id that parents or mentors ask for and `topics.csv` does not
    /// define (spec section 10): counted, with the first file and line that names it.
    static func undefinedTopicWarnings(topics: [Topic], mentors: [(Mentor, line: Int)], parents: [(Parent, line: Int)],
                                       mentorsFile: String, parentsFile: String) -> [InputWarning] {
        let defined = Set(topics.map(\.id))
        var undefined: [TopicID: (count: Int, file: String, line: Int)] = [:]
        func note(_ topic: TopicID, _ file: String, _ line: Int) {
            guard !defined.contains(topic) else { return }
            if let known = undefined[topic] { undefined[topic] = (known.count + 1, known.file, known.line) } else { undefined[topic] = (1, file, line) }
        }
        for (mentor, line) in mentors { for topic in mentor.topics { note(topic, mentorsFile, line) } }
        for (parent, line) in parents { for topic in parent.topics { note(topic, parentsFile, line) } }
        return undefined.sorted { $0.key < $1.key }.map { topic, first in
            InputWarning(file: first.file, line: first.line,
                         message: "topic \"\(topic)\" is asked for in \(first.count) row\(first.count == 1 ? "" : "s") (first on line \(first.line)) but \(file) does not define it; no session will teach it. Add it to \(file) or correct the id (ids are case-sensitive).")
        }
    }
}
