import ArgumentParser
import EnlaceCore
import EnlaceProgram
import EnlaceServer
import Foundation
import Logging

extension Enlace {
    /// `enlace serve`: serves the published feeds over HTTP.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the published feeds (GET and HEAD /feeds/TOKEN.ics) and join pages (/join/TOKEN).",
            discussion: """
                Serves the files `enlace feeds` wrote in calendars/feeds/ at /feeds/TOKEN.ics and under the \
                path of feed_base_url, and the pages `enlace letters` wrote in calendars/join/ at /join/TOKEN, \
                with ETag, Last-Modified, 304 answers and gzip when the client accepts it; files written or \
                revoked later are served without a restart. Slow and silent clients are closed after the \
                timeouts, connections over the cap at once. Logs one line per request on stderr, without \
                tokens. Stops gracefully on SIGTERM or SIGINT. For the open internet, put it behind a TLS \
                proxy, or serve the folder with any web server (docs/FEEDS.md).
                """)

        @OptionGroup var options: ProgramOptions

        @Option(help: "The address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "The port to listen on.")
        var port = 8080

        @Option(help: "Seconds a client has to send a request head, from connecting or from its first byte after an answer.")
        var headerTimeout = Int(ServerLimits.standard.headerTimeout.components.seconds)

        @Option(help: "Seconds an open connection may stay silent after an answer.")
        var idleTimeout = Int(ServerLimits.standard.idleTimeout.components.seconds)

        @Option(help: "Open connections at most; more are closed at once.")
        var maxConnections = ServerLimits.standard.maxConnections

        @Option(name: .customLong("cache-mb"), help: "MiB of file bodies (plain and gzip) kept in memory; the rest is read from disk per request.")
        var cacheMegabytes = ServerLimits.standard.cacheBytes >> 20

        func validate() throws {
            guard (1...65_535).contains(port) else { throw ValidationError("--port must be between 1 and 65535.") }
            guard (1...3600).contains(headerTimeout) else { throw ValidationError("--header-timeout must be between 1 and 3600 seconds.") }
            guard (1...86_400).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be between 1 and 86400 seconds.") }
            guard (1...1_000_000).contains(maxConnections) else { throw ValidationError("--max-connections must be between 1 and 1000000.") }
            guard (0...1_048_576).contains(cacheMegabytes) else { throw ValidationError("--cache-mb must be between 0 and 1048576.") }
        }

        func run() throws {
            let calendars = options.folder.appendingPathComponent("calendars", isDirectory: true)
            let feeds = calendars.appendingPathComponent("feeds", isDirectory: true)
            // The settings say where the links point (feed_base_url); the rest of the folder is
            // not the server's business.
            let settings: ProgramSettings
            do {
                settings = try ProgramLoader(folder: options.folder).loadSettings().settings
            } catch { throw failWithInputError(error.description) }
            if !FileManager.default.fileExists(atPath: feeds.path) {
                printToStderr("warning: \(feeds.path) does not exist yet; run `enlace feeds` to publish (the server picks the files up without a restart).")
            }
            var logger = Logger(label: "enlace.serve")
            logger.logLevel = .info
            let limits = ServerLimits(headerTimeout: .seconds(headerTimeout), idleTimeout: .seconds(idleTimeout),
                                      maxConnections: maxConnections, cacheBytes: cacheMegabytes << 20)
            let serverOptions = FeedServer.Options(feedsFolder: feeds, joinFolder: calendars.appendingPathComponent("join", isDirectory: true),
                                                   routes: ServeRoutes(feedBaseURL: settings.feedBaseURL), host: host, port: port, limits: limits)
            // The command line is synchronous; the server runs on its own event loops until a
            // shutdown signal, and this thread waits for it.
            let done = DispatchSemaphore(value: 0)
            let failure = ServeFailure()
            Task {
                do {
                    try await FeedServer.run(serverOptions, logger: logger)
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
