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
