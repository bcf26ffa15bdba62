import EnlaceFeeds
import Foundation
import Hummingbird
import Logging

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
public enum FeedRouter {
    /// The responder serving `feeds` and `joinPages` at `routes`, logging one line per request
    /// to `logger` (without tokens).
    ///
    /// The routes are matched by hand in one responder, which keeps the work per request to the
    /// lookup itself (with Hummingbird's router and two middlewares the server answered about a
    /// fifth fewer requests per second: Benchmarks/server-load.sh).
    public static func responder(feeds: any PublishedFiles, joinPages: any PublishedFiles = InMemoryFiles([:]),
                                 routes: ServeRoutes = ServeRoutes(), logger: Logger) -> FeedResponder {
        FeedResponder(feeds: feeds, joinPages: joinPages, routes: routes, logger: logger)
    }

    static func respond(to request: Request, kind: ServeRoutes.Kind, token: Substring, files: any PublishedFiles, head: Bool) -> Response {
        guard let file = files.file(token: token) else { return notFound(head: head) }
        let coding: ContentCoding = AcceptEncoding.prefersGzip(request.headers[values: .acceptEncoding]) ? .gzip : .identity
        if notModified(request.headers, etag: file.etag(coding), lastModified: file.lastModified) {
            return Response(status: .notModified, headers: headers(kind, file, coding, full: false))
        }
        if head { return Response(status: .ok, headers: headers(kind, file, coding, full: true)) }
        guard let (current, body) = files.body(of: file, token: token, coding: coding) else { return notFound(head: head) }
        return Response(status: .ok, headers: headers(kind, current, coding, full: true), body: .init(byteBuffer: body))
    }

    /// The headers of an answer about `file`; `full` for a 200 (which says its coding and length).
    static func headers(_ kind: ServeRoutes.Kind, _ file: PublishedFile, _ coding: ContentCoding, full: Bool) -> HTTPFields {
        var headers = kind == .feed ? feedHeaders : joinPageHeaders
        headers[.eTag] = file.etag(coding)
        headers[.lastModified] = file.lastModifiedText
        if full {
            if coding == .gzip { headers[.contentEncoding] = "gzip" }
            headers[.contentLength] = file.lengthText(coding)
        }
        return headers
    }

    /// The one 404 answer.
    static func notFound(head: Bool) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
        headers.append(contentsOf: commonHeaders)
        headers[.contentLength] = notFoundLength
        return Response(status: .notFound, headers: headers, body: head ? .init() : .init(byteBuffer: notFoundBody))
    }

    private static let notFoundBody = ByteBuffer(string: "No such feed.\n")
    private static let notFoundLength = String(notFoundBody.readableBytes)

    /// Headers of every answer: private to the family, no referrer leaking the secret URL from a
    /// page a client might render, no content sniffing.
    private static let commonHeaders: HTTPFields = [
        .cacheControl: "private",
        .init("Referrer-Policy")!: "no-referrer",
        .xContentTypeOptions: "nosniff",
    ]

    private static let feedHeaders: HTTPFields = {
        var headers: HTTPFields = [.contentType: "text/calendar; charset=utf-8"]
        headers.append(contentsOf: commonHeaders)
        headers[.vary] = "Accept-Encoding"
        return headers
    }()

    /// A letter is a page with a family's name on it: it loads nothing from anywhere (its QR code
    /// and styles are inline), runs no script, cannot be framed by another site, and sends no
    /// form anywhere.
    static let contentSecurityPolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    private static let joinPageHeaders: HTTPFields = {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers.append(contentsOf: commonHeaders)
        headers[.vary] = "Accept-Encoding"
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.init("X-Frame-Options")!] = "DENY"
        return headers
    }()

    static func notModified(_ headers: HTTPFields, etag current: String, lastModified: Date) -> Bool {
        let matches = headers[values: .ifNoneMatch]
        if !matches.isEmpty {
            return matches.contains { value in
                value.split(separator: ",").contains { tag in
                    let tag = tag.trimmingCharacters(in: .whitespaces)
                    return tag == "*" || tag == current || (tag.hasPrefix("W/") && tag.dropFirst(2) == current)
                }
            }
        }
        guard let since = headers[.ifModifiedSince].flatMap(HTTPDate.parse) else { return false }
        return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }
}

/// Answers every request: `GET`/`HEAD` of a route go to its files, anything else gets the one 404
/// (so no answer tells a prober which paths or methods exist), and each request is logged in one
/// line with no part of any token (`ServeRoutes.redacted`): feed URLs are secrets and logs are
/// read by more people than the coordinator.
public struct FeedResponder: HTTPResponder {
    public typealias Context = BasicRequestContext
    let feeds: any PublishedFiles
    let joinPages: any PublishedFiles
    let routes: ServeRoutes
    let logger: Logger

    public func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let head = request.method == .head
        let path = request.uri.path
        let response: Response
        if head || request.method == .get, let (kind, token) = routes.match(path) {
            response = FeedRouter.respond(to: request, kind: kind, token: token, files: kind == .feed ? feeds : joinPages, head: head)
        } else {
            response = FeedRouter.notFound(head: head)
        }
        let elapsed = started.duration(to: .now)
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        logger.info("\(request.method.rawValue) \(routes.redacted(path)) \(response.status.code) \(micros)µs")
        return response
    }
}
