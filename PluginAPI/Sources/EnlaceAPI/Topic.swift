/// A month and day without a year, as `MM-DD` in `data/topics.csv` (e.g. `10-01`, `02-29`).
public struct MonthDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1…12.
    public let month: Int
    /// 1…31, a day the month has in a leap year (so `02-29` exists).
    public let day: Int

    /// A month and day that exist in a leap year; nil otherwise.
    public init?(month: Int, day: Int) {
        guard (1...12).contains(month), (1...LocalDate.daysIn(month: month, year: 2024)).contains(day) else { return nil }
        self.month = month
        self.day = day
    }

    /// Reads `MM-DD`: two digits, a hyphen, two digits; nil for anything else or a day that never exists.
    public init?(_ text: some StringProtocol) {
        let digits = Array(text.utf8)
        guard digits.count == 5, digits[2] == UInt8(ascii: "-"),
              let month = Int(String(decoding: digits[0..<2], as: UTF8.self)),
              let day = Int(String(decoding: digits[3..<5], as: UTF8.self)),
              digits[0..<2].allSatisfy({ (0x30...0x39).contains($0) }),
              digits[3..<5].allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        self.init(month: month, day: day)
    }

    /// The month and day of `date`.
    public init(_ date: LocalDate) {
        let (_, month, day) = date.components
        self.month = month
        self.day = day
    }

    /// `MM-DD`.
    public var description: String {
        (month < 10 ? "0\(month)" : "\(month)") + "-" + (day < 10 ? "0\(day)" : "\(day)")
    }

    public static func < (lhs: MonthDay, rhs: MonthDay) -> Bool { (lhs.month, lhs.day) < (rhs.month, rhs.day) }
}

/// The local dates on which a topic may be taught: `from` and `until` of `data/topics.csv`.
///
/// A window is a range of days of the year, both ends included; when `from` is later than `until`
/// it wraps around the new year (`10-01`…`03-31` is October to March). A missing `from` is the
/// term's first day of the year and a missing `until` its last, so `from = 01-15` alone in a term
/// from August to June means January 15 to the end of the term, not also the autumn before.
public struct TopicWindow: Hashable, Sendable {
    /// The first day of the year the topic may be taught, nil from the start of the term.
    public let from: MonthDay?
    /// The last day of the year the topic may be taught, nil to the end of the term.
    public let until: MonthDay?

    /// A window; both nil means every day of the term.
    public init(from: MonthDay?, until: MonthDay?) {
        self.from = from
        self.until = until
    }

    /// Whether the window sets no bound.
    public var isUnbounded: Bool { from == nil && until == nil }

    /// Whether the topic may be taught on `date` in a program whose term is `term`.
    public func contains(_ date: LocalDate, term: ClosedRange<LocalDate>) -> Bool {
        guard !isUnbounded else { return true }
        let first = from ?? MonthDay(term.lowerBound), last = until ?? MonthDay(term.upperBound)
        let day = MonthDay(date)
        return first <= last ? (first <= day && day <= last) : (day >= first || day <= last)
    }
}

/// A translation of a topic's title or description: the cell of a `title@TAG` or
/// `description@TAG` column.
public struct TopicText: Hashable, Sendable {
    /// The column's TAG, e.g. `es`, `zh-Hant`.
    public let language: LanguageTag
    /// The translated text.
    public let text: String

    /// A translation into `language`.
    public init(language: LanguageTag, text: String) {
        self.language = language
        self.text = text
    }
}

/// A topic of the curriculum (spec section 10): one row of `data/topics.csv`.
public struct Topic: Hashable, Sendable, Identifiable {
    /// The `id` column, e.g. `biliteracy`; what parents and mentors list in their `topics`.
    public let id: TopicID
    /// The title in the plain `title` column (never empty).
    public let title: String
    /// The plain `description` column; empty when not given.
    public let description: String
    /// Whether every group should cover it (`required` is `yes`).
    public let required: Bool
    /// When it may be taught.
    public let window: TopicWindow
    /// The non-empty `title@TAG` cells, in column order.
    public let titles: [TopicText]
    /// The non-empty `description@TAG` cells, in column order.
    public let descriptions: [TopicText]
    /// Columns of `topics.csv` that Enlace does not know, by header name.
    public let attributes: [String: String]

    public init(id: TopicID, title: String, description: String = "", required: Bool = false,
                window: TopicWindow = TopicWindow(from: nil, until: nil), titles: [TopicText] = [],
                descriptions: [TopicText] = [], attributes: [String: String] = [:]) {
        self.id = id
        self.title = title
        self.description = description
        self.required = required
        self.window = window
        self.titles = titles
        self.descriptions = descriptions
        self.attributes = attributes
    }

    /// The title in `language`: the translation whose tag is `language` (ignoring case), else one
    /// whose primary language subtag matches, else the plain title.
    public func title(in language: LanguageTag) -> String { Topic.pick(titles, language) ?? title }

    /// The description in `language`, chosen as `title(in:)` chooses.
    public func description(in language: LanguageTag) -> String { Topic.pick(descriptions, language) ?? description }

    private static func pick(_ texts: [TopicText], _ language: LanguageTag) -> String? {
        let exact = texts.first { $0.language.tag.lowercased() == language.tag.lowercased() }
        return (exact ?? texts.first { $0.language.matches(language) })?.text
    }
}
