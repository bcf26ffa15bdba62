import EnlaceFeeds
import EnlaceMarkup
import Foundation

extension FeedStrings {
    /// The text of `key` as HTML: the template's words escaped, and each `{name}` replaced by
    /// `values[name]` (already HTML). Translations are text, never markup, so a district's `<` or
    /// `&` shows as written.
    func html(_ key: String, _ values: [String: String] = [:]) -> String {
        // Placeholders are filled with markers no template or value holds, so the words around them
        // can be escaped and the values put in afterwards, unescaped.
        var markers: [String: String] = [:]
        for (index, name) in values.keys.sorted().enumerated() { markers[name] = "\u{E000}\(index)\u{E001}" }
        var result = escapedForXML(text(key, markers))
        for (name, marker) in markers { result = result.replacingOccurrences(of: marker, with: values[name]!) }
        return result
    }
}

/// `text` escaped and isolated from the direction of the sentence around it (`<bdi>`), so that a
/// Latin name or link in an Arabic sentence, or an Arabic name in an English one, keeps its own
/// order and leaves the punctuation after it in place.
func isolated(_ text: String) -> String {
    "<bdi>" + escapedForXML(text) + "</bdi>"
}

/// A link shown as its own text, always left to right (links are Latin whatever the letter's
/// language).
func link(_ url: String) -> String {
    "<a dir=\"ltr\" href=\"" + escapedForXML(url) + "\">" + escapedForXML(url) + "</a>"
}
