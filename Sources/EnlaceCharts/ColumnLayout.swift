/// Lays out a column chart: a count axis up the left with grid lines at the ticks, the columns
/// evenly along the bottom, the category labels under them, then the rows of marks, each under a
/// caption of its name (so the names take no width from the columns).
struct ColumnLayout {
    let chart: ColumnChart

    static let plotHeight = 180.0
    static let gap = 6.0
    /// A row of marks: its caption, then the marks.
    static let markRowHeight = 32.0
    static let markCaption = 14.0
    static let markSize = 14.0
    /// The share of a column's pitch its bar takes; the rest separates neighbours.
    static let columnShare = 0.7

    /// Where the columns go: column `index` across, count up.
    private struct Plot {
        let left: Double
        let right: Double
        let top: Double
        let axis: CountAxis
        let count: Int
        var bottom: Double { top + ColumnLayout.plotHeight }
        var pitch: Double { (right - left) / Double(count) }

        func centre(_ index: Int) -> Double { left + (Double(index) + 0.5) * pitch }
        func y(_ value: Int) -> Double { bottom - Double(value) * ColumnLayout.plotHeight / Double(axis.maximum) }

        /// Whether label `index` is written when labels `width` wide must not overlap: every k-th,
        /// counted from the first column.
        func labels(_ index: Int, width: Double) -> Bool {
            index % max(1, Int((width / pitch).rounded(.up))) == 0
        }
    }

    func svg() -> String {
        precondition(chart.columns.allSatisfy { $0.values.allSatisfy { $0 >= 0 } } && chart.marks.allSatisfy { $0.counts.allSatisfy { $0 >= 0 } },
                     "column chart \"\(chart.title)\" has a negative count")
        guard !chart.columns.isEmpty && !chart.series.isEmpty else { return Frame.noData(title: chart.title, text: chart.text) }
        var body = SVGWriter()
        var top = Frame.title(chart.title, into: &body, top: Frame.margin)
        if chart.series.count > 1 {
            top = Frame.legend(chart.series, swatchWidth: 12, into: &body, top: top + 4) { svg, index, x, centre in
                svg.empty("rect", [("x", formatted(x)), ("y", formatted(centre - 6)), ("width", "12"), ("height", "12"),
                                   ("fill", Palette.fill(index).colour), ("stroke", Palette.outline), ("stroke-width", "0.5")])
            }
        }
        if let axisLabel = chart.axisLabel {
            top += Frame.labelSize + 8
            body.text(axisLabel, [("x", formatted(Frame.margin)), ("y", formatted(top)), ("class", "axis-label"), ("fill", Frame.ink)])
        }
        // Room above the plot for the totals and the divider's label.
        let plot = layout(top: top + 24)
        drawGrid(plot, into: &body)
        drawColumns(plot, into: &body)
        let labelsBaseline = plot.bottom + Self.gap + Frame.tickSize
        drawCategories(plot, baseline: labelsBaseline, into: &body)
        let marksBottom = drawMarks(plot, top: labelsBaseline + Self.gap, into: &body)
        if let divider = chart.divider { drawDivider(divider, plot: plot, into: &body) }
        return SVGWriter.document(width: Frame.width, height: marksBottom + Frame.margin, title: chart.title,
                                  description: description(), body: body.markup)
    }

    /// Room on the left for the tick labels.
    private func layout(top: Double) -> Plot {
        let axis = CountAxis(largest: chart.columns.map { $0.values.reduce(0, +) }.max() ?? 0)
        let tickWidth = axis.ticks.map { TextWidth.of(count($0), fontSize: Frame.tickSize) }.max() ?? 0
        return Plot(left: Frame.margin + tickWidth + Self.gap, right: Frame.width - Frame.margin, top: top, axis: axis,
                    count: chart.columns.count)
    }

    /// Horizontal grid lines at the ticks with their values; the baseline in ink.
    private func drawGrid(_ plot: Plot, into body: inout SVGWriter) {
        Frame.horizontalGrid(plot.axis, left: plot.left, right: plot.right, gap: Self.gap, y: plot.y, label: count, into: &body)
    }

    /// The stacked columns, then the non-zero totals above them when every one has room (when
    /// they do not, the axis and the description give the values: every other total would look
    /// like a pattern that is not there).
    private func drawColumns(_ plot: Plot, into body: inout SVGWriter) {
        let width = max(plot.pitch * Self.columnShare, 1)
        let totals = chart.columns.map { $0.values.reduce(0, +) }
        for (index, column) in chart.columns.enumerated() {
            var start = 0
            for (series, value) in column.values.enumerated() where value > 0 {
                let top = plot.y(start + value), bottom = plot.y(start)
                body.empty("rect", [("x", formatted(plot.centre(index) - width / 2)), ("y", formatted(top)), ("width", formatted(width)),
                                    ("height", formatted(bottom - top)), ("class", "bar"), ("fill", Palette.fill(series).colour),
                                    ("stroke", Palette.outline), ("stroke-width", "0.5")])
                start += value
            }
        }
        let labelWidth = (totals.map { TextWidth.of(count($0), fontSize: 10) }.max() ?? 0) + 2
        guard labelWidth <= plot.pitch else { return }
        for (index, total) in totals.enumerated() where total > 0 {
            body.text(count(total), [("x", formatted(plot.centre(index))), ("y", formatted(plot.y(total) - 3)), ("class", "total"),
                                     ("font-size", "10"), ("text-anchor", "middle"), ("fill", Frame.ink)])
        }
    }

