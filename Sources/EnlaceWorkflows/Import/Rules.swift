import EnlaceCore
import EnlacePlugins
import Foundation

/// Finding a program's plugins and preparing them for a run.
public enum Rules {
    /// The plugin catalog of a program folder (compiled-in plugins and the program's libraries).
    public static func catalog(folder: URL?, settings: ProgramSettings?) throws(WorkflowError) -> PluginCatalog {
        do {
            return try PluginCatalog.load(programFolder: folder?.path, settings: settings)
        } catch {
            throw .wrapping(error, "Nothing was changed.")
        }
    }

    /// Every enabled plugin of `catalog` prepared once for `loaded` and the previous run.
    static func prepare(_ catalog: PluginCatalog, loaded: LoadedProgram, placements: PreviousPlacements,
                        crashGuard: Bool = true) throws(WorkflowError) -> RuleSet {
        do {
            return try RuleSet.prepare(catalog, program: loaded.program, previousMentor: placements.mentor,
                                       previousGroup: placements.group, settingsText: loaded.settingsText, crashGuard: crashGuard)
        } catch {
            throw .wrapping(error, "Nothing was imported; the database is unchanged.")
        }
    }
}

/// Each parent's place in the previous run, as the plugins and the matcher need it: the mentor
/// (continuity), the group's placement (same_group) and its id (the search's tie-break).
public struct PreviousPlacements: Sendable {
    /// By parent index: the mentor's index, nil when the parent had no group or the mentor left.
    public let mentor: [Int?]
    /// By parent index: the group's mentor, time, mode and site, nil when any of them is gone.
    public let group: [GroupPlacement?]
    /// By parent index: the group's id.
    public let groupID: [GroupID?]

    /// The places of `program`'s parents in `schedule` (their current stints).
    public init(_ schedule: Schedule?, program: Program) {
        guard let schedule else {
            mentor = Array(repeating: nil, count: program.parents.count)
            group = mentor.map { _ in nil }
            groupID = mentor.map { _ in nil }
            return
        }
        let mentorIndex = Dictionary(uniqueKeysWithValues: program.mentors.enumerated().map { ($1.id, $0) })
        let siteIndex = Dictionary(uniqueKeysWithValues: program.sites.enumerated().map { ($1.id, $0) })
        let current = schedule.currentMemberships
        var mentors: [Int?] = [], groups: [GroupPlacement?] = [], ids: [GroupID?] = []
        for parent in program.parents {
            let scheduled = current[parent.id].flatMap { schedule.group($0.group) }
            let m = scheduled.flatMap { mentorIndex[$0.mentor] }
            mentors.append(m)
            ids.append(scheduled?.id)
            groups.append(scheduled.flatMap { g -> GroupPlacement? in
                guard let m else { return nil }
                let site = g.site.flatMap { siteIndex[$0] }
                if g.site != nil && site == nil { return nil }
                let timing: CandidateGroup.Timing
                if let weekday = g.weekday, let start = g.startMinute { timing = .weekly(weekday: weekday, start: start) } else { timing = .openHouse }
                return GroupPlacement(mentor: m, timing: timing, mode: g.mode, site: site)
            })
        }
        mentor = mentors
        group = groups
        groupID = ids
    }
}
