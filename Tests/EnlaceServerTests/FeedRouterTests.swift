import EnlaceFeeds
@testable import EnlaceServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("enlace serve routes (no sockets)")
struct FeedRouterTests {
    static let token = "abcdefghijklmnopqrstuvwxyz234567"
    static let other = "bcdefghijklmnopqrstuvwxyz234567a"
    static let body = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n".utf8)
    static let modified = Date(timeIntervalSince1970: 1_785_585_600)

    private func app(_ source: some FeedSource = InMemoryFeedSource([Self.token: FeedFile(bytes: Self.body, lastModified: Self.modified)]),
                     logger: Logger = Logger(label: "test")) -> some ApplicationProtocol {
        Application(router: FeedRouter.make(source: source, logger: logger))
    }

    @Test("GET answers 200 with the calendar, its content type, a strong ETag and Last-Modified")
    func get() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/feeds/\(Self.token).ics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(buffer: response.body) == Self.body)
                #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
                #expect(response.headers[.eTag] == FeedFile(bytes: Self.body, lastModified: Self.modified).etag)
                #expect(response.headers[.eTag]?.hasPrefix("\"") == true)
                #expect(response.headers[.lastModified] == "Sat, 01 Aug 2026 12:00:00 GMT")
                #expect(response.headers[.contentDisposition] == nil)
            }
        }
    }

    @Test("HEAD answers like GET without a body")
    func head() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/feeds/\(Self.token).ics", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.contentLength] == String(Self.body.count))
                #expect(response.headers[.eTag] != nil)
            }
        }
    }

    @Test("If-None-Match with the current ETag gives 304; with an old one, 200")
    func ifNoneMatch() async throws {
        let etag = FeedFile(bytes: Self.body, lastModified: Self.modified).etag
        try await app().test(.router) { client in
            try await client.execute(uri: "/feeds/\(Self.token).ics", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == etag)
            }
            try await client.execute(uri: "/feeds/\(Self.token).ics", method: .get, headers: [.ifNoneMatch: "\"old\", W/\(etag)"]) { response in
                #expect(response.status == .notModified)
            }
            try await client.execute(uri: "/feeds/\(Self.token).ics", method: .get, headers: [.ifNoneMatch: "\"old\""]) { response in
                #expect(response.status == .ok)
            }
            // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
            try await client.execute(uri: "/feeds/\(Self.token).ics", method: .get,
                                     headers: [.ifNoneMatch: "\"old\"", .ifModifiedSince: "Sun, 02 Aug 2026 12:00:00 GMT"]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("If-Modified-Since: 304 at or after Last-Modified, 200 before it or when unreadable")
    func ifModifiedSince() async throws {
        try await app().test(.router) { client in
            for (since, status) in [("Sat, 01 Aug 2026 12:00:00 GMT", HTTPResponse.Status.notModified),
                                    ("Sat, 01 Aug 2026 13:00:00 GMT", .notModified),
                                    ("Sat, 01 Aug 2026 11:59:59 GMT", .ok),
                                    ("yesterday", .ok)] {
                try await client.execute(uri: "/feeds/\(Self.token).ics", method: .get, headers: [.ifModifiedSince: since]) { response in
                    #expect(response.status == status, "\(since)")
                }
            }
        }
    }

    @Test("unknown tokens, malformed names and other paths give 404",
          arguments: ["/feeds/\(FeedRouterTests.other).ics", "/feeds/\(FeedRouterTests.token)", "/feeds/../enlace.sqlite",
                      "/feeds/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567.ics", "/feeds/", "/enlace.sqlite", "/"])
    func notFound(path: String) async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("access logs never carry a token")
    func logs() async throws {
        let sink = LogSink()
        let logger = Logger(label: "test") { _ in sink }
        try await app(logger: logger).test(.router) { client in
            try await client.execute(uri: "/feeds/\(Self.token).ics", method: .get) { _ in }
            try await client.execute(uri: "/feeds/\(Self.other).ics", method: .get) { _ in }
        }
        let lines = sink.lines
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { !$0.contains(Self.token) && !$0.contains(Self.other) && !$0.contains(String(Self.token.prefix(8))) })
        #expect(lines.first?.contains("GET /feeds/abcd….ics 200") == true)
        #expect(lines.last?.contains("404") == true)
    }

    @Test("the folder source serves regenerated and revoked feeds without a restart")
    func folder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = FolderFeedSource(folder: folder)
        #expect(source.feed(token: Self.token) == nil)
        try Data(Self.body).write(to: folder.appendingPathComponent("\(Self.token).ics"))
        let first = try #require(source.feed(token: Self.token))
        #expect(first.bytes == Self.body)
        let changed = Self.body + Array("X".utf8)
        try Data(changed).write(to: folder.appendingPathComponent("\(Self.token).ics.tmp"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("\(Self.token).ics"))
        try FileManager.default.moveItem(at: folder.appendingPathComponent("\(Self.token).ics.tmp"),
                                         to: folder.appendingPathComponent("\(Self.token).ics"))
        let second = try #require(source.feed(token: Self.token))
        #expect(second.bytes == changed && second.etag != first.etag)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("\(Self.token).ics"))
        #expect(source.feed(token: Self.token) == nil)
    }

    @Test("HTTP dates round-trip and the token index compares exactly")
    func helpers() {
        #expect(HTTPDate.string(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        let index = TokenIndex([Self.token])
        #expect(index.find(Self.token) == Self.token)
        #expect(index.find(Self.other) == nil)
        #expect(index.find(String(Self.token.dropLast()) + "a") == nil)
    }
}

/// Collects log lines.
final class LogSink: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.lock()
        stored.append("\(event.message)")
        lock.unlock()
    }

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
