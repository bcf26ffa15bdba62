import ArgumentParser
import EnlaceServer
import Foundation
import Logging

extension Enlace {
    /// `enlace serve`: serves the published feeds over HTTP.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the published feeds: GET and HEAD /feeds/TOKEN.ics.",
            discussion: """
                Serves the files `enlace feeds` wrote in calendars/feeds/, with ETag, Last-Modified and \
                304 answers; feeds written or revoked later are served without a restart. Logs one line \
                per request on stderr, without tokens. Stops gracefully on SIGTERM or SIGINT. For the \
                open internet, put it behind a TLS proxy, or serve the folder with any web server (docs/FEEDS.md).
                """)

        @OptionGroup var options: ProgramOptions

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on.")
        var port = 8080

        func validate() throws {
            guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535.") }
        }

        func run() throws {
            let feeds = options.folder.appendingPathComponent("calendars/feeds", isDirectory: true)
            if !FileManager.default.fileExists(atPath: feeds.path) {
                printToStderr("warning: \(feeds.path) does not exist yet; run `enlace feeds` to publish (the server picks the files up without a restart).")
            }
            var logger = Logger(label: "enlace.serve")
            logger.logLevel = .info
            let (host, port) = (self.host, self.port)
            // The command line is synchronous; the server runs on its own event loops until a
            // shutdown signal, and this thread waits for it.
            let done = DispatchSemaphore(value: 0)
            let failure = ServeFailure()
            Task {
                do {
                    try await FeedServer.run(feedsFolder: feeds, host: host, port: port, logger: logger)
                } catch {
                    failure.set("\(error)")
                }
                done.signal()
            }
            done.wait()
            if let message = failure.message { throw failWithInputError("the server stopped: \(message)") }
        }
    }
}

/// The error that stopped the server, handed from its task to the waiting thread.
private final class ServeFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?

    func set(_ message: String) {
        lock.lock()
        stored = message
        lock.unlock()
    }

    var message: String? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
