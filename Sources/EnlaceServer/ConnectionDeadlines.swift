import NIOCore

/// Closes a connection whose client is too slow or silent: the header timeout runs from the
/// connection's opening, or from the first byte after an answer, until the server answers (for
/// `enlace serve` that is as soon as the request head is complete); the idle timeout runs from an
/// answer until the first byte of the next request.
///
/// Placed first in the pipeline, before the HTTP decoder, it sees raw bytes: a slow-header client
/// (slowloris) cannot extend its time by trickling bytes, because bytes extend nothing while a
/// request is being read, and a connection that never sends anything gets the header timeout.
/// A client that stops reading its answers stops the server reading its requests (NIO's
/// backpressure, `FeedHandler`), so its deadline passes too. A timeout counted from the last
/// decoded request part could not tell a slow-header client from an idle one.
final class ConnectionDeadlines: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    private enum Phase {
        /// Waiting for the rest of a request (or its first byte, on a new connection).
        case request
        /// Answered; waiting for the next request.
        case idle
    }

    private let headerTimeout: TimeAmount
    private let idleTimeout: TimeAmount
    private var phase = Phase.request
    private var deadline = NIODeadline.distantFuture
    private var timer: Scheduled<Void>?
    private var timerDeadline = NIODeadline.distantFuture

    init(headerTimeout: TimeAmount, idleTimeout: TimeAmount) {
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if phase == .idle {
            phase = .request
            move(context, to: context.eventLoop.now + headerTimeout)
        }
        context.fireChannelRead(data)
    }

    /// The first write of an answer starts the idle time (an answer's other writes follow it at
    /// once: the server answers synchronously).
    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if phase == .request {
            phase = .idle
            move(context, to: context.eventLoop.now + idleTimeout)
        }
        context.write(data, promise: promise)
    }

    private func start(_ context: ChannelHandlerContext) {
        guard timer == nil && deadline == .distantFuture else { return }
        phase = .request
        move(context, to: context.eventLoop.now + headerTimeout)
    }

    /// Sets the deadline; the timer is moved only when it would fire too late (a later deadline
    /// is found when the timer fires, which keeps a busy connection from rescheduling per request).
    private func move(_ context: ChannelHandlerContext, to newDeadline: NIODeadline) {
        deadline = newDeadline
        if timer == nil || newDeadline < timerDeadline { schedule(context, at: newDeadline) }
    }

    private func schedule(_ context: ChannelHandlerContext, at when: NIODeadline) {
        timer?.cancel()
        timerDeadline = when
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: when) { [self] in
            timer = nil
            if context.eventLoop.now >= deadline {
                context.close(promise: nil)
            } else {
                schedule(context, at: deadline)
            }
        }
    }
}
