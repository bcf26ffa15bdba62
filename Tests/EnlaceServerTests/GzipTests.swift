import CompressNIO
@testable import EnlaceServer
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@Suite("enlace serve: gzip and Accept-Encoding (no sockets)")
struct GzipTests {
    static let token = FeedRouterTests.token
    /// A feed-like body that compresses well, as feeds do.
    static let body = Array(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + String(repeating: "BEGIN:VEVENT\r\nSUMMARY:Parent mentor meeting\r\nEND:VEVENT\r\n", count: 40)
        + "END:VCALENDAR\r\n").utf8)
    static let file = PublishedFile(bytes: body, lastModified: FeedRouterTests.modified)
    static let uri = "/feeds/\(token).ics"

    private func client() throws -> TestClient {
        try TestClient(FeedResponder(feeds: InMemoryFiles([Self.token: Self.file])))
    }

    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        var compressed = ByteBuffer(bytes: bytes)
        return Array(try compressed.decompress(with: .gzip()).readableBytesView)
    }

    @Test("gzip when accepted: Content-Encoding, Vary, the -gz tag, the compressed length, the same bytes once decompressed")
    func gzip() throws {
        let client = try client()
        let zipped = try client.execute(uri: Self.uri, headers: [("Accept-Encoding", "gzip, deflate, br")])
        #expect(zipped.status == .ok)
        #expect(zipped.header("Content-Encoding") == "gzip")
        #expect(zipped.header("Vary") == "Accept-Encoding")
        #expect(zipped.header("ETag") == "\"" + Self.file.etag.dropFirst().dropLast() + "-gz\"")
        #expect(zipped.header("Content-Length") == String(zipped.body.count))
        #expect(zipped.body.count < Self.body.count / 5)
        #expect(try Self.gunzip(zipped.body) == Self.body)
        let plain = try client.execute(uri: Self.uri)
        #expect(plain.header("Content-Encoding") == nil)
        #expect(plain.header("Vary") == "Accept-Encoding")
        #expect(plain.header("ETag") == Self.file.etag)
        #expect(plain.body == Self.body)
    }

    @Test("HEAD says what GET would, in each coding, without a body")
    func head() throws {
        let client = try client()
        for accept in ["gzip", "identity"] {
            let get = try client.execute(uri: Self.uri, headers: [("Accept-Encoding", accept)])
            let head = try client.execute(uri: Self.uri, method: .HEAD, headers: [("Accept-Encoding", accept)])
            #expect(head.body.isEmpty)
            for name in ["content-type", "content-encoding", "content-length", "etag", "last-modified", "vary"] {
                #expect(get.header(name) == head.header(name), "\(accept) \(name)")
            }
            #expect(head.header("content-encoding") == (accept == "gzip" ? "gzip" : nil))
        }
    }

    @Test("304 for each coding's own tag; the other coding's tag is not a match")
    func notModified() throws {
        let gzipTag = Self.file.gzipETag, plainTag = Self.file.etag
        let client = try client()
        let cases: [(String, String, HTTPResponseStatus)] = [
            ("gzip", gzipTag, .notModified), ("gzip", "W/" + gzipTag, .notModified), ("gzip", plainTag, .ok),
            ("identity", plainTag, .notModified), ("identity", gzipTag, .ok), ("gzip", "*", .notModified),
        ]
        for (accept, tag, status) in cases {
            let response = try client.execute(uri: Self.uri, headers: [("Accept-Encoding", accept), ("If-None-Match", tag)])
            #expect(response.status == status, "\(accept) \(tag)")
            #expect(response.header("Vary") == "Accept-Encoding")
            #expect(response.header("ETag") == (accept == "gzip" ? gzipTag : plainTag))
            if status == .notModified {
                #expect(response.body.isEmpty)
                #expect(response.header("Content-Encoding") == nil)
            }
        }
        let since = try client.execute(uri: Self.uri, headers: [("Accept-Encoding", "gzip"), ("If-Modified-Since", "Sat, 01 Aug 2026 12:00:00 GMT")])
        #expect(since.status == .notModified)
        #expect(since.header("ETag") == gzipTag)
    }

    @Test("several Accept-Encoding fields are read together, on the wire too")
    func severalFieldsOnTheWire() throws {
        let client = try client()
        let refused = try client.execute(uri: Self.uri, headers: [("Accept-Encoding", "gzip;q=0"), ("Accept-Encoding", "identity")])
        #expect(refused.header("Content-Encoding") == nil)
        let accepted = try client.execute(uri: Self.uri, headers: [("Accept-Encoding", "br"), ("Accept-Encoding", "gzip")])
        #expect(accepted.header("Content-Encoding") == "gzip")
    }

    @Test("q-values are honoured", arguments: [
        ("gzip", true), ("GZIP", true), ("x-gzip", true), ("*", true), ("gzip;q=0", false), ("gzip; q=0.000", false),
        ("gzip;Q=0", false), ("gzip;q=0.001", true), ("gzip;q=1.0", true), ("deflate, br", false), ("", false),
        ("identity", false), ("*;q=0", false), ("*, gzip;q=0", false), ("gzip;q=0, *", false), ("gzip;q=0.5, identity;q=1", false),
        ("gzip;q=0.5, identity;q=0.5", true), ("gzip;q=0.5", true), ("identity;q=0, gzip;q=0.2", true),
        ("gzip;q=2", false), ("gzip;q=abc", false), ("gzip;q=1.5", false), ("gzip;q=0.1234", false), ("gzip;level=1", true),
        (" gzip ;q=0.8 , br", true), ("br;q=1, gzip;q=0.1", true), (",,gzip", true), ("gzip;", false),
    ])
    func qvalues(header: String, gzip: Bool) {
        #expect(AcceptEncoding.prefersGzip([header]) == gzip, "\(header)")
    }

    @Test("several Accept-Encoding fields are read together")
    func severalFields() {
        #expect(AcceptEncoding.prefersGzip(["br", "gzip"]))
        #expect(!AcceptEncoding.prefersGzip(["gzip;q=0", "identity"]))
        #expect(!AcceptEncoding.prefersGzip([]))
    }

    @Test("compressing again gives the same bytes, as the strong -gz tag promises")
    func deterministic() {
        let once = PublishedFile.gzip(Self.body), twice = PublishedFile.gzip(Self.body)
        #expect(once == twice)
        // gzip magic, deflate, no flags, no modification time: nothing in it depends on when.
        #expect(Array(once.prefix(8)) == [0x1f, 0x8b, 8, 0, 0, 0, 0, 0])
    }
}
