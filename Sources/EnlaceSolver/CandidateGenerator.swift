import EnlaceCore

/// Builds every candidate group of every mentor (spec section 4).
///
/// Weekly groups: each slot on the slot grid whose whole session fits one of the mentor's windows,
/// virtual and/or in person at each of the mentor's sites, per the mentor's modes. Open-house
/// groups: one per mentor site that has open houses, when the mentor has the in-person mode and goes
/// to open houses or is free at every session. Groups with no session left after blackouts and the
/// term are not candidates.
struct CandidateGenerator {
    let program: Program
    let planner: SessionPlanner
    /// Open-house sessions of each site (by site index), empty when the site has none.
    let openHouseSessions: [[Session]]

    init(program: Program) {
        self.program = program
        planner = SessionPlanner(settings: program.settings, blackouts: program.blackouts)
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
                        if mentor.modes.contains(.virtual) {
                            groups.append(CandidateGroup(mentor: m, timing: timing, mode: .virtual, site: nil,
                                                         sessions: sessions, id: "\(mentor.id)-\(slot)-virtual"))
                        }
                        if mentor.modes.contains(.inPerson) {
                            for s in sites {
                                groups.append(CandidateGroup(mentor: m, timing: timing, mode: .inPerson, site: s, sessions: sessions,
                                                             id: "\(mentor.id)-\(slot)-\(program.sites[s].id)"))
                            }
                        }
                    }
                    start += step
                }
            }
            guard mentor.modes.contains(.inPerson) else { continue }
            for s in sites where !openHouseSessions[s].isEmpty {
                let sessions = openHouseSessions[s]
                guard mentor.attendsOpenHouses || sessions.allSatisfy({ mentor.availability.contains(start: $0.start, end: $0.end) }) else { continue }
                groups.append(CandidateGroup(mentor: m, timing: .openHouse, mode: .inPerson, site: s, sessions: sessions,
                                             id: "\(mentor.id)-openhouse-\(program.sites[s].id)"))
            }
        }
        return groups
    }
}

extension String {
    fileprivate func replacingColon() -> String { String(filter { $0 != ":" }) }
}
