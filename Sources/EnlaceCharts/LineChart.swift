/// A line chart of counts over an ordered set of categories, e.g. sessions per week over a term.
///
/// Categories are spread evenly along the horizontal axis in the given order; each series is a
/// line with a marker at every point. Values and category names are written at the points; where
/// they would collide, every second (third, …) one is written, always including the last.
public struct LineChart: Sendable, Hashable {
    /// One line: a name for the legend and a count per category.
    public struct Series: Sendable, Hashable {
        /// The series' name, shown in the legend when there are several series.
        public var name: String
        /// One count per category, in the chart's category order; each at least 0.
        public var values: [Int]

        /// Creates a series.
        public init(name: String, values: [Int]) {
            self.name = name
            self.values = values
        }
    }

    /// The chart's heading, also its screen-reader title.
    public var title: String
    /// The points along the horizontal axis, left to right (e.g. "Sep 7", "Sep 14").
    public var categories: [String]
    /// The lines.
    public var series: [Series]
    /// What the values count (e.g. "Sessions"), written above the vertical axis; nil for none.
    public var axisLabel: String?
    /// The chart's own words and number style.
    public var text: ChartText

    /// Creates a line chart.
    public init(title: String, categories: [String], series: [Series], axisLabel: String? = nil,
                text: ChartText = .english) {
        self.title = title
        self.categories = categories
        self.series = series
        self.axisLabel = axisLabel
        self.text = text
    }

    /// The chart as one `<svg>` element; "no data yet" (in `text`) without categories or series.
    ///
    /// - Precondition: every series has one value per category, each at least 0.
    public func svg() -> String {
        for line in series {
            precondition(line.values.count == categories.count,
                         "series \"\(line.name)\" has \(line.values.count) values for \(categories.count) categories")
        }
        return LineLayout(chart: self).svg()
    }
}
