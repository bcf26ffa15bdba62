import EnlaceCore

/// The link settings, `virtual_meeting_url` and `feed_base_url`: absolute `https`/`http` URLs.
///
/// They are written into every feed (URL, CONFERENCE and DESCRIPTION properties), `out/feeds.csv`
/// and the letters, so anything but a plain link is refused: a line break would add properties
/// or events to every calendar, or records to the coordinator's spreadsheet. Checked per Unicode
/// scalar (RFC 3986 characters, plus letters and digits of any script for internationalised
/// links); a user name or password before the host is refused too, since these links go to every
/// family.
enum SettingsURL {
    /// What a link setting may hold beyond a plain link.
    struct Rules {
        /// `{NAME}` placeholders replaced per group (none for `feed_base_url`).
        var placeholders: [String] = []
        /// Whether the link is a prefix that `TOKEN.ics` is appended to: it ends with `/` and has
        /// no query or fragment.
        var isPrefix = false
    }

    /// RFC 3986 characters allowed after the host: unreserved, sub-delimiters, `:@/?#`, and `%`
    /// (checked to start an escape).
    private static let allowedASCII = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?#%".unicodeScalars)

    /// Checks `value` (trimmed of surrounding spaces) and returns it.
    static func check(_ value: String, key: String, _ keys: Keys, rules: Rules, example: String) throws(InputError) -> String {
        let text = value.trimmingSpaces()
        try SettingsText.checkLength(text, key: key, keys, maximum: SettingsText.maximumURLLength, example: example)
        let scalars = Array(text.unicodeScalars)
        if let index = scalars.firstIndex(where: { TextScalars.isInvisible($0) }) {
            throw keys.error(key, "contains \(TextScalars.describe(scalars[index])) at character \(index + 1); a link cannot hold spaces, line breaks or invisible characters.",
                             fix: "write the link on one line without spaces (a space inside a link is written %20), e.g. \(example).")
        }
        let lower = text.lowercased()
        guard let scheme = ["https://", "http://"].first(where: { lower.hasPrefix($0) }) else {
            throw keys.error(key, "(\"\(text.prefix(80))\") is not an http(s) address; a link must be absolute, starting with https:// or http://.", fix: "write a full address starting with https://, e.g. \(example).")
        }
        let rest = scalars[scheme.unicodeScalars.count...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        try checkAuthority(String(String.UnicodeScalarView(rest[..<authorityEnd])), key: key, keys, example: example)
        try checkTail(Array(rest[authorityEnd...]), key: key, keys, rules: rules, example: example)
        return text
    }

    /// `host[:port]`: a host name or an IP address, an optional port, no user name or password.
    private static func checkAuthority(_ authority: String, key: String, _ keys: Keys, example: String) throws(InputError) {
        if authority.contains("@") {
            throw keys.error(key, "has a user name or password before the host (\"…@\"), which every family would receive.",
                             fix: "remove the part up to and including \"@\", e.g. \(example).")
        }
        var host = Substring(authority), port: Substring?
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            let literal = host[host.index(after: host.startIndex)..<close]
            guard !literal.isEmpty, literal.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." }) else {
                throw badHost(authority, key: key, keys, example: example)
            }
            let after = host[host.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { throw badHost(authority, key: key, keys, example: example) }
            port = after.isEmpty ? nil : after.dropFirst()
            host = literal
        } else if let colon = host.firstIndex(of: ":") {
            port = host[host.index(after: colon)...]
            host = host[..<colon]
            guard SettingsText.isHostName(host, requireDot: false) else { throw badHost(authority, key: key, keys, example: example) }
        } else {
            guard SettingsText.isHostName(host, requireDot: false) else { throw badHost(authority, key: key, keys, example: example) }
        }
        if let port, !(port.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) && port.count <= 5 && (Int(port).map { (1...65_535).contains($0) } ?? false)) {
            throw keys.error(key, "has the port \"\(port.prefix(20))\", which is not a number from 1 to 65535.", fix: "correct the port after the host, or remove it, e.g. \(example).")
        }
    }

    private static func badHost(_ authority: String, key: String, _ keys: Keys, example: String) -> InputError {
        keys.error(key, "has no valid host name (\"\(authority.prefix(80))\").", fix: "write the server's name after https://, e.g. \(example).")
    }

    /// Path, query and fragment: allowed characters, complete `%` escapes, only the allowed
    /// `{placeholders}`, and for a prefix no query or fragment and a final `/`.
    private static func checkTail(_ tail: [Unicode.Scalar], key: String, _ keys: Keys, rules: Rules, example: String) throws(InputError) {
        var index = 0
        while index < tail.count {
            let scalar = tail[index]
            if scalar == "{" || scalar == "}" {
                let name = placeholder(in: tail, at: index)
                guard scalar == "{", let name, rules.placeholders.contains(name) else {
                    let allowed = rules.placeholders.map { "{\($0)}" }
                    throw keys.error(key, "has \(name.map { "the placeholder {\($0)}" } ?? "a lone \"\(scalar)\""); "
                                     + (allowed.isEmpty ? "this link has no placeholders." : "only \(allowed.joined(separator: " and ")) are replaced."),
                                     fix: allowed.isEmpty ? "remove the braces, e.g. \(example)." : "use only \(allowed.joined(separator: " and ")), e.g. \(example).")
                }
                index += name.unicodeScalars.count + 2
                continue
            }
            if scalar == "%" {
                guard index + 2 < tail.count, tail[index + 1].properties.isASCIIHexDigit, tail[index + 2].properties.isASCIIHexDigit else {
                    throw keys.error(key, "has a \"%\" that does not start an escape such as %20.", fix: "write a percent sign as %25, e.g. \(example).")
                }
            } else if scalar.isASCII ? !allowedASCII.contains(scalar) : !SettingsText.isWordScalar(scalar) {
                throw keys.error(key, "contains \"\(scalar)\" (\(TextScalars.describe(scalar))), which a link cannot hold unescaped.",
                                 fix: "write it escaped (e.g. %22 for a double quote) or remove it, e.g. \(example).")
            }
            if rules.isPrefix, scalar == "?" || scalar == "#" {
                throw keys.error(key, "has a query or fragment (\"\(scalar)\"); a feed's link is this address followed by TOKEN.ics.",
                                 fix: "remove the part from \"\(scalar)\" on, e.g. \(example).")
            }
            index += 1
        }
        if rules.isPrefix, tail.last != "/" {
            throw keys.error(key, "must end with \"/\" (a feed's address is this plus TOKEN.ics).", fix: "write e.g. \(example).")
        }
    }

    /// The name of the `{name}` starting at `index`, if the braces close on a plain name.
    private static func placeholder(in tail: [Unicode.Scalar], at index: Int) -> String? {
        guard tail[index] == "{", let close = tail[index...].firstIndex(of: "}") else { return nil }
        let name = tail[(index + 1)..<close]
        guard !name.isEmpty, name.count <= 20, name.allSatisfy({ SettingsText.isASCIIAlphanumeric($0) || $0 == "_" }) else { return nil }
        return String(String.UnicodeScalarView(name))
    }
}
