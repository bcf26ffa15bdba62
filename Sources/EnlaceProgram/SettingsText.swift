import EnlaceCore

/// Checks of the text settings of `enlace.toml`: lengths, invisible and control characters, links,
/// the coordinator's email address and phone number.
///
/// These values are written into every feed (as iCalendar properties), letter and report, so a
/// line break in one would let it add properties or events to 280 calendars, and a megabyte in one
/// would be copied into every event. Every check walks Unicode scalars (see `TextScalars`).
/// Bidirectional controls are refused here rather than removed, since the coordinator types these
/// few values and the message names the key.
enum SettingsText {
    /// The largest `enlace.toml` read: a commented settings file is a few kilobytes; the rest of
    /// a megabyte leaves room for district plugins' parameter lists.
    static let maximumFileBytes = 1024 * 1024
    /// Longest program or coordinator name, in Unicode scalars.
    static let maximumNameLength = 200
    /// Longest link (the length browsers and mail programs keep reliably).
    static let maximumURLLength = 2000
    /// Longest email address (RFC 5321's path limit).
    static let maximumEmailLength = 254
    /// Longest phone number, extension included.
    static let maximumPhoneLength = 40
    /// Longest string parameter of a plugin.
    static let maximumParameterLength = 4096

    /// A one-line text value: no control, line-break or bidirectional formatting character, not
    /// made only of invisible characters, at most `maximum` scalars. Returns it trimmed.
    static func line(_ value: String, key: String, _ keys: Keys, maximum: Int, example: String) throws(InputError) -> String {
        let text = value.trimmingSpaces()
        try checkLength(text, key: key, keys, maximum: maximum, example: example)
        if let bad = text.unicodeScalars.first(where: { TextScalars.isControl($0) || TextScalars.isLineBreak($0) || TextScalars.isBidiControl($0) }) {
            throw keys.error(key, "contains \(TextScalars.describe(bad)), an invisible control or formatting character; the value is written into every family's calendar and letter.",
                             fix: "retype the value on one line, without copying it from another document (e.g. \(example)).")
        }
        if TextScalars.isBlank(text) {
            throw keys.error(key, "is empty or made only of invisible characters.", fix: "write it in letters, e.g. \(example).")
        }
        return text
    }

    static func checkLength(_ text: String, key: String, _ keys: Keys, maximum: Int, example: String) throws(InputError) {
        let length = text.unicodeScalars.count
        guard length <= maximum else {
            throw keys.error(key, "is \(length) characters long; the limit is \(maximum).",
                             fix: "shorten it (it is repeated in every calendar event and letter), e.g. \(example).")
        }
    }

    /// The coordinator's email address: `local@domain`, one address, characters a `mailto:` link
    /// can carry unescaped.
    static func email(_ value: String, key: String, _ keys: Keys) throws(InputError) -> String {
        let example = "\(key) = \"coordinator@district.org\""
        let text = try line(value, key: key, keys, maximum: maximumEmailLength, example: example)
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        let localAllowed: (Unicode.Scalar) -> Bool = { scalar in
            scalar.isASCII ? (isASCIIAlphanumeric(scalar) || "._+-'!$&*=~".unicodeScalars.contains(scalar)) : isWordScalar(scalar)
        }
        guard parts.count == 2, let local = parts.first, let domain = parts.last, (1...64).contains(local.unicodeScalars.count),
              local.unicodeScalars.allSatisfy(localAllowed), local.first != ".", local.last != ".", !local.contains(".."),
              isHostName(domain, requireDot: true) else {
            throw keys.error(key, "(\"\(text.prefix(80))\") is not one email address.",
                             fix: "write one address such as \(example), without spaces, names or angle brackets.")
        }
        return text
    }

    /// The coordinator's phone number: digits with the usual separators, an extension allowed.
    static func phone(_ value: String, key: String, _ keys: Keys) throws(InputError) -> String {
        let example = "\(key) = \"(555) 010-0199 ext. 12\""
        let text = try line(value, key: key, keys, maximum: maximumPhoneLength, example: example)
        let allowed: (Unicode.Scalar) -> Bool = { scalar in
            isASCIIAlphanumeric(scalar) || " +-().,/#*".unicodeScalars.contains(scalar)
        }
        guard text.unicodeScalars.allSatisfy(allowed), text.unicodeScalars.contains(where: { ("0"..."9").contains($0) }) else {
            throw keys.error(key, "(\"\(text.prefix(80))\") is not a phone number.",
                             fix: "write digits with spaces, +, -, ( ) or . as separators, e.g. \(example).")
        }
        return text
    }

    static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// A letter, mark or digit of any script (internationalised host names and addresses).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber: true
        default: false
        }
    }

    /// Dot-separated labels of letters, digits and inner hyphens (`feeds.district.org`).
    static func isHostName(_ host: Substring, requireDot: Bool) -> Bool {
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard !host.isEmpty, host.unicodeScalars.count <= 253, !requireDot || labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.unicodeScalars.count <= 63 && label.first != "-" && label.last != "-"
                && label.unicodeScalars.allSatisfy { isWordScalar($0) || $0 == "-" }
        }
    }
}
