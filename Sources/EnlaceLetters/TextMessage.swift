import EnlaceCore
import EnlaceFeeds

/// The text messages of spec section 12: one per family, in their language, with their https
/// feed link, for an SMS or WhatsApp mail merge (`out/messages.csv`).
public enum TextMessage {
    /// The longest message, in characters (grapheme clusters, as a phone counts what it shows),
    /// link included.
    public static let maximumLength = TranslationLimits.textMessageCharacters

    /// The message of `letter`'s family: `sms_matched` (with the mentor's first name) or
    /// `sms_waiting`. A program name that would make it too long is shortened (ending in "…");
    /// nil when even a message without the program's name is too long (a very long
    /// `feed_base_url`, mentor name or district wording).
    public static func text(for letter: FamilyLetter) -> String? {
        let strings = letter.strings
        let key = letter.isWaiting ? "sms_waiting" : "sms_matched"
        func filled(_ program: String) -> String {
            var values = ["program": program, "url": letter.feedURL]
            if let meeting = letter.meeting { values["mentor"] = meeting.mentorName }
            return strings.text(key, values)
        }
        let full = filled(letter.program)
        guard full.count > maximumLength else { return full }
        let excess = full.count - maximumLength
        guard letter.program.count > excess + 1 else { return nil }
        let shortened = filled(String(letter.program.prefix(letter.program.count - excess - 1)).trimmingSpaces() + "…")
        return shortened.count <= maximumLength ? shortened : nil
    }

    /// `out/messages.csv`: `parent_id,language,text`, one row per family by parent id;
    /// `messages` holds each family's text (`text(for:)`), by parent.
    public static func csv(_ letters: [FamilyLetter], messages: [ParentID: String]) -> String {
        var lines = ["parent_id,language,text"]
        for letter in letters.sorted(by: { $0.parent < $1.parent }) {
            guard let message = messages[letter.parent] else { continue }
            lines.append([letter.parent.rawValue, letter.strings.language, message].map(CSVCell.text).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
