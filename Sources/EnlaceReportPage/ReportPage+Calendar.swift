import EnlaceCharts
import EnlaceCore

extension ReportPage {
    /// The term week by week (sessions held and to come, open houses, days without meetings),
    /// then the periods without meetings and each school's open houses.
    func calendar(into page: inout HTMLWriter) {
        let calendar = figures.calendar
        section("calendar", words.calendarTitle, into: &page)
        page.element("p", words.calendarIntro(held: figures.headline.sessionsHeld, toCome: figures.headline.sessionsToCome,
                                              weeks: calendar.weeks.count))
        page.chart(weeklyChart(calendar).svg())
        page.element("h3", words.blackoutPeriodsTitle)
        if calendar.blackoutPeriods.isEmpty {
            page.element("p", words.noBlackouts)
        } else {
            page.open("ul", [("class", "periods")])
            for period in calendar.blackoutPeriods { page.element("li", words.blackoutPeriod(period)) }
            page.close("ul")
        }
        page.element("h3", words.openHousesTitle)
        if calendar.openHouses.isEmpty {
            page.element("p", words.noOpenHouses)
        } else {
            page.table([words.schoolColumn, words.openHousesColumn, words.nextColumn],
                       calendar.openHouses.map { [$0.name, words.number($0.count), $0.next.map(words.longDate) ?? words.noneLeft] },
                       numeric: [1])
        }
        page.close("section")
    }

    /// Sessions per week, held and to come, with the weeks' open houses and days without meetings
    /// marked under it, and a line at the week of the report's moment while the term runs.
    func weeklyChart(_ calendar: TermCalendar) -> ColumnChart {
        let weeks = calendar.weeks
        let today = figures.asOf.date
        let current = weeks.firstIndex { $0.monday <= today && today < $0.monday.adding(days: 7) }
        return ColumnChart(title: words.sessionsPerWeekTitle, series: [words.heldSeries, words.toComeSeries],
                           columns: weeks.map { .init(label: words.shortDate($0.monday), values: [$0.held, $0.toCome]) },
                           marks: [.init(name: words.openHousesRow, counts: weeks.map(\.openHouses)),
                                   .init(name: words.blackoutRow, counts: weeks.map(\.blackoutDays))],
                           divider: current.map { .init(before: $0, label: words.today) }, axisLabel: words.sessionsAxis, text: words.chart)
    }
}
