import Foundation
import Hummingbird
import Logging

/// `enlace serve`: the feeds folder over HTTP, until SIGTERM or SIGINT (graceful: requests in
/// flight finish first).
public enum FeedServer {
    /// Serves `feedsFolder` on `host:port` and returns when the server has shut down.
    public static func run(feedsFolder: URL, host: String, port: Int, logger: Logger) async throws {
        let router = FeedRouter.make(source: FolderFeedSource(folder: feedsFolder), logger: logger)
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "enlace"),
                              logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