    private func drawCategories(_ plot: Plot, baseline: Double, into body: inout SVGWriter) {
        let labels = chart.columns.map { TextWidth.fitted($0.label, width: 120, fontSize: Frame.tickSize) }
        let width = (labels.map { TextWidth.of($0, fontSize: Frame.tickSize) }.max() ?? 0) + Self.gap
        for (index, label) in labels.enumerated() where plot.labels(index, width: width) {
            body.text(label, [("x", formatted(plot.centre(index))), ("y", formatted(baseline)), ("class", "category"),
                              ("font-size", formatted(Frame.tickSize)), ("text-anchor", "middle"), ("fill", Frame.ink)])
        }
    }

    /// Each row of marks: its name as a caption from the plot's left edge, then a square per
    /// non-zero count under its column, with the count in it when it fits. Returns the y below
    /// the last row.
    private func drawMarks(_ plot: Plot, top: Double, into body: inout SVGWriter) -> Double {
        let size = min(Self.markSize, max(plot.pitch - 1, 2))
        for (row, marks) in chart.marks.enumerated() {
            let rowTop = top + Double(row) * Self.markRowHeight
            body.text(TextWidth.fitted(marks.name, width: plot.right - plot.left, fontSize: Frame.tickSize),
                      [("x", formatted(plot.left)), ("y", formatted(rowTop + Frame.tickSize)), ("class", "mark-name"),
                       ("font-size", formatted(Frame.tickSize)), ("fill", Frame.ink)])
            let centre = rowTop + Self.markCaption + 2 + size / 2
            for (index, value) in marks.counts.enumerated() where value > 0 {
                let x = plot.centre(index)
                body.empty("rect", [("x", formatted(x - size / 2)), ("y", formatted(centre - size / 2)), ("width", formatted(size)),
                                    ("height", formatted(size)), ("class", "mark"), ("fill", Self.markFill)])
                let shown = count(value)
                guard TextWidth.of(shown, fontSize: 9) <= size else { continue }
                body.text(shown, [("x", formatted(x)), ("y", formatted(Frame.baseline(centredOn: centre, fontSize: 9))), ("class", "mark-value"),
                                  ("font-size", "9"), ("text-anchor", "middle"), ("fill", "#fff")])
            }
        }
        return top + Double(chart.marks.count) * Self.markRowHeight
    }

    /// Dark grey: the row's name, not a colour, says what a mark counts, so marks read the same
    /// in greyscale; white numbers on it have a contrast of 7.5:1.
    static let markFill = "#555"

    /// The dashed line from above the plot through the mark rows, its label at the top, on the
    /// side with room.
    private func drawDivider(_ divider: ColumnChart.Divider, plot: Plot, into body: inout SVGWriter) {
        let x = plot.left + Double(divider.before) * plot.pitch
        let bottom = plot.bottom + Self.gap + Frame.tickSize + Self.gap + Double(chart.marks.count) * Self.markRowHeight
        body.empty("line", [("x1", formatted(x)), ("y1", formatted(plot.top - 18)), ("x2", formatted(x)), ("y2", formatted(bottom)),
                            ("class", "divider"), ("stroke", Frame.ink), ("stroke-width", "1.5"), ("stroke-dasharray", "4 3")])
        let fits = x + 4 + TextWidth.of(divider.label, fontSize: Frame.tickSize) <= Frame.width - Frame.margin
        body.text(divider.label, [("x", formatted(fits ? x + 4 : x - 4)), ("y", formatted(plot.top - 10)), ("class", "divider-label"),
                                  ("font-size", formatted(Frame.tickSize)), ("text-anchor", fits ? "start" : "end"), ("fill", Frame.ink)])
    }

    /// The data in words: "Sep 7 — Held: 3, To come: 0, Total: 3; …. Open houses — Sep 7: 2,
    /// Oct 5: 1. Today: before Dec 7." (one series: "Sep 7: 3; …"; a mark row with no marks:
    /// "Open houses — none").
    private func description() -> String {
        let columns = chart.columns.map { column in
            guard chart.series.count > 1 else { return "\(column.label): \(count(column.values.reduce(0, +)))" }
            let parts = zip(chart.series, column.values).map { "\($0): \(count($1))" } + ["\(chart.text.total): \(count(column.values.reduce(0, +)))"]
            return "\(column.label) — " + parts.joined(separator: ", ")
        }
        var sentences = [columns.joined(separator: "; ")]
        for row in chart.marks {
            let marked = zip(chart.columns, row.counts).filter { $0.1 > 0 }.map { "\($0.0.label): \(count($0.1))" }
            sentences.append("\(row.name) — " + (marked.isEmpty ? chart.text.none : marked.joined(separator: ", ")))
        }
        if let divider = chart.divider {
            let position = divider.before < chart.columns.count ? "\(chart.text.before) \(chart.columns[divider.before].label)" : chart.text.afterAll
            sentences.append("\(divider.label): \(position)")
        }
        return sentences.joined(separator: ". ") + "."
    }

    private func count(_ value: Int) -> String {
        formattedCount(value, separator: chart.text.groupingSeparator)
    }
}
