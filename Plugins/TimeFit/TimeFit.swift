import EnlaceAPI

/// Spec section 4, time fit with the open-house rule: an open-house group exists for a mentor who
/// goes to open houses or is free at every session; a parent joins a weekly group whose slot lies
/// inside one of the parent's windows, or an open-house group if the parent goes to open houses or
/// is free at every session. (Weekly candidate groups lie inside their mentor's windows by
/// construction.)
let plugin = DeclaredPlugin(
    name: "time_fit", role: .hard,
    summary: "Groups meet when their mentor and their parents are free; open-house groups also suit those who go to open houses.",
    prepare: { context in Rule(context.program) })

final class Rule: PreparedRule {
    let program: Program
    let minutes: Int
    /// Each parent's windows and open-house answer, unpacked once.
    let availability: [Availability]
    let attends: [Bool]
    /// Answered as keys rather than a filter, so that groups meeting at one time share their
    /// fitting parents (the matcher computes those once per combination of keys).
    let hooks: RuleHooks = [.groupFilter, .pairIndex]

    /// The key of open-house groups that every parent who goes to open houses holds.
    static let attendsKey: Int32 = -1

    init(_ program: Program) {
        self.program = program
        minutes = program.settings.sessionMinutes
        availability = program.parents.map(\.availability)
        attends = program.parents.map(\.attendsOpenHouses)
    }

    func admits(_ group: CandidateGroup) -> Bool {
        let mentor = program.mentors[group.mentor]
        switch group.timing {
        case .weekly(let day, let start): return mentor.availability.contains(day: day, from: start, to: start + minutes)
        case .openHouse: return mentor.attendsOpenHouses || group.sessions.allSatisfy { mentor.availability.contains(start: $0.start, end: $0.end) }
        }
    }

    private func fits(_ p: Int, _ group: CandidateGroup) -> Bool {
        switch group.timing {
        case .weekly(let day, let start): availability[p].contains(day: day, from: start, to: start + minutes)
        case .openHouse: attends[p] || group.sessions.allSatisfy { availability[p].contains(start: $0.start, end: $0.end) }
        }
    }

    /// A weekly group's key is its slot (minute of the week). An open-house group admits the
    /// `attendsKey` and the key of its sessions' weekly pattern: the distinct (weekday, start,
    /// length) of its sessions, which is all that decides whether a parent's weekly windows hold
    /// every session. Each parent holds the slots and patterns its windows hold.
    ///
    /// - Complexity: O(parents × (their slot keys + open-house patterns × pattern length)).
    func pairIndex(groups: [CandidateGroup]) -> PairIndex {
        var slots = Array(repeating: [Int](), count: 7)
        var patternKeys: [[WeeklyMeeting]: Int32] = [:], patterns: [[WeeklyMeeting]] = []
        let groupKeys: [[Int32]?] = groups.map { group in
            switch group.timing {
            case .weekly(let day, let start):
                slots[day.rawValue].append(start)
                return [Rule.slotKey(day, start)]
            case .openHouse:
                let pattern = WeeklyMeeting.pattern(of: group.sessions)
                if patternKeys[pattern] == nil {
                    patternKeys[pattern] = Rule.patternKey(patterns.count)
                    patterns.append(pattern)
                }
                return [Rule.attendsKey, patternKeys[pattern]!]
            }
        }
        for day in slots.indices { slots[day] = Array(Set(slots[day])).sorted() }
        let parentKeys = availability.indices.map { p in
            var keys: [Int32] = []
            for window in availability[p].windows {
                let starts = slots[window.day.rawValue]
                var i = Rule.firstIndex(in: starts, atLeast: window.start)
                while i < starts.count && starts[i] + minutes <= window.end {
                    keys.append(Rule.slotKey(window.day, starts[i]))
                    i += 1
                }
            }
            if attends[p] {
                keys.append(Rule.attendsKey)
            } else {
                for (i, pattern) in patterns.enumerated() where pattern.allSatisfy({ $0.fits(availability[p]) }) {
                    keys.append(Rule.patternKey(i))
                }
            }
            return keys
        }
        return PairIndex(parentKeys: parentKeys, groupKeys: groupKeys)
    }

    static func slotKey(_ day: Weekday, _ start: Int) -> Int32 { Int32(day.rawValue * 1440 + start) }
    static func patternKey(_ i: Int) -> Int32 { Int32(-2 - i) }

    static func firstIndex(in sorted: [Int], atLeast value: Int) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func justify(group: CandidateGroup) -> String? {
        guard !admits(group) else { return nil }
        return "\(program.mentors[group.mentor].id) does not go to open houses and is not free at every session"
    }

    func justify(parent: Int, group: CandidateGroup) -> String? {
        guard !fits(parent, group) else { return nil }
        switch group.timing {
        case .weekly(let day, let start):
            return "the parent is not free \(day.code) \(formatMinuteOfDay(start))-\(formatMinuteOfDay(start + minutes))"
        case .openHouse:
            return "the parent does not go to open houses and is not free at every session"
        }
    }

    func explainExclusion(parent p: Int, groups: [CandidateGroup]) -> String? {
        let parent = program.parents[p]
        let site = program.sites.first { $0.id == parent.site }?.name ?? parent.site.rawValue
        let when = parent.availability.windows.isEmpty
            ? (parent.attendsOpenHouses ? "you have no weekly times, and no fitting mentor has an open-house group at \(site)" : "you gave no times when you are free")
            : "none is free when you are (\(parent.availability))"
        return "\(program.speakersPhrase(parent: p, groups: groups, and: ("meets the way you can", "meet the way you can"))); \(when)"
    }
}

/// One weekly meeting of an open-house session: what decides whether a weekly window holds it.
struct WeeklyMeeting: Hashable, Comparable {
    let day: Int
    let start: Int
    /// Minutes; -1 for a session that crosses midnight, which no window holds.
    let length: Int

    /// The distinct weekly meetings of `sessions`, sorted.
    static func pattern(of sessions: [Session]) -> [WeeklyMeeting] {
        Array(Set(sessions.map { session in
            let crosses = session.start.date != session.end.adding(minutes: -1).date || session.end <= session.start
            return WeeklyMeeting(day: session.start.date.weekday.rawValue, start: session.start.minuteOfDay,
                                 length: crosses ? -1 : session.end.minutes - session.start.minutes)
        })).sorted()
    }

    func fits(_ availability: Availability) -> Bool {
        length >= 0 && availability.contains(day: Weekday(rawValue: day)!, from: start, to: start + length)
    }

    static func < (a: WeeklyMeeting, b: WeeklyMeeting) -> Bool { (a.day, a.start, a.length) < (b.day, b.start, b.length) }
}

@_cdecl("enlace_plugin_TimeFit") public func enlacePluginEntry() -> UnsafeMutableRawPointer { plugin.export() }
@_cdecl("enlace_plugin_TimeFit_abi") public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
