import EnlaceCore
import EnlaceFeeds
import Testing

@Suite("Given names")
struct GivenNameTests {
    @Test("the given name is read from the roster forms found in the sample district",
          arguments: [("Patricia Pérez", "es", "Patricia"), ("Pérez Ruiz, María José", "es", "María"),
                      ("Maria \"Lupe\" Garcia", "es", "Maria"), ("Lê Thu Hương", "vi", "Hương"),
                      ("Nguyen Van Minh", "vi", "Minh"), ("Lan Tran", "vi", "Lan"), ("王伟", "zh", "伟"),
                      ("이은정", "ko", "은정"), ("LI Wei", "zh", "Wei"), ("Eun-jung Lee", "ko", "Eun-jung"),
                      ("محمد أحمد", "ar", "محمد"), ("Cher", "en", "Cher")])
    func given(name: String, language: String, expected: String) {
        #expect(GivenName.of(name, languages: [LanguageTag(language)!]) == expected)
    }

    @Test("family-name-first and Western order are both read right, by the person's languages",
          arguments: [
              // Cantonese: a family name in capitals, or a known one at either end; both syllables kept.
              ("LEE Suk Yee", "yue;zh;en", "Suk Yee"), ("Wai Man Lee", "yue;en", "Wai Man"), ("Lee Wai Man", "yue", "Wai Man"),
              ("Lee, Suk Yee", "yue", "Suk Yee"), ("Ka Ho Chan", "yue", "Ka Ho"), ("Chan Ka Ho", "yue", "Ka Ho"),
              ("Wai Man LEE", "yue;en", "Wai Man"), ("Maria Elena GARCIA", "es", "Maria"),
              // Mandarin and Korean.
              ("Xiuying Wang", "zh", "Xiuying"), ("WANG Xiuying", "zh", "Xiuying"), ("Li Na", "zh", "Na"),
              ("Kim Min-ji", "ko", "Min-ji"), ("Min-ji Kim", "ko", "Min-ji"), ("Kim Eun Jung", "ko", "Eun Jung"),
              ("Jung Eun Kim", "ko", "Jung Eun"), ("王 秀英", "zh", "秀英"), ("欧阳娜娜", "zh", "娜娜"), ("남궁민수", "ko", "민수"),
              // Japanese.
              ("Tanaka Hanako", "ja", "Hanako"), ("Hanako Tanaka", "ja", "Hanako"), ("田中花子", "ja", "花子"),
              ("田中 花子", "ja", "花子"),
              // Vietnamese: called by the last given name.
              ("Nguyễn Thị Lan", "vi", "Lan"), ("NGUYEN Thi Lan", "vi", "Lan"), ("Thi Lan Tran", "vi", "Lan"),
              // Hmong: a clan name and a given name of two words.
              ("Pa Houa Vang", "hmn", "Pa Houa"), ("Vang Pa Houa", "hmn", "Pa Houa"), ("Chue Vang", "hmn", "Chue"),
              // Others: the first given name; an abbreviation goes with the next.
              ("Ma. Theresa Santos", "tl", "Ma. Theresa"), ("Rosa DE LA TORRE", "es", "Rosa"),
              ("García López, Ana María", "es", "Ana"),
              // Two family names, two words: Western order (documented; capitals or display_name decide).
              ("Li Huang", "zh", "Li"),
          ])
    func order(name: String, languages: String, expected: String) {
        let tags = languages.split(separator: ";").map { LanguageTag(String($0))! }
        #expect(GivenName.of(name, languages: tags) == expected)
    }
}

@Suite("Readable names: display_name and transliteration")
struct ReadableNameTests {
    static let catalog = Fixture.catalog

    static func reader(_ language: String) -> ReadableName {
        ReadableName(reading: catalog.strings(for: LanguageTag(language)))
    }

    static func tags(_ languages: String) -> [LanguageTag] {
        languages.split(separator: ";").map { LanguageTag(String($0))! }
    }

    @Test("a reader reads the scripts of their language's texts, and Latin",
          arguments: [("es", [NameScript.latin]), ("ar", [.arabic, .latin]), ("ko", [.hangul, .latin]),
                      ("ja", [.han, .kana, .latin]), ("zh-Hant", [.han, .latin]), ("ru", [.cyrillic, .latin]),
                      ("pa", [.gurmukhi, .latin]), ("hmn", [.latin])])
    func readerScripts(language: String, scripts: [NameScript]) {
        #expect(Self.reader(language).scripts == Set(scripts))
    }

