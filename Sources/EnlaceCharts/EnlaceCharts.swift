// Charts for the coordinator's report, written as SVG by hand: a horizontal bar chart (`BarChart`),
// a stacked horizontal bar chart (`StackedBarChart`), a line chart (`LineChart`) and a stacked
// column chart with rows of marks under it (`ColumnChart`). Each is a value describing the data;
// `svg()` renders it as one self-contained `<svg>` element to place inline in an HTML page: nothing
// fetched, no scripts, no fonts. Every chart has a visible title, value labels, an axis with "nice"
// ticks (1, 2 or 5 times a power of ten), a legend when there are several series, and a `<title>`
// and `<desc>` so a screen reader hears the data in words. Colours come from the Okabe–Ito palette,
// ordered to stay apart in greyscale and for colour-blind readers (see `Palette`). Sizes are user
// units (about CSS pixels) with a `viewBox`, so a page can scale a chart to its column (`svg {
// max-width: 100%; height: auto }`) and it prints sharply on Letter or A4. The data are counts
// (integers of at least 0); the output depends on nothing but the value, byte for byte, whatever
// the locale. Labels in right-to-left scripts need nothing special: category labels are anchored at
// the axis, so a label's own direction decides only how it reads, not where it sits.

/// The words and number style a chart uses besides the caller's labels.
public struct ChartText: Sendable, Hashable {
    /// Shown, and read out, in place of a chart without data.
    public var noData: String
    /// The name of a stacked bar's sum, in its description.
    public var total: String
    /// Between groups of three digits: "12,345" with ",".
    public var groupingSeparator: String
    /// A row of marks with none, in a column chart's description.
    public var none: String
    /// Where a column chart's divider stands: "before" the label of the column after it…
    public var before: String
    /// …or, when it follows the last column, this.
    public var afterAll: String

    /// Creates the words for a chart in some language.
    public init(noData: String, total: String, groupingSeparator: String, none: String = "none", before: String = "before",
                afterAll: String = "after the last column") {
        self.noData = noData
        self.total = total
        self.groupingSeparator = groupingSeparator
        self.none = none
        self.before = before
        self.afterAll = afterAll
    }

    /// English, with commas between thousands.
    public static let english = ChartText(noData: "No data yet", total: "Total", groupingSeparator: ",")
    /// Spanish, with commas between thousands as in Mexico and the United States.
    public static let spanish = ChartText(noData: "Todavía no hay datos", total: "Total", groupingSeparator: ",", none: "ninguno",
                                          before: "antes de", afterAll: "después de la última columna")
}
