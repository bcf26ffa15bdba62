/// Everything the matcher reads: the validated content of a program folder.
///
/// Arrays are sorted by id, so that every computation over a program is deterministic.
public struct Program: Sendable {
    public var settings: ProgramSettings
    public var sites: [Site]
    public var mentors: [Mentor]
    public var parents: [Parent]
    /// Open-house occurrences within the term, sorted by site then start.
    public var openHouses: [OpenHouse]
    /// Local dates with no meetings.
    public var blackouts: Set<LocalDate>
    /// The curriculum's topics from `data/topics.csv` (empty without that file), sorted by id.
    public var topics: [Topic]

    public init(settings: ProgramSettings, sites: [Site], mentors: [Mentor], parents: [Parent],
                openHouses: [OpenHouse], blackouts: Set<LocalDate>, topics: [Topic] = []) {
        self.settings = settings
        self.sites = sites.sorted { $0.id < $1.id }
        self.mentors = mentors.sorted { $0.id < $1.id }
        self.parents = parents.sorted { $0.id < $1.id }
        self.openHouses = openHouses.sorted()
        self.blackouts = blackouts
        self.topics = topics.sorted { $0.id < $1.id }
    }

    /// The dates of the term, first to last.
    public var term: ClosedRange<LocalDate> { settings.termStart...settings.termEnd }
}
