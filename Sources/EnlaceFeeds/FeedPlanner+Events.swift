import EnlaceCore

/// What one event says besides its identity and times.
struct EventTexts {
    var summary: String
    var description: String
    var location: String?
    var meetingURL: String?
    var meetingLabel: String?

    /// Whether both hold the same bytes (then the later sessions share the first one's strings).
    func hasSameBytes(as other: EventTexts) -> Bool {
        summary.hasSameBytes(as: other.summary) && description.hasSameBytes(as: other.description)
            && location.hasSameBytes(as: other.location) && meetingURL.hasSameBytes(as: other.meetingURL)
            && meetingLabel.hasSameBytes(as: other.meetingLabel)
    }
}

/// What every session of one group says to one family's reader (`FeedPlanner.parentGroupTexts`).
struct ParentGroupTexts {
    /// "Parent mentor meeting with Guadalupe".
    var summary: String
    /// The first lines of the description: the meeting's language, the place or the link.
    var lead: [String]
    /// The rest: what the program is, what to bring, whom to call.
    var body: [String]
    var location: String?
    var link: String?
    var linkLabel: String?
    /// The mentor's name as the family reads it, for a SUMMARY led by a topic.
    var mentor: String
    /// What each session's topic adds, in the family's language.
    var topics: TopicReader
}

extension FeedPlanner {
    // MARK: Sessions

    /// What a parent's session says: with whom, in which language, where or how to join, what the
    /// program is, what to bring, whom to call. One function per session, so that what belongs to
    /// one session (a topic, a recording) joins its texts here; what every session of the group
    /// says is worked out once, in `group`.
    func parentSessionTexts(_ session: ScheduledSession, of group: ParentGroupTexts) -> EventTexts {
        let description = (group.lead + [""] + group.body).joined(separator: "\n")
        let said = group.topics.texts(of: session, summary: group.summary, description: description) {
            group.topics.strings.text("session_title_topic", ["topic": $0, "mentor": group.mentor])
        }
        return EventTexts(summary: said.summary, description: said.description, location: group.location, meetingURL: group.link,
                          meetingLabel: group.linkLabel)
    }

    /// What every session of `group` says to a family who reads `reader` and meets in
    /// `meetingLanguage`.
    func parentGroupTexts(_ group: ScheduledGroup, _ reader: FeedReader, meetingLanguage: LanguageTag?) -> ParentGroupTexts {
        let strings = reader.strings
        let link = meetingLink(group)
        var lead: [String] = []
        if let meetingLanguage {
            lead.append(strings.text("meeting_language", ["language": strings.languageName(meetingLanguage)]))
        }
        lead.append(link.map { strings.text("join_online", ["url": $0]) } ?? strings.text("where", ["place": place(group, strings)]))
        var body = [strings.text("about_program"), "", strings.text(link == nil ? "bring_in_person" : "bring_virtual")]
        if let line = contactLine(strings) { body += ["", line] }
        let mentor = mentorName(group.mentor, reader)
        return ParentGroupTexts(summary: strings.text("session_title", ["mentor": mentor]),
                                lead: lead, body: body, location: link ?? place(group, strings), link: link,
                                linkLabel: link == nil ? nil : strings.text("join_label"), mentor: mentor,
                                topics: TopicReader(topics: topics, strings: strings))
    }

    func parentSessions(_ group: ScheduledGroup, _ reader: FeedReader, meetingLanguage: LanguageTag?) -> [EventContent] {
        let texts = parentGroupTexts(group, reader, meetingLanguage: meetingLanguage)
        return events(of: group, tag: .parent, reader) { parentSessionTexts($0, of: texts) }
    }

    /// A mentor's session: the group's place, its families' first names and meeting languages.
    func mentorSessions(_ group: ScheduledGroup, _ reader: FeedReader) -> [EventContent] {
        let strings = reader.strings
        let members = groupMembers(group)
        let names = members.map { reader.names.name($0.name, displayName: $0.displayName, languages: $0.languages) }
        let link = meetingLink(group)
        var lines = meetingLanguagesLine(group, members, strings).map { [$0] } ?? []
        lines.append(strings.text("group_parents", ["count": String(members.count), "names": names.joined(separator: ", ")]))
        lines.append(link.map { strings.text("join_online", ["url": $0]) } ?? strings.text("where", ["place": place(group, strings)]))
        lines.append(strings.text("group_id", ["group": group.id]))
        if let line = contactLine(strings) { lines += ["", line] }
        let placeName = group.mode == .virtual ? strings.text("place_online") : siteName(group)
        let texts = EventTexts(
            summary: strings.text("mentor_session_title", ["place": placeName]),
            description: lines.joined(separator: "\n"), location: link ?? place(group, strings), meetingURL: link,
            meetingLabel: link == nil ? nil : strings.text("join_label"))
        let topics = TopicReader(topics: topics, strings: strings)
        return events(of: group, tag: .mentor, reader) { session in
            let topic = topics.texts(of: session, summary: texts.summary, description: texts.description) {
                strings.text("mentor_session_title_topic", ["topic": $0, "place": placeName])
            }
            var said = texts
            said.summary = topic.summary
            said.description = topic.description
            return said
        }
    }

