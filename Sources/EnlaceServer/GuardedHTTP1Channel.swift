import Foundation
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 child channel with the server's limits around it: a connection over
/// the cap is closed as soon as it is accepted, and every other one gets `ConnectionDeadlines`
/// in front of the HTTP decoder.
///
/// Hummingbird's own cap (`ServerConfiguration.availableConnectionsDelegate`) stops accepting at
/// the limit, which leaves excess clients waiting in the listen queue for as long as the
/// connections holding the places live; closing at once tells them immediately, and calendar
/// clients try again at their next poll.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let http1: HTTP1Channel
    let limits: ServerLimits
    let connections: ConnectionCount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        guard connections.open() else {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ConnectionLimitReached())
        }
        channel.closeFuture.whenComplete { [connections] _ in connections.close() }
        let (header, idle) = (TimeAmount(limits.headerTimeout), TimeAmount(limits.idleTimeout))
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ConnectionDeadlines(headerTimeout: header, idleTimeout: idle), position: .first)
        }.flatMap {
            http1.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
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
