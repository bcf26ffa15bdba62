/// A small seeded pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014).
///
/// The demo data and the property tests must be byte-identical for a seed on every platform and
/// Swift version, so they cannot use the standard library's `SystemRandomNumberGenerator` or its
/// unspecified algorithms such as `shuffle()` / `randomElement()` with a custom generator; every
/// draw goes through the explicit methods below. Nothing in the product draws from it except the
/// demo generator: the core has no randomness of its own.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (`bound` > 0), by Lemire's multiply-shift; the tiny
    /// bias it leaves for huge bounds does not matter for demo data.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "empty range")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// A uniform element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index drawn with probability proportional to `weights` (non-negative, not all zero).
    ///
    /// - Complexity: O(log n) with the table's prefix sums, so that drawing one of thousands of
    ///   schools for each of 600,000 parents stays linear in the number of parents.
    public mutating func weightedIndex(_ table: WeightedTable) -> Int {
        let draw = below(table.total)
        // The first index whose running total exceeds the draw.
        var low = 0
        var high = table.runningTotals.count - 1
        while low < high {
            let middle = (low + high) / 2
            if table.runningTotals[middle] > draw { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Fisher–Yates shuffle, written out so that the permutation is fixed by the seed.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }

    /// A new generator for an independent stream, so that adding draws to one part of the
    /// district (say, mentors) does not change another (parents).
    public mutating func fork(_ salt: UInt64) -> SplitMix64 { SplitMix64(seed: next() ^ salt) }
}

/// Weights prepared for repeated draws: their running totals.
public struct WeightedTable: Sendable, ExpressibleByArrayLiteral {
    let runningTotals: [Int]
    public var total: Int { runningTotals.last ?? 0 }

    /// A table of non-negative weights, not all zero.
    public init(_ weights: [Int]) {
        var sum = 0
        runningTotals = weights.map { sum += $0; return sum }
        precondition(sum > 0, "no weight to draw from")
    }

    public init(arrayLiteral weights: Int...) { self.init(weights) }
}
