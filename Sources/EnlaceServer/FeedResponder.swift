import EnlaceFeeds
import Foundation
import NIOCore
import NIOHTTP1

/// An answer of `enlace serve` before it is sent: status, head bytes and body.
///
/// The head is kept as the bytes it is sent as, worked out once (per kind of answer in
/// `FeedHeaders`, per file and coding in `PublishedFile`), so answering formats nothing; the
/// connection's handler puts the version before it and `Date`, `Server` and `Connection` after.
public struct FeedAnswer: Sendable {
    /// The status.
    public let status: HTTPResponseStatus
    /// The status line after the version (`200 OK` and CRLF) and the fields of this kind of answer.
    let head: [UInt8]
    /// The fields about the file (validators, and the coding and length of a 200).
    let fileFields: ArraySlice<UInt8>
    /// The body of a full answer to `GET`; nil for `HEAD`, 304 and answers without one.
    public let body: [UInt8]?
}

/// The answers of `enlace serve`: `GET` and `HEAD` of feeds and join pages (`ServeRoutes`).
///
/// A found file gets 200 with its content type, a strong ETag per coding and Last-Modified; 304
/// when `If-None-Match` matches the tag of the coding chosen (weak comparison, as RFC 9110 asks
/// for this header) or, without `If-None-Match`, when `If-Modified-Since` is not older than the
/// file. gzip is sent when `Accept-Encoding` allows it (`AcceptEncoding`), from bytes compressed
/// once per published file, and every answer about a file says `Vary: Accept-Encoding`. No
/// `Content-Disposition`: clients subscribe, they do not download.
///
/// Every 404 is the same bytes, whether the token never existed, was revoked, is malformed, names
/// a join page that was not written, or the path or method is something else entirely (only the
/// `Date` header moves with the clock): a prober cannot tell a revoked link from a guess. Every
/// answer carries `Cache-Control: private` (a feed or letter is one family's; shared caches must
/// not keep it), `Referrer-Policy: no-referrer` and `X-Content-Type-Options: nosniff`; join pages
/// also a Content-Security-Policy that loads nothing from elsewhere and `X-Frame-Options: DENY`.
///
/// Answering is synchronous and reads no clock: the connection's handler (`FeedHandler`) calls
/// it on its event loop as soon as a request head is decoded.
public struct FeedResponder: Sendable {
    let feeds: any PublishedFiles
    let joinPages: any PublishedFiles
    /// The paths answered (and how the log writes them).
    public let routes: ServeRoutes

    /// The responder serving `feeds` and `joinPages` at `routes`.
    public init(feeds: any PublishedFiles, joinPages: any PublishedFiles = InMemoryFiles([:]), routes: ServeRoutes = ServeRoutes()) {
        self.feeds = feeds
        self.joinPages = joinPages
        self.routes = routes
    }

    /// The answer to `method` of request target `uri` with request `headers`.
    public func answer(method: HTTPMethod, uri: String, headers: HTTPHeaders) -> FeedAnswer {
        let head = method == .HEAD
        guard head || method == .GET, let (kind, token) = routes.match(Self.path(ofTarget: uri)) else { return Self.notFound(head: head) }
        return Self.answer(kind: kind, token: token, files: kind == .feed ? feeds : joinPages, headers: headers, head: head)
    }

    /// The path of a request target: without the query, and without scheme and host when the
    /// target is in absolute form (`http://host/path`). Not percent-decoded: routes are matched
    /// as they are written in links.
    public static func path(ofTarget uri: String) -> Substring {
        var path = uri[...]
        if let query = path.utf8.firstIndex(of: UInt8(ascii: "?")) { path = path[..<query] }
        if !path.hasPrefix("/"), let scheme = path.range(of: "://") {
            let authority = path[scheme.upperBound...]
            path = authority.utf8.firstIndex(of: UInt8(ascii: "/")).map { authority[$0...] } ?? "/"
        }
        return path
    }

