import EnlaceGolden
import EnlaceCharts
import Testing

@Suite struct ColumnChartTests {
    static let weeks = ["Sep 7", "Sep 14", "Sep 21", "Sep 28", "Oct 5", "Oct 12", "Oct 19", "Oct 26"]
    static let term = ColumnChart(
        title: "Sessions per week", series: ["Held", "To come"],
        columns: zip(weeks, [[12, 0], [9, 0], [0, 0], [14, 0], [3, 8], [0, 11], [0, 13], [0, 2]]).map { .init(label: $0, values: $1) },
        marks: [.init(name: "Open houses", counts: [2, 0, 0, 0, 3, 0, 0, 0]),
                .init(name: "Days without meetings", counts: [1, 0, 5, 0, 0, 0, 0, 12])],
        divider: .init(before: 4, label: "Today"), axisLabel: "Sessions")

    @Test func matchesTheGoldenFile() throws {
        try Golden.check(Self.term.svg(), named: "column-term.svg")
    }

    @Test func sameChartSameBytes() {
        #expect(Self.term.svg() == Self.term.svg())
    }

    /// Each segment is as tall as its value at one scale, and the segments of a column stack
    /// without a gap from the baseline.
    @Test func segmentsAreProportionalAndStacked() throws {
        let svg = try ParsedSVG(Self.term.svg())
        let rects = svg.all("rect", class: "bar")
        let segments = Self.term.columns.flatMap { $0.values.filter { $0 > 0 } }
        #expect(rects.count == segments.count, "zero segments are not drawn")
        let baseline = try #require(svg.all("line").first { $0.attributes["stroke"] == "#222" && $0.attributes["class"] == nil }?.number("y1"))
        let scale = try #require(rects[0].number("height")) / 12
        var index = 0
        for column in Self.term.columns {
            var bottom = baseline
            for (series, value) in column.values.enumerated() where value > 0 {
                let rect = rects[index]
                let height = try #require(rect.number("height")), top = try #require(rect.number("y"))
                #expect(abs(height - Double(value) * scale) <= 0.15, "\(column.label): \(value) drawn \(height) high")
                #expect(abs(top + height - bottom) <= 0.15, "\(column.label): segments stack from the baseline")
                #expect(rect.attributes["fill"] == ["#0072B2", "#E69F00"][series])
                bottom = top
                index += 1
            }
        }
    }

    @Test func everyNumberShownIsTheInput() throws {
        let svg = try ParsedSVG(Self.term.svg())
        #expect(svg.texts("total") == ["12", "9", "14", "11", "11", "13", "2"])
        #expect(svg.texts("category") == Self.weeks)
        #expect(svg.texts("mark-name") == ["Open houses", "Days without meetings"])
        #expect(svg.all("rect", class: "mark").count == 5)
        #expect(svg.texts("mark-value") == ["2", "3", "1", "5", "12"])
        #expect(svg.texts("legend") == ["Held", "To come"])
        #expect(svg.texts("tick") == ["0", "5", "10", "15"])
        #expect(svg.texts("divider-label") == ["Today"])
    }

    /// The divider stands halfway between the last held week and the first week to come.
    @Test func dividerSitsBetweenItsColumns() throws {
        let svg = try ParsedSVG(Self.term.svg())
        let line = try #require(svg.all("line", class: "divider").first)
        let x = try #require(line.number("x1"))
        let bars = svg.all("rect", class: "bar")
        // Zero segments are not drawn: the bars are Sep 7, Sep 14, Sep 28, Oct 5 (held), …
        let before = try #require(bars[2].number("x")) + (try #require(bars[2].number("width")))  // Sep 28
        let after = try #require(bars[3].number("x"))  // Oct 5, held part
        #expect(before < x && x < after)
        #expect(abs((x - before) - (after - x)) <= 0.15)
    }

    @Test func descriptionStatesEveryNumber() throws {
        let svg = try ParsedSVG(Self.term.svg())
        #expect(svg.all("desc").map(\.text) == [
            "Sep 7 — Held: 12, To come: 0, Total: 12; Sep 14 — Held: 9, To come: 0, Total: 9; "
                + "Sep 21 — Held: 0, To come: 0, Total: 0; Sep 28 — Held: 14, To come: 0, Total: 14; "
                + "Oct 5 — Held: 3, To come: 8, Total: 11; Oct 12 — Held: 0, To come: 11, Total: 11; "
                + "Oct 19 — Held: 0, To come: 13, Total: 13; Oct 26 — Held: 0, To come: 2, Total: 2. "
                + "Open houses — Sep 7: 2, Oct 5: 3. Days without meetings — Sep 7: 1, Sep 21: 5, Oct 26: 12. Today: before Oct 5.",
        ])
    }

    /// A term of 43 weeks: week labels and totals thin out so that none overlaps its neighbour,
    /// and the first week is always labelled.
    @Test func manyColumnsThinTheirLabels() throws {
        let columns = (0..<43).map { ColumnChart.Column(label: "Wk \($0 + 1)", values: [$0 * 7 % 30 + 100]) }
        let chart = ColumnChart(title: "Sessions", series: ["Sessions"], columns: columns, text: .spanish)
        let svg = try ParsedSVG(chart.svg())
        let labels = svg.all("text", class: "category")
        #expect(labels.first?.text == "Wk 1")
        #expect(labels.count < 43 && labels.count >= 8)
        let xs = labels.compactMap { $0.number("x") }
        for (a, b) in zip(xs, xs.dropFirst()) { #expect(b - a >= 6 * 0.6 * 11, "labels \(a) and \(b) overlap") }
        #expect(svg.texts("total").isEmpty, "43 totals of three digits do not fit above their columns: none is written")
        #expect(svg.texts("legend").isEmpty, "one series needs no legend")
        #expect(svg.all("desc").first?.text.hasPrefix("Wk 1: 100; Wk 2: 107;") == true)
    }

    @Test func wideCountsLeaveTheirMarkEmptyButStateTheNumber() throws {
        let chart = ColumnChart(title: "Open houses", series: ["Sessions"],
                                columns: (0..<40).map { .init(label: "W\($0)", values: [1]) },
                                marks: [.init(name: "Open houses", counts: [1_250] + Array(repeating: 0, count: 39))])
        let svg = try ParsedSVG(chart.svg())
        #expect(svg.all("rect", class: "mark").count == 1)
        #expect(svg.texts("mark-value").isEmpty, "1,250 does not fit in a mark 14 units wide")
        #expect(svg.all("desc").first?.text.contains("Open houses — W0: 1,250.") == true)
    }

    @Test func noColumnsOrNoSeriesSaysNoDataYet() throws {
        for chart in [ColumnChart(title: "Sessions", series: ["Held"], columns: []),
                      ColumnChart(title: "Sessions", series: [], columns: [.init(label: "Sep 7", values: [])], text: .spanish)] {
            let svg = try ParsedSVG(chart.svg())
            #expect(svg.texts("no-data").count == 1)
            #expect(svg.all("rect", class: "bar").isEmpty)
        }
    }

    @Test func escapesNames() throws {
        let chart = ColumnChart(title: "<T>", series: ["a&b"], columns: [.init(label: "<x>", values: [2])],
                                marks: [.init(name: "\"m\"", counts: [0])], divider: .init(before: 1, label: "<now>"))
        let svg = try ParsedSVG(chart.svg())
        #expect(svg.texts("category") == ["<x>"])
        #expect(svg.all("desc").first?.text == "<x>: 2. \"m\" — none. <now>: after the last column.")
    }
}
