import EnlaceCharts
import EnlaceCore

/// `out/report.html`: the coordinator's report (spec section 13) as one self-contained page.
///
/// Inline CSS and SVG only: no script, no font, no image file, nothing fetched (a Content Security
/// Policy forbids every fetch, so a browser would refuse one rather than make it). It reads on a
/// laptop screen and prints on Letter or A4: each section starts a page, charts scale to the
/// column and are never split (each is at most about 25 rows, so it fits a page), and the
/// browser's paper size is used. Pure: the same figures and language give the same bytes.
public struct ReportPage: Sendable {
    let figures: ReportFigures
    let words: any ReportWords

    /// The rows a bar chart shows before folding the rest into one ("12 other schools"): 25 rows
    /// of 28 units with the title, legend and axis make a chart of about 850 units, which scaled
    /// to the printed column (180 mm of A4 or Letter, about 680 px) stays under a page's height.
    static let chartRows = 25

    /// The page of `figures`, in `language`.
    public init(figures: ReportFigures, language: ReportLanguage) {
        self.figures = figures
        self.words = reportWords(language)
    }

    /// The whole page.
    ///
    /// - Complexity: O(rows shown): charts fold long lists, the waiting list shows its largest
    ///   groups and a bounded number of ids each, so the page stays small at any district size.
    public func html() -> String {
        var page = HTMLWriter()
        page.raw("<!DOCTYPE html>\n<html lang=\"\(words.code)\">\n<head>\n<meta charset=\"utf-8\">")
        page.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        page.element("title", words.documentTitle(figures.programName))
        page.raw("<style>\n\(Self.style)</style>\n</head>\n<body>")
        header(into: &page)
        page.open("main")
        glance(into: &page)
        coverage(into: &page)
        waiting(into: &page)
        mentors(into: &page)
        calendar(into: &page)
        curriculum(into: &page)
        participation(into: &page)
        page.close("main")
        page.open("footer")
        page.element("p", words.footer)
        page.close("footer")
        page.raw("</body>\n</html>")
        return page.markup
    }

    private func header(into page: inout HTMLWriter) {
        page.open("header")
        page.element("p", words.reportName, [("class", "kicker")])
        page.element("h1", figures.programName)
        page.element("p", "\(words.asOf(figures.asOf.date)), \(words.plannedFrom(figures.plannedFrom.date)). \(words.term(figures.term)).",
                     [("class", "meta")])
        page.close("header")
    }

    /// Opens a section: its id and heading.
    func section(_ id: String, _ title: String, into page: inout HTMLWriter) {
        page.open("section", [("id", id)])
        page.element("h2", title)
    }

    /// A whole section that says it has no data yet, and why; printed without a page of its own.
    func noDataSection(_ id: String, _ title: String, _ text: String, into page: inout HTMLWriter) {
        page.open("section", [("id", id), ("class", "brief")])
        page.element("h2", title)
        page.element("p", text, [("class", "no-data")])
        page.close("section")
    }

    /// `rows` when they fit a chart, else the first `chartRows - 1` and one row that adds up the
    /// rest, named by `others(count)`.
    static func folded<Row>(_ rows: [Row], others: (Int) -> String, merge: ([Row], String) -> Row) -> [Row] {
        guard rows.count > chartRows else { return rows }
        let rest = Array(rows[(chartRows - 1)...])
        return Array(rows[..<(chartRows - 1)]) + [merge(rest, others(rest.count))]
    }

    /// The page's style: system fonts (nothing downloaded), a readable measure on screen, and for
    /// print the browser's paper (Letter or A4), a page per section, nothing split.
    static let style = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #fff; color: #222; line-height: 1.45;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
        header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1.5rem; }
        header { padding-top: 1.5rem; }
        .kicker { margin: 0; color: #0072B2; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.85rem; }
        h1 { font-size: 1.9rem; margin: 0.2rem 0 0.4rem; }
        .meta { margin: 0; color: #444; }
        h2 { font-size: 1.4rem; margin: 2.5rem 0 0.8rem; padding-bottom: 0.25rem; border-bottom: 2px solid #0072B2; }
        h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.75rem; margin: 0; }
        .card { border: 1px solid #c8c8c8; border-radius: 6px; padding: 0.6rem 0.8rem; }
        .card dt { font-size: 0.9rem; color: #444; }
        .card dd { margin: 0; }
        .card .figure { display: block; font-size: 1.7rem; font-weight: 700; line-height: 1.2; }
        .card .note { font-size: 0.85rem; color: #444; }
        .score { font-size: 1.05rem; }
        figure.chart { margin: 1rem 0; max-width: 42rem; }
        figure.chart svg { display: block; width: 100%; height: auto; }
        table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
        caption { text-align: left; font-weight: 700; padding-bottom: 0.3rem; }
        th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #d0d0d0; text-align: left; vertical-align: top; }
        th { background: #f2f2f2; }
        .n { text-align: right; font-variant-numeric: tabular-nums; }
        ol.waiting { padding-left: 1.5rem; }
        ol.waiting li { margin-bottom: 0.9rem; }
        .situation { margin: 0; }
        .help { margin: 0.15rem 0; }
        .help strong { color: #005a8c; }
        .ids { margin: 0.15rem 0; font-size: 0.85rem; color: #444; overflow-wrap: anywhere; }
        .no-data { border: 1px dashed #888; border-radius: 6px; padding: 0.8rem 1rem; color: #333; background: #fafafa; }
        footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid #c8c8c8; font-size: 0.85rem; color: #444; }
        @media print {
          @page { margin: 14mm 14mm 16mm; }
          body { font-size: 10.5pt; }
          header, main, footer { max-width: none; padding: 0; }
          header { padding-top: 0; }
          section { break-before: page; }
          section:first-of-type, section.brief { break-before: auto; }
          h2 { margin-top: 0; }
          section.brief h2 { margin-top: 1.5rem; }
          h2, h3, caption { break-after: avoid; }
          figure.chart { max-width: 100%; }
          figure.chart, .card, tr, ol.waiting li, .no-data { break-inside: avoid; }
          .no-data { background: none; }
          footer { margin-top: 1.5rem; }
        }

        """
}
