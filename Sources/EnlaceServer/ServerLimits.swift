/// What one `enlace serve` process allows its clients and itself: the limits that keep slow,
/// silent or too many clients from blocking the families' calendar apps, and the memory it keeps
/// for file bodies.
///
/// The defaults suit a district server behind nothing or behind a proxy; docs/RELIABILITY.md
/// says why each is what it is.
public struct ServerLimits: Sendable, Equatable {
    /// Time a connection has to send a whole request head: from its opening, or from the first
    /// byte after the previous answer. Slow-header clients (slowloris) are closed after it.
    public var headerTimeout: Duration
    /// Time an open connection may wait, after an answer, without sending a byte of a next
    /// request. Silent keep-alive connections are closed after it.
    public var idleTimeout: Duration
    /// Open connections at most; one more is closed as soon as it is accepted, so excess clients
    /// are told at once instead of waiting in a queue. Lowered at start if the file-descriptor
    /// limit cannot hold it.
    public var maxConnections: Int
    /// Bytes of file bodies (plain and gzip) kept in memory; beyond it, bodies are read from disk
    /// (and compressed) per request.
    public var cacheBytes: Int

    /// 10 s for a request head, 30 s idle, 4,096 connections, 256 MiB of cached bodies.
    public static let standard = ServerLimits(headerTimeout: .seconds(10), idleTimeout: .seconds(30),
                                              maxConnections: 4096, cacheBytes: 256 << 20)

    /// Limits with every value given.
    public init(headerTimeout: Duration, idleTimeout: Duration, maxConnections: Int, cacheBytes: Int) {
        self.headerTimeout = headerTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.cacheBytes = cacheBytes
    }
}
