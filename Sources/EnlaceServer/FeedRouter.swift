import EnlaceFeeds
import Foundation
import Hummingbird
import Logging

/// The routes of `enlace serve`: `GET` and `HEAD /feeds/TOKEN.ics`.
///
/// Responses: 200 with `text/calendar; charset=utf-8`, a strong ETag from the content and
/// Last-Modified; 304 when `If-None-Match` matches the ETag (weak comparison, as RFC 9110 asks for
/// this header) or, without `If-None-Match`, when `If-Modified-Since` is not older than the file;
/// 404 for anything that is not a known token. No `Content-Disposition`: clients subscribe, they
/// do not download.
///
/// Every 404 is the same bytes, whether the token never existed, was revoked, is malformed or the
/// path is something else entirely (only the `Date` header moves with the clock): a prober cannot
/// tell a revoked link from a guess. Every response carries `Cache-Control: private` (a feed is one
/// family's, shared caches must not keep it), `Referrer-Policy: no-referrer` and
/// `X-Content-Type-Options: nosniff`.
public enum FeedRouter {
    /// The responder serving `source`, logging one line per request to `logger` (without tokens).
    ///
    /// Two routes do not need a router: the path is matched by hand, which keeps the work per
    /// request to the lookup itself (with Hummingbird's router and two middlewares the server
    /// answered about a fifth fewer requests per second: Benchmarks/server-load.sh).
    public static func responder<Source: FeedSource>(source: Source, logger: Logger) -> FeedResponder<Source> {
        FeedResponder(source: source, logger: logger)
    }

    static func respond(to request: Request, file: Substring, source: some FeedSource, head: Bool) -> Response {
        guard file.hasSuffix(".ics") else { return notFound(head: head) }
        let token = file.dropLast(4)
        guard FeedToken.isWellFormed(token), let feed = source.feed(token: token) else { return notFound(head: head) }
        var headers: HTTPFields = [.contentType: "text/calendar; charset=utf-8"]
        headers[.eTag] = feed.etag
        headers[.lastModified] = feed.lastModifiedText
        addCommonHeaders(&headers)
        if notModified(request.headers, feed) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = feed.lengthText
        return Response(status: .ok, headers: headers, body: head ? .init() : .init(byteBuffer: feed.body))
    }

    /// The one 404 answer.
    static func notFound(head: Bool) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
        addCommonHeaders(&headers)
        headers[.contentLength] = notFoundLength
        return Response(status: .notFound, headers: headers, body: head ? .init() : .init(byteBuffer: notFoundBody))
    }

    private static let notFoundBody = ByteBuffer(string: "No such feed.\n")
    private static let notFoundLength = String(notFoundBody.readableBytes)

    /// Headers of every answer: private to the family, no referrer leaking the secret URL from
    /// a page a client might render, no content sniffing.
    static func addCommonHeaders(_ headers: inout HTTPFields) {
        headers.append(contentsOf: commonHeaders)
    }

    private static let commonHeaders: HTTPFields = [
        .cacheControl: "private",
        .init("Referrer-Policy")!: "no-referrer",
        .xContentTypeOptions: "nosniff",
    ]

    static func notModified(_ headers: HTTPFields, _ feed: FeedFile) -> Bool {
        let matches = headers[values: .ifNoneMatch]
        if !matches.isEmpty {
            let current = feed.etag
            return matches.contains { value in
                value.split(separator: ",").contains { tag in
                    let tag = tag.trimmingCharacters(in: .whitespaces)
                    return tag == "*" || tag == current || tag == "W/" + current
                }
            }
        }
        guard let since = headers[.ifModifiedSince].flatMap(HTTPDate.parse) else { return false }
        return feed.lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }
}

/// Answers every request: `GET`/`HEAD /feeds/FILE` go to the feed lookup, anything else gets the
/// feed 404 (so no answer tells a prober which paths or methods exist), and each request is logged
/// in one line with no part of any token: feed URLs are secrets and logs are read by more people
/// than the coordinator (a prefix would also help a guesser). A feed request is logged as
/// `/feeds/….ics`; any other path as its first segment only.
public struct FeedResponder<Source: FeedSource>: HTTPResponder {
    public typealias Context = BasicRequestContext
    let source: Source
    let logger: Logger

    public func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let head = request.method == .head
        let path = request.uri.path
        let response: Response
        if (head || request.method == .get) && path.hasPrefix("/feeds/") {
            let file = path.dropFirst(7)
            response = file.contains("/") ? FeedRouter.notFound(head: head)
                : FeedRouter.respond(to: request, file: file, source: source, head: head)
        } else {
            response = FeedRouter.notFound(head: head)
        }
        let elapsed = started.duration(to: .now)
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        logger.info("\(request.method.rawValue) \(Self.redacted(path)) \(response.status.code) \(micros)µs")
        return response
    }

    /// `/feeds/<anything>.ics` → `/feeds/….ics`, `/feeds/<other>` → `/feeds/…`, `/` → `/`, any other
    /// path → `/…`. Nothing a client chose reaches the log: a token requested at a wrong place is
    /// as secret as one requested at the right place.
    static func redacted(_ path: String) -> String {
        let rest = path.hasPrefix("/") ? path.dropFirst() : path[...]
        let first = rest.prefix { $0 != "/" }
        let head = first == "feeds" ? "/feeds" : (first.isEmpty ? "/" : "/…")
        if first.count == rest.count { return head }
        if first == "feeds" && path.hasSuffix(".ics") { return "/feeds/….ics" }
        return head == "/" ? "/…" : head + "/…"
    }
}
