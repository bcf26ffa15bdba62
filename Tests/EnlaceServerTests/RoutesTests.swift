@testable import EnlaceServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("enlace serve: the feed_base_url path and join pages (no sockets)")
struct RoutesTests {
    static let token = FeedRouterTests.token
    static let other = FeedRouterTests.other
    static let feed = PublishedFile(bytes: FeedRouterTests.body, lastModified: FeedRouterTests.modified)
    /// A join page as `enlace letters` could write it (hand-written here: the letters are not the server's).
    static let page = Array("<!doctype html><html lang=\"es\"><meta charset=\"utf-8\"><title>Carta</title><p>Hola, familia.</p></html>\n".utf8)

    private func app(feedBaseURL: String? = "https://feeds.example.org/sierra-vista/", joinPages: any PublishedFiles) -> some ApplicationProtocol {
        Application(responder: FeedRouter.responder(feeds: InMemoryFiles([Self.token: Self.feed]), joinPages: joinPages,
                                                    routes: ServeRoutes(feedBaseURL: feedBaseURL), logger: Logger(label: "test")))
    }

    private func app(feedBaseURL: String? = "https://feeds.example.org/sierra-vista/") -> some ApplicationProtocol {
        app(feedBaseURL: feedBaseURL, joinPages: InMemoryFiles([Self.token: PublishedFile(bytes: Self.page, lastModified: FeedRouterTests.modified)]))
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
    func feedPaths() async throws {
        try await app().test(.router) { client in
            for uri in ["/feeds/\(Self.token).ics", "/sierra-vista/\(Self.token).ics"] {
                for method in [HTTPRequest.Method.get, .head] {
                    try await client.execute(uri: uri, method: method) { response in
                        #expect(response.status == .ok, "\(method) \(uri)")
                        #expect(response.headers[.eTag] == Self.feed.etag)
                        #expect(Array(buffer: response.body) == (method == .get ? FeedRouterTests.body : []))
                    }
                }
            }
        }
    }

    @Test("a root feed_base_url serves /TOKEN.ics; an encoded path is matched as it is sent")
    func otherBases() async throws {
        try await app(feedBaseURL: "https://feeds.example.org/").test(.router) { client in
            try await client.execute(uri: "/\(Self.token).ics", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/feeds/\(Self.token).ics", method: .get) { #expect($0.status == .ok) }
        }
        try await app(feedBaseURL: "https://x.org/distrito%20norte/").test(.router) { client in
            try await client.execute(uri: "/distrito%20norte/\(Self.token).ics", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/\(Self.token).ics", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("everything near a route is the one 404", arguments: [
        "/sierra-vista/\(RoutesTests.other).ics", "/sierra-vista/\(RoutesTests.token)", "/sierra-vista/x/\(RoutesTests.token).ics",
        "/sierra-vist/\(RoutesTests.token).ics", "/Sierra-Vista/\(RoutesTests.token).ics", "/sierra-vista\(RoutesTests.token).ics",
        "/\(RoutesTests.token).ics", "/district/\(RoutesTests.token).ics", "/join/\(RoutesTests.other)", "/join/\(RoutesTests.token).html",
        "/join/\(RoutesTests.token)/", "/join/\(RoutesTests.token.uppercased())", "/join/", "/join", "/feeds/\(RoutesTests.token).html",
    ])
    func notFound(uri: String) async throws {
        let expected = try await notFoundAnswer()
        try await app().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(Self.comparable(response) == expected)
            }
        }
    }

    @Test("a join page: HTML, the security headers of a public page, ETag and gzip like a feed")
    func joinPage() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/join/\(Self.token)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(buffer: response.body) == Self.page)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.contentSecurityPolicy] == FeedRouter.contentSecurityPolicy)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer")
                #expect(response.headers[.init("X-Frame-Options")!] == "DENY")
                #expect(response.headers[.cacheControl] == "private")
                #expect(response.headers[.vary] == "Accept-Encoding")
                #expect(response.headers[.eTag] != nil)
            }
            try await client.execute(uri: "/join/\(Self.token)", method: .get, headers: [.acceptEncoding: "gzip"]) { response in
                #expect(response.headers[.contentEncoding] == "gzip")
                let unzipped = try GzipTests.gunzip(response.body)
                #expect(unzipped == Self.page)
                let tag = try #require(response.headers[.eTag])
                try await client.execute(uri: "/join/\(Self.token)", method: .get, headers: [.acceptEncoding: "gzip", .ifNoneMatch: tag]) {
                    #expect($0.status == .notModified)
                }
            }
            try await client.execute(uri: "/join/\(Self.token)", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.contentLength] == String(Self.page.count))
            }
        }
    }

    @Test("the CSP loads nothing from elsewhere")
    func policy() {
        let policy = FeedRouter.contentSecurityPolicy
        #expect(policy.hasPrefix("default-src 'none';"))
        #expect(!policy.contains("http") && !policy.contains("*") && !policy.contains("unsafe-eval") && !policy.contains("script-src"))
        #expect(policy.contains("frame-ancestors 'none'"))
    }

    @Test("join pages from calendars/join: a hand-written file is served; one not written, removed or misnamed is the feeds' 404")
    func joinFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-join-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let pages = FolderFiles(folder: folder, suffix: ".html", budget: ByteBudget(limit: 1 << 20), loadsInBackground: false)
        let expected = try await notFoundAnswer()
        try await app(joinPages: pages).test(.router) { client in
            // No folder yet (no letters written).
            try await client.execute(uri: "/join/\(Self.token)", method: .get) { #expect(Self.comparable($0) == expected) }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(Self.page).write(to: folder.appendingPathComponent("\(Self.token).html"))
            try Data(Self.page).write(to: folder.appendingPathComponent("\(Self.other).htm"))
            try await client.execute(uri: "/join/\(Self.token)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(buffer: response.body) == Self.page)
            }
            try await client.execute(uri: "/join/\(Self.other)", method: .get) { #expect(Self.comparable($0) == expected) }
            try FileManager.default.removeItem(at: folder.appendingPathComponent("\(Self.token).html"))
            try await client.execute(uri: "/join/\(Self.token)", method: .get) { #expect(Self.comparable($0) == expected) }
        }
    }

    /// The 404 of an unknown feed, as status, headers without Date, and body.
    private func notFoundAnswer() async throws -> String {
        try await app().test(.router) { client in
            try await client.execute(uri: "/feeds/\(Self.other).ics", method: .get) { Self.comparable($0) }
        }
    }

    static func comparable(_ response: TestResponse) -> String {
        let headers = response.headers.filter { $0.name != .date }.map { "\($0.name.canonicalName): \($0.value)" }
        return "\(response.status.code)\n" + headers.joined(separator: "\n") + "\n" + String(buffer: response.body)
    }
}
