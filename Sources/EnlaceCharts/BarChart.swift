/// A horizontal bar chart of counts by category, e.g. families matched by language.
///
/// Bars run left to right from a shared axis, one per category in the given order, each with its
/// value written at its end; the category labels sit right-aligned before the axis.
public struct BarChart: Sendable, Hashable {
    /// One category and its count.
    public struct Bar: Sendable, Hashable {
        /// The category's name, shown before the bar (cut with "…" when very long).
        public var label: String
        /// The count, at least 0.
        public var value: Int

        /// Creates a bar.
        public init(label: String, value: Int) {
            self.label = label
            self.value = value
        }
    }

    /// The chart's heading, also its screen-reader title.
    public var title: String
    /// The bars, top to bottom.
    public var bars: [Bar]
    /// What the values count (e.g. "Families"), written under the axis; nil for none.
    public var axisLabel: String?
    /// The chart's own words and number style.
    public var text: ChartText

    /// Creates a bar chart.
    public init(title: String, bars: [Bar], axisLabel: String? = nil, text: ChartText = .english) {
        self.title = title
        self.bars = bars
        self.axisLabel = axisLabel
        self.text = text
    }

    /// The chart as one `<svg>` element; "no data yet" (in `text`) when there are no bars.
    ///
    /// - Precondition: every value is at least 0.
    public func svg() -> String {
        let rows = bars.map { BarRows.Row(label: $0.label, values: [$0.value]) }
        return BarRows(title: title, series: [], rows: rows, axisLabel: axisLabel, text: text).svg()
    }
}

/// A horizontal bar chart whose bars are split into series, e.g. attendance by month split into
/// in person, online and recording, or families matched and waiting at each site.
///
/// Each bar's segments follow the order of `series`, left to right, coloured as the legend shows;
/// a segment wide enough for its number carries it, and each bar's total is written at its end.
public struct StackedBarChart: Sendable, Hashable {
    /// One category and its count in each series.
    public struct Bar: Sendable, Hashable {
        /// The category's name, shown before the bar (cut with "…" when very long).
        public var label: String
        /// One count per series, in the order of the chart's `series`; each at least 0.
        public var values: [Int]

        /// Creates a bar.
        public init(label: String, values: [Int]) {
            self.label = label
            self.values = values
        }
    }

    /// The chart's heading, also its screen-reader title.
    public var title: String
    /// The series' names, as the legend shows them.
    public var series: [String]
    /// The bars, top to bottom.
    public var bars: [Bar]
    /// What the values count (e.g. "Sessions attended"), written under the axis; nil for none.
    public var axisLabel: String?
    /// The chart's own words and number style.
    public var text: ChartText

    /// Creates a stacked bar chart.
    public init(title: String, series: [String], bars: [Bar], axisLabel: String? = nil, text: ChartText = .english) {
        self.title = title
        self.series = series
        self.bars = bars
        self.axisLabel = axisLabel
        self.text = text
    }

    /// The chart as one `<svg>` element; "no data yet" (in `text`) without bars or series.
    ///
    /// - Precondition: every bar has one value per series, each at least 0.
    public func svg() -> String {
        guard !series.isEmpty else { return Frame.noData(title: title, text: text) }
        for bar in bars {
            precondition(bar.values.count == series.count,
                         "bar \"\(bar.label)\" has \(bar.values.count) values for \(series.count) series")
        }
        let rows = bars.map { BarRows.Row(label: $0.label, values: $0.values) }
        return BarRows(title: title, series: series, rows: rows, axisLabel: axisLabel, text: text).svg()
    }
}
