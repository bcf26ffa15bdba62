/// A vertical column chart over an ordered set of categories, e.g. sessions per week of a term,
/// split into held and to come, with the weeks' open houses and days without meetings marked
/// under the axis.
///
/// Columns stand side by side in the given order, each split into the series bottom to top,
/// coloured as the legend shows; a column's total is written above it where the totals do not
/// collide (every second, third, … one otherwise). Under the category labels, each `MarkRow`
/// is a row of small squares holding a count per column (none where the count is 0), named in
/// the left margin. An optional divider is a dashed line between two columns with a label, such
/// as "Today".
public struct ColumnChart: Sendable, Hashable {
    /// One category and its count in each series.
    public struct Column: Sendable, Hashable {
        /// The category's name, written under the column (every k-th one when they would collide).
        public var label: String
        /// One count per series, in the order of the chart's `series`; each at least 0.
        public var values: [Int]

        /// Creates a column.
        public init(label: String, values: [Int]) {
            self.label = label
            self.values = values
        }
    }

    /// A row of counts under the axis, one per column, e.g. the open houses of each week.
    public struct MarkRow: Sendable, Hashable {
        /// The row's name, written in the left margin (cut with "…" when long).
        public var name: String
        /// One count per column, each at least 0; a column with 0 has no mark.
        public var counts: [Int]

        /// Creates a row of marks.
        public init(name: String, counts: [Int]) {
            self.name = name
            self.counts = counts
        }
    }

    /// A dashed vertical line just before column `before` (0…columns.count), with a label.
    public struct Divider: Sendable, Hashable {
        /// The index of the first column after the line.
        public var before: Int
        /// Written at the top of the line, e.g. "Today".
        public var label: String

        /// Creates a divider.
        public init(before: Int, label: String) {
            self.before = before
            self.label = label
        }
    }

    /// The chart's heading, also its screen-reader title.
    public var title: String
    /// The series' names, bottom to top, as the legend shows them (no legend for one series).
    public var series: [String]
    /// The columns, left to right.
    public var columns: [Column]
    /// Rows of marks under the axis, top to bottom.
    public var marks: [MarkRow]
    /// A line between two columns, or nil.
    public var divider: Divider?
    /// What the values count (e.g. "Sessions"), written above the vertical axis; nil for none.
    public var axisLabel: String?
    /// The chart's own words and number style.
    public var text: ChartText

    /// Creates a column chart.
    public init(title: String, series: [String], columns: [Column], marks: [MarkRow] = [], divider: Divider? = nil,
                axisLabel: String? = nil, text: ChartText = .english) {
        self.title = title
        self.series = series
        self.columns = columns
        self.marks = marks
        self.divider = divider
        self.axisLabel = axisLabel
        self.text = text
    }

    /// The chart as one `<svg>` element; "no data yet" (in `text`) without columns or series.
    ///
    /// - Precondition: every column has one value per series and every mark row one count per
    ///   column, all at least 0; the divider, if any, lies within 0…columns.count.
    public func svg() -> String {
        for column in columns {
            precondition(column.values.count == series.count,
                         "column \"\(column.label)\" has \(column.values.count) values for \(series.count) series")
        }
        for row in marks {
            precondition(row.counts.count == columns.count, "mark row \"\(row.name)\" has \(row.counts.count) counts for \(columns.count) columns")
        }
        if let divider { precondition((0...columns.count).contains(divider.before), "the divider lies outside the columns") }
        return ColumnLayout(chart: self).svg()
    }
}
