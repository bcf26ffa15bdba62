/// Tokens looked up without a timing side channel.
///
/// A plain dictionary compares the requested string with stored keys byte by byte and stops at the
/// first difference, so response times could tell an attacker how much of a token is right. Here
/// the request is hashed with a per-process random key (Swift's seeded SipHash, so where a guess
/// lands tells nothing either) into an open-addressing table, and every stored token met on the
/// way to the next empty slot is compared in constant time.
///
/// The tokens are one flat array of bytes and the table one array of positions, so a lookup
/// touches no other array and counts no references: it runs on every request.
struct TokenIndex: Sendable {
    /// Every token's bytes, one after another.
    private let bytes: [UInt8]
    /// Where each token starts in `bytes`, then where the last one ends.
    private let starts: [Int]
    /// Position + 1 of the token in each slot (0: empty); a power of two, at least twice the tokens.
    private let slots: [Int]

    init(_ tokens: [String]) {
        var bytes: [UInt8] = [], starts = [0]
        for token in tokens {
            bytes += token.utf8
            starts.append(bytes.count)
        }
        var size = 1
        while size < tokens.count * 2 + 1 { size *= 2 }
        var slots = [Int](repeating: 0, count: size)
        bytes.withUnsafeBufferPointer { all in
            for position in tokens.indices {
                var slot = Self.key(UnsafeBufferPointer(rebasing: all[starts[position]..<starts[position + 1]])) & (size - 1)
                while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
                slots[slot] = position + 1
            }
        }
        (self.bytes, self.starts, self.slots) = (bytes, starts, slots)
    }

    /// The tokens, by position (`find` answers a position).
    var tokens: [String] {
        (0..<(starts.count - 1)).map { String(decoding: bytes[starts[$0]..<starts[$0 + 1]], as: UTF8.self) }
    }

    /// The position of the stored token equal to `token`, if any.
    /// - Complexity: O(length of `token`) for the hash, plus one constant-time comparison per
    ///   stored token met before an empty slot (with the table at most half full, about one).
    func find(_ token: Substring) -> Int? {
        if let found = token.utf8.withContiguousStorageIfAvailable({ find(bytes: $0) }) { return found }
        return Array(token.utf8).withUnsafeBufferPointer { find(bytes: $0) }
    }

    private func find(bytes wanted: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var found: Int?
        bytes.withUnsafeBufferPointer { all in
            starts.withUnsafeBufferPointer { starts in
                slots.withUnsafeBufferPointer { slots in
                    var slot = Self.key(wanted) & mask
                    while slots[slot] != 0 {
                        let position = slots[slot] - 1
                        let stored = UnsafeBufferPointer(rebasing: all[starts[position]..<starts[position + 1]])
                        if Self.constantTimeEqual(stored, wanted) { found = position }
                        slot = (slot + 1) & mask
                    }
                }
            }
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
