import EnlaceFeeds
@testable import EnlaceServer
import Foundation
import NIOHTTP1
import Testing

@Suite("enlace serve routes (no sockets)")
struct FeedRouterTests {
    static let token = "abcdefghijklmnopqrstuvwxyz234567"
    static let other = "bcdefghijklmnopqrstuvwxyz234567a"
    static let body = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n".utf8)
    static let modified = Date(timeIntervalSince1970: 1_785_585_600)

    private func client(_ source: any PublishedFiles = InMemoryFiles([Self.token: PublishedFile(bytes: Self.body, lastModified: Self.modified)])) throws -> TestClient {
        try TestClient(FeedResponder(feeds: source))
    }

    @Test("GET answers 200 with the calendar, its content type, a strong ETag and Last-Modified")
    func get() throws {
        let response = try client().execute(uri: "/feeds/\(Self.token).ics")
        #expect(response.status == .ok)
        #expect(response.body == Self.body)
        #expect(response.header("Content-Type") == "text/calendar; charset=utf-8")
        #expect(response.header("ETag") == PublishedFile(bytes: Self.body, lastModified: Self.modified).etag)
        #expect(response.header("ETag")?.hasPrefix("\"") == true)
        #expect(response.header("Last-Modified") == "Sat, 01 Aug 2026 12:00:00 GMT")
        #expect(response.header("Content-Disposition") == nil)
        #expect(response.header("Date") != nil)
    }

    @Test("HEAD answers like GET without a body")
    func head() throws {
        let response = try client().execute(uri: "/feeds/\(Self.token).ics", method: .HEAD)
        #expect(response.status == .ok)
        #expect(response.body.isEmpty)
        #expect(response.header("Content-Length") == String(Self.body.count))
        #expect(response.header("ETag") != nil)
    }

    @Test("If-None-Match with the current ETag gives 304; with an old one, 200")
    func ifNoneMatch() throws {
        let etag = PublishedFile(bytes: Self.body, lastModified: Self.modified).etag
        let client = try client()
        let uri = "/feeds/\(Self.token).ics"
        let matched = try client.execute(uri: uri, headers: [("If-None-Match", etag)])
        #expect(matched.status == .notModified)
        #expect(matched.body.isEmpty)
        #expect(matched.header("ETag") == etag)
        #expect(try client.execute(uri: uri, headers: [("If-None-Match", "\"old\", W/\(etag)")]).status == .notModified)
        #expect(try client.execute(uri: uri, headers: [("If-None-Match", "\"old\"")]).status == .ok)
        // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
        #expect(try client.execute(uri: uri, headers: [("If-None-Match", "\"old\""), ("If-Modified-Since", "Sun, 02 Aug 2026 12:00:00 GMT")]).status == .ok)
    }

    @Test("If-Modified-Since: 304 at or after Last-Modified, 200 before it or when unreadable")
    func ifModifiedSince() throws {
        let client = try client()
        for (since, status) in [("Sat, 01 Aug 2026 12:00:00 GMT", HTTPResponseStatus.notModified),
                                ("Sat, 01 Aug 2026 13:00:00 GMT", .notModified),
                                ("Sat, 01 Aug 2026 11:59:59 GMT", .ok),
                                ("yesterday", .ok)] {
            let response = try client.execute(uri: "/feeds/\(Self.token).ics", headers: [("If-Modified-Since", since)])
            #expect(response.status == status, "\(since)")
        }
    }

    @Test("unknown tokens, malformed names and other paths give 404",
          arguments: ["/feeds/\(FeedRouterTests.other).ics", "/feeds/\(FeedRouterTests.token)", "/feeds/../enlace.sqlite",
                      "/feeds/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567.ics", "/feeds/", "/enlace.sqlite", "/"])
    func notFound(path: String) throws {
        #expect(try client().execute(uri: path).status == .notFound)
    }

