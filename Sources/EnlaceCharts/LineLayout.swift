/// Lays out a line chart: a count axis up the left with grid lines at the ticks, the categories
/// evenly along the bottom, one polyline with markers per series, and the values at the points.
struct LineLayout {
    let chart: LineChart

    static let plotHeight = 200.0
    /// The room between the value axis and the tick labels, and between labels and points.
    static let gap = 6.0

    /// Where the points go: category `index` across, count up.
    private struct Plot {
        let left: Double
        let right: Double
        let top: Double
        let inset: Double
        let axis: CountAxis
        let count: Int
        var bottom: Double { top + LineLayout.plotHeight }

        func x(_ index: Int) -> Double {
            count == 1 ? (left + right) / 2 : left + inset + Double(index) * spacing
        }

        func y(_ value: Int) -> Double {
            bottom - Double(value) * LineLayout.plotHeight / Double(axis.maximum)
        }

        /// The distance between neighbouring points.
        var spacing: Double { count == 1 ? right - left : (right - left - 2 * inset) / Double(count - 1) }

        /// Whether label `index` is written when labels `width` wide must not overlap: every
        /// k-th, counted back from the last so the latest value is always shown.
        func labels(_ index: Int, width: Double) -> Bool {
            let every = max(1, Int((width / spacing).rounded(.up)))
            return (count - 1 - index) % every == 0
        }
    }

    func svg() -> String {
        precondition(chart.series.allSatisfy { $0.values.allSatisfy { $0 >= 0 } }, "line chart \"\(chart.title)\" has a negative count")
        guard !chart.categories.isEmpty && !chart.series.isEmpty else { return Frame.noData(title: chart.title, text: chart.text) }
        var body = SVGWriter()
        var top = Frame.title(chart.title, into: &body, top: Frame.margin)
        if chart.series.count > 1 {
            top = Frame.legend(chart.series.map(\.name), swatchWidth: 24, into: &body, top: top + 4) { svg, index, x, centre in
                Self.drawSwatch(Palette.line(index), x: x, centre: centre, into: &svg)
            }
        }
        if let axisLabel = chart.axisLabel {
            top += Frame.labelSize + 8
            body.text(axisLabel, [("x", formatted(Frame.margin)), ("y", formatted(top)), ("class", "axis-label"), ("fill", Frame.ink)])
        }
        let plot = layout(top: top + 20)
        drawGrid(plot, into: &body)
        drawCategories(plot, into: &body)
        for (index, series) in chart.series.enumerated() {
            drawSeries(index, series, plot: plot, into: &body)
        }
        let bottom = plot.bottom + Self.gap + Frame.tickSize + Frame.margin
        return SVGWriter.document(width: Frame.width, height: bottom, title: chart.title,
                                  description: description(), body: body.markup)
    }

    /// Room for the tick labels on the left, and half a category label inside each end so the
    /// first and last labels stay on the page.
    private func layout(top: Double) -> Plot {
        let axis = CountAxis(largest: chart.series.flatMap(\.values).max() ?? 0)
        let tickWidth = axis.ticks.map { TextWidth.of(count($0), fontSize: Frame.tickSize) }.max() ?? 0
        let left = Frame.margin + tickWidth + Self.gap
        let right = Frame.width - Frame.margin
        let inset = min(max(categoryLabelWidth / 2, 12), 60)
        return Plot(left: left, right: right, top: top, inset: inset, axis: axis, count: chart.categories.count)
    }

    /// The widest category label, which is cut to at most 120 units.
    private var categoryLabelWidth: Double {
        chart.categories.map { TextWidth.of(categoryLabel($0), fontSize: Frame.tickSize) }.max() ?? 0
    }

    private func categoryLabel(_ category: String) -> String {
        TextWidth.fitted(category, width: 120, fontSize: Frame.tickSize)
    }

    /// Horizontal grid lines at the ticks with their values, and the baseline.
    private func drawGrid(_ plot: Plot, into body: inout SVGWriter) {
        Frame.horizontalGrid(plot.axis, left: plot.left, right: plot.right, gap: Self.gap, y: plot.y, label: count, into: &body)
    }

