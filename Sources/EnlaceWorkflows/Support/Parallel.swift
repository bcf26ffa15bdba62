import Foundation

/// Runs `body` on consecutive ranges of `0..<count` (at most `chunkSize` long) on every core and
/// returns the results in range order, so that what the caller builds from them is the same
/// whatever the number of cores and however the chunks were scheduled.
public func inChunks<T>(of count: Int, chunkSize: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
    let chunks = (count + chunkSize - 1) / chunkSize
    var results = [T?](repeating: nil, count: chunks)
    results.withUnsafeMutableBufferPointer { buffer in
        // Each slot is written by exactly one chunk, and read only after every chunk is done.
        nonisolated(unsafe) let output = buffer
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            output[chunk] = body((chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize))
        }
    }
    return results.map { $0! }
}

/// Runs `body` on another thread at once; `wait()` gives its result (or throws its error).
public final class InBackground<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once before `done` is signalled, read only after waiting for it.
    private var result: Result<T, any Error>?

    public init(_ body: @escaping @Sendable () throws -> T) {
        DispatchQueue.global().async {
            self.result = Result(catching: body)
            self.done.signal()
        }
    }

    /// Waits for `body` to finish; every call gives the same result.
    public func wait() throws -> T {
        done.wait()
        done.signal()
        return try result!.get()
    }
}

/// Holds a transaction's commit on another thread until this one decides: `wait` (inside the
/// transaction) returns once `release(commit: true)` is called, or throws after
/// `release(commit: false)`, which rolls the transaction back.
public final class CommitGate: @unchecked Sendable {
    private let decided = DispatchSemaphore(value: 0)
    // Written once before `decided` is signalled, read only after waiting for it.
    private var commit = false

    public init() {}

    /// Lets the waiting transaction commit (`true`) or roll back (`false`). Call it once.
    public func release(commit: Bool) {
        self.commit = commit
        decided.signal()
    }

    /// Waits for the decision; throws when the transaction must not commit.
    public func wait() throws {
        decided.wait()
        decided.signal()
        guard commit else { throw CancellationError() }
    }
}
