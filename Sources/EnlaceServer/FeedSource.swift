import Foundation
import Hummingbird

/// One published feed as the server sends it.
///
/// Everything a response needs is computed once, when the file is read: the body as a `ByteBuffer`
/// (sent without copying), the ETag and the Last-Modified text. A request then allocates nothing
/// for the feed itself.
public struct FeedFile: Sendable, Equatable {
    /// The iCalendar bytes, ready to send.
    public let body: ByteBuffer
    /// A strong entity tag computed from the bytes (quoted, as sent in `ETag`). DTSTAMP is derived
    /// from LAST-MODIFIED, so equal events give equal bytes and an unchanged feed keeps its tag.
    public let etag: String
    /// When the file last changed (Enlace rewrites a feed only when its bytes change).
    public let lastModified: Date
    /// `lastModified` as an HTTP date.
    let lastModifiedText: String
    /// `Content-Length` of a full answer.
    let lengthText: String

    public init(bytes: [UInt8], lastModified: Date) {
        self.init(body: ByteBuffer(bytes: bytes), lastModified: lastModified)
    }

    init(body: ByteBuffer, lastModified: Date) {
        self.body = body
        self.etag = body.withUnsafeReadableBytes { "\"" + Self.digest($0) + "\"" }
        self.lastModified = lastModified
        self.lastModifiedText = HTTPDate.string(lastModified)
        self.lengthText = String(body.readableBytes)
    }

    /// The iCalendar bytes as an array (a copy; for tests and comparisons).
    public var bytes: [UInt8] { Array(body.readableBytesView) }

    /// 128 bits of two FNV-1a variants, hex: enough to tell versions of one feed apart.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> String {
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
    func feed(token: Substring) -> FeedFile?
}

/// A fixed set of feeds, for tests.
public struct InMemoryFeedSource: FeedSource {
    private let index: TokenIndex
    private let files: [FeedFile]

    /// Feeds by token.
    public init(_ files: [String: FeedFile]) {
        let sorted = files.sorted { $0.key < $1.key }
        self.files = sorted.map(\.value)
        self.index = TokenIndex(sorted.map(\.key))
    }

    public func feed(token: Substring) -> FeedFile? {
        index.find(token).map { files[$0] }
    }
}

/// Tokens looked up without a timing side channel.
///
/// A plain dictionary compares the requested string with stored keys byte by byte and stops at the
/// first difference, so response times could tell an attacker how much of a token is right. Here
/// the request is hashed with a per-process random key (Swift's seeded SipHash, so which bucket a
/// guess lands in tells nothing either), and the few stored tokens in that bucket are all compared
/// in constant time.
struct TokenIndex: Sendable {
    private let buckets: [Int: [Int]]
    /// The tokens, by position (`find` answers a position).
    let tokens: [[UInt8]]

    init(_ tokens: [String]) {
        self.tokens = tokens.map { Array($0.utf8) }
        var buckets: [Int: [Int]] = [:]
        for (position, token) in self.tokens.enumerated() {
            buckets[token.withUnsafeBufferPointer(Self.key), default: []].append(position)
        }
        self.buckets = buckets
    }

    /// The position of the stored token equal to `token`, if any.
    /// - Complexity: O(length of `token`) for the hash, plus one constant-time comparison per
    ///   stored token in its bucket (almost always zero or one).
    func find(_ token: Substring) -> Int? {
        if let found = token.utf8.withContiguousStorageIfAvailable({ find(bytes: $0) }) { return found }
        return Array(token.utf8).withUnsafeBufferPointer { find(bytes: $0) }
    }

    private func find(bytes wanted: UnsafeBufferPointer<UInt8>) -> Int? {
        var found: Int?
        for position in buckets[Self.key(wanted)] ?? [] {
            if tokens[position].withUnsafeBufferPointer({ Self.constantTimeEqual($0, wanted) }) { found = position }
        }
        return found
    }

    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
        return hasher.finalize()
    }

    /// Equality that takes the same time wherever the first difference is.
    static func constantTimeEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
