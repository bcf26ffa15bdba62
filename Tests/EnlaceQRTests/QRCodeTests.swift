import EnlaceQR
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct QRCodeTests {
    static let feedLink = "webcal://feeds.example.org/sierra-vista/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567.ics"

    @Test func sizeFollowsTheVersion() throws {
        let code = try QRCode(text: Self.feedLink)
        #expect(code.size == 17 + 4 * code.version)
        // 78 bytes at level M need version 5 (at most 84 bytes of 8-bit data).
        #expect(code.version == 5)
    }

    /// The three finder patterns: a dark 7×7 ring, a light ring inside it, a dark 3×3 centre.
    @Test func finderPatternsSitInThreeCorners() throws {
        let code = try QRCode(text: "https://enlace.example.org/join/abc")
        let last = code.size - 7
        for (left, top) in [(0, 0), (last, 0), (0, last)] {
            for dy in 0..<7 {
                for dx in 0..<7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    #expect(code.isDark(x: left + dx, y: top + dy) == (ring != 2), "finder at (\(left), \(top)) module (\(dx), \(dy))")
                }
            }
        }
    }

    @Test func theLargestTextFitsAndOneByteMoreThrows() throws {
        let largest = try QRCode(text: String(repeating: "a", count: QRCodeError.byteCapacity))
        #expect(largest.version == 40)
        #expect(throws: QRCodeError.tooLong(byteCount: QRCodeError.byteCapacity + 1)) {
            try QRCode(text: String(repeating: "a", count: QRCodeError.byteCapacity + 1))
        }
    }

    @Test func aTooLongTextThrowsWithAMessageToActOn() {
        let text = "https://feeds.example.org/" + String(repeating: "x", count: 3000)
        #expect(throws: QRCodeError.tooLong(byteCount: text.utf8.count)) { try QRCode(text: text) }
        let message = QRCodeError.tooLong(byteCount: 3026).description
        #expect(message.contains("3026 bytes") && message.contains("2331") && message.contains("shorter link"))
    }

    @Test func emptyTextAndNulAreRefused() {
        #expect(throws: QRCodeError.empty) { try QRCode(text: "") }
        #expect(throws: QRCodeError.containsNul) { try QRCode(text: "https://a.example\u{0}b") }
    }

    @Test func svgIsDeterministicAndWellFormed() throws {
        let code = try QRCode(text: Self.feedLink)
        let svg = code.svg(moduleSize: 5, title: "QR code: \"Sierra Vista\" <feeds> & more")
        #expect(svg == (try QRCode(text: Self.feedLink)).svg(moduleSize: 5, title: "QR code: \"Sierra Vista\" <feeds> & more"))
        let side = code.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" width=\"\(side * 5)\" height=\"\(side * 5)\" role=\"img\""))
        #expect(svg.contains("<title>QR code: &quot;Sierra Vista&quot; &lt;feeds&gt; &amp; more</title>"))
        #expect(svg.contains("<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"))
        let parsed = try SVGElements(svg)
        #expect(parsed.names == ["svg", "title", "rect", "path"])
        #expect(parsed.title == "QR code: \"Sierra Vista\" <feeds> & more")
    }

    /// Reading the path back gives exactly the dark modules, each once, inside the quiet zone.
    @Test func pathCoversExactlyTheDarkModules() throws {
        let code = try QRCode(text: "https://enlace.example.org/join/Zm9vYmFy")
        let parsed = try SVGElements(code.svg(title: "code"))
        var painted = Set<[Int]>()
        for (x, y, run) in try runs(in: parsed.pathData) {
            for column in x..<(x + run) {
                #expect(painted.insert([column - 4, y - 4]).inserted, "module (\(column), \(y)) painted twice")
            }
        }
        var dark = Set<[Int]>()
        for y in 0..<code.size { for x in 0..<code.size where code.isDark(x: x, y: y) { dark.insert([x, y]) } }
        #expect(painted == dark)
    }

    /// `M x y hN v1 h-N z` rectangles, as (x, y, N).
    private func runs(in path: String) throws -> [(Int, Int, Int)] {
        let pattern = try NSRegularExpression(pattern: "M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z")
        let range = NSRange(path.startIndex..., in: path)
        let matches = pattern.matches(in: path, range: range)
        #expect(matches.map { $0.range.length }.reduce(0, +) == range.length, "path holds only run rectangles")
        return matches.map { match in
            let number = { (group: Int) in Int(path[Range(match.range(at: group), in: path)!])! }
            #expect(number(3) == number(4))
            return (number(1), number(2), number(3))
        }
    }
}

/// The element names, the title text and the path data of an SVG, read by Foundation's XML parser
/// (which fails on anything that is not well-formed).
final class SVGElements: NSObject, XMLParserDelegate {
    private(set) var names: [String] = []
    private(set) var title = ""
    private(set) var pathData = ""
    private var inTitle = false

    init(_ svg: String) throws {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw parser.parserError ?? CocoaError(.fileReadCorruptFile)
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        names.append(name)
        inTitle = name == "title"
        if name == "path" { pathData = attributes["d"] ?? "" }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        inTitle = false
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { title += string }
    }
}
