@testable import EnlaceServer
import Foundation
import NIOHTTP1
import Testing

@Suite("enlace serve: the feed_base_url path and join pages (no sockets)")
struct RoutesTests {
    static let token = FeedRouterTests.token
    static let other = FeedRouterTests.other
    static let feed = PublishedFile(bytes: FeedRouterTests.body, lastModified: FeedRouterTests.modified)
    /// A join page as `enlace letters` could write it (hand-written here: the letters are not the server's).
    static let page = Array("<!doctype html><html lang=\"es\"><meta charset=\"utf-8\"><title>Carta</title><p>Hola, familia.</p></html>\n".utf8)

    private func client(feedBaseURL: String? = "https://feeds.example.org/sierra-vista/", joinPages: any PublishedFiles) throws -> TestClient {
        try TestClient(FeedResponder(feeds: InMemoryFiles([Self.token: Self.feed]), joinPages: joinPages, routes: ServeRoutes(feedBaseURL: feedBaseURL)))
    }

    private func client(feedBaseURL: String? = "https://feeds.example.org/sierra-vista/") throws -> TestClient {
        try client(feedBaseURL: feedBaseURL, joinPages: InMemoryFiles([Self.token: PublishedFile(bytes: Self.page, lastModified: FeedRouterTests.modified)]))
    }

    @Test("the path of feed_base_url", arguments: [
        ("https://feeds.example.org/sierra-vista/", "/sierra-vista/"), ("https://x.org/", "/"), ("https://x.org", "/"),
        ("https://x.org/a/b/", "/a/b/"), ("https://x.org/distrito%20norte/", "/distrito%20norte/"), ("http://x.org:8080/feeds/", "/feeds/"),
        ("not a url", nil),
    ] as [(String, String?)])
    func basePath(url: String, path: String?) {
        #expect(ServeRoutes.path(ofBaseURL: url) == path)
    }

    @Test("feeds answer under /feeds/ and under the path of feed_base_url, with the same bytes")
    func feedPaths() throws {
        let client = try client()
        for uri in ["/feeds/\(Self.token).ics", "/sierra-vista/\(Self.token).ics", "/sierra-vista/\(Self.token).ics?x=1"] {
            for method in [HTTPMethod.GET, .HEAD] {
                let response = try client.execute(uri: uri, method: method)
                #expect(response.status == .ok, "\(method) \(uri)")
                #expect(response.header("ETag") == Self.feed.etag)
                #expect(response.body == (method == .GET ? FeedRouterTests.body : []))
            }
        }
    }

    @Test("a root feed_base_url serves /TOKEN.ics; an encoded path is matched as it is sent")
    func otherBases() throws {
        let root = try client(feedBaseURL: "https://feeds.example.org/")
        #expect(try root.execute(uri: "/\(Self.token).ics").status == .ok)
        #expect(try root.execute(uri: "/feeds/\(Self.token).ics").status == .ok)
        let encoded = try client(feedBaseURL: "https://x.org/distrito%20norte/")
        #expect(try encoded.execute(uri: "/distrito%20norte/\(Self.token).ics").status == .ok)
        #expect(try encoded.execute(uri: "/\(Self.token).ics").status == .notFound)
    }

    @Test("everything near a route is the one 404", arguments: [
        "/sierra-vista/\(RoutesTests.other).ics", "/sierra-vista/\(RoutesTests.token)", "/sierra-vista/x/\(RoutesTests.token).ics",
        "/sierra-vist/\(RoutesTests.token).ics", "/Sierra-Vista/\(RoutesTests.token).ics", "/sierra-vista\(RoutesTests.token).ics",
        "/\(RoutesTests.token).ics", "/district/\(RoutesTests.token).ics", "/join/\(RoutesTests.other)", "/join/\(RoutesTests.token).html",
        "/join/\(RoutesTests.token)/", "/join/\(RoutesTests.token.uppercased())", "/join/", "/join", "/feeds/\(RoutesTests.token).html",
    ])
    func notFound(uri: String) throws {
        let expected = try notFoundAnswer()
        let response = try client().execute(uri: uri)
        #expect(response.status == .notFound)
        #expect(response.comparable == expected)
    }

    @Test("a join page: HTML, the security headers of a public page, ETag and gzip like a feed")
    func joinPage() throws {
        let client = try client()
        let response = try client.execute(uri: "/join/\(Self.token)")
        #expect(response.status == .ok)
        #expect(response.body == Self.page)
        #expect(response.header("Content-Type") == "text/html; charset=utf-8")
        #expect(response.header("Content-Security-Policy") == FeedHeaders.contentSecurityPolicy)
        #expect(response.header("X-Content-Type-Options") == "nosniff")
        #expect(response.header("Referrer-Policy") == "no-referrer")
        #expect(response.header("X-Frame-Options") == "DENY")
        #expect(response.header("Cache-Control") == "private")
        #expect(response.header("Vary") == "Accept-Encoding")
        #expect(response.header("ETag") != nil)
        let zipped = try client.execute(uri: "/join/\(Self.token)", headers: [("Accept-Encoding", "gzip")])
        #expect(zipped.header("Content-Encoding") == "gzip")
        #expect(try GzipTests.gunzip(zipped.body) == Self.page)
        let tag = try #require(zipped.header("ETag"))
        #expect(try client.execute(uri: "/join/\(Self.token)", headers: [("Accept-Encoding", "gzip"), ("If-None-Match", tag)]).status == .notModified)
        let head = try client.execute(uri: "/join/\(Self.token)", method: .HEAD)
        #expect(head.status == .ok)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == String(Self.page.count))
    }

    @Test("the CSP loads nothing from elsewhere")
    func policy() {
        let policy = FeedHeaders.contentSecurityPolicy
        #expect(policy.hasPrefix("default-src 'none';"))
        #expect(!policy.contains("http") && !policy.contains("*") && !policy.contains("unsafe-eval") && !policy.contains("script-src"))
        #expect(policy.contains("frame-ancestors 'none'"))
    }

    @Test("join pages from calendars/join: a hand-written file is served; one not written, removed or misnamed is the feeds' 404")
    func joinFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-join-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pages = FolderFiles(folder: folder, suffix: ".html", budget: ByteBudget(limit: 1 << 20), loadsInBackground: false)
        let expected = try notFoundAnswer()
        let client = try client(joinPages: pages)
        // No folder yet (no letters written).
        #expect(try client.execute(uri: "/join/\(Self.token)").comparable == expected)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.page).write(to: folder.appendingPathComponent("\(Self.token).html"))
        try Data(Self.page).write(to: folder.appendingPathComponent("\(Self.other).htm"))
        let response = try client.execute(uri: "/join/\(Self.token)")
        #expect(response.status == .ok)
        #expect(response.body == Self.page)
        #expect(try client.execute(uri: "/join/\(Self.other)").comparable == expected)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("\(Self.token).html"))
        #expect(try client.execute(uri: "/join/\(Self.token)").comparable == expected)
    }

    /// The 404 of an unknown feed, as status, headers without Date, and body.
    private func notFoundAnswer() throws -> String {
        try client().execute(uri: "/feeds/\(Self.other).ics").comparable
    }
}
