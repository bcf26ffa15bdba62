/// Lays out horizontal bars, plain (no series: one value per row, written at the bar's end) or
/// stacked (one value per series, written inside its segment when it fits, the total at the end).
struct BarRows {
    struct Row {
        let label: String
        let values: [Int]
    }

    let title: String
    /// Empty for a plain bar chart.
    let series: [String]
    let rows: [Row]
    let axisLabel: String?
    let text: ChartText

    static let rowHeight = 28.0
    static let thickness = 18.0
    static let gap = 8.0
    /// The most a category label takes on the left: two fifths of the width, enough for a school's
    /// full name such as "Mesa Verde Intermediate School" (estimated wide); longer labels are cut.
    static let labelRoom = Frame.width * 2 / 5

    /// The horizontal geometry of the plot: where value 0 is and how many units a count takes.
    private struct Scale {
        let left: Double
        let right: Double
        let axis: CountAxis
        var perCount: Double { (right - left) / Double(axis.maximum) }
        func x(_ count: Int) -> Double { left + Double(count) * perCount }
    }

    func svg() -> String {
        precondition(rows.allSatisfy { $0.values.allSatisfy { $0 >= 0 } }, "bar chart \"\(title)\" has a negative count")
        guard !rows.isEmpty else { return Frame.noData(title: title, text: text) }
        var body = SVGWriter()
        var top = Frame.title(title, into: &body, top: Frame.margin)
        if !series.isEmpty {
            top = Frame.legend(series, swatchWidth: 12, into: &body, top: top + 4) { svg, index, x, centre in
                svg.empty("rect", [("x", formatted(x)), ("y", formatted(centre - 6)), ("width", "12"), ("height", "12"),
                                   ("fill", Palette.fill(index).colour), ("stroke", Palette.outline), ("stroke-width", "0.5")])
            }
        }
        let scale = horizontalScale()
        let plotTop = top + Self.gap
        let plotBottom = plotTop + Double(rows.count) * Self.rowHeight
        drawGrid(scale, top: plotTop, bottom: plotBottom, into: &body)
        for (index, row) in rows.enumerated() {
            drawRow(row, scale: scale, centre: plotTop + (Double(index) + 0.5) * Self.rowHeight, into: &body)
        }
        body.empty("line", [("x1", formatted(scale.left)), ("y1", formatted(plotTop)), ("x2", formatted(scale.left)),
                            ("y2", formatted(plotBottom)), ("stroke", Frame.ink)])
        var bottom = plotBottom + 6 + Frame.tickSize
        if let axisLabel {
            bottom += Frame.labelSize + 6
            body.text(axisLabel, [("x", formatted((scale.left + scale.right) / 2)), ("y", formatted(bottom)),
                                  ("class", "axis-label"), ("text-anchor", "middle"), ("fill", Frame.ink)])
        }
        return SVGWriter.document(width: Frame.width, height: bottom + Frame.margin, title: title,
                                  description: description(), body: body.markup)
    }

    /// Room for the labels on the left (at most `labelRoom`; longer labels are cut) and for the
    /// widest total and the last tick label on the right.
    private func horizontalScale() -> Scale {
        let totals = rows.map { $0.values.reduce(0, +) }
        let axis = CountAxis(largest: totals.max() ?? 0)
        let labelWidth = min(rows.map { TextWidth.of($0.label, fontSize: Frame.labelSize) }.max() ?? 0, Self.labelRoom)
        let totalWidth = totals.map { TextWidth.of(count($0), fontSize: Frame.labelSize) }.max() ?? 0
        let lastTickWidth = TextWidth.of(count(axis.maximum), fontSize: Frame.tickSize)
        let left = Frame.margin + labelWidth + Self.gap
        let right = Frame.width - Frame.margin - max(totalWidth + 4, lastTickWidth / 2)
        return Scale(left: left, right: right, axis: axis)
    }

    /// Vertical grid lines at the ticks, under the bars, with the tick values below the plot.
    private func drawGrid(_ scale: Scale, top: Double, bottom: Double, into body: inout SVGWriter) {
        for tick in scale.axis.ticks {
            let x = formatted(scale.x(tick))
            if tick > 0 {
                body.empty("line", [("x1", x), ("y1", formatted(top)), ("x2", x), ("y2", formatted(bottom)), ("stroke", Frame.grid)])
            }
            body.text(count(tick), [("x", x), ("y", formatted(bottom + 4 + Frame.tickSize)), ("class", "tick"),
                                    ("font-size", formatted(Frame.tickSize)), ("text-anchor", "middle"), ("fill", Frame.ink)])
        }
    }

    private func drawRow(_ row: Row, scale: Scale, centre: Double, into body: inout SVGWriter) {
        let baseline = formatted(Frame.baseline(centredOn: centre, fontSize: Frame.labelSize))
        let label = TextWidth.fitted(row.label, width: Self.labelRoom, fontSize: Frame.labelSize)
        body.text(label, [("x", formatted(scale.left - Self.gap)), ("y", baseline), ("class", "label"),
                          ("text-anchor", "end"), ("fill", Frame.ink)])
        var start = 0
        for (index, value) in row.values.enumerated() {
            let fill = series.isEmpty ? Palette.fill(0) : Palette.fill(index)
            let left = scale.x(start), width = scale.x(start + value) - left
            body.empty("rect", [("x", formatted(left)), ("y", formatted(centre - Self.thickness / 2)), ("width", formatted(width)),
                                ("height", formatted(Self.thickness)), ("class", "bar"), ("fill", fill.colour),
                                ("stroke", Palette.outline), ("stroke-width", "0.5")])
            let shown = count(value)
            if !series.isEmpty && value > 0 && TextWidth.of(shown, fontSize: Frame.tickSize) + 4 <= width {
                body.text(shown, [("x", formatted(left + width / 2)), ("y", formatted(Frame.baseline(centredOn: centre, fontSize: Frame.tickSize))),
                                  ("class", "value"), ("font-size", formatted(Frame.tickSize)), ("text-anchor", "middle"), ("fill", fill.text)])
            }
            start += value
        }
        body.text(count(start), [("x", formatted(scale.x(start) + 4)), ("y", baseline), ("class", series.isEmpty ? "value" : "total"),
                                 ("fill", Frame.ink)])
    }

    /// The data in words: "Spanish: 120; Vietnamese: 40." or, stacked, "September — In person: 40,
    /// Online: 12, Total: 52; …".
    private func description() -> String {
        let entries = rows.map { row in
            guard !series.isEmpty else { return "\(row.label): \(count(row.values.reduce(0, +)))" }
            let parts = zip(series, row.values).map { "\($0): \(count($1))" } + ["\(text.total): \(count(row.values.reduce(0, +)))"]
            return "\(row.label) — " + parts.joined(separator: ", ")
        }
        return entries.joined(separator: "; ") + "."
    }

    private func count(_ value: Int) -> String {
        formattedCount(value, separator: text.groupingSeparator)
    }
}
