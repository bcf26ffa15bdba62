import EnlaceFeeds
@testable import EnlaceServer
import Foundation
import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@Suite("enlace serve: the connection's HTTP handling (embedded channel, no sockets)")
struct FeedHandlerTests {
    static let token = FeedRouterTests.token
    static let uri = "/feeds/\(token).ics"

    private func client() throws -> TestClient {
        try TestClient(FeedResponder(feeds: InMemoryFiles([Self.token: PublishedFile(bytes: FeedRouterTests.body, lastModified: FeedRouterTests.modified)])))
    }

    /// The answers in `bytes`, in order (each framed by its Content-Length).
    private func answers(_ bytes: [UInt8], heads: Set<Int> = []) throws -> [TestResponse] {
        var rest = bytes[...], found: [TestResponse] = []
        while !rest.isEmpty {
            let marker: [UInt8] = [13, 10, 13, 10]
            let end = try #require(rest.indices.first { rest[$0...].starts(with: marker) })
            let answer = try TestClient.parse(Array(rest[..<(end + 4)]), head: true)
            let length = heads.contains(found.count) ? 0 : Int(answer.header("Content-Length") ?? "0") ?? 0
            found.append(try TestClient.parse(Array(rest[..<(end + 4 + length)]), head: heads.contains(found.count)))
            rest = rest[(end + 4 + length)...]
        }
        return found
    }

    @Test("keep-alive by default; Connection: close is answered with close and the connection closed")
    func keepAlive() throws {
        let client = try client()
        let first = try client.execute(uri: Self.uri)
        #expect(first.status == .ok && first.header("Connection") == nil)
        #expect(client.channel.isActive)
        let last = try client.execute(uri: Self.uri, headers: [("Connection", "close")])
        #expect(last.status == .ok && last.header("Connection") == "close")
        client.channel.embeddedEventLoop.run()
        #expect(!client.channel.isActive)
    }

    @Test("HTTP/1.0: closed after the answer unless it asks for keep-alive")
    func http10() throws {
        let client = try client()
        try client.send("GET \(Self.uri) HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        let kept = try TestClient.parse(client.received(), head: false)
        #expect(kept.status == .ok && kept.header("Connection") == "keep-alive")
        #expect(client.channel.isActive)
        try client.send("GET \(Self.uri) HTTP/1.0\r\n\r\n")
        let closed = try TestClient.parse(client.received(), head: false)
        #expect(closed.status == .ok && closed.header("Connection") == "close")
        client.channel.embeddedEventLoop.run()
        #expect(!client.channel.isActive)
    }

    @Test("pipelined requests are answered in order, a request's body is read and dropped")
    func pipelined() throws {
        let client = try client()
        let requests = "GET \(Self.uri) HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST \(Self.uri) HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
            + "HEAD \(Self.uri) HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n"
            + "GET /feeds/\(FeedRouterTests.other).ics HTTP/1.1\r\nHost: x\r\n\r\n"
        try client.send(requests)
        let found = try answers(client.received(), heads: [2])
        #expect(found.map(\.status) == [.ok, .notFound, .ok, .notFound])
        #expect(found[0].body == FeedRouterTests.body)
        #expect(found[2].header("Content-Encoding") == "gzip" && found[2].body.isEmpty)
        #expect(client.logLines.count == 4)
    }

    @Test("a malformed request gets 400 and the connection is closed")
    func malformed() throws {
        let client = try client()
        try client.send("GET \(Self.uri) HTTP/1.1\r\nHost x\r\n\r\n")
        let answer = try TestClient.parse(client.received(), head: false)
        #expect(answer.status == .badRequest)
        client.channel.embeddedEventLoop.run()
        #expect(!client.channel.isActive)
    }

    @Test("a request head with more than 1,000 fields gets 400")
    func tooManyFields() throws {
        let client = try client()
        let fields = (0..<1001).map { "X-\($0): a\r\n" }.joined()
        try client.send("GET \(Self.uri) HTTP/1.1\r\nHost: x\r\n\(fields)\r\n")
        #expect(try TestClient.parse(client.received(), head: false).status == .badRequest)
    }

    @Test("a client that does not read its answers is not read from either")
    func backpressure() throws {
        let client = try client()
        client.channel.isWritable = false
        client.channel.pipeline.fireChannelWritabilityChanged()
        let reads = ReadCounter()
        try client.channel.pipeline.syncOperations.addHandler(reads, position: .first)
        client.channel.read()
        #expect(reads.count == 0)
        client.channel.isWritable = true
        client.channel.pipeline.fireChannelWritabilityChanged()
        #expect(reads.count == 1)
        client.channel.read()
        #expect(reads.count == 2)
    }

    @Test("answers written as bytes: each field once; a 304 has the validators, no length or coding")
    func fieldsOnce() throws {
        let client = try client()
        let full = try client.execute(uri: Self.uri, headers: [("Accept-Encoding", "gzip")])
        let names = ["Content-Type", "Cache-Control", "Vary", "ETag", "Last-Modified", "Content-Encoding", "Content-Length", "Date", "Server"]
        for name in names { #expect(full.fields.filter { $0.name == name }.count == 1, "\(name)") }
        #expect(full.fields.count == names.count + 2)
        let etag = try #require(full.header("ETag"))
        let same = try client.execute(uri: Self.uri, headers: [("Accept-Encoding", "gzip"), ("If-None-Match", etag)])
        #expect(same.status == .notModified && same.header("ETag") == etag && same.header("Last-Modified") == full.header("Last-Modified"))
        #expect(same.header("Content-Length") == nil && same.header("Content-Encoding") == nil && same.body.isEmpty)
        #expect(same.fields.count == full.fields.count - 2)
    }

    @Test("the Date header is now's, in the HTTP format")
    func date() throws {
        let answer = try client().execute(uri: Self.uri)
        let date = try #require(answer.header("Date").flatMap(HTTPDate.parse))
        #expect(abs(date.timeIntervalSinceNow) < 5)
        #expect(answer.header("Server") == "enlace")
    }
}

/// Counts the reads that reach the head of the pipeline.
private final class ReadCounter: ChannelOutboundHandler {
    typealias OutboundIn = Any
    var count = 0

    func read(context: ChannelHandlerContext) {
        count += 1
        context.read()
    }
}

@Suite("enlace serve: the shape of a token in a path")
struct TokenShapeTests {
    @Test("ServeRoutes.isToken agrees with FeedToken.isWellFormed on every byte in every place")
    func agrees() {
        let token = Array(FeedRouterTests.token.utf8)
        for place in [0, 13, 31] {
            for byte in UInt8(0)...UInt8(127) {
                var bytes = token
                bytes[place] = byte
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(ServeRoutes.isToken(text[...]) == FeedToken.isWellFormed(text), "\(byte) at \(place)")
            }
        }
        #expect(!ServeRoutes.isToken(FeedRouterTests.token.dropLast()))
        #expect(!ServeRoutes.isToken((FeedRouterTests.token + "a")[...]))
    }
}
