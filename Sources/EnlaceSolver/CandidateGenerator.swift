import EnlaceCore

/// Builds the candidate groups of every mentor (spec section 4) before the plugins filter them.
///
/// Weekly groups: each slot on the slot grid whose whole session fits one of the mentor's windows,
/// virtual and in person at each of the mentor's sites. Open-house groups: one per mentor site that
/// has open houses. Which of these may exist (the mentor's modes, the open-house rule) is decided
/// by the group-filter plugins (`meeting_mode`, `time_fit`). Groups with no session left after the
/// blocked days (the `blackouts` plugin) and the term are not candidates.
struct CandidateGenerator {
    let program: Program
    let planner: SessionPlanner
    /// Open-house sessions of each site (by site index), empty when the site has none.
    let openHouseSessions: [[Session]]

    init(program: Program, blocked: Set<LocalDate>) {
        self.program = program
        planner = SessionPlanner(settings: program.settings, blackouts: blocked)
        let bySite = Dictionary(grouping: program.openHouses, by: \.site)
        openHouseSessions = program.sites.map { [planner] site in planner.openHouseSessions(bySite[site.id] ?? []) }
    }

    /// The candidates of all mentors, in mentor order, then by time and place.
    ///
    /// - Complexity: O(mentors × slots per mentor × sites per mentor).
    func generate() -> [CandidateGroup] {
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
                    let sessions = weeklyCache[key] ?? planner.weeklySessions(weekday: window.day, startMinute: start)
                    weeklyCache[key] = sessions
                    if !sessions.isEmpty {
                        let timing = CandidateGroup.Timing.weekly(weekday: window.day, start: start)
                        let slot = "\(window.day.code)\(formatMinuteOfDay(start).replacingColon())"
                        groups.append(CandidateGroup(index: groups.count, mentor: m, timing: timing, mode: .virtual, site: nil,
                                                     sessions: sessions, id: "\(mentor.id)-\(slot)-virtual"))
                        for s in sites {
                            groups.append(CandidateGroup(index: groups.count, mentor: m, timing: timing, mode: .inPerson, site: s,
                                                         sessions: sessions, id: "\(mentor.id)-\(slot)-\(program.sites[s].id)"))
                        }
                    }
                    start += step
                }
            }
            for s in sites where !openHouseSessions[s].isEmpty {
                let sessions = openHouseSessions[s]
                groups.append(CandidateGroup(index: groups.count, mentor: m, timing: .openHouse, mode: .inPerson, site: s, sessions: sessions,
                                             id: "\(mentor.id)-openhouse-\(program.sites[s].id)"))
            }
        }
        return groups
    }
}

extension String {
    fileprivate func replacingColon() -> String { String(filter { $0 != ":" }) }
}
