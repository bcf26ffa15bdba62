import EnlaceFeeds
import Foundation

/// The paths `enlace serve` answers, and how they are written in its log.
///
/// Feeds are `PREFIX` + `TOKEN.ics` for `/feeds/` and for the path of `feed_base_url` (spec
/// section 7: for `https://x.org/district/` also `/district/TOKEN.ics`), so the links in
/// `out/feeds.csv` work when the server is reached at that host; join pages are `/join/TOKEN`
/// (section 12). Anything else is not a route.
public struct ServeRoutes: Sendable, Equatable {
    /// What a matched path asks for.
    public enum Kind: Sendable, Equatable {
        case feed
        case joinPage
    }

    /// The prefixes under which `TOKEN.ics` is a feed, longest first.
    public let feedPrefixes: [String]
    /// The prefix of join pages.
    public static let joinPrefix = "/join/"
    /// The standard feed prefix (spec section 7).
    public static let feedsPrefix = "/feeds/"

    /// `/feeds/`, plus the path of `feedBaseURL` when one is given.
    public init(feedBaseURL: String? = nil) {
        var prefixes = [Self.feedsPrefix]
        if let feedBaseURL, let path = Self.path(ofBaseURL: feedBaseURL), !prefixes.contains(path) { prefixes.append(path) }
        feedPrefixes = prefixes.sorted { $0.utf8.count > $1.utf8.count }
    }

    /// The path of a `feed_base_url` as it appears in request lines (percent-encoded, `/` for
    /// none): `https://x.org/district/` → `/district/`. Nil when it is not an absolute URL.
    public static func path(ofBaseURL url: String) -> String? {
        guard let components = URLComponents(string: url), components.scheme != nil, components.host != nil else { return nil }
        let path = components.percentEncodedPath
        return path.isEmpty ? "/" : path
    }

    /// What `path` asks for and the token in it; nil for anything that is not a route with a
    /// well-formed token.
    public func match(_ path: String) -> (kind: Kind, token: Substring)? {
        match(path[...])
    }

    /// What `path` asks for and the token in it; nil for anything that is not a route with a
    /// well-formed token.
    public func match(_ path: Substring) -> (kind: Kind, token: Substring)? {
        for prefix in feedPrefixes where path.utf8.starts(with: prefix.utf8) {
            let file = path.utf8.dropFirst(prefix.utf8.count)
            guard file.count == FeedToken.length + 4, file.suffix(4).elementsEqual(".ics".utf8) else { continue }
            let token = Substring(file.dropLast(4))
            if Self.isToken(token) { return (.feed, token) }
        }
        if path.utf8.starts(with: Self.joinPrefix.utf8) {
            let token = Substring(path.utf8.dropFirst(Self.joinPrefix.utf8.count))
            if Self.isToken(token) { return (.joinPage, token) }
        }
        return nil
    }

    /// Whether `text` has the shape of a token: `FeedToken.isWellFormed` (32 characters of the
    /// lower-case base32 alphabet), written for bytes because every request asks it.
    static func isToken(_ text: Substring) -> Bool {
        text.utf8.count == FeedToken.length && text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "2")...UInt8(ascii: "7")).contains(byte)
        }
    }

    /// `path` as the log shows it: a route's prefix followed by `…` (and `.ics` for a feed path),
    /// `/` for the root and `/…` for anything else. Nothing a client chose reaches the log: a
    /// token requested at a wrong place is as secret as one requested at the right place, and a
    /// prefix of it would narrow a guess.
    public func redacted(_ path: some StringProtocol) -> String {
        for prefix in feedPrefixes + [Self.joinPrefix] where path.utf8.starts(with: prefix.utf8) {
            if path.utf8.count == prefix.utf8.count { return prefix }
            let feed = prefix != Self.joinPrefix || feedPrefixes.contains(Self.joinPrefix)
            return prefix + "…" + (feed && path.hasSuffix(".ics") ? ".ics" : "")
        }
        return path.isEmpty || path == "/" ? "/" : "/…"
    }
}
