import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// How each accepted connection is set up: closed at once when it is over the cap, else the
/// server's limits in front of NIO's HTTP/1.1 decoder and the feed handler behind:
/// `ConnectionDeadlines` → HTTP decoder (request heads of at most 80 KiB and 1,000 fields) →
/// `FeedHandler` (which writes answers as bytes, and 400 for a malformed request).
///
/// Closing at once tells an excess client immediately, where not accepting would leave it
/// waiting in the listen queue for as long as the connections holding the places live; calendar
/// clients try again at their next poll.
struct FeedConnection: Sendable {
    let limits: ServerLimits
    let connections: ConnectionCount
    let responder: FeedResponder
    let log: AccessLog

    /// The limits on a request head (those of Hummingbird, which served before, and of nginx's
    /// order of magnitude): a larger head gets 400 and the connection is closed.
    static var decoderLimits: NIOHTTPDecoderLimitConfiguration {
        var limits = NIOHTTPDecoderLimitConfiguration()
        (limits.maxHeaderFieldSize, limits.maxHeaderListSize, limits.maxHeaderFieldCount) = (80 << 10, 80 << 10, 1000)
        return limits
    }

    /// Sets up `channel`'s pipeline, or closes it (and fails with `ConnectionLimitReached`) when
    /// the cap is reached.
    func setup(_ channel: any Channel) -> EventLoopFuture<Void> {
        guard connections.open() else {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ConnectionLimitReached())
        }
        channel.closeFuture.whenComplete { [connections] _ in connections.close() }
        let (header, idle) = (TimeAmount(limits.headerTimeout), TimeAmount(limits.idleTimeout))
        return channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(ConnectionDeadlines(headerTimeout: header, idleTimeout: idle))
            // No pipelining assistance: answers are written in order as heads arrive. No response
            // encoder: `FeedHandler` writes each answer's bytes itself (and the 400).
            try pipeline.addHandler(ByteToMessageHandler(HTTPRequestDecoder(limitConfiguration: Self.decoderLimits)))
            try pipeline.addHandler(FeedHandler(responder: responder, log: log))
        }
    }
}

/// Why a connection was closed at once.
struct ConnectionLimitReached: Error {}

/// Open connections, against the cap; refusals are logged at most once per 10 seconds, with
/// their count (one line per refusal would let a flood fill the disk).
final class ConnectionCount: @unchecked Sendable {
    let limit: Int
    private let logger: Logger
    // Guards everything below.
    private let lock = NSLock()
    private var current = 0
    private var refused = 0
    private var lastReport: ContinuousClock.Instant?

    init(limit: Int, logger: Logger) {
        self.limit = limit
        self.logger = logger
    }

    /// Counts a new connection; false (and not counted) when the cap is reached.
    func open() -> Bool {
        lock.lock()
        guard current >= limit else {
            current += 1
            lock.unlock()
            return true
        }
        refused += 1
        let now = ContinuousClock.now
        var report: Int?
        if lastReport.map({ $0.duration(to: now) >= .seconds(10) }) ?? true {
            (report, refused, lastReport) = (refused, 0, now)
        }
        lock.unlock()
        if let report {
            logger.warning("\(report) connection(s) closed at once: \(limit) are open, the most --max-connections allows")
        }
        return false
    }

    /// Counts a closed connection.
    func close() {
        lock.lock()
        current -= 1
        lock.unlock()
    }

    /// Open connections now (for tests).
    var openCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return current
    }
}
