// The letters home, text messages and join pages of spec section 12: what each family is told
// (`FamilyLetter`, built by `LetterPlanner` from a run), and how it is written (`LetterPage` for
// the printed letters and the mobile join page, `TextMessage` for SMS and WhatsApp). Pure: no
// clock, no files; the same run, translations and moment give the same bytes.
import EnlaceCore
import EnlaceFeeds

/// What one family's letter says, in their language: everything is resolved here, so rendering
/// only arranges it. It holds this family's details and no one else's.
public struct FamilyLetter: Sendable {
    /// The family's id in `data/parents.csv`.
    public var parent: ParentID
    /// The site of the child's school: the letters of a site are printed together.
    public var site: SiteID
    /// The family's language (`FeedStrings.language` is the page's `lang`).
    public var strings: FeedStrings
    /// The name on the roster (`data/parents.csv`), as the family wrote it.
    public var familyName: String
    /// The program's name (`name` in `enlace.toml`).
    public var program: String
    /// How the family meets; nil for a family on the waiting list.
    public var meeting: FamilyMeeting?
    /// At most three sessions of the family's group after the moment the letters were written.
    public var nextSessions: [LetterSession]
    /// The family's feed link as `out/feeds.csv` lists it (`url`, https).
    public var feedURL: String
    /// "Name, phone, email" of the coordinator; nil when the settings give none.
    public var contact: String?
    /// The coordinator's name, signing the letter; nil when not set (the program signs).
    public var coordinatorName: String?

    /// Whether the family has no group (the waiting-list wording).
    public var isWaiting: Bool { meeting == nil }

    /// The `webcal://` form of the feed link: what the QR code holds (the `webcal` column of
    /// `out/feeds.csv`), which opens the subscribe dialog of Apple and Outlook calendars.
    public var webcalURL: String { FeedsCSV.webcal(feedURL) }

    /// A Google Calendar link that subscribes to the feed (Google's `cid` parameter takes the
    /// `webcal://` link, percent-encoded).
    public var googleCalendarURL: String {
        "https://calendar.google.com/calendar/render?cid=" + FeedPlanner.percentEncoded(webcalURL)
    }
}

/// One session as a letter lists it.
public struct LetterSession: Sendable, Equatable {
    /// "Thursday, September 3, 7:00 PM – 8:00 PM" in the family's language.
    public var when: String
    /// The curriculum topic's title in the family's language; nil for an open conversation.
    public var topic: String?

    /// A session line as it is shown.
    public init(when: String, topic: String?) {
        self.when = when
        self.topic = topic
    }
}
