import EnlaceGolden
import EnlaceCharts
import Testing

@Suite struct LineChartTests {
    static let weeks = ["Sep 7", "Sep 14", "Sep 21", "Sep 28", "Oct 5", "Oct 12"]
    static let sessions = LineChart(title: "Sessions per week", categories: weeks, series: [
        .init(name: "Sessions", values: [4, 9, 12, 0, 11, 13]),
    ], axisLabel: "Sessions")
    static let twoSeries = LineChart(title: "Families per week", categories: weeks, series: [
        .init(name: "Attended", values: [20, 24, 23, 0, 26, 30]),
        .init(name: "Watched the recording", values: [2, 5, 4, 0, 7, 6]),
    ])

    @Test func matchesTheGoldenFiles() throws {
        try Golden.check(Self.sessions.svg(), named: "line-sessions.svg")
        try Golden.check(Self.twoSeries.svg(), named: "line-two-series.svg")
    }

    /// Points sit at even steps across and at value times one scale above the baseline.
    @Test func pointsAreProportionalToTheValues() throws {
        let svg = try ParsedSVG(Self.sessions.svg())
        let line = try #require(svg.all("polyline", class: "line").first)
        let points = try #require(line.attributes["points"]).split(separator: " ").map { $0.split(separator: ",").map { Double($0)! } }
        let values = Self.sessions.series[0].values
        #expect(points.count == values.count)
        let baseline = try #require(svg.all("line").first { $0.attributes["stroke"] == "#222" }?.number("y1"))
        let scale = (baseline - points[5][1]) / 13
        for (index, (point, value)) in zip(points, values).enumerated() {
            #expect(abs(baseline - point[1] - Double(value) * scale) <= 0.1)
            if index > 0 { #expect(abs(point[0] - points[index - 1][0] - (points[1][0] - points[0][0])) <= 0.1) }
        }
        #expect(svg.all("circle", class: "point").count == values.count)
    }

    @Test func everyLabelIsTheInput() throws {
        let svg = try ParsedSVG(Self.sessions.svg())
        #expect(svg.texts("value") == ["4", "9", "12", "0", "11", "13"])
        #expect(svg.texts("category") == Self.weeks)
        #expect(svg.texts("tick") == ["0", "5", "10", "15"])
        #expect(svg.texts("axis-label") == ["Sessions"])
        #expect(svg.texts("legend").isEmpty, "one series needs no legend")
        #expect(svg.all("desc").map(\.text) == ["Sessions — Sep 7: 4, Sep 14: 9, Sep 21: 12, Sep 28: 0, Oct 5: 11, Oct 12: 13."])
    }

    @Test func seriesDifferInColourDashAndMarker() throws {
        let svg = try ParsedSVG(Self.twoSeries.svg())
        #expect(svg.texts("legend") == ["Attended", "Watched the recording"])
        let lines = svg.all("polyline", class: "line")
        #expect(lines.map { $0.attributes["stroke"] } == ["#0072B2", "#D55E00"])
        #expect(lines.map { $0.attributes["stroke-dasharray"] } == [nil, "6 3"])
        #expect(svg.all("circle", class: "point").count == 6 + 1, "six points and the legend's sample")
        #expect(svg.all("rect", class: "point").count == 6 + 1)
        // Both series are 0 on Sep 28: one "0" is written for both, in the same place.
        #expect(svg.texts("value") == ["20", "24", "23", "0", "26", "30", "2", "5", "4", "7", "6"])
    }

    /// With a term of weeks the labels would collide: every k-th is written, the last always.
    @Test func crowdedLabelsAreThinnedKeepingTheLast() throws {
        let categories = (1...36).map { "Week \($0)" }
        let values = (1...36).map { ($0 * 37) % 23 + 100 }
        let chart = LineChart(title: "Sessions per week", categories: categories, series: [.init(name: "", values: values)])
        try Golden.check(chart.svg(), named: "line-term.svg")
        let svg = try ParsedSVG(chart.svg())
        let shown = svg.texts("category")
        #expect(shown.count < 36 && shown.count >= 6)
        #expect(shown.last == "Week 36")
        let every = try #require(categories.firstIndex(of: shown[shown.count - 1])) - (try #require(categories.firstIndex(of: shown[shown.count - 2])))
        #expect(shown == categories.indices.filter { (35 - $0) % every == 0 }.map { categories[$0] })
        #expect(svg.texts("value").last == String(values[35]))
        for label in svg.all("text", class: "value") {
            let x = try #require(label.number("x"))
            let index = try #require(pointIndex(x, in: svg))
            #expect(label.text == String(values[index]))
        }
        #expect(svg.all("desc").first?.text.hasPrefix("Week 1: \(values[0]), Week 2: \(values[1]),") == true)
    }

    /// The index of the point at `x` along the chart's polyline.
    private func pointIndex(_ x: Double, in svg: ParsedSVG) -> Int? {
        let points = svg.all("polyline").first?.attributes["points"]?.split(separator: " ") ?? []
        return points.firstIndex { abs(Double($0.split(separator: ",")[0])! - x) <= 0.1 }
    }

    @Test func noCategoriesOrNoSeriesSaysNoDataYet() throws {
        for chart in [LineChart(title: "Sessions", categories: [], series: [.init(name: "S", values: [])]),
                      LineChart(title: "Sessions", categories: ["Sep 7"], series: [])] {
            let svg = try ParsedSVG(chart.svg())
            #expect(svg.texts("no-data") == ["No data yet"])
            #expect(svg.all("polyline").isEmpty)
        }
    }

    @Test func aSinglePointAndAllZeros() throws {
        let svg = try ParsedSVG(LineChart(title: "S", categories: ["Sep 7"], series: [.init(name: "", values: [0])]).svg())
        #expect(svg.texts("tick") == ["0", "1"])
        #expect(svg.texts("value") == ["0"])
        #expect(svg.texts("category") == ["Sep 7"])
    }

    @Test func escapesCategoriesAndNames() throws {
        let chart = LineChart(title: "<b>", categories: ["Q&A \"1\""], series: [.init(name: "a<b", values: [3]), .init(name: "c>d", values: [1])])
        let text = chart.svg()
        #expect(!text.contains("<b>") && text.contains("Q&amp;A &quot;1&quot;"))
        let svg = try ParsedSVG(text)
        #expect(svg.texts("category") == ["Q&A \"1\""])
        #expect(svg.texts("legend") == ["a<b", "c>d"])
    }
}
