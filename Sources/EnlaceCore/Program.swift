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

    public init(settings: ProgramSettings, sites: [Site], mentors: [Mentor], parents: [Parent],
                openHouses: [OpenHouse], blackouts: Set<LocalDate>) {
        self.settings = settings
        self.sites = sites.sorted { $0.id < $1.id }
        self.mentors = mentors.sorted { $0.id < $1.id }
        self.parents = parents.sorted { $0.id < $1.id }
        self.openHouses = openHouses.sorted()
        self.blackouts = blackouts
    }

    /// The dates of the term, first to last.
    public var term: ClosedRange<LocalDate> { settings.termStart...settings.termEnd }
}

/// Contact details of one person. They are stored in the database and never leave it: no feed,
/// output file or log carries them, and plugins do not see them.
public struct Contact: Hashable, Sendable {
    public var email: String?
    public var phone: String?

    public init(email: String?, phone: String?) {
        self.email = email
        self.phone = phone
    }
}

/// A program folder read and validated: the model, the contact details kept apart, and warnings.
public struct LoadedProgram: Sendable {
    public var program: Program
    public var mentorContacts: [MentorID: Contact]
    public var parentContacts: [ParentID: Contact]
    /// Problems that did not stop the import, in file order.
    public var warnings: [InputWarning]
    /// A fingerprint of every input file's bytes: equal inputs, equal value.
    public var inputFingerprint: String
    /// The text of `enlace.toml`, stored with the program.
    public var settingsText: String

    public init(program: Program, mentorContacts: [MentorID: Contact], parentContacts: [ParentID: Contact],
                warnings: [InputWarning], inputFingerprint: String, settingsText: String) {
        self.program = program
        self.mentorContacts = mentorContacts
        self.parentContacts = parentContacts
        self.warnings = warnings
        self.inputFingerprint = inputFingerprint
        self.settingsText = settingsText
    }
}
