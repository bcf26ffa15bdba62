import EnlaceCore

/// Why an event a feed published is cancelled (spec section 7), each said in the feed's language.
public enum CancellationReason: String, Sendable, CaseIterable {
    /// The day is now a day without meetings (a blackout).
    case blackout
    /// The group's mentor is no longer in the program.
    case mentorLeft
    /// The family is still with the same mentor, in another group (another time or place).
    case groupMoved
    /// The family is in another mentor's group.
    case familyMoved
    /// A waiting family got a group: the waiting-list notice is over.
    case matched
    /// Anything else: the meeting is no longer planned.
    case other

    /// The translation key of the sentence that says it.
    public var key: String {
        switch self {
        case .blackout: "cancelled_blackout"
        case .mentorLeft: "cancelled_mentor_left"
        case .groupMoved: "cancelled_group_moved"
        case .familyMoved: "cancelled_family_moved"
        case .matched: "cancelled_matched"
        case .other: "cancelled_other"
        }
    }
}

/// What the whole program says about why events disappear: shared by every feed's editor.
struct CancellationFacts: Sendable {
    var blackouts: Set<LocalDate>
    var mentors: Set<MentorID>
    /// The mentor of each group of the run, by group id and by its percent-encoded form (the start
    /// of its sessions' UIDs), for history stored before events named their group.
    var mentorOfGroup: [GroupID: MentorID]
    var groupOfUIDStem: [String: GroupID]
}

/// How one feed rewrites the events it published before and no longer plans (`FeedHistory.merge`):
/// cancellations with their reason, in the event's own language, and history stored before
/// events kept their own language and organizer brought up to date without changing a byte of
/// what subscribers see.
public struct FeedEditor: Sendable {
    let owner: FeedOwner
    /// The feed's strings now.
    let strings: FeedStrings
    /// For the strings of an event written in another language (before the family's changed).
    let catalog: TranslationCatalog
    /// The ORGANIZER of events from now on.
    let organizer: EventOrganizer
    /// The ORGANIZER every event had before events kept their own: the no-reply address.
    let legacyOrganizer: EventOrganizer
    let facts: CancellationFacts
    /// A parent's group from now on and its mentor.
    let currentGroup: (id: GroupID, mentor: MentorID)?
    /// A mentor's groups with sessions from now on.
    let mentorGroups: Set<GroupID>

    /// Why `content`, published and no longer planned, is cancelled.
    public func reason(for content: EventContent) -> CancellationReason {
        if content.kind == .waitingList { return .matched }
        if facts.blackouts.contains(content.startTime.date) { return .blackout }
        guard content.kind == .session, let group = content.group ?? legacyGroup(of: content.uid) else { return .other }
        let mentor = content.mentor ?? facts.mentorOfGroup[group]
        switch owner.kind {
        case .parent:
            if let mentor, !facts.mentors.contains(mentor) { return .mentorLeft }
            guard let currentGroup, let mentor, currentGroup.id != group else { return .other }
            return currentGroup.mentor == mentor ? .groupMoved : .familyMoved
        case .mentor:
            return !mentorGroups.isEmpty && !mentorGroups.contains(group) ? .groupMoved : .other
        case .site:
            return .other
        }
    }

    /// `content` as published when cancelled: "Cancelled:" before its title, the reason before
    /// its description (the waiting-list notice: only that the family has a group now),
    /// transparent, with the current organizer, in the language the event was written in.
    public func cancelled(_ content: EventContent) -> EventContent {
        let language = content.language ?? strings.language
        let words = language == strings.language ? strings : catalog.strings(for: LanguageTag(language))
        let reason = reason(for: content)
        var result = content
        result.summary = FeedText.clean(words.text("cancelled_title", ["title": content.summary]), keepNewlines: false)
        // "This meeting is cancelled. {reason}" unless the reason says it all: a notice is not a
        // meeting, and "no longer planned" says cancelled already.
        let because = words.text(reason.key)
        let description = switch reason {
        case .matched: because
        case .other: because + "\n\n" + content.description
        default: words.text("cancelled_reason", ["reason": because]) + "\n\n" + content.description
        }
        result.description = FeedText.clean(description, keepNewlines: true)
        result.language = language
        result.organizer = organizer
        result.transparent = true
        return result
    }

    /// A stored event kept as it is: history stored before events kept their own language and
    /// organizer gets the ones it was published with (the feed's language, the no-reply address)
    /// and, if cancelled, the "Cancelled:" title it was shown with, so its bytes do not change.
    func upgraded(_ event: StoredFeedEvent) -> StoredFeedEvent {
        guard event.content.language == nil else { return event }
        var content = event.content
        content.language = strings.language
        content.organizer = legacyOrganizer
        if event.status == .cancelled {
            content.summary = FeedText.clean(strings.text("cancelled_title", ["title": content.summary]), keepNewlines: false)
        }
        return StoredFeedEvent(content: content, sequence: event.sequence, lastModified: event.lastModified, status: event.status)
    }

    /// The group of a session stored before events named their group, from its UID
    /// (`GROUP-YYYYMM-n-k@host`).
    private func legacyGroup(of uid: String) -> GroupID? {
        var stem = uid.prefix { $0 != "@" }
        for _ in 0..<3 {
            guard let dash = stem.lastIndex(of: "-") else { return nil }
            stem = stem[..<dash]
        }
        return facts.groupOfUIDStem[String(stem)]
    }
}
