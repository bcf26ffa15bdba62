import EnlaceCore
import Testing

@Suite struct TopicTests {
    let term = LocalDate(iso: "2026-08-17")!...LocalDate(iso: "2027-06-10")!

    func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    @Test func readsMonthDays() {
        #expect(MonthDay("02-29")?.description == "02-29")
        #expect(MonthDay("10-01") == MonthDay(month: 10, day: 1))
        for bad in ["02-30", "13-01", "00-10", "1-01", "10-1", "10/01", "10-01 ", "١٠-٠١", "+1-01", "-1-01"] {
            #expect(MonthDay(bad) == nil, "\(bad)")
        }
    }

    @Test func windowsWrapAroundTheNewYear() {
        let winter = TopicWindow(from: MonthDay("10-01"), until: MonthDay("03-31"))
        #expect(winter.contains(day("2026-10-01"), term: term) && winter.contains(day("2027-01-15"), term: term)
                && winter.contains(day("2027-03-31"), term: term))
        #expect(!winter.contains(day("2026-09-30"), term: term) && !winter.contains(day("2027-04-01"), term: term))
        let spring = TopicWindow(from: MonthDay("03-01"), until: MonthDay("05-31"))
        #expect(spring.contains(day("2027-04-10"), term: term) && !spring.contains(day("2026-09-10"), term: term))
        let leap = TopicWindow(from: MonthDay("02-29"), until: MonthDay("02-29"))
        #expect(!leap.contains(day("2027-02-28"), term: term) && !leap.contains(day("2027-03-01"), term: term))
    }

    @Test func anOpenEndIsTheTermsEnd() {
        let fromJanuary = TopicWindow(from: MonthDay("01-15"), until: nil)
        #expect(fromJanuary.contains(day("2027-01-15"), term: term) && fromJanuary.contains(day("2027-06-10"), term: term))
        #expect(!fromJanuary.contains(day("2026-09-01"), term: term), "not the autumn before")
        let untilDecember = TopicWindow(from: nil, until: MonthDay("12-15"))
        #expect(untilDecember.contains(day("2026-08-17"), term: term) && !untilDecember.contains(day("2027-01-05"), term: term))
        #expect(TopicWindow(from: nil, until: nil).contains(day("2027-02-01"), term: term))
    }

    @Test func picksTheTranslationOfTheFeedsLanguage() {
        let topic = Topic(id: "college", title: "College access", description: "Applying",
                          titles: [TopicText(language: LanguageTag("zh-Hans")!, text: "升学"), TopicText(language: LanguageTag("zh-Hant")!, text: "升學"),
                                   TopicText(language: LanguageTag("es")!, text: "Acceso a la universidad")],
                          descriptions: [TopicText(language: LanguageTag("es")!, text: "Solicitudes")])
        #expect(topic.title(in: LanguageTag("es-MX")!) == "Acceso a la universidad")
        #expect(topic.title(in: LanguageTag("zh-hant")!) == "升學")
        #expect(topic.title(in: LanguageTag("zh")!) == "升学")
        #expect(topic.title(in: LanguageTag("vi")!) == "College access")
        #expect(topic.description(in: LanguageTag("es")!) == "Solicitudes" && topic.description(in: LanguageTag("zh-Hant")!) == "Applying")
    }

    @Test func programSortsTopicsById() {
        let settings = ProgramSettings(name: "x", timezone: "America/Los_Angeles", termStart: term.lowerBound, termEnd: term.upperBound)
        let program = Program(settings: settings, sites: [], mentors: [], parents: [], openHouses: [], blackouts: [],
                              topics: [Topic(id: "funding", title: "F"), Topic(id: "biliteracy", title: "B")])
        #expect(program.topics.map(\.id) == ["biliteracy", "funding"])
    }
}
