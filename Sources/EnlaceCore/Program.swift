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
