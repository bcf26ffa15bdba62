import Foundation

/// The memory the server's kept file bodies may take, shared by the published folders.
///
/// A body is kept only when its bytes can be reserved here, and its bytes are given back when it
/// is replaced or its file disappears, so the kept bodies never exceed `limit` however many files
/// a district publishes.
public final class ByteBudget: @unchecked Sendable {
    /// Bytes the kept bodies may take at most.
    public let limit: Int
    // Guards `used`.
    private let lock = NSLock()
    private var used = 0

    /// A budget of `limit` bytes (a negative limit is 0: nothing is kept).
    public init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Reserves `bytes`; false (and nothing reserved) when they do not fit.
    func reserve(_ bytes: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard bytes <= limit - used else { return false }
        used += bytes
        return true
    }

    /// Whether `bytes` would fit now.
    func fits(_ bytes: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return bytes <= limit - used
    }

    /// Gives back bytes reserved before.
    func release(_ bytes: Int) {
        guard bytes > 0 else { return }
        lock.lock()
        used -= bytes
        lock.unlock()
    }

    /// Bytes reserved now.
    public var usedBytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return used
    }
}
