import EnlaceCore
import EnlaceTranslations
import Foundation
import Testing

@Suite("Language names, dates and times in the reader's conventions")
struct LocaleTests {
    let catalog = try! TranslationCatalog.builtin()

    /// The primary subtags of the languages Enlace speaks: the meeting languages families read about.
    static let meetingLanguages = ["en", "es", "vi", "zh", "tl", "ko", "ar", "ru", "pa", "hmn", "fa", "hy", "pt", "ja", "km",
                                   "ur", "yue", "hi", "uk"]

    func strings(_ tag: String) -> FeedStrings { catalog.strings(for: LanguageTag(tag)!) }

    @Test("every language names every meeting language in its own words: the system's locale data, or the table where it has none")
    func languageNames() {
        let english = strings("en")
        for language in catalog.languages where language != "en" {
            let table = catalog.texts(of: language)!
            for meeting in Self.meetingLanguages {
                let tag = LanguageTag(meeting)!
                let name = strings(language).languageName(tag)
                #expect(!name.isEmpty && name != meeting, "\(language) names \(meeting) \(name)")
                if table[TranslationCatalog.languageNamePrefix + meeting] == nil {
                    #expect(name != english.languageName(tag), "\(language) has no name of its own for \(meeting): \(name)")
                }
            }
        }
    }

    @Test("only Hmong and Tagalog name languages from their table: the system has no Hmong names and mostly English Filipino ones")
    func namesFromTables() {
        let withNames = catalog.languages.filter { language in
            catalog.texts(of: language)!.keys.contains { $0.hasPrefix(TranslationCatalog.languageNamePrefix) }
        }
        #expect(withNames == ["hmn", "tl"])
        #expect(strings("hmn").languageName(LanguageTag("es")!) == "Mev")
        #expect(strings("tl").languageName(LanguageTag("es-MX")!) == "Espanyol")
    }

    @Test("the meeting-language sentence reads naturally", arguments: [
        ("es", "es", "Esta reunión es en español."), ("es", "yue", "Esta reunión es en cantonés."),
        ("ar", "es", "يُعقد هذا اللقاء باللغة الإسبانية."), ("ru", "zh-Hant", "Язык встречи: китайский."),
        ("hmn", "hmn", "Kev sib ntsib no hais lus Hmoob."), ("ko", "en", "이 모임은 영어로 진행됩니다."),
        ("km", "km", "ការជួបជុំនេះប្រព្រឹត្តទៅជាភាសាខ្មែរ។"),
    ])
    func meetingLanguage(reader: String, meeting: String, expected: String) {
        let strings = strings(reader)
        #expect(strings.text("meeting_language", ["language": strings.languageName(LanguageTag(meeting)!)]) == expected)
    }

    @Test("a date shows weekday, day and month as the language writes them", arguments: [
        ("en", "Thursday, September 3"), ("es", "jueves, 3 de septiembre"), ("vi", "Thứ Năm, 3 tháng 9"),
        ("zh-Hans", "9月3日 星期四"), ("yue", "9月3日 星期四"), ("ko", "9월 3일 목요일"), ("ru", "четверг, 3 сентября"),
        ("uk", "четвер, 3 вересня"), ("pt", "quinta-feira, 3 de setembro"), ("ja", "9月3日 木曜日"),
        ("pa", "ਵੀਰਵਾਰ, 3 ਸਤੰਬਰ"), ("hi", "गुरुवार, 3 सितंबर"), ("fa", "پنجشنبه ۳ سپتامبر"),
        ("hmn", "Hnub Plaub, lub 9 hlis ntuj tim 3"), ("tl", "Huwebes, Setyembre 3"),
    ])
    func date(language: String, expected: String) {
        #expect(strings(language).formatDate(LocalDate(year: 2026, month: 9, day: 3)!) == expected)
    }

    @Test("every language has day and month names of its own (never the system's placeholders such as M09 or Thu)")
    func everyLanguageFormatsDates() {
        let english = strings("en").formatDate(LocalDate(year: 2026, month: 9, day: 3)!)
        for language in catalog.languages where language != "en" {
            let text = strings(language).formatDate(LocalDate(year: 2026, month: 9, day: 3)!)
            #expect(text != english && !text.contains("M09") && !text.contains("Thu"), "\(language): \(text)")
        }
    }

    @Test("dates are the local date whatever the zone: the days daylight saving time starts and ends")
    func noZoneShift() {
        let english = strings("en")
        #expect(english.formatDate(LocalDate(year: 2027, month: 3, day: 14)!) == "Sunday, March 14")
        #expect(english.formatDate(LocalDate(year: 2026, month: 11, day: 1)!) == "Sunday, November 1")
        #expect(strings("hmn").formatDate(LocalDate(year: 1969, month: 12, day: 31)!) == "Hnub Peb, lub 12 hlis ntuj tim 31")
    }

    @Test("a time of day follows the language's clock", arguments: [
        ("en", 19 * 60, "7:00\u{202F}PM"), ("es", 19 * 60, "7:00\u{202F}p.m."), ("ru", 19 * 60, "19:00"),
        ("ko", 19 * 60, "오후 7:00"), ("zh-Hant", 19 * 60, "下午7:00"), ("hi", 19 * 60, "शाम 7:00"),
        ("hmn", 19 * 60, "7:00 teev tsaus ntuj"), ("hmn", 9 * 60 + 30, "9:30 teev sawv ntxov"), ("hmn", 12 * 60, "12:00 teev tav su"),
        ("fa", 18 * 60 + 30, "۱۸:۳۰"),
    ])
    func time(language: String, minute: Int, expected: String) {
        #expect(strings(language).formatTime(minute) == expected)
    }

    @Test("formatting is deterministic and safe from several threads at once")
    func concurrent() async {
        let catalog = catalog
        let expected = catalog.languages.map { catalog.strings(for: LanguageTag($0)!).formatDate(LocalDate(year: 2026, month: 10, day: 6)!) }
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    catalog.languages.map { catalog.strings(for: LanguageTag($0)!).formatDate(LocalDate(year: 2026, month: 10, day: 6)!) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test("a language the system has no day names for, with no patterns in its table, gets English dates")
    func unknownLanguageDates() {
        let catalog = TranslationCatalog(tables: ["en": [:], "mww": ["_script": "Latn"]])
        #expect(catalog.strings(for: LanguageTag("mww")!).formatDate(LocalDate(year: 2026, month: 9, day: 3)!) == "Thursday, September 3")
    }
}
