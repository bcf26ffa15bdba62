import EnlaceGolden
import EnlaceCharts
import Testing

@Suite struct BarChartTests {
    static let languages = BarChart(title: "Families matched by language", bars: [
        .init(label: "Spanish", value: 120), .init(label: "Vietnamese", value: 41), .init(label: "العربية (Arabic)", value: 17),
        .init(label: "Tagalog", value: 0), .init(label: "中文 (Chinese)", value: 9),
    ], axisLabel: "Families")

    @Test func matchesTheGoldenFile() throws {
        try Golden.check(Self.languages.svg(), named: "bar-languages.svg")
    }

    @Test func sameChartSameBytes() {
        #expect(Self.languages.svg() == Self.languages.svg())
    }

    /// Each bar's length is its value times one scale, to the tenth of a unit the output keeps.
    @Test func barLengthsAreProportionalToTheValues() throws {
        let svg = try ParsedSVG(Self.languages.svg())
        let widths = svg.all("rect", class: "bar").compactMap { $0.number("width") }
        let values = Self.languages.bars.map(\.value)
        #expect(widths.count == values.count)
        let scale = widths[0] / Double(values[0])
        #expect(scale > 2)
        for (width, value) in zip(widths, values) {
            #expect(abs(width - Double(value) * scale) <= 0.1, "bar of \(value) is \(width) units at \(scale) per count")
        }
        let lefts = Set(svg.all("rect", class: "bar").compactMap { $0.attributes["x"] })
        #expect(lefts.count == 1, "every bar starts at the axis")
    }

    @Test func everyValueLabelIsTheInputValue() throws {
        let svg = try ParsedSVG(Self.languages.svg())
        #expect(svg.texts("value") == Self.languages.bars.map { String($0.value) })
        #expect(svg.texts("label") == Self.languages.bars.map(\.label))
        #expect(svg.texts("tick") == ["0", "20", "40", "60", "80", "100", "120"])
        #expect(svg.texts("title") == ["Families matched by language"])
        #expect(svg.texts("axis-label") == ["Families"])
    }

    @Test func titleAndDescriptionSayTheDataInWords() throws {
        let svg = try ParsedSVG(Self.languages.svg())
        #expect(svg.elements.first?.name == "svg")
        #expect(svg.elements.first?.attributes["role"] == "img")
        #expect(svg.elements.first?.attributes["viewBox"]?.hasPrefix("0 0 640 ") == true)
        #expect(svg.all("title").map(\.text) == ["Families matched by language"])
        #expect(svg.all("desc").map(\.text) == [
            "Spanish: 120; Vietnamese: 41; العربية (Arabic): 17; Tagalog: 0; 中文 (Chinese): 9.",
        ])
    }

    @Test func markupCharactersInLabelsAreEscaped() throws {
        let chart = BarChart(title: "Sites <north> & \"south\"", bars: [.init(label: "A&B <ES> \"Loma\" 'Alta'", value: 3)],
                             axisLabel: "<families>")
        let text = chart.svg()
        #expect(text.contains("A&amp;B &lt;ES&gt; &quot;Loma&quot; &apos;Alta&apos;"))
        #expect(!text.contains("<ES>") && !text.contains("<north>") && !text.contains("<families>"))
        let svg = try ParsedSVG(text)
        #expect(svg.texts("label") == ["A&B <ES> \"Loma\" 'Alta'"])
        #expect(svg.all("title").map(\.text) == ["Sites <north> & \"south\""])
        #expect(svg.texts("axis-label") == ["<families>"])
    }

    @Test func noBarsSaysNoDataYet() throws {
        let chart = BarChart(title: "Families matched by language", bars: [])
        try Golden.check(chart.svg(), named: "bar-empty.svg")
        let svg = try ParsedSVG(chart.svg())
        #expect(svg.texts("no-data") == ["No data yet"])
        #expect(svg.all("desc").map(\.text) == ["No data yet"])
        #expect(svg.all("rect", class: "bar").isEmpty)
        let spanish = try ParsedSVG(BarChart(title: "Familias", bars: [], text: .spanish).svg())
        #expect(spanish.texts("no-data") == ["Todavía no hay datos"])
    }

    @Test func allZeroBarsKeepAnAxis() throws {
        let svg = try ParsedSVG(BarChart(title: "Waiting", bars: [.init(label: "Juárez ES", value: 0)]).svg())
        #expect(svg.texts("tick") == ["0", "1"])
        #expect(svg.texts("value") == ["0"])
        #expect(svg.all("rect", class: "bar").map { $0.number("width") } == [0])
    }

    @Test func largeCountsAreGroupedInLabelsAndDescription() throws {
        let chart = BarChart(title: "Parents", bars: [.init(label: "District", value: 60000)])
        let svg = try ParsedSVG(chart.svg())
        #expect(svg.texts("value") == ["60,000"])
        #expect(svg.texts("tick") == ["0", "10,000", "20,000", "30,000", "40,000", "50,000", "60,000"])
        #expect(svg.all("desc").map(\.text) == ["District: 60,000."])
    }

    /// A very long label is cut, so the bars keep two thirds of the width.
    @Test func longLabelsAreCut() throws {
        let long = String(repeating: "Escuela Primaria Benito Juárez ", count: 4)
        let svg = try ParsedSVG(BarChart(title: "Sites", bars: [.init(label: long, value: 5)]).svg())
        let label = try #require(svg.texts("label").first)
        #expect(label.hasSuffix("…") && long.hasPrefix(String(label.dropLast())))
        let bar = try #require(svg.all("rect", class: "bar").first)
        #expect(try #require(bar.number("x")) < 640.0 / 2)
    }
}
