import Foundation

/// A one-line "working…" indicator on stderr for steps that take more than a second, shown only
/// when stderr is a terminal (never in pipes, logs or CI, and never on stdout).
final class ProgressIndicator: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private var finished = false
    private var shown = false
    private let started = Date()

    /// Starts showing `label` with the elapsed seconds once a second has passed.
    init(_ label: String) {
        self.label = label
        guard isatty(STDERR_FILENO) == 1 else { return }
        let thread = Thread { [self] in
            Thread.sleep(forTimeInterval: 1)
            while update() { Thread.sleep(forTimeInterval: 0.5) }
        }
        thread.start()
    }

    /// Stops the indicator and clears its line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// Redraws the line; false once `finish` was called.
    private func update() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return false }
        shown = true
        let seconds = Int(Date().timeIntervalSince(started))
        FileHandle.standardError.write(Data("\r\(label)… \(seconds) s".utf8))
        return true
    }
}
