/// The parts every chart shares: its width, fonts, visible title, legend and "no data" form.
enum Frame {
    static let width = 640.0
    static let margin = 16.0
    static let titleSize = 16.0
    static let labelSize = 12.0
    static let tickSize = 11.0
    static let ink = "#222"
    static let grid = "#d0d0d0"

    /// The baseline of text of `fontSize` centred on `y`, since `dominant-baseline` is not read
    /// the same way by every renderer.
    static func baseline(centredOn y: Double, fontSize: Double) -> Double {
        y + fontSize * 0.35
    }

    /// Writes a horizontal grid line at each of `axis`'s ticks from `left` to `right` (the
    /// baseline, tick 0, in ink), each with its value `gap` left of the plot; `y` places a value
    /// and `label` writes it. Column and line charts share it.
    static func horizontalGrid(_ axis: CountAxis, left: Double, right: Double, gap: Double, y: (Int) -> Double,
                               label: (Int) -> String, into svg: inout SVGWriter) {
        for tick in axis.ticks {
            let at = y(tick)
            svg.empty("line", [("x1", formatted(left)), ("y1", formatted(at)), ("x2", formatted(right)), ("y2", formatted(at)),
                               ("stroke", tick == 0 ? ink : grid)])
            svg.text(label(tick), [("x", formatted(left - gap)), ("y", formatted(baseline(centredOn: at, fontSize: tickSize))),
                                   ("class", "tick"), ("font-size", formatted(tickSize)), ("text-anchor", "end"), ("fill", ink)])
        }
    }

    /// Writes the title, wrapped to the chart's width, from `top`; returns the y below it.
    static func title(_ title: String, into svg: inout SVGWriter, top: Double) -> Double {
        let lineHeight = titleSize * 1.25
        let lines = TextWidth.wrapped(title, width: width - 2 * margin, fontSize: titleSize)
        for (index, line) in lines.enumerated() {
            let y = top + titleSize + Double(index) * lineHeight
            svg.text(line, [("x", formatted(margin)), ("y", formatted(y)), ("class", "title"),
                            ("font-size", formatted(titleSize)), ("font-weight", "bold"), ("fill", ink)])
        }
        return top + Double(lines.count) * lineHeight
    }

    /// Writes a legend of `names` flowing left to right in rows from `top`, each entry a swatch
    /// `swatchWidth` wide (drawn by `swatch(&svg, seriesIndex, left, centreY)`) and the name;
    /// returns the y below it.
    static func legend(_ names: [String], swatchWidth: Double, into svg: inout SVGWriter, top: Double,
                       swatch: (inout SVGWriter, Int, Double, Double) -> Void) -> Double {
        let rowHeight = 18.0
        let gap = 6.0
        var x = margin
        var centre = top + rowHeight / 2
        svg.open("g", [("class", "legend")])
        for (index, name) in names.enumerated() {
            let shown = TextWidth.fitted(name, width: width / 2, fontSize: labelSize)
            let entryWidth = swatchWidth + gap + TextWidth.of(shown, fontSize: labelSize)
            if x > margin && x + entryWidth > width - margin {
                x = margin
                centre += rowHeight
            }
            swatch(&svg, index, x, centre)
            svg.text(shown, [("x", formatted(x + swatchWidth + gap)),
                             ("y", formatted(baseline(centredOn: centre, fontSize: labelSize))),
                             ("class", "legend"), ("fill", ink)])
            x += entryWidth + 3 * gap
        }
        svg.close("g")
        return centre + rowHeight / 2
    }

    /// A whole chart that shows its title and says there is no data yet.
    static func noData(title: String, text: ChartText) -> String {
        var body = SVGWriter()
        let top = Frame.title(title, into: &body, top: margin)
        let boxHeight = 80.0
        body.text(text.noData, [("x", formatted(width / 2)), ("y", formatted(baseline(centredOn: top + boxHeight / 2, fontSize: labelSize))),
                                ("class", "no-data"), ("text-anchor", "middle"), ("fill", ink)])
        return SVGWriter.document(width: width, height: top + boxHeight + margin, title: title,
                                  description: text.noData, body: body.markup)
    }
}
