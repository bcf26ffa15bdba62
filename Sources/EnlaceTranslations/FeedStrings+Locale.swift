import EnlaceCore
import Foundation

// Language names, dates and times in the reader's conventions, from the system's locale data
// (Foundation over ICU's CLDR data) unless the table says otherwise. Dates are local dates and
// times are minutes of the local day: both are formatted on a UTC Gregorian calendar, so no time
// zone or daylight-saving shift can move them, and the same inputs give the same text.

extension FeedStrings {
    /// Whether the table's script runs right to left (Arabic, Farsi, Urdu): its `_direction`
    /// setting (`rtl` or `ltr`), else what the system's locale data says of the language.
    public var isRightToLeft: Bool {
        switch own("_direction")?.lowercased() {
        case "rtl": true
        case "ltr": false
        default: Locale.Language(identifier: language).characterDirection == .rightToLeft
        }
    }

    /// The name of the language `tag` in this table's language, e.g. "cantonés" for `yue` in
    /// Spanish: the table's `language_name.<primary>` if it has one, else the system's locale
    /// data, else the tag itself.
    public func languageName(_ tag: LanguageTag) -> String {
        if let name = own(TranslationCatalog.languageNamePrefix + tag.primary) { return name }
        return LocaleFormatters.shared.languageName(tag.primary, locale: locale) ?? tag.tag
    }

    /// A date as this language writes it in a letter or description, with the weekday, the day
    /// and the month: "Thursday, September 3", "jueves, 3 de septiembre", "9月3日 星期四".
    ///
    /// The table's `_date_pattern` (with `_weekdays`, `_months`) when it has one; else the
    /// system's locale data for `_locale` or the table's language; English when the system has no
    /// day and month names for that language.
    public func formatDate(_ date: LocalDate) -> String {
        let (year, month, day) = date.components
        if let pattern = own("_date_pattern"), let weekdays = list("_weekdays", count: 7) {
            // Day 0 (1970-01-01) was a Thursday; the list starts on Sunday.
            let weekday = weekdays[((date.dayNumber % 7) + 7 + 4) % 7]
            let months = list("_months", count: 12)
            return Self.fill(pattern, ["weekday": weekday, "day": String(day), "month": String(month),
                                       "month_name": months?[month - 1] ?? String(month), "year": String(year)])
        }
        let moment = Date(timeIntervalSince1970: TimeInterval(date.dayNumber) * 86_400)
        return LocaleFormatters.shared.string(from: moment, locale: locale, skeleton: "EEEEdMMMM")
    }

    /// A time of day (minutes after midnight, 0–1439) as this language writes it: "7:00 PM",
    /// "19:00", "오후 7:00".
    ///
    /// The table's `_time_pattern` (with `_day_periods`) when it has one; else the system's
    /// locale data for `_locale` or the table's language, with the table's `_time_skeleton`
    /// (default `jmm`, the locale's own clock).
    public func formatTime(_ minuteOfDay: Int) -> String {
        precondition((0..<1440).contains(minuteOfDay), "a minute of the day is 0 to 1439")
        let (hour, minute) = (minuteOfDay / 60, minuteOfDay % 60)
        if let pattern = own("_time_pattern") {
            let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
            let periods = list("_day_periods", count: 3)
            return Self.fill(pattern, ["H": String(hour), "HH": twoDigits(hour), "h": String((hour + 11) % 12 + 1),
                                       "mm": twoDigits(minute), "period": periods?[hour < 12 ? 0 : hour < 18 ? 1 : 2] ?? ""])
        }
        let moment = Date(timeIntervalSince1970: TimeInterval(minuteOfDay) * 60)
        return LocaleFormatters.shared.string(from: moment, locale: locale, skeleton: own("_time_skeleton") ?? "jmm")
    }

    /// The locale whose conventions the table follows: `_locale`, else the table's language.
    var locale: String { own("_locale") ?? language }

    /// A `;`-separated setting of exactly `count` names; nil when absent or of another length.
    private func list(_ key: String, count: Int) -> [String]? {
        guard let names = own(key)?.split(separator: ";", omittingEmptySubsequences: false)
            .map({ $0.trimmingCharacters(in: .whitespaces) }), names.count == count else { return nil }
        return names
    }
}

extension LanguageResolution {
    /// The English name of a tag's language ("Cantonese" for `yue-HK`), for coordinators.
    static func englishName(of tag: String) -> String {
        let primary = String(tag.prefix { $0 != "-" }).lowercased()
        return Locale(identifier: "en").localizedString(forLanguageCode: primary) ?? tag
    }
}

/// ICU date formatters by locale and skeleton, built once: building one (the skeleton becomes a
/// pattern through ICU's pattern generator) costs far more than formatting with it, and a run
/// formats the same few patterns for thousands of letters. Formatters are not thread-safe, so
/// every use holds the lock.
///
/// A locale ICU has no data for is replaced by English: ICU would otherwise fall back to the
/// process's own locale (`LANG`), and the same run would write other words on another machine.
final class LocaleFormatters: @unchecked Sendable {
    static let shared = LocaleFormatters()
    private let lock = NSLock()
    private var formatters: [String: DateFormatter] = [:]
    private var usable: [String: String] = [:]
    private let available = Set(Locale.availableIdentifiers)

    /// `date` in UTC, in `locale`'s conventions for `skeleton`.
    func string(from date: Date, locale: String, skeleton: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        let locale = usableLocale(locale)
        let key = locale + "\u{0}" + skeleton
        let formatter = formatters[key] ?? Self.formatter(locale: locale) { $0.setLocalizedDateFormatFromTemplate(skeleton) }
        formatters[key] = formatter
        return formatter.string(from: date)
    }

    /// The name of the language `code` in `locale`'s language.
    func languageName(_ code: String, locale: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return Locale(identifier: usableLocale(locale)).localizedString(forLanguageCode: code)
    }

    /// `locale` when ICU has data for its language, including day names of its own (ICU has a
    /// Hmong locale with none: it would write "M09 3, Thu"); else `en`.
    private func usableLocale(_ locale: String) -> String {
        if let known = usable[locale] { return known }
        let code = Locale(identifier: locale).language.languageCode?.identifier ?? locale
        let root = Self.formatter(locale: "root") { _ in }
        let known = available.contains(code) && Self.formatter(locale: locale) { _ in }.weekdaySymbols != root.weekdaySymbols
        usable[locale] = known ? locale : "en"
        return usable[locale]!
    }

    private static func formatter(locale: String, _ configure: (DateFormatter) -> Void) -> DateFormatter {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.calendar = calendar
        formatter.timeZone = calendar.timeZone
        configure(formatter)
        return formatter
    }
}
