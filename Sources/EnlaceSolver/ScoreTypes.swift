import EnlaceCore

/// Parents that every pair-score rule scores alike (`RuleHooks.scoreKeys`): two parents of one
/// type weigh the same in every group both fit. A class of a very large district holds tens of
/// thousands of parents but a few dozen types, so one parent of each type scored per group gives
/// every member's weight (`ConfigurationBound.typedLists`).
public struct ScoreTypes: Sendable {
    /// Each parent's type, numbered by the first parent of each type.
    public let typeOfParent: [Int32]
    /// How many types there are.
    public let count: Int

    /// The types of `rules`' parents, or nil when some pair-score rule gives no keys, or a
    /// predicate rule (`RuleHooks.pairFilter`) may narrow a class differently for each group.
    ///
    /// - Throws: `InputError` naming a plugin whose keys are not one per parent.
    init?(parentCount: Int, rules: RuleSet) throws(InputError) {
        let scorers = rules.with(.pairScore)
        guard scorers.allSatisfy({ $0.hooks.contains(.scoreKeys) }), rules.with(.pairFilter).isEmpty else { return nil }
        var types = Array(repeating: Int32(0), count: parentCount), count = parentCount > 0 ? 1 : 0
        for scorer in scorers {
            let keys = scorer.rule.scoreKeys()
            guard keys.count == parentCount else {
                throw MatchModel.broken(scorer, "scoreKeys() gave keys for \(keys.count) parents; the program has \(parentCount) parents")
            }
            var refined: [Int64: Int32] = [:]
            for p in types.indices {
                let pair = Int64(types[p]) << 32 | Int64(UInt32(bitPattern: keys[p]))
                if let known = refined[pair] {
                    types[p] = known
                } else {
                    let next = Int32(refined.count)
                    refined[pair] = next
                    types[p] = next
                }
            }
            count = refined.count
        }
        typeOfParent = types
        self.count = count
    }
}
