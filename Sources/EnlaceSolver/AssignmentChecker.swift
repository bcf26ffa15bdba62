/// Keeps a set of elements assignable to a few bins of given sizes (at most 64 bins), inserting
/// with augmenting paths: Hall's condition for a bipartite b-matching, checked incrementally.
struct AssignmentChecker {
    private var members: [[Int]]
    private var slotsOf: [UInt64] = []
    private let binSizes: [Int]

    init(binSizes: [Int]) {
        members = Array(repeating: [], count: binSizes.count)
        self.binSizes = binSizes
    }

    /// Adds an element that fits the bins whose bits are set in `slots`; false (and no change)
    /// when the set would not be assignable.
    mutating func insert(slots: UInt64) -> Bool {
        let element = slotsOf.count
        slotsOf.append(slots)
        var visited: UInt64 = 0
        if place(element, &visited) { return true }
        slotsOf.removeLast()
        return false
    }

    private mutating func place(_ element: Int, _ visited: inout UInt64) -> Bool {
        var bins = slotsOf[element] & ~visited
        while bins != 0 {
            let bin = bins.trailingZeroBitCount
            bins &= bins - 1
            if members[bin].count < binSizes[bin] {
                members[bin].append(element)
                return true
            }
        }
        bins = slotsOf[element] & ~visited
        while bins != 0 {
            let bin = bins.trailingZeroBitCount
            bins &= bins - 1
            visited |= 1 << UInt64(bin)
            for (position, other) in members[bin].enumerated() where place(other, &visited) {
                members[bin][position] = element
                return true
            }
        }
        return false
    }
}
