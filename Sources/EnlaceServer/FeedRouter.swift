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
public enum FeedRouter {
    /// A router serving `source`, logging one line per request to `logger` (tokens redacted).
    public static func make(source: some FeedSource, logger: Logger) -> Router<BasicRequestContext> {
        let router = Router()
        router.addMiddleware { AccessLogMiddleware(logger: logger) }
        router.get("/feeds/:file") { request, context in
            respond(to: request, file: context.parameters.get("file"), source: source, head: false)
        }
        router.head("/feeds/:file") { request, context in
            respond(to: request, file: context.parameters.get("file"), source: source, head: true)
        }
        return router
    }

    static func respond(to request: Request, file: String?, source: some FeedSource, head: Bool) -> Response {
        guard let file, file.hasSuffix(".ics"), FeedToken.isWellFormed(file.dropLast(4)),
              let feed = source.feed(token: String(file.dropLast(4))) else {
            return Response(status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: head ? .init() : .init(byteBuffer: ByteBuffer(string: "No such feed.\n")))
        }
        var headers: HTTPFields = [
            .contentType: "text/calendar; charset=utf-8",
            .eTag: feed.etag,
            .lastModified: HTTPDate.string(feed.lastModified),
            // Clients may keep a copy for an hour, then must ask again (cheaply, with the ETag).
            .cacheControl: "public, max-age=3600",
        ]
        if notModified(request.headers, feed) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(feed.bytes.count)
        return Response(status: .ok, headers: headers,
                        body: head ? .init() : .init(byteBuffer: ByteBuffer(bytes: feed.bytes)))
    }

    static func notModified(_ headers: HTTPFields, _ feed: FeedFile) -> Bool {
        let tags = headers[values: .ifNoneMatch].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        if !tags.isEmpty {
            let current = feed.etag
            return tags.contains { $0 == "*" || $0 == current || $0 == "W/" + current }
        }
        guard let since = headers[.ifModifiedSince].flatMap(HTTPDate.parse) else { return false }
        return feed.lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
    }
}

/// One access-log line per request, with the token cut down to four characters: feed URLs are
/// secrets and logs are read by more people than the coordinator.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let path = Self.redacted(request.uri.path)
        do {
            let response = try await next(request, context)
            log(request, path, status: response.status.code, since: started)
            return response
        } catch {
            log(request, path, status: (error as? HTTPResponseError)?.status.code ?? 500, since: started)
            throw error
        }
    }

    private func log(_ request: Request, _ path: String, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = started.duration(to: .now)
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        logger.info("\(request.method.rawValue) \(path) \(status) \(micros)µs")
    }

    /// `/feeds/abcdefgh….ics` → `/feeds/abcd….ics`; any other path keeps only its first segment.
    static func redacted(_ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard segments.count > 2 else { return path.count > 16 ? String(path.prefix(16)) + "…" : path }
        let last = segments[segments.count - 1]
        return "/" + segments[1] + "/" + last.prefix(4) + (last.count > 4 ? "…" : "") + (last.hasSuffix(".ics") ? ".ics" : "")
    }
}
