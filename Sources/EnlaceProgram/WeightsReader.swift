import EnlaceCore

/// Reads `[weights]` and checks that the weights still make matching a family worth something.
///
/// The solver maximises the weighted sum exactly as written, so a sign mistake does not fail: it
/// quietly changes what "best" means. `matched = -1000000` made leaving every family unmatched
/// the best schedule, and the unmatched reasons (which explain the hard rules) blamed capacity.
/// So the signs that would turn matching into a loss are refused, and the legal but surprising
/// ones are reported as warnings at import.
enum WeightsReader {
    /// The weights that count once per parent in a group: with `matched`, what a family in a group
    /// is worth (before the group's own cost).
    static let perParentKeys = ["preferred_language", "open_house", "continuity", "same_group"]

    static func read(_ keys: Keys) throws(InputError) -> Weights {
        try keys.refuseUnknownKeys(allowed: Weights.keys)
        var weights = Weights()
        for key in Weights.keys {
            if let value = try keys.integer(key, range: -1_000_000...1_000_000) { weights[key] = value }
        }
        if weights.matched < 1 {
            throw keys.error("matched", "is \(weights.matched); it must be positive. It is what each family in a group is worth: at \(weights.matched) leaving every family unmatched scores at least as well as matching them.",
                             fix: "use a positive number such as matched = 100 (the default), and lower the other weights instead.")
        }
        if weights.sharedTopicCap < 0 {
            throw keys.error("shared_topic_cap", "must not be negative.", fix: "write a count such as shared_topic_cap = 3.")
        }
        try refuseNegativeFamilies(weights, keys)
        return weights
    }

    /// A family in a group must be worth more than nothing whatever the other terms say; otherwise
    /// the matcher leaves families out on purpose and no reason says why.
    private static func refuseNegativeFamilies(_ weights: Weights, _ keys: Keys) throws(InputError) {
        var penalties = perParentKeys.compactMap { key in weights[key].flatMap { $0 < 0 ? (key, $0) : nil } }
        if weights.sharedTopic < 0 { penalties.append(("shared_topic", weights.sharedTopic * weights.sharedTopicCap)) }
        let worst = weights.matched + penalties.reduce(0) { $0 + $1.1 }
        guard worst <= 0, let largest = penalties.min(by: { $0.1 < $1.1 }) else { return }
        let sum = penalties.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        throw keys.error(largest.0, "makes a family in a group worth \(worst) points (matched \(weights.matched); \(sum)), so the matcher would rather leave such families unmatched.",
                         fix: "keep matched larger than the negative weights together: raise matched or bring \(penalties.map(\.0).joined(separator: " and ")) closer to 0.")
    }

    /// Legal weights with a consequence a coordinator may not expect.
    static func warnings(_ weights: Weights, text: String, file: String) -> [InputWarning] {
        let line = Keys.line(of: "group", section: "weights", in: text)
        if weights.group > 0 {
            return [InputWarning(file: file, line: line, message: "[weights] group is \(weights.group), a reward for every group: the matcher spreads families over as many groups as mentors may lead. A negative number (the default is -20) prefers fewer, fuller groups.")]
        }
        if weights.matched + weights.group <= 0 {
            let smallest = -weights.group / weights.matched + 1
            return [InputWarning(file: file, line: line, message: "[weights] group (\(weights.group)) outweighs matched (\(weights.matched)): a group is worth opening only for at least \(smallest) families, so a family who would be alone in a group stays unmatched. Raise matched or bring group closer to 0 if every family should be placed.")]
        }
        return []
    }
}