    static func answer(kind: ServeRoutes.Kind, token: Substring, files: any PublishedFiles, headers: HTTPHeaders, head: Bool) -> FeedAnswer {
        guard let file = files.file(token: token) else { return notFound(head: head) }
        let coding: ContentCoding = AcceptEncoding.prefersGzip(headers[canonicalForm: "accept-encoding"].map(String.init)) ? .gzip : .identity
        if notModified(headers, etag: file.etag(coding), lastModified: file.lastModified) {
            return FeedAnswer(status: .notModified, head: FeedHeaders.head(kind, .notModified), fileFields: file.fields(coding).fields(full: false), body: nil)
        }
        if head { return FeedAnswer(status: .ok, head: FeedHeaders.head(kind, .ok), fileFields: file.fields(coding).fields(full: true), body: nil) }
        guard let (current, body) = files.body(of: file, token: token, coding: coding) else { return notFound(head: head) }
        return FeedAnswer(status: .ok, head: FeedHeaders.head(kind, .ok), fileFields: current.fields(coding).fields(full: true), body: body)
    }

    /// The one 404 answer.
    static func notFound(head: Bool) -> FeedAnswer {
        FeedAnswer(status: .notFound, head: FeedHeaders.notFound, fileFields: [], body: head ? nil : FeedHeaders.notFoundBody)
    }

    static func notModified(_ headers: HTTPHeaders, etag current: String, lastModified: Date) -> Bool {
        let matches = headers[canonicalForm: "if-none-match"]
        if !matches.isEmpty {
            return matches.contains { tag in
                let tag = tag.trimmingCharacters(in: .whitespaces)
                return tag == "*" || tag == current || (tag.hasPrefix("W/") && tag.dropFirst(2) == current)
            }
        }
        guard let since = headers.first(name: "if-modified-since").flatMap(HTTPDate.parse) else { return false }
        return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }
}

/// The fixed part of each kind of answer's head, as sent: the status line after the version, then
/// the fields every answer of that kind carries.
enum FeedHeaders {
    /// Fields of every answer: private to the family, no referrer leaking the secret URL from a
    /// page a client might render, no content sniffing.
    private static let common = [("Cache-Control", "private"), ("Referrer-Policy", "no-referrer"), ("X-Content-Type-Options", "nosniff")]

    private static let feed = [("Content-Type", "text/calendar; charset=utf-8")] + common + [("Vary", "Accept-Encoding")]

    /// A letter is a page with a family's name on it: it loads nothing from anywhere (its QR code
    /// and styles are inline), runs no script, cannot be framed by another site, and sends no
    /// form anywhere.
    static let contentSecurityPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    private static let joinPage = [("Content-Type", "text/html; charset=utf-8")] + common
        + [("Vary", "Accept-Encoding"), ("Content-Security-Policy", contentSecurityPolicy), ("X-Frame-Options", "DENY")]

    private static let feedOK = bytes(.ok, feed)
    private static let feedNotModified = bytes(.notModified, feed)
    private static let joinPageOK = bytes(.ok, joinPage)
    private static let joinPageNotModified = bytes(.notModified, joinPage)

    static let notFoundBody = Array("No such feed.\n".utf8)
    static let notFound = bytes(.notFound, [("Content-Type", "text/plain; charset=utf-8")] + common + [("Content-Length", String(notFoundBody.count))])

    /// The fixed part of a 200 or a 304 about a file of `kind`.
    static func head(_ kind: ServeRoutes.Kind, _ status: HTTPResponseStatus) -> [UInt8] {
        switch (kind, status == .ok) {
        case (.feed, true): feedOK
        case (.feed, false): feedNotModified
        case (.joinPage, true): joinPageOK
        case (.joinPage, false): joinPageNotModified
        }
    }

    private static func bytes(_ status: HTTPResponseStatus, _ fields: [(String, String)]) -> [UInt8] {
        Array(("\(status.code) \(status.reasonPhrase)\r\n" + fields.map { "\($0.0): \($0.1)\r\n" }.joined()).utf8)
    }
}
