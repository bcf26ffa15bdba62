import Dispatch
import Foundation

/// SIGTERM and SIGINT, turned from process-killing signals into a call of `shutdown` (once).
final class ShutdownSignals: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    /// Installs the handlers; `cancel()` removes them (the signals are then ignored, as they are
    /// while the server stops).
    init(_ shutdown: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "enlace.serve.signals")
        let once = Once()
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { if once.first() { shutdown() } }
            source.resume()
            return source
        }
    }

    func cancel() {
        sources.forEach { $0.cancel() }
    }

    /// True the first time only (the handlers run on one serial queue).
    private final class Once: @unchecked Sendable {
        private var done = false
        func first() -> Bool {
            defer { done = true }
            return !done
        }
    }
}
