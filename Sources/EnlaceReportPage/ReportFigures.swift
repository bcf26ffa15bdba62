import EnlaceCore

/// Everything `out/report.html` shows, as counts: computed once from the stored program and the
/// latest run (`ReportFigures.init(program:schedule:waiting:asOf:)`), then rendered in the
/// coordinator's language (`ReportPage`). Families appear only as counts, except the ids of the
/// families who are waiting; no name, address, email or phone number is held here.
public struct ReportFigures: Sendable, Equatable {
    /// The program's name, as `enlace.toml` gives it.
    public var programName: String
    /// The report's moment: sessions that start before it have been held.
    public var asOf: LocalDateTime
    /// The moment the latest run planned from.
    public var plannedFrom: LocalDateTime
    /// The term's first and last days.
    public var term: ClosedRange<LocalDate>
    /// The figures at the top of the page.
    public var headline: Headline
    /// Families by their preferred language (primary subtag), most families first.
    public var byLanguage: [Coverage]
    /// Families by their child's school, most families first.
    public var bySite: [Coverage]
    /// The waiting families, grouped by what would help them, largest groups first.
    public var waiting: [WaitingGroup]
    /// Every mentor of the program, by id, with their load.
    public var mentors: [MentorLoad]
    /// The term week by week.
    public var calendar: TermCalendar
    /// Nil when the program has no curriculum data yet (no data/topics.csv, or no topics planned).
    public var curriculum: CurriculumFigures?
    /// Nil when the program has no attendance yet.
    public var participation: ParticipationFigures?
}

/// The figures at the top of the report.
public struct Headline: Sendable, Equatable {
    /// Families in the latest run: with a group from now on, or waiting.
    public var families: Int
    /// Families with a group from now on.
    public var matched: Int
    /// Groups with members from now on.
    public var groups: Int
    /// Mentors leading at least one of those groups.
    public var mentorsLeading: Int
    /// Mentors in the program.
    public var mentors: Int
    /// Seats taken in the mentors' groups.
    public var seatsTaken: Int
    /// The mentors' capacities added up.
    public var seats: Int
    /// The schedule's score.
    public var score: Int
    /// The bound no schedule can beat.
    public var bound: Int
    /// Sessions held so far, every group counted.
    public var sessionsHeld: Int
    /// Sessions to come, every group counted.
    public var sessionsToCome: Int

    /// Families waiting for a group.
    public var waiting: Int { families - matched }

    /// The relative gap between score and bound, 0 when they are equal.
    public var gap: Double { bound == score ? 0 : Double(bound - score) / Double(max(abs(bound), 1)) }
}

/// How many families of one language or school have a group, and how many wait.
public struct Coverage: Sendable, Equatable {
    /// The language's primary subtag or the site's id; "" for families no longer in the
    /// imported data/parents.csv; `ReportFigures.othersKey` for the rows folded into one.
    public var key: String
    /// The site's name (the language's name is the renderer's to choose); for folded rows, how
    /// many rows were folded.
    public var name: String
    /// Families with a group from now on.
    public var matched: Int
    /// Families waiting for a group.
    public var waiting: Int

    /// Families in all.
    public var families: Int { matched + waiting }
}

/// One mentor's seats and groups from now on.
public struct MentorLoad: Sendable, Equatable {
    /// The mentor's id in data/mentors.csv.
    public var id: MentorID
    /// Families in the mentor's groups from now on.
    public var taken: Int
    /// The mentor's capacity (data/mentors.csv).
    public var capacity: Int
    /// Groups the mentor leads from now on.
    public var groups: Int
}

/// The term week by week.
public struct TermCalendar: Sendable, Equatable {
    /// One week, Monday to Sunday.
    public struct Week: Sendable, Equatable {
        /// The week's Monday (before the term's first day for its first week).
        public var monday: LocalDate
        /// Sessions held that week, every group counted.
        public var held: Int
        /// Sessions to come that week.
        public var toCome: Int
        /// Open houses at any site that week.
        public var openHouses: Int
        /// Days of the term without meetings that week.
        public var blackoutDays: Int
    }

    /// One site's open houses in the term.
    public struct SiteOpenHouses: Sendable, Equatable {
        /// The site's name.
        public var name: String
        /// Its open houses within the term.
        public var count: Int
        /// The first open house on or after the report's moment, nil when none is left.
        public var next: LocalDate?
    }

    /// Every week that holds a day of the term.
    public var weeks: [Week]
    /// Runs of consecutive days without meetings within the term, in order.
    public var blackoutPeriods: [ClosedRange<LocalDate>]
    /// Sites with open houses in the term, by name.
    public var openHouses: [SiteOpenHouses]
}

/// The curriculum (spec section 10): what families asked for and what their groups teach.
public struct CurriculumFigures: Sendable, Equatable {
    /// One topic of data/topics.csv, or a topic families asked for that it does not define.
    public struct Topic: Sendable, Equatable {
        /// The topic's id in topics.csv or parents.csv.
        public var id: String
        /// The title in the report's language where topics.csv has it, else its plain title;
        /// the id for a topic topics.csv does not define.
        public var title: String
        /// Whether topics.csv makes it required.
        public var required: Bool
        /// Families who listed the topic.
        public var asked: Int
        /// Families who listed it first.
        public var askedFirst: Int
        /// Families who listed it and whose group teaches it.
        public var membersCovered: Int
        /// Groups that teach it.
        public var groupsTeaching: Int
    }

    /// In topics.csv order (by id), then the undefined ones.
    public var topics: [Topic]
    /// Required topics some group with a mentor trained in them could not fit (their titles); nil
    /// when the run does not say.
    public var requiredMissing: [String]?
}

/// Participation (spec section 11): who came, and how.
public struct ParticipationFigures: Sendable, Equatable {
    /// Attendance in the sessions of one calendar month.
    public struct Month: Sendable, Equatable {
        /// The year.
        public var year: Int
        /// The month, 1 to 12.
        public var month: Int
        /// Sessions attended in person.
        public var inPerson: Int
        /// Sessions attended online (the video meeting).
        public var online: Int
        /// Sessions followed by their recording.
        public var recording: Int
    }

    /// Months from the first held session to the last, in order.
    public var months: [Month]
    /// Sessions held for families (one per family and session).
    public var held: Int
    /// Of those, the sessions the family attended, in any way.
    public var attended: Int
    /// Families who missed their group's last two held sessions (out/follow-up.csv).
    public var followUp: Int
}
