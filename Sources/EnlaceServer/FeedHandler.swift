import Foundation
import NIOCore
import NIOHTTP1

/// The last handler of a connection: answers each request on the connection's event loop as soon
/// as its head is decoded (`FeedResponder`), from the bodies in memory, and logs it.
///
/// An answer is written as one buffer: the head from bytes worked out once (`FeedAnswer`) plus
/// `Date`, `Server` and `Connection`, then the body; no response encoder formats headers per
/// request. A request the decoder rejects gets the 400 NIO's error handler would send.
///
/// Answering synchronously keeps the answers in the order of the requests (so pipelined requests
/// need no buffering) and costs no task, no hop between threads and no per-request logger. A
/// request's body, if a client sends one, is read and dropped. Keep-alive follows the request
/// (`Connection: close`, HTTP/1.0). A client that stops reading its answers stops the server
/// reading its requests: reads wait while the channel is not writable, so answers never pile up
/// in memory, and the connection's deadlines (`ConnectionDeadlines`) close it.
///
/// On `ChannelShouldQuiesceEvent` (graceful shutdown) every request already decoded has been
/// answered; the connection's output is closed once those answers are sent, and the connection
/// itself when the client closes its side or two seconds later.
final class FeedHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private let responder: FeedResponder
    private let log: AccessLog
    private var quiescing = false
    private var readPending = false
    private var dateSecond = -1
    private var dateLine: [UInt8] = []

    init(responder: FeedResponder, log: AccessLog) {
        self.responder = responder
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let request) = unwrapInboundIn(data), !quiescing else { return }
        let started = ContinuousClock.now
        let answer = responder.answer(method: request.method, uri: request.uri, headers: request.headers)
        let keepAlive = request.isKeepAlive
        let connection: StaticString? = !keepAlive ? "Connection: close\r\n" : request.version.minor == 0 ? "Connection: keep-alive\r\n" : nil
        let buffer = bytes(of: answer, version: request.version, connection: connection, allocator: context.channel.allocator)
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.byteBuffer(buffer)), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(.byteBuffer(buffer))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
        let elapsed = started.duration(to: .now)
        let micros = Int(elapsed.components.seconds) * 1_000_000 + Int(elapsed.components.attoseconds / 1_000_000_000_000)
        log.record(method: request.method, path: responder.routes.redacted(FeedResponder.path(ofTarget: request.uri)),
                   status: answer.status.code, micros: micros)
    }

    /// The whole answer in one buffer: version, the answer's head, `Date`, `Server`, `Connection`
    /// when needed, the blank line and the body.
    private func bytes(of answer: FeedAnswer, version: HTTPVersion, connection: StaticString?, allocator: ByteBufferAllocator) -> ByteBuffer {
        currentDate()
        let fixed = answer.head.count + answer.fileFields.count + dateLine.count + Self.serverAndConnection
        var buffer = allocator.buffer(capacity: fixed + (answer.body?.count ?? 0))
        buffer.writeBytes(Self.versionPrefix(version))
        buffer.writeBytes(answer.head)
        buffer.writeBytes(answer.fileFields)
        buffer.writeBytes(dateLine)
        buffer.writeStaticString("Server: enlace\r\n")
        if let connection { buffer.writeStaticString(connection) }
        buffer.writeStaticString("\r\n")
        if let body = answer.body { buffer.writeBytes(body) }
        return buffer
    }

    /// Room for the version, `Server`, the longest `Connection` field and the blank line.
    private static let serverAndConnection = 64

    /// `HTTP/1.1 `: the answer's version is the request's, as NIO's encoder writes it.
    private static func versionPrefix(_ version: HTTPVersion) -> [UInt8] {
        switch (version.major, version.minor) {
        case (1, 1): http11
        case (1, 0): http10
        default: Array("HTTP/\(version.major).\(version.minor) ".utf8)
        }
    }

    private static let http11 = Array("HTTP/1.1 ".utf8)
    private static let http10 = Array("HTTP/1.0 ".utf8)
    /// What NIO's error handler answered to a request the decoder rejects.
    private static let badRequest = Array("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".utf8)

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else { return context.fireUserInboundEventTriggered(event) }
        quiescing = true
        context.close(mode: .output, promise: nil)
        context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) { context.close(promise: nil) }
    }

    func read(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            context.read()
        } else {
            readPending = true
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if readPending && context.channel.isWritable {
            readPending = false
            context.read()
        }
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset by the client, or a malformed request, which gets 400 first (every answer
        // before it is complete: answers are written whole): nothing to keep the connection for.
        if error is HTTPParserError {
            context.writeAndFlush(wrapOutboundOut(.byteBuffer(context.channel.allocator.buffer(bytes: Self.badRequest))), promise: nil)
        }
        context.close(promise: nil)
    }

    /// Brings the `Date` field up to date: formatted once per second per connection.
    private func currentDate() {
        let now = time(nil)
        guard now != dateSecond else { return }
        dateSecond = now
        dateLine = Array("Date: \(HTTPDate.string(Date(timeIntervalSince1970: TimeInterval(now))))\r\n".utf8)
    }
}
