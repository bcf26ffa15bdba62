import Foundation
import NIOHTTP1

/// The server's one line per request (`GET /feeds/….ics 200 84µs`), in the format of the rest of
/// its log (swift-log's stream handler: local time, level, label, source), written in batches.
///
/// The event loops append lines to a buffer under a lock; the buffer goes to the output when it
/// holds 64 KiB, and at the latest `FeedServer` flushes it every 100 ms and at shutdown. Writing
/// each line on its own cost a lock, a formatted clock and a `write` per request, a fifth of the
/// server's time; a line now costs an append, and a crash loses at most the last 100 ms of lines.
/// Lines never hold a token: the caller passes the path as `ServeRoutes.redacted` writes it.
final class AccessLog: @unchecked Sendable {
    private let prefix: String
    private let output: @Sendable ([UInt8]) -> Void
    // Guards everything below; `writing` keeps batches in order when two threads flush.
    private let lock = NSLock()
    private let writing = NSLock()
    private var buffer: [UInt8] = []
    private var second = -1
    private var stamp: [UInt8] = []

    static let batchBytes = 64 << 10

    /// A log whose lines say `label` and go to `output` (standard error by default).
    init(label: String, output: @escaping @Sendable ([UInt8]) -> Void = AccessLog.standardError) {
        prefix = " info \(label): [EnlaceServer] "
        self.output = output
        buffer.reserveCapacity(Self.batchBytes)
    }

    /// Adds the line of one request: method, redacted path, status and the time it took.
    func record(method: HTTPMethod, path: String, status: UInt, micros: Int) {
        let now = time(nil)
        lock.lock()
        if now != second { (second, stamp) = (now, Self.timestamp(now)) }
        buffer += stamp
        buffer += prefix.utf8
        buffer += method.rawValue.utf8
        buffer.append(UInt8(ascii: " "))
        buffer += path.utf8
        buffer += " \(status) \(micros)µs\n".utf8
        let full = buffer.count >= Self.batchBytes
        lock.unlock()
        if full { flush() }
    }

    /// Writes what is buffered.
    func flush() {
        writing.lock()
        defer { writing.unlock() }
        lock.lock()
        let batch = buffer
        buffer.removeAll(keepingCapacity: true)
        lock.unlock()
        if !batch.isEmpty { output(batch) }
    }

    /// Local time as swift-log's stream handler writes it (`2026-08-01T12:00:00+0000`).
    private static func timestamp(_ seconds: Int) -> [UInt8] {
        var seconds = seconds
        var local = tm()
        var text = [CChar](repeating: 0, count: 64)
        guard localtime_r(&seconds, &local) != nil else { return Array("<unknown>".utf8) }
        let count = strftime(&text, text.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return text.prefix(count).map { UInt8(bitPattern: $0) }
    }

    /// Writes `bytes` to standard error whole (a pipe may take them in parts).
    @Sendable static func standardError(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(2, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
