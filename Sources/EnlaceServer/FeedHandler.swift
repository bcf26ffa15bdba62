import Foundation
import NIOCore
import NIOHTTP1

/// The last handler of a connection: answers each request on the connection's event loop as soon
/// as its head is decoded (`FeedResponder`), from the bodies in memory, and logs it.
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
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let responder: FeedResponder
    private let log: AccessLog
    private var quiescing = false
    private var readPending = false
    private var dateSecond = -1
    private var date = ""

    init(responder: FeedResponder, log: AccessLog) {
        self.responder = responder
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let request) = unwrapInboundIn(data), !quiescing else { return }
        let started = ContinuousClock.now
        var answer = responder.answer(method: request.method, uri: request.uri, headers: request.headers)
        let keepAlive = request.isKeepAlive
        answer.headers.add(name: "Date", value: currentDate())
        answer.headers.add(name: "Server", value: "enlace")
        if !keepAlive {
            answer.headers.add(name: "Connection", value: "close")
        } else if request.version.minor == 0 {
            answer.headers.add(name: "Connection", value: "keep-alive")
        }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: answer.status, headers: answer.headers))), promise: nil)
        if let body = answer.body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
        let elapsed = started.duration(to: .now)
        let micros = Int(elapsed.components.seconds) * 1_000_000 + Int(elapsed.components.attoseconds / 1_000_000_000_000)
        log.record(method: request.method, path: responder.routes.redacted(FeedResponder.path(ofTarget: request.uri)),
                   status: answer.status.code, micros: micros)
    }

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
        // A reset by the client or a malformed request (answered with 400 by NIO's error
        // handler before this one): nothing to keep the connection for.
        context.close(promise: nil)
    }

    /// The `Date` header, formatted once per second per connection.
    private func currentDate() -> String {
        let now = time(nil)
        if now != dateSecond { (dateSecond, date) = (now, HTTPDate.string(Date(timeIntervalSince1970: TimeInterval(now)))) }
        return date
    }
}