    private func drawCategories(_ plot: Plot, into body: inout SVGWriter) {
        let width = categoryLabelWidth + Self.gap
        for (index, category) in chart.categories.enumerated() where plot.labels(index, width: width) {
            body.text(categoryLabel(category), [("x", formatted(plot.x(index))), ("y", formatted(plot.bottom + Self.gap + Frame.tickSize)),
                                                ("class", "category"), ("font-size", formatted(Frame.tickSize)),
                                                ("text-anchor", "middle"), ("fill", Frame.ink)])
        }
    }

    private func drawSeries(_ seriesIndex: Int, _ series: LineChart.Series, plot: Plot, into body: inout SVGWriter) {
        let style = Palette.line(seriesIndex)
        let points = series.values.enumerated().map { "\(formatted(plot.x($0.offset))),\(formatted(plot.y($0.element)))" }
        var attributes = [("points", points.joined(separator: " ")), ("class", "line"), ("fill", "none"),
                          ("stroke", style.colour), ("stroke-width", "2")]
        if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
        body.empty("polyline", attributes)
        // One width for every series, so all series label the same points.
        let labelWidth = (chart.series.flatMap(\.values).map { TextWidth.of(count($0), fontSize: 10) }.max() ?? 0) + 4
        for (index, value) in series.values.enumerated() {
            let x = plot.x(index), y = plot.y(value)
            Self.drawMarker(style, x: x, y: y, into: &body)
            guard plot.labels(index, width: labelWidth) else { continue }
            // An earlier series with the same value already wrote this number at this very point.
            guard !chart.series[..<seriesIndex].contains(where: { $0.values[index] == value }) else { continue }
            let below = Self.isValley(series.values, at: index) && y + 16 <= plot.bottom
            body.text(count(value), [("x", formatted(x)), ("y", formatted(below ? y + 16 : y - 7)), ("class", "value"),
                                     ("font-size", "10"), ("text-anchor", "middle"), ("fill", Frame.ink)])
        }
    }

    /// Whether point `index` lies below its neighbours' average: its label then goes under the
    /// point, away from the lines that rise from it, as a peak's goes over it.
    private static func isValley(_ values: [Int], at index: Int) -> Bool {
        let neighbours = [index - 1, index + 1].filter(values.indices.contains).map { values[$0] }
        return !neighbours.isEmpty && values[index] * neighbours.count < neighbours.reduce(0, +)
    }

    /// A marker centred on (`x`, `y`), about 7 units across, filled with the line's colour.
    private static func drawMarker(_ style: Palette.Line, x: Double, y: Double, into body: inout SVGWriter) {
        let common = [("class", "point"), ("fill", style.colour)]
        switch style.marker {
        case .circle:
            body.empty("circle", [("cx", formatted(x)), ("cy", formatted(y)), ("r", "3.5")] + common)
        case .square:
            body.empty("rect", [("x", formatted(x - 3.5)), ("y", formatted(y - 3.5)), ("width", "7"), ("height", "7")] + common)
        case .triangle:
            body.empty("path", [("d", "M\(formatted(x)) \(formatted(y - 4.5))l4.5 8h-9z")] + common)
        case .diamond:
            body.empty("path", [("d", "M\(formatted(x)) \(formatted(y - 4.5))l4.5 4.5l-4.5 4.5l-4.5-4.5z")] + common)
        }
    }

    /// The legend's sample of a series: a short stretch of its line with its marker.
    private static func drawSwatch(_ style: Palette.Line, x: Double, centre: Double, into body: inout SVGWriter) {
        var attributes = [("x1", formatted(x)), ("y1", formatted(centre)), ("x2", formatted(x + 24)), ("y2", formatted(centre)),
                          ("stroke", style.colour), ("stroke-width", "2")]
        if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
        body.empty("line", attributes)
        drawMarker(style, x: x + 12, y: centre, into: &body)
    }

    /// The data in words: "Sessions — Sep 7: 12, Sep 14: 10; Families — …".
    private func description() -> String {
        chart.series.map { series in
            let points = zip(chart.categories, series.values).map { "\($0): \(count($1))" }.joined(separator: ", ")
            return series.name.isEmpty ? points : "\(series.name) — \(points)"
        }.joined(separator: "; ") + "."
    }

    private func count(_ value: Int) -> String {
        formattedCount(value, separator: chart.text.groupingSeparator)
    }
}
