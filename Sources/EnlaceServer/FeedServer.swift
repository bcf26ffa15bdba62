import Foundation
import Hummingbird
import Logging

/// `enlace serve`: the feeds folder over HTTP, until SIGTERM or SIGINT (graceful: requests in
/// flight finish first). The listen backlog (1,024, nginx's is 511) lets a burst of a thousand
/// new connections queue instead of being refused. The feeds are read into memory on a thread of
/// their own while the server already answers.
public enum FeedServer {
    /// Serves `feedsFolder` on `host:port` and returns when the server has shut down.
    public static func run(feedsFolder: URL, host: String, port: Int, logger: Logger) async throws {
        let source = FolderFeedSource(folder: feedsFolder)
        Thread.detachNewThread {
            Thread.current.qualityOfService = .utility
            source.preload()
        }
        let responder = FeedRouter.responder(source: source, logger: logger)
        let app = Application(responder: responder, configuration: .init(address: .hostname(host, port: port), serverName: "enlace", backlog: 1024),
                              logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
