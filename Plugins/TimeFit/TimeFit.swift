import EnlaceAPI

/// Spec section 4, time fit with the open-house rule: an open-house group exists for a mentor who
/// goes to open houses or is free at every session; a parent joins a weekly group whose slot lies
/// inside one of the parent's windows, or an open-house group if the parent goes to open houses or
/// is free at every session. (Weekly candidate groups lie inside their mentor's windows by
/// construction.)
public final class TimeFit: ConstraintPlugin {
    public let name = "time_fit"
    public let summary = "Groups meet when their mentor and their parents are free; open-house groups also suit those who go to open houses."
    public let role = PluginRole.hard

    public init() {}

    public func prepare(_ context: PluginContext) throws -> any PreparedRule { Rule(context.program) }

    final class Rule: PreparedRule {
        let program: Program
        let minutes: Int
        /// Each parent's windows and open-house answer, unpacked once (the filter runs over every
        /// candidate parent of every group).
        let availability: [Availability]
        let attends: [Bool]
        let hooks: RuleHooks = [.groupFilter, .pairFilter]

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

        func filter(_ parents: inout [Int32], in group: CandidateGroup) {
            switch group.timing {
            case .weekly(let day, let start):
                let end = start + minutes
                parents.removeAll { !availability[Int($0)].contains(day: day, from: start, to: end) }
            case .openHouse:
                parents.removeAll { !fits(Int($0), group) }
            }
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
}

@_cdecl("enlace_plugin_TimeFit")
public func enlacePluginEntry() -> UnsafeMutableRawPointer { EnlacePluginAPI.export(TimeFit()) }

@_cdecl("enlace_plugin_TimeFit_abi")
public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
