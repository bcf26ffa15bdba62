import EnlaceGolden
import EnlaceCharts
import Testing

@Suite struct StackedBarChartTests {
    static let attendance = StackedBarChart(title: "Attendance by month", series: ["In person", "Online", "Recording"], bars: [
        .init(label: "September", values: [40, 12, 3]), .init(label: "October", values: [52, 20, 9]),
        .init(label: "November", values: [0, 0, 0]), .init(label: "December", values: [30, 1, 14]),
    ], axisLabel: "Sessions attended")

    @Test func matchesTheGoldenFile() throws {
        try Golden.check(Self.attendance.svg(), named: "stacked-attendance.svg")
    }

    /// Segments follow one another from the axis, each as long as its value at one scale.
    @Test func segmentsAreProportionalAndAdjacent() throws {
        let svg = try ParsedSVG(Self.attendance.svg())
        let rects = svg.all("rect", class: "bar")
        #expect(rects.count == 12)
        let scale = try #require(rects[3].number("width")) / 52
        for (row, bar) in Self.attendance.bars.enumerated() {
            var x = try #require(rects[0].number("x"))
            for (index, value) in bar.values.enumerated() {
                let rect = rects[row * 3 + index]
                #expect(abs(try #require(rect.number("x")) - x) <= 0.1)
                #expect(abs(try #require(rect.number("width")) - Double(value) * scale) <= 0.1)
                #expect(rect.attributes["fill"] == ["#0072B2", "#E69F00", "#F0E442"][index])
                x += Double(value) * scale
            }
        }
    }

    /// A segment shows its value when the number fits inside it; every number shown is the input.
    @Test func valueLabelsAndTotalsAreTheInput() throws {
        let svg = try ParsedSVG(Self.attendance.svg())
        #expect(svg.texts("total") == ["55", "81", "0", "45"])
        // A segment of 1 is about 5 units wide, too narrow for its label; zeros are not written.
        #expect(svg.texts("value") == ["40", "12", "3", "52", "20", "9", "30", "14"])
        let rects = svg.all("rect", class: "bar")
        for label in svg.all("text", class: "value") {
            let x = try #require(label.number("x"))
            let segment = try #require(rects.first { rect in
                let left = rect.number("x")!, width = rect.number("width")!
                return abs(left + width / 2 - x) <= 0.1 && width > 0
            })
            let index = try #require(rects.firstIndex { $0.attributes == segment.attributes })
            #expect(label.text == String(Self.attendance.bars[index / 3].values[index % 3]))
        }
    }

    @Test func legendNamesTheSeriesInOrder() throws {
        let svg = try ParsedSVG(Self.attendance.svg())
        #expect(svg.texts("legend") == ["In person", "Online", "Recording"])
        let swatches = svg.elements.drop { $0.attributes["class"] != "legend" }.filter { $0.name == "rect" }.prefix(3)
        #expect(swatches.map { $0.attributes["fill"] } == ["#0072B2", "#E69F00", "#F0E442"])
    }

    @Test func descriptionStatesEveryNumber() throws {
        let svg = try ParsedSVG(Self.attendance.svg())
        #expect(svg.all("desc").map(\.text) == [
            "September — In person: 40, Online: 12, Recording: 3, Total: 55; "
                + "October — In person: 52, Online: 20, Recording: 9, Total: 81; "
                + "November — In person: 0, Online: 0, Recording: 0, Total: 0; "
                + "December — In person: 30, Online: 1, Recording: 14, Total: 45.",
        ])
    }

    @Test func matchedAndWaitingPerSite() throws {
        let chart = StackedBarChart(title: "Families by site", series: ["Matched", "Waiting"], bars: [
            .init(label: "Juárez ES", values: [31, 9]), .init(label: "Río Vista ES", values: [18, 0]),
            .init(label: "Mesa Verde MS", values: [22, 4]),
        ], text: .spanish)
        try Golden.check(chart.svg(), named: "stacked-sites.svg")
        let svg = try ParsedSVG(chart.svg())
        #expect(svg.texts("total") == ["40", "18", "26"])
        #expect(svg.texts("tick") == ["0", "10", "20", "30", "40"])
    }

    @Test func noBarsOrNoSeriesSaysNoDataYet() throws {
        for chart in [StackedBarChart(title: "Attendance", series: ["In person"], bars: []),
                      StackedBarChart(title: "Attendance", series: [], bars: [.init(label: "September", values: [])])] {
            let svg = try ParsedSVG(chart.svg())
            #expect(svg.texts("no-data") == ["No data yet"])
            #expect(svg.texts("legend").isEmpty && svg.all("rect", class: "bar").isEmpty)
        }
    }

    @Test func escapesSeriesNames() throws {
        let chart = StackedBarChart(title: "T", series: ["<in person>", "on & off"], bars: [.init(label: "x", values: [1, 2])])
        let svg = try ParsedSVG(chart.svg())
        #expect(svg.texts("legend") == ["<in person>", "on & off"])
        #expect(svg.all("desc").first?.text == "x — <in person>: 1, on & off: 2, Total: 3.")
    }
}
