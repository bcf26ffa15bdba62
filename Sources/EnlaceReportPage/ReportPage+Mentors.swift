import EnlaceCharts
import EnlaceCore

extension ReportPage {
    /// Mentors by how full their groups are and, for a program small enough to show each one,
    /// every mentor's seats taken and free.
    func mentors(into page: inout HTMLWriter) {
        let headline = figures.headline
        section("mentors", words.mentorsTitle, into: &page)
        page.element("p", words.mentorsIntro(leading: headline.mentorsLeading, mentors: headline.mentors, taken: headline.seatsTaken,
                                             seats: headline.seats, percent: words.percent(headline.seatsTaken, of: headline.seats)))
        let bands = Self.loadBands(figures.mentors)
        page.chart(BarChart(title: words.loadBandsTitle, bars: zip(words.loadBands, bands).map { .init(label: $0, value: $1) },
                            axisLabel: words.mentorsAxis, text: words.chart).svg())
        if figures.mentors.count <= Self.chartRows {
            page.chart(StackedBarChart(title: words.perMentorTitle, series: [words.takenSeries, words.freeSeries],
                                       bars: figures.mentors.map { .init(label: $0.id.rawValue, values: [$0.taken, max($0.capacity - $0.taken, 0)]) },
                                       axisLabel: words.seatsAxis, text: words.chart).svg())
        }
        page.close("section")
    }

    /// How many mentors are full, 75–99%, 50–74%, 1–49% full, and lead no group, in that order.
    /// A mentor with a group but no family in it (none should exist) counts as 1–49%.
    static func loadBands(_ mentors: [MentorLoad]) -> [Int] {
        var bands = [0, 0, 0, 0, 0]
        for mentor in mentors {
            let band: Int
            if mentor.groups == 0 {
                band = 4
            } else if mentor.taken >= mentor.capacity {
                band = 0
            } else if mentor.taken * 4 >= mentor.capacity * 3 {
                band = 1
            } else if mentor.taken * 2 >= mentor.capacity {
                band = 2
            } else {
                band = 3
            }
            bands[band] += 1
        }
        return bands
    }
}
