import Foundation
import Logging
import NIOCore
import NIOExtras
import NIOPosix

/// `enlace serve`: the feeds and join pages over HTTP, until SIGTERM or SIGINT (graceful: requests
/// in flight finish first).
///
/// SwiftNIO directly: one event loop per core accepts connections and answers their requests
/// (`FeedConnection`, `FeedHandler`), with no task or thread hop per request.
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

    /// How often the published folders are checked for changes: a publication or a revocation
    /// is served within this time (`FolderFiles`).
    static let folderCheckInterval = Duration.milliseconds(100)

    /// Serves `options` and returns when the server has shut down.
    public static func run(_ options: Options, logger: Logger) async throws {
        let descriptors = FileDescriptorLimit.raiseToHardLimit()
        let cap = connectionCap(options.limits.maxConnections, descriptors: descriptors)
        if cap < options.limits.maxConnections {
            logger.warning("at most \(cap) connections: the limit on open files is \(descriptors) (raise it with `ulimit -Hn` or LimitNOFILE)")
        }
        let budget = ByteBudget(limit: options.limits.cacheBytes)
        let feeds = FolderFiles(folder: options.feedsFolder, suffix: ".ics", budget: budget, folderCheckInterval: folderCheckInterval,
                                onLoaded: reporter("feeds", budget, logger))
        let joinPages = FolderFiles(folder: options.joinFolder, suffix: ".html", budget: budget, folderCheckInterval: folderCheckInterval,
                                    onLoaded: reporter("join pages", budget, logger))
        // Looking a token up reads the folder and starts the background pass over its files.
        _ = feeds.file(token: "")
        _ = joinPages.file(token: "")
        let log = AccessLog(label: logger.label)
        let connection = FeedConnection(limits: options.limits, connections: ConnectionCount(limit: cap, logger: logger),
                                        responder: FeedResponder(feeds: feeds, joinPages: joinPages, routes: options.routes), log: log)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let flusher = Self.flushing(log)
        defer {
            flusher.cancel()
            log.flush()
        }
        do {
            try await serve(on: group, connection, host: options.host, port: options.port, logger: logger)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }

    /// Listens until SIGTERM or SIGINT, then stops accepting and returns once every open
    /// connection has closed (each after the answers to the requests it sent).
    private static func serve(on group: MultiThreadedEventLoopGroup, _ connection: FeedConnection, host: String, port: Int,
                              logger: Logger) async throws {
        let quiescing = ServerQuiescingHelper(group: group)
        let channel = try await bootstrap(group, quiescing, connection).bind(host: host, port: port).get()
        logger.info("listening on \(host):\(port)")
        // The signal handlers hold only this promise: the helper must be gone before the event
        // loops stop (its deinit completes a promise on one of them).
        let signalled = group.next().makePromise(of: Void.self)
        let signals = ShutdownSignals { signalled.succeed() }
        defer { signals.cancel() }
        try await signalled.futureResult.get()
        let stopped = group.next().makePromise(of: Void.self)
        quiescing.initiateShutdown(promise: stopped)
        try await stopped.futureResult.get()
        try await channel.closeFuture.get()
    }

    /// The listening socket's setup: backlog, address reuse, the connections collected for the
    /// graceful shutdown, each accepted connection set up by `connection`.
    private static func bootstrap(_ group: MultiThreadedEventLoopGroup, _ quiescing: ServerQuiescingHelper,
                                  _ connection: FeedConnection) -> ServerBootstrap {
        ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelInitializer { connection.setup($0) }
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
    }

    /// Flushes `log` every 100 ms.
    private static func flushing(_ log: AccessLog) -> any DispatchSourceTimer {
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "enlace.serve.log"))
        timer.schedule(deadline: .now() + .milliseconds(100), repeating: .milliseconds(100))
        timer.setEventHandler { log.flush() }
        timer.resume()
        return timer
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
