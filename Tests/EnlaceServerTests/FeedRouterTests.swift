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

    private func app(_ source: any PublishedFiles = InMemoryFiles([Self.token: PublishedFile(bytes: Self.body, lastModified: Self.modified)]),
                     logger: Logger = Logger(label: "test")) -> some ApplicationProtocol {
        Application(responder: FeedRouter.responder(feeds: source, logger: logger))
    }

    @Test("GET answers 200 with the calendar, its content type, a strong ETag and Last-Modified")
    func get() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/feeds/\(Self.token).ics", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(buffer: response.body) == Self.body)
                #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
                #expect(response.headers[.eTag] == PublishedFile(bytes: Self.body, lastModified: Self.modified).etag)
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
        let etag = PublishedFile(bytes: Self.body, lastModified: Self.modified).etag
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

    @Test("access logs carry no part of any token, wherever it is requested")
    func logs() async throws {
        let sink = LogSink()
        let logger = Logger(label: "test") { _ in sink }
        try await app(logger: logger).test(.router) { client in
            try await client.execute(uri: "/feeds/\(Self.token).ics", method: .get) { _ in }
            try await client.execute(uri: "/feeds/\(Self.other).ics", method: .head) { _ in }
            try await client.execute(uri: "/\(Self.token).ics", method: .get) { _ in }
            try await client.execute(uri: "/feeds/\(Self.token)/x", method: .get) { _ in }
            try await client.execute(uri: "/feeds/\(Self.token).ics?t=\(Self.other)", method: .get) { _ in }
        }
        let lines = sink.lines
        #expect(lines.count == 5)
        for line in lines {
            for token in [Self.token, Self.other] {
                // Not even four characters: a prefix narrows a guess.
                for start in 0...(token.count - 4) {
                    let piece = token.dropFirst(start).prefix(4)
                    if piece.allSatisfy(\.isNumber) { continue }  // could be the request's duration
                    #expect(!line.contains(piece), "\(line) contains \(piece)")
                }
            }
        }
        #expect(lines[0].contains("GET /feeds/….ics 200"))
        #expect(lines[1].contains("HEAD /feeds/….ics 404"))
        #expect(lines[2].contains("GET /… 404"))
        #expect(lines[3].contains("GET /feeds/… 404"))
    }

    @Test("path redaction", arguments: [("/", "/"), ("/feeds/x.ics", "/feeds/….ics"), ("/feeds", "/…"), ("/feeds/", "/feeds/"),
                                        ("/feeds/x/y", "/feeds/…"), ("/join/abc", "/join/…"), ("/join/abc.ics", "/join/…"),
                                        ("/sierra-vista/x.ics", "/sierra-vista/….ics"), ("/sierra-vista", "/…"),
                                        ("/enlace.sqlite", "/…"), ("/abcd/efgh", "/…"), ("", "/")])
    func redaction(path: String, logged: String) {
        #expect(ServeRoutes(feedBaseURL: "https://feeds.example.org/sierra-vista/").redacted(path) == logged)
    }

    @Test("every answer is private, sends no referrer and forbids sniffing")
    func privacyHeaders() async throws {
        let etag = PublishedFile(bytes: Self.body, lastModified: Self.modified).etag
        try await app().test(.router) { client in
            let requests: [(String, HTTPRequest.Method, HTTPFields, HTTPResponse.Status)] = [
                ("/feeds/\(Self.token).ics", .get, [:], .ok),
                ("/feeds/\(Self.token).ics", .head, [:], .ok),
                ("/feeds/\(Self.token).ics", .get, [.ifNoneMatch: etag], .notModified),
                ("/feeds/\(Self.other).ics", .get, [:], .notFound),
                ("/elsewhere", .get, [:], .notFound),
            ]
            for (uri, method, headers, status) in requests {
                try await client.execute(uri: uri, method: method, headers: headers) { response in
                    #expect(response.status == status, "\(uri)")
                    #expect(response.headers[.cacheControl] == "private", "\(uri)")
                    #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer", "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                }
            }
        }
    }

    @Test("revoked, unknown and malformed tokens, other paths and methods: one identical 404")
    func identicalNotFound() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("\(Self.token).ics")
        try Data(Self.body).write(to: file)
        let app = Application(responder: FeedRouter.responder(feeds: FolderFiles(folder: folder, suffix: ".ics", budget: ByteBudget(limit: 1 << 20), loadsInBackground: false),
                                                             logger: Logger(label: "test")))
        try await app.test(.router) { client in
            try await client.execute(uri: "/feeds/\(Self.token).ics", method: .get) { #expect($0.status == .ok) }
            try FileManager.default.removeItem(at: file)  // what `enlace feeds revoke` does
            var answers: [String: (HTTPResponse.Status, [String], [UInt8])] = [:]
            for (name, uri, method) in [("revoked", "/feeds/\(Self.token).ics", HTTPRequest.Method.get),
                                        ("unknown", "/feeds/\(Self.other).ics", .get),
                                        ("malformed", "/feeds/\(Self.token.uppercased()).ics", .get),
                                        ("no suffix", "/feeds/\(Self.token)", .get),
                                        ("elsewhere", "/enlace.sqlite", .get),
                                        ("method", "/feeds/\(Self.other).ics", .post)] {
                try await client.execute(uri: uri, method: method) { response in
                    let headers = response.headers.filter { $0.name != .date }.map { "\($0.name.canonicalName): \($0.value)" }
                    answers[name] = (response.status, headers, Array(buffer: response.body))
                }
            }
            let revoked = try #require(answers["revoked"])
            #expect(revoked.0 == .notFound)
            #expect(revoked.2 == Array("No such feed.\n".utf8))
            for (name, answer) in answers {
                #expect(answer.0 == revoked.0 && answer.1 == revoked.1 && answer.2 == revoked.2, "\(name): \(answer)")
            }
        }
    }

    @Test("the folder source serves regenerated and revoked feeds without a restart")
    func folder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = FolderFiles(folder: folder, suffix: ".ics", budget: ByteBudget(limit: 1 << 20), loadsInBackground: false)
        #expect(source.file(token: Self.token[...]) == nil)
        try Data(Self.body).write(to: folder.appendingPathComponent("\(Self.token).ics"))
        let first = try #require(source.file(token: Self.token[...]))
        #expect(source.bytes(Self.token) == Self.body)
        let changed = Self.body + Array("X".utf8)
        try Data(changed).write(to: folder.appendingPathComponent("\(Self.token).ics.tmp"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("\(Self.token).ics"))
        try FileManager.default.moveItem(at: folder.appendingPathComponent("\(Self.token).ics.tmp"),
                                         to: folder.appendingPathComponent("\(Self.token).ics"))
        let second = try #require(source.file(token: Self.token[...]))
        #expect(source.bytes(Self.token) == changed && second.etag != first.etag)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("\(Self.token).ics"))
        #expect(source.file(token: Self.token[...]) == nil)
    }

    @Test("preloading reads every feed once; a feed replaced afterwards is read again")
    func preload() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(Self.body).write(to: folder.appendingPathComponent("\(Self.token).ics"))
        try Data(Self.body + Array("Y".utf8)).write(to: folder.appendingPathComponent("\(Self.other).ics"))
        try Data("not a feed".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let source = FolderFiles(folder: folder, suffix: ".ics", budget: ByteBudget(limit: 1 << 20), loadsInBackground: false)
        #expect(source.counts.described == 0)
        source.preload()
        #expect(source.counts == (described: 2, identityBodies: 2, gzipBodies: 2))
        #expect(source.bytes(Self.other) == Self.body + Array("Y".utf8))
        let replaced = folder.appendingPathComponent("\(Self.token).ics.tmp")
        try Data(Array("Z".utf8) + Self.body).write(to: replaced)
        #expect(rename(replaced.path, folder.appendingPathComponent("\(Self.token).ics").path) == 0)  // as `enlace feeds` replaces
        #expect(source.bytes(Self.token) == Array("Z".utf8) + Self.body)
    }

    @Test("HTTP dates round-trip and the token index compares exactly")
    func helpers() {
        #expect(HTTPDate.string(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        let index = TokenIndex([Self.other, Self.token])
        #expect(index.find(Self.token[...]) == 1)
        #expect(index.find(Self.other[...]) == 0)
        #expect(index.find((String(Self.token.dropLast()) + "a")[...]) == nil)
        #expect(index.find(Self.token.dropLast()) == nil)
        #expect(index.find("") == nil)
    }
}

extension PublishedFiles {
    /// The body a full answer for `token` carries in `coding`, or nil when there is no such file.
    func bytes(_ token: String, _ coding: ContentCoding = .identity) -> [UInt8]? {
        guard let file = file(token: token[...]), let answer = body(of: file, token: token[...], coding: coding) else { return nil }
        return Array(answer.body.readableBytesView)
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
