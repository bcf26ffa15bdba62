import Foundation
import Hummingbird
import Logging

/// `enlace serve`: the feeds folder over HTTP, until SIGTERM or SIGINT (graceful: requests in
/// flight finish first). The listen backlog (1,024, nginx's is 511) lets a burst of a thousand
/// new connections queue instead of being refused.
public enum FeedServer {
    /// Serves `feedsFolder` on `host:port` and returns when the server has shut down.
    public static func run(feedsFolder: URL, host: String, port: Int, logger: Logger) async throws {
        let router = FeedRouter.make(source: FolderFeedSource(folder: feedsFolder), logger: logger)
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "enlace", backlog: 1024),
                              logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
