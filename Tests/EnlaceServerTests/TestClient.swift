@testable import EnlaceServer
import Foundation
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1

/// An answer as a client reads it off the wire.
struct TestResponse {
    let status: HTTPResponseStatus
    /// The header lines in order, as sent.
    let fields: [(name: String, value: String)]
    let body: [UInt8]

    /// The value of header `name` (case-insensitive), if sent.
    func header(_ name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Status, headers without `Date`, and body: what must be equal between two 404s.
    var comparable: String {
        let headers = fields.filter { $0.name.lowercased() != "date" }.map { "\($0.name): \($0.value)" }
        return "\(status.code)\n" + headers.joined(separator: "\n") + "\n" + String(decoding: body, as: UTF8.self)
    }
}

/// One keep-alive connection to the server's whole connection pipeline (`FeedConnection`: the
/// deadlines, NIO's HTTP/1.1 decoder and encoder, `FeedHandler`) on an embedded channel: requests
/// go in as bytes and answers come out as bytes, with no socket.
final class TestClient {
    let channel = EmbeddedChannel()
    private let collected = LineCollector()
    let log: AccessLog

    init(_ responder: FeedResponder) throws {
        log = AccessLog(label: "test", output: collected.append)
        let connection = FeedConnection(limits: .standard, connections: ConnectionCount(limit: 10, logger: Logger(label: "test")),
                                        responder: responder, log: log)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try connection.setup(channel).wait()
    }

    /// Sends one request and reads its answer.
    func execute(uri: String, method: HTTPMethod = .GET, headers: [(String, String)] = []) throws -> TestResponse {
        let fields = headers.map { "\($0.0): \($0.1)\r\n" }.joined()
        try send("\(method.rawValue) \(uri) HTTP/1.1\r\nHost: test\r\n\(fields)\r\n")
        return try Self.parse(received(), head: method == .HEAD)
    }

    /// Sends raw bytes.
    func send(_ text: String) throws {
        try channel.writeInbound(ByteBuffer(string: text))
    }

    /// Everything the server wrote since the last call.
    func received() throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let part = try channel.readOutbound(as: IOData.self) {
            if case .byteBuffer(let buffer) = part { bytes += buffer.readableBytesView }
        }
        return bytes
    }

    /// The access log's lines so far.
    var logLines: [String] {
        log.flush()
        return collected.lines
    }

    static func parse(_ bytes: [UInt8], head: Bool) throws -> TestResponse {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard let end = bytes.indices.first(where: { bytes[$0...].starts(with: marker) }) else { throw TestClientError.incomplete(bytes) }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ")
        guard statusLine.count >= 2, let code = Int(statusLine[1]) else { throw TestClientError.incomplete(bytes) }
        let fields = lines.dropFirst().map { line in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let body = Array(bytes[(end + 4)...])
        let response = TestResponse(status: HTTPResponseStatus(statusCode: code), fields: fields, body: body)
        if !head, let length = response.header("Content-Length"), Int(length) != body.count { throw TestClientError.incomplete(bytes) }
        return response
    }
}

enum TestClientError: Error {
    case incomplete([UInt8])
}

/// Collects what the access log writes, as lines.
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    @Sendable func append(_ bytes: [UInt8]) {
        lock.lock()
        stored += String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        lock.unlock()
    }

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
