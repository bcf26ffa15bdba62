/// The colours series get, from the Okabe–Ito palette (Okabe & Ito, "Color Universal Design",
/// 2008), whose eight colours stay apart for readers with any common colour-vision deficiency.
///
/// Bars are ordered so that the first four also differ in lightness (CIELAB L* of about 46, 71,
/// 89 and 0: blue, orange, yellow, black), which keeps them apart in a greyscale print; a thin dark
/// outline keeps the light yellow visible against the white page. A fifth series onwards is told
/// apart by colour and its value labels only.
///
/// Lines need contrast against the white page (yellow and orange have too little), so they use
/// blue, vermillion, black and bluish green, and each series also gets its own dash pattern and
/// point marker: the shapes, not the colours, carry the distinction in greyscale.
enum Palette {
    /// A colour for bars, with the text colour that reads on it (white on dark, black on light).
    struct Fill {
        let colour: String
        let text: String
    }

    static let outline = "#333"

    static let fills: [Fill] = [
        Fill(colour: "#0072B2", text: "#fff"),  // blue, L* 46
        Fill(colour: "#E69F00", text: "#000"),  // orange, L* 71
        Fill(colour: "#F0E442", text: "#000"),  // yellow, L* 89
        Fill(colour: "#000000", text: "#fff"),  // black, L* 0
        Fill(colour: "#56B4E9", text: "#000"),  // sky blue, L* 70
        Fill(colour: "#009E73", text: "#000"),  // bluish green, L* 58
        Fill(colour: "#D55E00", text: "#000"),  // vermillion, L* 54
        Fill(colour: "#CC79A7", text: "#000"),  // reddish purple, L* 61
    ]

    /// The fill of series `index`; colours repeat after the eighth series.
    static func fill(_ index: Int) -> Fill { fills[index % fills.count] }

    /// How one line series is drawn.
    struct Line: Equatable {
        let colour: String
        /// An SVG `stroke-dasharray`, or nil for a solid line.
        let dash: String?
        let marker: Marker
    }

    /// The shape drawn at each point of a line.
    enum Marker { case circle, square, triangle, diamond }

    static let lineColours = [
        "#0072B2",  // blue, 5.1:1 against white
        "#D55E00",  // vermillion, 3.9:1
        "#000000",  // black, 21:1
        "#009E73",  // bluish green, 3.4:1
    ]
    static let markers: [Marker] = [.circle, .square, .triangle, .diamond]
    static let dashes: [String?] = [nil, "6 3", "2 3", "8 3 2 3"]

    /// The style of line series `index`. The first four differ in colour, marker and dash; from
    /// the fifth on the dash shifts by one per round of four, so sixteen series stay distinct.
    static func line(_ index: Int) -> Line {
        Line(colour: lineColours[index % 4], dash: dashes[(index + index / 4) % 4], marker: markers[index % 4])
    }
}
