import EnlaceCharts
import EnlaceCore
import EnlaceMarkup

extension ReportPage {
    /// The headline figures as cards, then the score and its bound in plain words.
    func glance(into page: inout HTMLWriter) {
        let headline = figures.headline
        section("glance", words.glanceTitle, into: &page)
        page.open("dl", [("class", "cards")])
        card(words.families, words.number(headline.families), words.familiesNote, into: &page)
        card(words.withAGroup, words.number(headline.matched), words.shareOfFamilies(words.percent(headline.matched, of: headline.families)),
             into: &page)
        card(words.waitingTitle, words.number(headline.waiting), words.waitingNote, into: &page)
        card(words.groups, words.number(headline.groups), words.groupsNote, into: &page)
        card(words.mentorsLeading, words.ofTotal(headline.mentorsLeading, headline.mentors), nil, into: &page)
        card(words.seatsTaken, words.ofTotal(headline.seatsTaken, headline.seats), words.percent(headline.seatsTaken, of: headline.seats),
             into: &page)
        card(words.sessions, words.number(headline.sessionsHeld + headline.sessionsToCome),
             words.sessionsHeldAndToCome(held: headline.sessionsHeld, toCome: headline.sessionsToCome), into: &page)
        page.close("dl")
        page.element("p", words.scoreSentence(score: headline.score, bound: headline.bound, gapPercent: words.gapPercent(headline.gap)),
                     [("class", "score")])
        page.element("p", words.scoreExplained)
        page.close("section")
    }

    private func card(_ name: String, _ figure: String, _ note: String?, into page: inout HTMLWriter) {
        let note = note.map { "<span class=\"note\">\(escapedForXML($0))</span>" } ?? ""
        page.raw("<div class=\"card\"><dt>\(escapedForXML(name))</dt><dd><span class=\"figure\">\(escapedForXML(figure))</span>\(note)</dd></div>")
    }

    /// Families with a group and waiting, by preferred language and by school.
    func coverage(into page: inout HTMLWriter) {
        let headline = figures.headline
        section("coverage", words.coverageTitle, into: &page)
        page.element("p", words.coverageIntro(families: headline.families, matched: headline.matched,
                                              languages: figures.byLanguage.filter { $0.key != "" }.count,
                                              sites: figures.bySite.filter { $0.key != "" }.count))
        let series = [words.matchedSeries, words.waitingSeries]
        let languages = Self.folded(figures.byLanguage.map { (label: $0.key.isEmpty ? words.notImported : words.languageLabel($0.key), row: $0) },
                                    others: words.otherLanguages, merge: Self.merge)
        page.chart(StackedBarChart(title: words.byLanguageTitle, series: series,
                                   bars: languages.map { .init(label: $0.label, values: [$0.row.matched, $0.row.waiting]) },
                                   axisLabel: words.familiesAxis, text: words.chart).svg())
        let sites = Self.folded(figures.bySite.map { (label: $0.key.isEmpty ? words.notImported : $0.name, row: $0) },
                                others: words.otherSites, merge: Self.merge)
        page.chart(StackedBarChart(title: words.bySiteTitle, series: series,
                                   bars: sites.map { .init(label: $0.label, values: [$0.row.matched, $0.row.waiting]) },
                                   axisLabel: words.familiesAxis, text: words.chart).svg())
        page.close("section")
    }

    /// Rows folded into one: their counts added up.
    private static func merge(_ rows: [(label: String, row: Coverage)], _ label: String) -> (label: String, row: Coverage) {
        (label, Coverage(key: ReportFigures.othersKey, name: label, matched: rows.reduce(0) { $0 + $1.row.matched },
                         waiting: rows.reduce(0) { $0 + $1.row.waiting }))
    }
}