    @Test("access logs carry no part of any token, wherever it is requested")
    func logs() throws {
        let client = try client()
        _ = try client.execute(uri: "/feeds/\(Self.token).ics")
        _ = try client.execute(uri: "/feeds/\(Self.other).ics", method: .HEAD)
        _ = try client.execute(uri: "/\(Self.token).ics")
        _ = try client.execute(uri: "/feeds/\(Self.token)/x")
        _ = try client.execute(uri: "/feeds/\(Self.token).ics?t=\(Self.other)")
        _ = try client.execute(uri: "http://x.org/feeds/\(Self.token).ics")
        let lines = client.logLines
        #expect(lines.count == 6)
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
        #expect(lines[0].contains(" info test: [EnlaceServer] GET /feeds/….ics 200 "))
        #expect(lines[1].contains("HEAD /feeds/….ics 404"))
        #expect(lines[2].contains("GET /… 404"))
        #expect(lines[3].contains("GET /feeds/… 404"))
        #expect(lines[4].contains("GET /feeds/….ics 200"))
        #expect(lines[5].contains("GET /feeds/….ics 200"))
    }

    @Test("path redaction", arguments: [("/", "/"), ("/feeds/x.ics", "/feeds/….ics"), ("/feeds", "/…"), ("/feeds/", "/feeds/"),
                                        ("/feeds/x/y", "/feeds/…"), ("/join/abc", "/join/…"), ("/join/abc.ics", "/join/…"),
                                        ("/sierra-vista/x.ics", "/sierra-vista/….ics"), ("/sierra-vista", "/…"),
                                        ("/enlace.sqlite", "/…"), ("/abcd/efgh", "/…"), ("", "/")])
    func redaction(path: String, logged: String) {
        #expect(ServeRoutes(feedBaseURL: "https://feeds.example.org/sierra-vista/").redacted(path) == logged)
    }

    @Test("every answer is private, sends no referrer and forbids sniffing")
    func privacyHeaders() throws {
        let etag = PublishedFile(bytes: Self.body, lastModified: Self.modified).etag
        let client = try client()
        let requests: [(String, HTTPMethod, [(String, String)], HTTPResponseStatus)] = [
            ("/feeds/\(Self.token).ics", .GET, [], .ok),
            ("/feeds/\(Self.token).ics", .HEAD, [], .ok),
            ("/feeds/\(Self.token).ics", .GET, [("If-None-Match", etag)], .notModified),
            ("/feeds/\(Self.other).ics", .GET, [], .notFound),
            ("/elsewhere", .GET, [], .notFound),
        ]
        for (uri, method, headers, status) in requests {
            let response = try client.execute(uri: uri, method: method, headers: headers)
            #expect(response.status == status, "\(uri)")
            #expect(response.header("Cache-Control") == "private", "\(uri)")
            #expect(response.header("Referrer-Policy") == "no-referrer", "\(uri)")
            #expect(response.header("X-Content-Type-Options") == "nosniff", "\(uri)")
        }
    }

    @Test("revoked, unknown and malformed tokens, other paths and methods: one identical 404")
    func identicalNotFound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("\(Self.token).ics")
        try Data(Self.body).write(to: file)
        let client = try client(FolderFiles(folder: folder, suffix: ".ics", budget: ByteBudget(limit: 1 << 20), loadsInBackground: false))
        #expect(try client.execute(uri: "/feeds/\(Self.token).ics").status == .ok)
        try FileManager.default.removeItem(at: file)  // what `enlace feeds revoke` does
        var answers: [String: TestResponse] = [:]
        for (name, uri, method) in [("revoked", "/feeds/\(Self.token).ics", HTTPMethod.GET),
                                    ("unknown", "/feeds/\(Self.other).ics", .GET),
                                    ("malformed", "/feeds/\(Self.token.uppercased()).ics", .GET),
                                    ("no suffix", "/feeds/\(Self.token)", .GET),
                                    ("elsewhere", "/enlace.sqlite", .GET),
                                    ("method", "/feeds/\(Self.other).ics", .POST),
                                    ("method on a feed", "/feeds/\(Self.token).ics", .DELETE)] {
            answers[name] = try client.execute(uri: uri, method: method)
        }
        let revoked = try #require(answers["revoked"])
        #expect(revoked.status == .notFound)
        #expect(revoked.body == Array("No such feed.\n".utf8))
        for (name, answer) in answers {
            #expect(answer.comparable == revoked.comparable, "\(name): \(answer.comparable)")
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
        return answer.body
    }
}
