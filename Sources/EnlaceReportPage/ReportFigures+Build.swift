import EnlaceCore

extension ReportFigures {
    /// The figures of `schedule` (the latest run) for the families, mentors and calendars of
    /// `program` (as last imported).
    ///
    /// - Parameters:
    ///   - reasons: each waiting family's cause (see `WaitingReason`).
    ///   - asOf: the report's moment; sessions starting before it count as held.
    ///   - curriculum, participation: the sections' figures where the program has the data.
    /// - Complexity: O(families + sessions + stints + open houses + blackout days), with hashing.
    public init(program: Program, schedule: Schedule, reasons: [ParentID: WaitingReason], asOf: LocalDateTime,
                curriculum: CurriculumFigures? = nil, participation: ParticipationFigures? = nil) {
        let current = schedule.currentMemberships
        let waiting = schedule.unmatched.map(\.parent)
        let mentors = Self.mentorLoads(program: program, schedule: schedule, current: current)
        let leading = Set(schedule.membersByGroup.keys.compactMap { schedule.group($0)?.mentor })
        var held = 0, toCome = 0
        for group in schedule.groups {
            for session in group.sessions {
                if session.start < asOf { held += 1 } else { toCome += 1 }
            }
        }
        let headline = Headline(families: current.count + waiting.count, matched: current.count, groups: schedule.membersByGroup.count,
                                mentorsLeading: leading.count, mentors: program.mentors.count,
                                seatsTaken: mentors.reduce(0) { $0 + $1.taken }, seats: mentors.reduce(0) { $0 + $1.capacity },
                                score: schedule.score.total, bound: schedule.score.bound, sessionsHeld: held, sessionsToCome: toCome)
        let coverage = Self.coverage(program: program, matched: Array(current.keys), waiting: waiting)
        self.init(programName: schedule.programName, asOf: asOf, plannedFrom: schedule.now, term: program.term, headline: headline,
                  byLanguage: coverage.languages, bySite: coverage.sites,
                  waiting: WaitingGroup.grouped(waiting: waiting, reasons: reasons, program: program), mentors: mentors,
                  calendar: TermCalendar(program: program, schedule: schedule, asOf: asOf), curriculum: curriculum,
                  participation: participation)
    }

    /// The key of the row that folds the rows a chart has no room for.
    public static let othersKey = "\u{0}others"

    /// Every mentor of the program with the families and groups they lead from now on.
    private static func mentorLoads(program: Program, schedule: Schedule, current: [ParentID: Membership]) -> [MentorLoad] {
        var taken: [MentorID: Int] = [:], groups: [MentorID: Int] = [:]
        for (group, members) in schedule.membersByGroup {
            guard let mentor = schedule.group(group)?.mentor else { continue }
            taken[mentor, default: 0] += members.count
            groups[mentor, default: 0] += 1
        }
        return program.mentors.map { MentorLoad(id: $0.id, taken: taken[$0.id] ?? 0, capacity: $0.capacity, groups: groups[$0.id] ?? 0) }
    }

    /// Families matched and waiting by preferred language and by school, most families first.
    private static func coverage(program: Program, matched: [ParentID], waiting: [ParentID]) -> (languages: [Coverage], sites: [Coverage]) {
        let parents = Dictionary(program.parents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let siteNames = Dictionary(program.sites.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var languages: [String: Coverage] = [:], sites: [String: Coverage] = [:]
        for (ids, isMatched) in [(matched, true), (waiting, false)] {
            for id in ids {
                let parent = parents[id]
                let language = parent?.preferredLanguage.primary ?? ""
                let site = parent?.site.rawValue ?? ""
                languages[language, default: Coverage(key: language, name: "", matched: 0, waiting: 0)].count(isMatched)
                sites[site, default: Coverage(key: site, name: parent.flatMap { siteNames[$0.site] } ?? site, matched: 0, waiting: 0)]
                    .count(isMatched)
            }
        }
        return (ordered(languages.values), ordered(sites.values))
    }

    /// Most families first, then by key; families no longer imported (key "") last.
    private static func ordered(_ rows: some Collection<Coverage>) -> [Coverage] {
        rows.sorted { a, b in
            if (a.key == "") != (b.key == "") { return b.key == "" }
            return a.families != b.families ? a.families > b.families : a.key < b.key
        }
    }
}

extension Coverage {
    fileprivate mutating func count(_ isMatched: Bool) {
        if isMatched { matched += 1 } else { waiting += 1 }
    }
}

extension TermCalendar {
    /// The term of `program` week by week, with the sessions of `schedule`.
    init(program: Program, schedule: Schedule, asOf: LocalDateTime) {
        let term = program.term
        let firstMonday = term.lowerBound.adding(days: -term.lowerBound.weekday.rawValue)
        let count = (term.upperBound.dayNumber - firstMonday.dayNumber) / 7 + 1
        var weeks = (0..<count).map { Week(monday: firstMonday.adding(days: 7 * $0), held: 0, toCome: 0, openHouses: 0, blackoutDays: 0) }
        func week(_ date: LocalDate) -> Int? {
            let index = (date.dayNumber - firstMonday.dayNumber) / 7
            return term.contains(date) && weeks.indices.contains(index) ? index : nil
        }
        for group in schedule.groups {
            for session in group.sessions {
                guard let index = week(session.start.date) else { continue }
                if session.start < asOf { weeks[index].held += 1 } else { weeks[index].toCome += 1 }
            }
        }
        for openHouse in program.openHouses {
            if let index = week(openHouse.date) { weeks[index].openHouses += 1 }
        }
        let blackouts = program.blackouts.filter(term.contains).sorted()
        for day in blackouts {
            if let index = week(day) { weeks[index].blackoutDays += 1 }
        }
        self.init(weeks: weeks, blackoutPeriods: Self.periods(blackouts),
                  openHouses: Self.openHousesBySite(program: program, asOf: asOf))
    }

    /// Runs of consecutive days of `days` (sorted).
    static func periods(_ days: [LocalDate]) -> [ClosedRange<LocalDate>] {
        var periods: [ClosedRange<LocalDate>] = []
        for day in days {
            if let last = periods.last, last.upperBound.adding(days: 1) == day {
                periods[periods.count - 1] = last.lowerBound...day
            } else {
                periods.append(day...day)
            }
        }
        return periods
    }

    private static func openHousesBySite(program: Program, asOf: LocalDateTime) -> [SiteOpenHouses] {
        let names = Dictionary(program.sites.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var bySite: [SiteID: SiteOpenHouses] = [:]
        for openHouse in program.openHouses where program.term.contains(openHouse.date) {
            var entry = bySite[openHouse.site] ?? SiteOpenHouses(name: names[openHouse.site] ?? openHouse.site.rawValue, count: 0, next: nil)
            entry.count += 1
            if openHouse.start >= asOf && entry.next.map({ openHouse.date < $0 }) ?? true { entry.next = openHouse.date }
            bySite[openHouse.site] = entry
        }
        return bySite.values.sorted { ($0.name, $0.count) < ($1.name, $1.count) }
    }
}
