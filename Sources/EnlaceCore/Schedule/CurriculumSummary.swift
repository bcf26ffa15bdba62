/// What a run's curriculum is worth and what it could not fit (spec section 10): the top-level
/// `"curriculum"` of `schedule.json`.
public struct CurriculumSummary: Sendable, Equatable {
    /// The sum over groups of their curriculum's value: for each session from now on with a topic,
    /// `required_weight` if the topic is required plus the rank weight of every member who listed it.
    public var value: Int
    /// The required topics that some group meeting from now on, whose mentor was trained in them,
    /// teaches in none of its sessions this term (held sessions count), sorted by id.
    public var requiredMissing: [TopicID]

    /// A summary; the default is a run without topics.
    public init(value: Int = 0, requiredMissing: [TopicID] = []) {
        self.value = value
        self.requiredMissing = requiredMissing.sorted()
    }
}
