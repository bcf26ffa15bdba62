import EnlaceCore

/// The name a feed shows for a person: the one its reader can read (spec section 7).
///
/// The roster's `display_name` column when it has one (written as given), else the given name
/// (`GivenName`); and when that is written in a script the reader's language does not use, its
/// Latin transliteration first and the name as written after it, in parentheses: "Jeong-ho
/// (정호)" in a Spanish or an Arabic feed, "정호" in a Korean one. Latin letters are taken as
/// readable by everyone (they are what a transliteration gives).
public struct ReadableName: Sendable {
    /// The scripts the reader reads: those their language's own texts are written in, and Latin.
    public let scripts: Set<NameScript>

    /// A reader of `scripts` (Latin is added: everyone reads a transliteration).
    public init(scripts: Set<NameScript>) {
        self.scripts = scripts.union([.latin])
    }

    /// For someone who reads `strings`: the scripts of its texts (so a district's own table is
    /// covered without a setting: its texts say which script it uses).
    public init(reading strings: FeedStrings) {
        let sample = ["calendar_parent", "session_title", "about_program", "meeting_language", "waiting_title"]
            .map { strings.text($0) }.joined(separator: " ")
        self.init(scripts: NameScript.scripts(in: sample))
    }

    /// How `name` (a roster's `name` cell) and `displayName` (its `display_name` cell, if any) of
    /// a person who speaks `languages` read for this reader.
    public func name(_ name: String, displayName: String?, languages: [LanguageTag]) -> String {
        let shown = Self.shownName(name, displayName: displayName, languages: languages)
        let foreign = NameScript.scripts(in: shown).subtracting(scripts)
        guard foreign.count == 1, let script = foreign.first,
              let latin = Transliteration.latin(shown, script: script, languages: languages) else { return shown }
        return latin + " (" + shown + ")"
    }

    /// The name to show before any transliteration: `display_name`, else the given name.
    static func shownName(_ name: String, displayName: String?, languages: [LanguageTag]) -> String {
        if let display = displayName?.trimmingSpaces(), !display.isEmpty { return display }
        return GivenName.of(name, languages: languages)
    }

    /// The scripts of the name shown for a person (display name or given name) that Enlace cannot
    /// write in Latin letters, sorted; empty when every reader can read it or a transliteration
    /// helps them.
    public static func untransliterable(_ name: String, displayName: String?, languages: [LanguageTag]) -> [NameScript] {
        let shown = shownName(name, displayName: displayName, languages: languages)
        return NameScript.scripts(in: shown).filter { $0 != .latin && !Transliteration.isSupported($0, languages: languages) }.sorted()
    }
}

extension Mentor {
    /// The roster's `display_name` column, when it has one.
    public var displayName: String? { attributes["display_name"] }
}

extension Parent {
    /// The roster's `display_name` column, when it has one.
    public var displayName: String? { attributes["display_name"] }
}
