import EnlaceCore

/// What a session's topic (spec section 10) adds to a family's or a mentor's event, in the
/// feed's language: the topic's title leads the SUMMARY, and the DESCRIPTION opens with a line
/// naming the topic and the topic's description. In a program with topics, a session without
/// one says it is an open conversation, so that a family does not take the missing title for a
/// gap; a program without topics keeps its events as they were.
///
/// The title and description are chosen for the language the feed is written in (the one its
/// LANGUAGE states), not the family's raw tag: a family whose tag is `zh-TW` reads a Traditional
/// Chinese feed, and so the `title@zh-Hant` column before `title@zh-Hans`.
struct TopicReader {
    private let topics: [TopicID: Topic]
    private let language: LanguageTag?
    private let openConversation: String
    /// The reader's texts, for the SUMMARY around a topic's title.
    let strings: FeedStrings

    init(topics: [TopicID: Topic], strings: FeedStrings) {
        self.topics = topics
        language = LanguageTag(strings.language)
        openConversation = strings.text("open_conversation")
        self.strings = strings
    }

    /// The SUMMARY and DESCRIPTION of `session`, given what every session of its group says;
    /// `titled` writes the SUMMARY around the topic's title.
    func texts(of session: ScheduledSession, summary: String, description: String,
               titled: (String) -> String) -> (summary: String, description: String) {
        guard !topics.isEmpty else { return (summary, description) }
        guard let id = session.topic, let topic = topics[id] else {
            return (summary, openConversation + "\n\n" + description)
        }
        let title = language.map(topic.title(in:)) ?? topic.title
        let about = language.map(topic.description(in:)) ?? topic.description
        var lead = strings.text("topic_line", ["topic": title])
        if !about.isEmpty { lead += "\n" + about }
        return (titled(title), lead + "\n\n" + description)
    }
}
