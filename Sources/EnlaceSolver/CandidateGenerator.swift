import EnlaceCore

/// Builds the candidate groups of every mentor (spec section 4) before the plugins filter them.
///
/// Weekly groups: each slot on the slot grid whose whole session fits one of the mentor's windows,
/// virtual and in person at each of the mentor's sites. Open-house groups: one per mentor site that
/// has open houses. Which of these may exist (the mentor's modes, the open-house rule) is decided
/// by the group-filter plugins (`meeting_mode`, `time_fit`). Groups with no session left after the
/// blocked days (the `blackouts` plugin), the term and the planning moment are not candidates.
///
/// Group ids come from `ScheduledGroup.makeID`, which cannot give two groups one id.
public struct CandidateGenerator {
    let program: Program
    let planner: SessionPlanner
    /// Sessions that start before this are history, not candidates' (nil: none).
    let from: LocalDateTime?
    /// Open-house sessions of each site (by site index), empty when the site has none.
    let openHouseSessions: [[Session]]

    public init(program: Program, blocked: Set<LocalDate>, from: LocalDateTime? = nil) {
        self.program = program
        self.from = from
        planner = SessionPlanner(settings: program.settings, blackouts: blocked)
        let bySite = Dictionary(grouping: program.openHouses, by: \.site)
        openHouseSessions = program.sites.map { [planner] site in
            CandidateGenerator.future(planner.openHouseSessions(bySite[site.id] ?? []), from: from)
        }
    }

    /// The sessions that start at or after `from`.
    static func future(_ sessions: [Session], from: LocalDateTime?) -> [Session] {
        guard let from, let first = sessions.first, first.start < from else { return sessions }
        return sessions.filter { $0.start >= from }
    }

    /// The candidates of all mentors, in mentor order, then by time and place.
    ///
    /// - Complexity: O(mentors × slots per mentor × sites per mentor).
    public func generate() -> [CandidateGroup] {
        let siteIndex = Dictionary(uniqueKeysWithValues: program.sites.enumerated().map { ($1.id, $0) })
        var weeklyCache: [Int: [Session]] = [:]
        var groups: [CandidateGroup] = []
        let minutes = program.settings.sessionMinutes, step = program.settings.slotStepMinutes
        for (m, mentor) in program.mentors.enumerated() {
            let sites = mentor.sites.compactMap { siteIndex[$0] }
            for window in mentor.availability.windows {
                var start = (window.start + step - 1) / step * step
                while start + minutes <= window.end {
                    let key = window.day.rawValue * 1440 + start
                    let sessions = weeklyCache[key]
                        ?? CandidateGenerator.future(planner.weeklySessions(weekday: window.day, startMinute: start), from: from)
                    weeklyCache[key] = sessions
                    if !sessions.isEmpty {
                        let timing = CandidateGroup.Timing.weekly(weekday: window.day, start: start)
                        let virtualID = ScheduledGroup.makeID(mentor: mentor.id, weekday: window.day, startMinute: start, mode: .virtual, site: nil)
                        groups.append(CandidateGroup(index: groups.count, mentor: m, timing: timing, mode: .virtual, site: nil,
                                                     sessions: sessions, id: virtualID))
                        for s in sites {
                            let id = ScheduledGroup.makeID(mentor: mentor.id, weekday: window.day, startMinute: start, mode: .inPerson,
                                                           site: program.sites[s].id)
                            groups.append(CandidateGroup(index: groups.count, mentor: m, timing: timing, mode: .inPerson, site: s,
                                                         sessions: sessions, id: id))
                        }
                    }
                    start += step
                }
            }
            for s in sites where !openHouseSessions[s].isEmpty {
                let sessions = openHouseSessions[s]
                let id = ScheduledGroup.makeID(mentor: mentor.id, weekday: nil, startMinute: nil, mode: .inPerson, site: program.sites[s].id)
                groups.append(CandidateGroup(index: groups.count, mentor: m, timing: .openHouse, mode: .inPerson, site: s, sessions: sessions,
                                             id: id))
            }
        }
        return groups
    }
}
