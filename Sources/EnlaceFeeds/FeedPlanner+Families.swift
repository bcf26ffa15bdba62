import EnlaceCore

/// How one family meets their group, in the words their feed uses: what the letters home, the
/// text messages and the join page say (spec section 12), so that a letter never names a mentor,
/// place or link the family's calendar does not.
public struct FamilyMeeting: Sendable {
    /// The family's group from now on.
    public var group: ScheduledGroup
    /// The mentor's first name as the family reads it (`ReadableName`): what their feed calls them.
    public var mentorName: String
    /// The language the family meets the mentor in; nil when the mentor left the program.
    public var meetingLanguage: LanguageTag?
    /// `Site, address` of an in-person group; nil for a virtual one.
    public var place: String?
    /// The video meeting link of a virtual group; nil for an in-person one.
    public var link: String?
    /// The group's sessions that fall in the family's current stint, sorted by start.
    public var sessions: [ScheduledSession]
}

extension FeedPlanner {
    /// How `parent` meets in the group of `stint` (their current one), with the mentor's name as
    /// `names` reads it; nil when the stint's group is not in the schedule.
    public func meeting(of parent: Parent, in stint: Membership, names: ReadableName) -> FamilyMeeting? {
        guard let group = schedule.group(stint.group) else { return nil }
        let mentor = mentors[group.mentor].map { names.name($0.name, displayName: $0.displayName, languages: $0.languages) }
        let inPerson = group.mode == .inPerson && group.site != nil
        return FamilyMeeting(group: group, mentorName: mentor ?? group.mentor.rawValue, meetingLanguage: meetingLanguage(of: parent, in: group),
                             place: inPerson ? group.site.map { sites[$0].map(Self.address(of:)) ?? $0.rawValue } : nil,
                             link: meetingLink(group), sessions: group.sessions.filter { stint.covers($0.start) })
    }

    /// "Name, phone, email" of the coordinator, as every feed states it; nil when none is set.
    public var coordinatorContact: String? { contact }
}
