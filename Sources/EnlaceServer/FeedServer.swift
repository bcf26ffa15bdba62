import Foundation
import Hummingbird
import HummingbirdCore
import Logging

/// `enlace serve`: the feeds and join pages over HTTP, until SIGTERM or SIGINT (graceful: requests
/// in flight finish first).
///
/// At start the soft file-descriptor limit is raised to the hard limit, and the connection cap
/// lowered if the limit cannot hold it. The listen backlog (1,024, nginx's is 511) lets a burst
/// of a thousand new connections queue instead of being refused. Files are described (and
/// compressed) on a thread of their own while the server already answers.
public enum FeedServer {
    /// What to serve, where, and within which limits.
    public struct Options: Sendable {
        /// `DIR/calendars/feeds`.
        public var feedsFolder: URL
        /// `DIR/calendars/join`, written by `enlace letters` (it may not exist).
        public var joinFolder: URL
        /// The paths answered.
        public var routes: ServeRoutes
        /// The address to listen on.
        public var host: String
        /// The port to listen on.
        public var port: Int
        /// Timeouts, connection cap and memory budget.
        public var limits: ServerLimits

        /// What `enlace serve` serves, where, within `limits`.
        public init(feedsFolder: URL, joinFolder: URL, routes: ServeRoutes, host: String, port: Int, limits: ServerLimits = .standard) {
            self.feedsFolder = feedsFolder
            self.joinFolder = joinFolder
            self.routes = routes
            self.host = host
            self.port = port
            self.limits = limits
        }
    }

    /// File descriptors kept beyond the connection cap: the listening socket, the files read per
    /// request, the log, the standard streams.
    static let reservedDescriptors = 64

    /// Serves `options` and returns when the server has shut down.
    public static func run(_ options: Options, logger: Logger) async throws {
        let descriptors = FileDescriptorLimit.raiseToHardLimit()
        let cap = connectionCap(options.limits.maxConnections, descriptors: descriptors)
        if cap < options.limits.maxConnections {
            logger.warning("at most \(cap) connections: the limit on open files is \(descriptors) (raise it with `ulimit -Hn` or LimitNOFILE)")
        }
        let budget = ByteBudget(limit: options.limits.cacheBytes)
        let feeds = FolderFiles(folder: options.feedsFolder, suffix: ".ics", budget: budget, onLoaded: reporter("feeds", budget, logger))
        let joinPages = FolderFiles(folder: options.joinFolder, suffix: ".html", budget: budget, onLoaded: reporter("join pages", budget, logger))
        // Looking a token up reads the folder and starts the background pass over its files.
        _ = feeds.file(token: "")
        _ = joinPages.file(token: "")
        let connections = ConnectionCount(limit: cap, logger: logger)
        let limits = options.limits
        let server = HTTPServerBuilder { responder in
            GuardedHTTP1Channel(http1: HTTP1Channel(responder: responder), limits: limits, connections: connections)
        }
        let app = Application(responder: FeedRouter.responder(feeds: feeds, joinPages: joinPages, routes: options.routes, logger: logger),
                              server: server,
                              configuration: .init(address: .hostname(options.host, port: options.port), serverName: "enlace", backlog: 1024),
                              logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }

    /// Logs what a background pass over a folder did, e.g. `feeds: 63120 files ready (12.3 s
    /// reading and compressing 63120); bodies kept: 251 of 256 MiB`.
    private static func reporter(_ what: String, _ budget: ByteBudget, _ logger: Logger) -> @Sendable (FolderFiles.LoadReport) -> Void {
        { report in
            let seconds = (report.seconds * 10).rounded() / 10
            logger.info("\(what): \(report.files) files ready (\(seconds) s reading and compressing \(report.described)); bodies kept: \(report.keptBytes >> 20) of \(budget.limit >> 20) MiB")
        }
    }

    /// The connection cap the descriptor limit allows: `wanted`, or fewer when `descriptors` cannot
    /// hold that many connections besides the server's own files.
    static func connectionCap(_ wanted: Int, descriptors: Int) -> Int {
        max(1, min(wanted, descriptors - reservedDescriptors))
    }
}