    @Test("a name in a script the reader's language does not use gets its Latin transliteration first",
          arguments: [
              ("es", "이정호", "ko;en", "Jeong-ho (정호)"), ("ar", "이정호", "ko;en", "Jeong-ho (정호)"), ("ko", "이정호", "ko", "정호"),
              ("es", "徐秀英", "zh;en", "Xiuying (秀英)"), ("vi", "徐秀英", "zh", "Xiuying (秀英)"), ("zh-Hans", "徐秀英", "zh", "秀英"),
              ("ja", "徐秀英", "zh", "秀英"), ("en", "王西安", "zh", "Xi'an (西安)"),
              ("es", "Наталья Иванова", "ru;en", "Natalya (Наталья)"), ("ru", "Наталья Иванова", "ru", "Наталья"),
              ("es", "Олександр Шевченко", "uk", "Oleksandr (Олександр)"), ("es", "Արամ Պետրոսյան", "hy", "Aram (Արամ)"),
              ("en", "はなこ", "ja", "Hanako (はなこ)"), ("es", "ਹਰਜੀਤ ਸਿੰਘ", "pa", "Harajit (ਹਰਜੀਤ)"),
              ("ar", "Guadalupe Morales", "es;en", "Guadalupe"), ("zh-Hant", "LEE Suk Yee", "yue;en", "Suk Yee"),
          ])
    func transliterated(reader: String, name: String, languages: String, expected: String) {
        #expect(Self.reader(reader).name(name, displayName: nil, languages: Self.tags(languages)) == expected)
    }

    @Test("names Enlace cannot write in Latin letters reliably are shown as written, and reported",
          arguments: [("فاطمة منصور", "ar;en", "فاطمة", [NameScript.arabic]), ("陳淑儀", "yue;en", "淑儀", [.han]),
                      ("田中花子", "ja", "花子", [.han]), ("សុខា ចាន់", "km", "សុខា", [.khmer])])
    func shownAsWritten(name: String, languages: String, shown: String, scripts: [NameScript]) {
        #expect(Self.reader("es").name(name, displayName: nil, languages: Self.tags(languages)) == shown)
        #expect(ReadableName.untransliterable(name, displayName: nil, languages: Self.tags(languages)) == scripts)
        #expect(ReadableName.untransliterable(name, displayName: "Fatima", languages: Self.tags(languages)) == [])
    }

    @Test("a publication reports each mentor by the name families are shown, display_name included")
    func reportedByTheShownName() {
        var program = Fixture.program
        func mentor(_ id: String, _ name: String, _ languages: [String], displayName: String) -> Mentor {
            Mentor(id: MentorID(id), name: name, languages: languages.map { LanguageTag($0)! }, sites: ["lincoln"], modes: [.inPerson],
                   capacity: 8, availability: Availability([]), attendsOpenHouses: true, topics: [], attributes: ["display_name": displayName])
        }
        program.mentors += [mentor("M3", "فاطمة منصور", ["ar", "en"], displayName: "فاطمة"), mentor("M4", "សុខា ចាន់", ["km"], displayName: "Sokha")]
        let planner = FeedPlanner(program: program, schedule: Fixture.schedule(Fixture.groups, program: program), catalog: Fixture.catalog)
        let reported = planner.mentorsWithoutLatinNames.map { "\($0.mentor) \($0.name) \($0.scripts.map(\.englishName))" }
        #expect(reported == ["M3 فاطمة [\"Arabic\"]"])
    }

    @Test("display_name is shown as given, and transliterated like a name when in another script")
    func displayName() {
        #expect(Self.reader("es").name("فاطمة منصور", displayName: " Fatima ", languages: Self.tags("ar")) == "Fatima")
        #expect(Self.reader("ar").name("Guadalupe Morales", displayName: "Lupe", languages: Self.tags("es")) == "Lupe")
        #expect(Self.reader("es").name("Lee Jeong-ho", displayName: "정호 선생님", languages: Self.tags("ko")) == "Jeong-ho Seon-saeng-nim (정호 선생님)")
        #expect(Self.reader("es").name("Ana García", displayName: "", languages: Self.tags("es")) == "Ana")
    }
}
