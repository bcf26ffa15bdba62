// Text escaped for the markup Enlace writes: SVG charts, QR codes and the pages that hold them.

/// `text` with the five characters XML reserves replaced by entities, for element content and
/// attribute values alike; control characters XML 1.0 forbids are dropped rather than making the
/// whole page unreadable.
public func escapedForXML(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&apos;"
        case "\t", "\n", "\r": escaped.unicodeScalars.append(scalar)
        case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
        default: escaped.unicodeScalars.append(scalar)
        }
    }
    return escaped
}
