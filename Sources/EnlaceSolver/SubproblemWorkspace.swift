extension MentorSubproblem {
    /// Per-parent and per-group buffers of `solve` and its helpers, reused from call to call
    /// (`SubproblemWorkspace`).
    struct Scratch {
        /// Prices by local parent index.
        let price: FixedBuffer<Double>
        /// Group i's ranked list: `listCount[i]` entries from `i × capacity` on, best first, of
        /// its members worth something (local index, reduced weight).
        let listParent: FixedBuffer<Int32>, listValue: FixedBuffer<Double>, listCount: FixedBuffer<Int>
        /// Per local parent, for the configuration being valued: its best listed weight, the
        /// configuration's groups it is listed in (bits by position in the configuration), and
        /// stamps saying which entries are current and which parents the greedy has seen.
        let value: FixedBuffer<Double>
        let slots: FixedBuffer<UInt64>
        let stamp: FixedBuffer<Int>, seen: FixedBuffer<Int>
        var generation = 0
        /// The listed parents of the configuration being valued (local indices), each once.
        var touched: [Int32] = []
        /// Each configuration group's next list position in the greedy's merge.
        var heads: [Int] = []
        /// A parent's node in `exactValue`'s network.
        let node: FixedBuffer<Int32>
        var singles: [Double], order: [Int] = []
        var topValues: [Double] = [], deepest: [Double]
        /// The parents (local indices) the last valued configuration takes.
        var taken: [Int32] = []
        var network = AssignmentNetwork(nodes: 0)

        init(parents: Int, groups: Int, maxGroups: Int, listLength: Int) {
            price = FixedBuffer(repeating: 0, count: parents)
            listParent = FixedBuffer(repeating: 0, count: groups * listLength)
            listValue = FixedBuffer(repeating: 0, count: groups * listLength)
            listCount = FixedBuffer(repeating: 0, count: groups)
            value = FixedBuffer(repeating: 0, count: parents)
            slots = FixedBuffer(repeating: 0, count: parents)
            stamp = FixedBuffer(repeating: -1, count: parents)
            seen = FixedBuffer(repeating: -1, count: parents)
            node = FixedBuffer(repeating: 0, count: parents)
            singles = Array(repeating: 0, count: groups)
            deepest = Array(repeating: 0, count: maxGroups + 1)
        }

        init() {
            self.init(parents: 0, groups: 0, maxGroups: 0, listLength: 0)
        }
    }
}

/// The buffers one subproblem's `solve` reuses from call to call: a branch and bound calls it tens
/// of thousands of times, and allocating them on every call showed in its profiles
/// (docs/PERFORMANCE.md, "Matcher"). A subproblem
/// is solved by one thread at a time (`LagrangianRelaxation.solveStale` gives each mentor to one
/// iteration; every other caller is sequential), which is why copies of a subproblem may share it
/// and why it may be marked Sendable.
final class SubproblemWorkspace: @unchecked Sendable {
    var scratch: MentorSubproblem.Scratch
    /// What stands in `scratch` while the buffers are taken: made once, so that taking them
    /// allocates nothing.
    private let placeholder = MentorSubproblem.Scratch()

    init(_ scratch: MentorSubproblem.Scratch) { self.scratch = scratch }

    /// The buffers, moved out (so that the caller's copy is unique and mutated in place); the
    /// caller puts them back when done.
    func take() -> MentorSubproblem.Scratch {
        var taken = placeholder
        swap(&taken, &scratch)
        return taken
    }
}