    /// A site's session (in English, for school staff): the mentor, the group's size and languages.
    func siteSessions(_ group: ScheduledGroup, _ reader: FeedReader) -> [EventContent] {
        let strings = reader.strings
        let mentor = mentorName(group.mentor, reader)
        let count = (stints[group.id] ?? []).filter { $0.until == nil && parents[$0.parent] != nil }.count
        var lines = [strings.text("site_session_description", ["mentor": mentor, "count": String(count)])]
        if let line = meetingLanguagesLine(group, groupMembers(group), strings) { lines.append(line) }
        let texts = EventTexts(summary: strings.text("site_session_title", ["mentor": mentor]),
                               description: lines.joined(separator: "\n"), location: place(group, strings))
        return events(of: group, tag: .site, reader) { _ in texts }
    }

    /// One event per session of `group`, with the texts `texts` gives for it. Consecutive sessions
    /// with equal texts share their strings (rendering and storing compare them by storage first).
    private func events(of group: ScheduledGroup, tag: FeedKind, _ reader: FeedReader,
                        texts: (ScheduledSession) -> EventTexts) -> [EventContent] {
        var previous: EventTexts?
        return (sessionKeys[group.id] ?? []).map { session, key in
            var said = texts(session)
            if let previous, previous.hasSameBytes(as: said) { said = previous }
            previous = said
            return EventContent(uid: uid(group.id, key, tag), start: session.start, end: session.end, summary: said.summary,
                                description: said.description, location: said.location, meetingURL: said.meetingURL,
                                meetingLabel: said.meetingLabel, kind: .session, language: reader.language,
                                organizer: organizer, group: group.id, mentor: group.mentor)
        }
    }

    // MARK: Open houses and the waiting list

    func openHouseEvents(at id: SiteID, _ reader: FeedReader, tag: FeedKind) -> [EventContent] {
        guard let site = sites[id] else { return [] }
        let strings = reader.strings
        let summary = strings.text("open_house_title", ["site": site.name])
        let contact = tag == .parent ? contactLine(strings) : nil
        return (openHouses[id] ?? []).map { house, key in
            var description = strings.text("open_house_description", ["site": site.name, "title": house.title])
            if let contact { description += "\n\n" + contact }
            return EventContent(uid: uid("openhouse-" + id.rawValue, key, tag), start: house.start, end: house.end,
                                summary: summary, description: description, location: Self.address(of: site),
                                kind: .openHouse, language: reader.language, organizer: organizer)
        }
    }

    /// The all-day notice of a family without a group, dated the day of this publication (the
    /// history keeps the day it was first published: `FeedHistory.merge`).
    func waitingNotice(for parent: Parent, _ reader: FeedReader) -> EventContent {
        let strings = reader.strings
        var description = strings.text("waiting_description")
        if let line = contactLine(strings) { description += "\n\n" + line }
        let midnight = LocalDateTime(date: publishedOn, minuteOfDay: 0)
        return EventContent(uid: uid("waiting-" + parent.id.rawValue, Self.dateKey(publishedOn, withDay: true), .parent), start: midnight,
                            end: midnight.adding(minutes: 1440), summary: strings.text("waiting_title"),
                            description: description, kind: .waitingList, language: reader.language,
                            organizer: organizer, transparent: true)
    }

    /// The DESCRIPTION of a waiting family's calendar: that they wait, and whom to call.
    func waitingDescription(_ reader: FeedReader) -> String {
        let waiting = reader.strings.text("calendar_waiting")
        guard let contact = contactLine(reader.strings) else { return waiting }
        // Chinese and Japanese sentences end with a full-width stop and need no space after it.
        return waiting + (waiting.hasSuffix("。") ? "" : " ") + contact
    }

    // MARK: Names, languages, contact

    /// The mentor as `reader` reads their name; the id of a mentor no longer in the program.
    func mentorName(_ id: MentorID, _ reader: FeedReader) -> String {
        guard let mentor = mentors[id] else { return id.rawValue }
        return reader.names.name(mentor.name, displayName: mentor.displayName, languages: mentor.languages)
    }

    /// A group's families from now on; those it was held for when it no longer meets.
    private func groupMembers(_ group: ScheduledGroup) -> [Parent] {
        let all = stints[group.id] ?? []
        let current = all.filter { $0.until == nil }
        return (current.isEmpty ? all : current).compactMap { parents[$0.parent] }
    }

    /// "This meeting is held in Spanish / English.": the languages `members` meet their mentor in,
    /// each once, in the order of the members; nil when there are none.
    private func meetingLanguagesLine(_ group: ScheduledGroup, _ members: [Parent], _ strings: FeedStrings) -> String? {
        var seen = Set<String>()
        let languages = members.compactMap { meetingLanguage(of: $0, in: group) }.filter { seen.insert($0.primary).inserted }
        guard !languages.isEmpty else { return nil }
        return strings.text("meeting_language", ["language": languages.map(strings.languageName).joined(separator: " / ")])
    }

    /// "Questions? Contact the program coordinator: …", nil when no coordinator is set.
    func contactLine(_ strings: FeedStrings) -> String? {
        contact.map { strings.text("coordinator_contact", ["contact": $0]) }
    }
}
