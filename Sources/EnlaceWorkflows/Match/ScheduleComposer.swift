import EnlaceCore
import EnlaceSolver

/// Joins the past and the future into one schedule (spec section 9): the held sessions of the
/// previous run, exactly as they were, and the matcher's plan from now on.
///
/// - A **held** session (one that starts before `now`) is copied from the previous run with its
///   date, time, place, topic and the parents it was held for; nothing in this run can change it.
/// - A group the matcher keeps (same id: same mentor, time and place) **continues**: its held
///   sessions, then its sessions from now on; the parents who stay keep their stint, so their
///   `since` is unchanged.
/// - A parent who moves leaves a stint that ends at `now` (they met the first group until then)
///   and starts one in the new group from `now`; a parent who joins mid-term starts from `now`.
/// - A group that no longer meets (its mentor left, or nobody fits it any more) stays with its
///   held sessions and no members; a new group has no sessions before `now`.
///
/// Pure: the same inputs give the same schedule.
public enum ScheduleComposer {
    /// The schedule of a run that planned from `now`.
    ///
    /// - Parameters:
    ///   - model: the model the matcher solved; its groups hold sessions from `now` on only.
    ///   - unmatched: each unmatched parent's reasons (from `MatchModel.explainUnmatched`).
    ///   - previous: the previous run's schedule, if any; its `now` must not be after `now`.
    /// - Complexity: O(sessions + stints) of both runs.
    public static func compose(model: MatchModel, solution: Solution, unmatched: [UnmatchedExplanation], previous: Schedule?,
                               now: LocalDateTime) -> Schedule {
        let program = model.program
        var groups: [GroupID: ScheduledGroup] = [:]
        for group in previous?.groups ?? [] {
            var held = group
            held.sessions = group.sessions.filter { $0.start < now }
            if !held.sessions.isEmpty { groups[group.id] = held }
        }
        let minutes = program.settings.sessionMinutes
        var newGroupOfParent: [ParentID: GroupID] = [:]
        for g in solution.openGroups {
            let candidate = model.groups[g]
            let future = candidate.sessions.filter { $0.start >= now }.map { ScheduledSession(start: $0.start, end: $0.end) }
            var group = groups[candidate.id] ?? scheduledGroup(candidate, program: program, minutes: minutes)
            group.sessions += future
            groups[candidate.id] = group
        }
        for (p, g) in solution.groupOfParent.enumerated() {
            if let g { newGroupOfParent[program.parents[p].id] = model.groups[g].id }
        }
        let stints = memberships(previous: previous?.memberships ?? [], newGroupOfParent: newGroupOfParent, groups: groups, now: now)
        let score = ScheduleScore(total: solution.score, bound: solution.bound,
                                  terms: model.termKeys.map { ScoreTerm(key: $0, value: solution.terms[$0] ?? 0) })
        return Schedule(programName: program.settings.name, timezone: program.settings.timezone, now: now, score: score,
                        groups: Array(groups.values), memberships: stints,
                        unmatched: unmatched.map {
                            UnmatchedParent(parent: program.parents[$0.parent].id, reasons: $0.reasons, cause: $0.cause.rawValue)
                        })
    }

    private static func scheduledGroup(_ candidate: CandidateGroup, program: Program, minutes: Int) -> ScheduledGroup {
        var weekday: Weekday?, start: Int?
        if case .weekly(let day, let minute) = candidate.timing {
            weekday = day
            start = minute
        }
        return ScheduledGroup(id: candidate.id, mentor: program.mentors[candidate.mentor].id,
                              kind: candidate.isOpenHouse ? .openHouse : .weekly, mode: candidate.mode,
                              site: candidate.site.map { program.sites[$0].id }, weekday: weekday, startMinute: start,
                              minutes: minutes, sessions: [])
    }

    /// The previous stints carried over (closed at `now` for parents who left their group), and a
    /// new stint from `now` for every parent placed in a group they were not in. Stints that cover
    /// no session are dropped: they never happened.
    static func memberships(previous: [Membership], newGroupOfParent: [ParentID: GroupID], groups: [GroupID: ScheduledGroup],
                            now: LocalDateTime) -> [Membership] {
        var result: [Membership] = []
        var continuing = Set<ParentID>()
        for stint in previous {
            var kept = stint
            if stint.until == nil {
                if newGroupOfParent[stint.parent] == stint.group {
                    continuing.insert(stint.parent)
                    result.append(kept)
                    continue
                }
                kept.until = now
            }
            if let until = kept.until, until <= kept.from { continue }
            guard let group = groups[kept.group], group.sessions.contains(where: { kept.covers($0.start) }) else { continue }
            result.append(kept)
        }
        for (parent, group) in newGroupOfParent where !continuing.contains(parent) {
            result.append(Membership(parent: parent, group: group, from: now))
        }
        return result
    }
}
