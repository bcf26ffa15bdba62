import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// One chart read back by Foundation's XML parser, which throws on anything not well-formed: the
/// text of each element by name.
final class ParsedXML: NSObject, XMLParserDelegate {
    private var texts: [String: String] = [:]
    private var open: [String] = []

    init(_ xml: String) throws {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
    }

    /// The text of the first element named `name` (all of its text nodes).
    func text(of name: String) -> String { texts[name] ?? "" }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(name)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard let name = open.last, name == "title" || name == "desc" else { return }
        texts[name, default: ""] += string
    }
}

