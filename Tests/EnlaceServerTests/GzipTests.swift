import CompressNIO
@testable import EnlaceServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite("enlace serve: gzip and Accept-Encoding (no sockets)")
struct GzipTests {
    static let token = FeedRouterTests.token
    /// A feed-like body that compresses well, as feeds do.
    static let body = Array(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + String(repeating: "BEGIN:VEVENT\r\nSUMMARY:Parent mentor meeting\r\nEND:VEVENT\r\n", count: 40)
        + "END:VCALENDAR\r\n").utf8)
    static let file = PublishedFile(bytes: body, lastModified: FeedRouterTests.modified)
    static let uri = "/feeds/\(token).ics"

    private func app() -> some ApplicationProtocol {
        Application(responder: FeedRouter.responder(feeds: InMemoryFiles([Self.token: Self.file]), logger: Logger(label: "test")))
    }

    static func gunzip(_ buffer: ByteBuffer) throws -> [UInt8] {
        var compressed = buffer
        return Array(try compressed.decompress(with: .gzip()).readableBytesView)
    }

    @Test("gzip when accepted: Content-Encoding, Vary, the -gz tag, the compressed length, the same bytes once decompressed")
    func gzip() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: Self.uri, method: .get, headers: [.acceptEncoding: "gzip, deflate, br"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.headers[.vary] == "Accept-Encoding")
                #expect(response.headers[.eTag] == "\"" + Self.file.etag.dropFirst().dropLast() + "-gz\"")
                #expect(response.headers[.contentLength] == String(response.body.readableBytes))
                #expect(response.body.readableBytes < Self.body.count / 5)
                let unzipped = try Self.gunzip(response.body)
                #expect(unzipped == Self.body)
            }
            try await client.execute(uri: Self.uri, method: .get) { response in
                #expect(response.headers[.contentEncoding] == nil)
                #expect(response.headers[.vary] == "Accept-Encoding")
                #expect(response.headers[.eTag] == Self.file.etag)
                #expect(Array(buffer: response.body) == Self.body)
            }
        }
    }

    @Test("HEAD says what GET would, in each coding, without a body")
    func head() async throws {
        try await app().test(.router) { client in
            for accept in ["gzip", "identity"] {
                let get = try await client.execute(uri: Self.uri, method: .get, headers: [.acceptEncoding: accept]) { $0.headers }
                let head = try await client.execute(uri: Self.uri, method: .head, headers: [.acceptEncoding: accept]) { response in
                    #expect(response.body.readableBytes == 0)
                    return response.headers
                }
                for name in ["content-type", "content-encoding", "content-length", "etag", "last-modified", "vary"] {
                    #expect(Self.value(get, name) == Self.value(head, name), "\(accept) \(name)")
                }
                #expect(Self.value(head, "content-encoding") == (accept == "gzip" ? "gzip" : nil))
            }
        }
    }

    static func value(_ fields: HTTPFields, _ name: String) -> String? {
        fields.first { $0.name.canonicalName == name }?.value
    }

    @Test("304 for each coding's own tag; the other coding's tag is not a match")
    func notModified() async throws {
        let gzipTag = Self.file.gzipETag, plainTag = Self.file.etag
        try await app().test(.router) { client in
            let cases: [(String, String, HTTPResponse.Status)] = [
                ("gzip", gzipTag, .notModified), ("gzip", "W/" + gzipTag, .notModified), ("gzip", plainTag, .ok),
                ("identity", plainTag, .notModified), ("identity", gzipTag, .ok), ("gzip", "*", .notModified),
            ]
            for (accept, tag, status) in cases {
                try await client.execute(uri: Self.uri, method: .get, headers: [.acceptEncoding: accept, .ifNoneMatch: tag]) { response in
                    #expect(response.status == status, "\(accept) \(tag)")
                    #expect(response.headers[.vary] == "Accept-Encoding")
                    #expect(response.headers[.eTag] == (accept == "gzip" ? gzipTag : plainTag))
                    if status == .notModified {
                        #expect(response.body.readableBytes == 0)
                        #expect(response.headers[.contentEncoding] == nil)
                    }
                }
            }
            try await client.execute(uri: Self.uri, method: .get,
                                     headers: [.acceptEncoding: "gzip", .ifModifiedSince: "Sat, 01 Aug 2026 12:00:00 GMT"]) { response in
                #expect(response.status == .notModified)
                #expect(response.headers[.eTag] == gzipTag)
            }
        }
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
