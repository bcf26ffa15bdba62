import EnlaceCharts
import EnlaceCore

extension ReportPage {
    /// Demand against coverage per topic (spec section 10), and the required topics missing; "no
    /// data yet" without a curriculum.
    func curriculum(into page: inout HTMLWriter) {
        guard let curriculum = figures.curriculum, !curriculum.topics.isEmpty else {
            noDataSection("curriculum", words.curriculumTitle, words.curriculumNoData, into: &page)
            return
        }
        section("curriculum", words.curriculumTitle, into: &page)
        let topics = curriculum.topics
        page.element("p", words.curriculumIntro(topics: topics.count, asked: topics.reduce(0) { $0 + $1.asked },
                                                covered: topics.reduce(0) { $0 + $1.membersCovered }))
        let bars = Self.folded(topics.map { StackedBarChart.Bar(label: $0.title, values: [$0.membersCovered, max($0.asked - $0.membersCovered, 0)]) },
                               others: words.otherTopics) { rest, label in
            .init(label: label, values: [rest.reduce(0) { $0 + $1.values[0] }, rest.reduce(0) { $0 + $1.values[1] }])
        }
        page.chart(StackedBarChart(title: words.topicsChartTitle, series: [words.coveredSeries, words.notCoveredSeries], bars: bars,
                                   axisLabel: words.familiesAxis, text: words.chart).svg())
        page.table([words.topicColumn, words.requiredColumn, words.askedColumn, words.askedFirstColumn, words.coveredColumn,
                    words.groupsTeachingColumn],
                   topics.map { [$0.title, $0.required ? words.yes : words.no, words.number($0.asked), words.number($0.askedFirst),
                                 words.number($0.membersCovered), words.number($0.groupsTeaching)] },
                   numeric: [2, 3, 4, 5])
        if let missing = curriculum.requiredMissing {
            page.element("p", missing.isEmpty ? words.noRequiredMissing : words.requiredMissing(missing))
        }
        page.close("section")
    }

    /// Attendance by month and by how families took part (spec section 11), and the follow-up
    /// count; "no data yet" without attendance.
    func participation(into page: inout HTMLWriter) {
        guard let participation = figures.participation, !participation.months.isEmpty else {
            noDataSection("participation", words.participationTitle, words.participationNoData, into: &page)
            return
        }
        section("participation", words.participationTitle, into: &page)
        page.element("p", words.participationIntro(attended: participation.attended, held: participation.held,
                                                   percent: words.percent(participation.attended, of: participation.held)))
        let bars = participation.months.map { month in
            StackedBarChart.Bar(label: words.monthAndYear(year: month.year, month: month.month), values: [month.inPerson, month.online, month.recording])
        }
        page.chart(StackedBarChart(title: words.byMonthTitle, series: [words.inPersonSeries, words.onlineSeries, words.recordingSeries],
                                   bars: bars, axisLabel: words.attendedAxis, text: words.chart).svg())
        page.element("p", words.followUp(participation.followUp))
        page.close("section")
    }
}
