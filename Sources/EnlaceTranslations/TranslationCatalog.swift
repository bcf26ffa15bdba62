import EnlaceCore

/// The words families, mentors and school staff read, in every language Enlace knows, with a
/// district's own additions.
///
/// A table is a flat map from a message key (`session_title`) to a text with `{placeholders}`.
/// Tables are named by language tag and kept lower-cased (`es`, `zh-hant`). A person's first
/// language picks one table (`resolution(for:)`); a text that table lacks comes from the next
/// table of the chain and finally from English, so a district file that translates only a few
/// keys still gives complete feeds and letters.
///
/// Besides messages, a table may hold keys that describe the language rather than say something;
/// they are read from the chosen table only, never from a fallback (a Cantonese family must not
/// get Traditional Chinese month names because the Cantonese table left them out):
/// - `settingKeys`, starting with `_`: the direction of the script, the script itself, the locale
///   whose date and time conventions the table follows, and patterns for languages the system's
///   locale data does not cover (see `FeedStrings.formatDate(_:)`).
/// - `language_name.<primary>`: the name of a language in the table's language, where the
///   system's locale data has none or a poor one (see `FeedStrings.languageName(_:)`).
public struct TranslationCatalog: Sendable {
    /// The message keys every built-in table defines; a district file may define any subset.
    public static let keys = feedKeys + letterKeys + messageKeys + joinKeys

    /// Texts of the calendar feeds (PROGRAM.md section 7).
    public static let feedKeys = [
        "calendar_parent", "calendar_mentor", "calendar_site", "session_title", "mentor_session_title",
        "site_session_title", "place_online", "about_program", "bring_in_person", "bring_virtual", "where",
        "join_online", "join_label", "group_parents", "group_id", "site_session_description",
        "open_house_title", "open_house_description", "cancelled_title",
        "meeting_language", "coordinator_contact", "waiting_title", "waiting_description", "calendar_waiting",
        "cancelled_blackout", "cancelled_mentor_left", "cancelled_group_moved", "cancelled_family_moved",
        "cancelled_matched", "cancelled_other", "cancelled_reason", "session_title_topic",
        "mentor_session_title_topic", "topic_line", "open_conversation", "recording", "recording_label",
    ]

    /// Texts of the letters home (PROGRAM.md section 12).
    public static let letterKeys = [
        "letter_title", "letter_greeting", "letter_intro", "letter_place_in_person", "letter_place_online",
        "letter_meeting_language", "letter_next_sessions", "letter_no_sessions", "letter_calendar_heading",
        "letter_calendar_intro", "letter_step_iphone", "letter_step_android", "letter_step_outlook", "letter_link",
        "letter_contact", "letter_waiting_intro", "letter_signing", "letter_date_time",
    ]

    /// Text messages (PROGRAM.md section 12): at most `TranslationLimits.textMessageCharacters`
    /// characters once filled, link included.
    public static let messageKeys = ["sms_matched", "sms_waiting"]

    /// Words of the join page that `enlace serve` answers at `/join/TOKEN`.
    public static let joinKeys = ["join_add_calendar", "join_google", "join_other_device"]

    /// Keys that describe a table's language rather than say something (read from the chosen
    /// table only): `_direction` (`rtl` or `ltr`), `_script` (ISO 15924, e.g. `Guru`), `_locale`
    /// (e.g. `es-US`), `_time_skeleton` (an ICU skeleton such as `Bhmm`), and for languages the
    /// system's locale data lacks, `_date_pattern`, `_weekdays`, `_months`, `_time_pattern`,
    /// `_day_periods`.
    public static let settingKeys = ["_direction", "_script", "_locale", "_time_skeleton",
                                     "_date_pattern", "_weekdays", "_months", "_time_pattern", "_day_periods"]

    /// The prefix of the optional keys that name a language: `language_name.es` is "Spanish" in
    /// the table's language.
    public static let languageNamePrefix = "language_name."

    /// Whether a table may hold `key`: a message, a setting or a language name.
    public static func isKnown(_ key: String) -> Bool {
        knownKeys.contains(key) || (key.hasPrefix(languageNamePrefix) && key.count > languageNamePrefix.count)
    }

    private static let knownKeys = Set(keys + settingKeys)

    let tables: [String: [String: String]]

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

    /// The table named `language` (any case) as it is, without fallbacks; nil when there is none.
    public func texts(of language: String) -> [String: String]? { tables[language.lowercased()] }

    /// The strings for someone whose first language is `tag` (English when nil or unknown).
    ///
    /// - Complexity: O(subtags of `tag`); no text is copied.
    public func strings(for tag: LanguageTag?) -> FeedStrings {
        let chain = tableChain(for: tag)
        return FeedStrings(language: Self.displayTag(chain[0]), tables: chain.map { tables[$0] ?? [:] })
    }
}
