import Foundation

/// One published feed as the server sends it.
public struct FeedFile: Sendable, Equatable {
    /// The iCalendar bytes.
    public let bytes: [UInt8]
    /// A strong entity tag computed from the bytes (quoted, as sent in `ETag`). DTSTAMP is derived
    /// from LAST-MODIFIED, so equal events give equal bytes and an unchanged feed keeps its tag.
    public let etag: String
    /// When the file last changed (Enlace rewrites a feed only when its bytes change).
    public let lastModified: Date

    public init(bytes: [UInt8], lastModified: Date) {
        self.bytes = bytes
        self.etag = "\"" + Self.digest(bytes) + "\""
        self.lastModified = lastModified
    }

    /// 128 bits of two FNV-1a variants, hex: enough to tell versions of one feed apart.
    static func digest(_ bytes: [UInt8]) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b &* 0x100_0000_01b3) ^ UInt64(byte)
        }
        return [a, b].map { value in
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}

/// Where the server finds feeds, by token. The folder implementation serves what `enlace feeds`
/// last wrote; tests use `InMemoryFeedSource`.
public protocol FeedSource: Sendable {
    /// The feed for `token`, or nil when no feed has that token. `token` has the shape of a token
    /// (checked by the caller); implementations look it up in constant time.
    func feed(token: String) -> FeedFile?
}

/// A fixed set of feeds, for tests.
public struct InMemoryFeedSource: FeedSource {
    private let index: TokenIndex
    private let files: [String: FeedFile]

    /// Feeds by token.
    public init(_ files: [String: FeedFile]) {
        self.files = files
        self.index = TokenIndex(Array(files.keys))
    }

    public func feed(token: String) -> FeedFile? {
        index.find(token).flatMap { files[$0] }
    }
}

/// Tokens looked up without a timing side channel.
///
/// A plain dictionary compares the requested string with stored keys byte by byte and stops at the
/// first difference, so response times could tell an attacker how much of a token is right. Here
/// the request is hashed with a per-process random key (Swift's seeded SipHash), and the few
/// stored tokens in that bucket are compared in constant time.
struct TokenIndex: Sendable {
    private let buckets: [Int: [[UInt8]]]

    init(_ tokens: [String]) {
        var buckets: [Int: [[UInt8]]] = [:]
        for token in tokens { buckets[Self.key(token), default: []].append(Array(token.utf8)) }
        self.buckets = buckets
    }

    /// The stored token equal to `token`, if any.
    func find(_ token: String) -> String? {
        let wanted = Array(token.utf8)
        var found: [UInt8]?
        for candidate in buckets[Self.key(token)] ?? [] where Self.constantTimeEqual(candidate, wanted) {
            found = candidate
        }
        return found.map { String(decoding: $0, as: UTF8.self) }
    }

    private static func key(_ token: String) -> Int {
        var hasher = Hasher()
        hasher.combine(token)
        return hasher.finalize()
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
