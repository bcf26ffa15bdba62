import EnlaceCore
import EnlaceSolver

/// What changed for each family at a re-run, and why (`enlace match`'s closing summary and
/// `out/changes.csv`): read from the previous run, the new model and the new solution.
enum FamilyChanges {
    /// The families whose group changed, by parent; empty before the first run.
    ///
    /// The reason is the first of these that holds: new in the roster; was waiting; no group now
    /// (to make room for other families when some group still fits them); their mentor left;
    /// their group's time and place is no longer possible; their group no longer fits them; the
    /// new mentor speaks their preferred language and the old one did not; the new group meets at
    /// their school's open house; otherwise, to make room.
    static func between(previous: Schedule?, model: MatchModel, solution: Solution) -> [FamilyChange] {
        guard let previous else { return [] }
        let program = model.program
        let before = previous.currentMemberships.mapValues(\.group)
        let roster = Set(previous.memberships.map(\.parent)).union(previous.unmatched.map(\.parent))
        let groupIndex = Dictionary(model.groups.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let mentors = Set(program.mentors.map(\.id))
        var changes: [FamilyChange] = []
        for (p, parent) in program.parents.enumerated() {
            let old = before[parent.id]
            let new = solution.groupOfParent[p].map { model.groups[$0].id }
            guard old != new else { continue }
            let reason: FamilyChange.Reason
            if !roster.contains(parent.id) {
                reason = .joined
            } else if old == nil {
                reason = .placeOpened
            } else if new == nil {
                // Still fitting some group, the family lost its seat to families with fewer
                // options; otherwise nothing fits them any more.
                reason = model.groups.indices.contains { model.admits(parent: p, group: $0) } ? .makeRoom : .noGroup
            } else if let group = previous.group(old!), !mentors.contains(group.mentor) {
                reason = .mentorLeft
            } else if let g = groupIndex[old!] {
                reason = movedWithinModel(p, from: g, to: solution.groupOfParent[p]!, model: model)
            } else {
                reason = .groupEnded
            }
            changes.append(FamilyChange(parent: parent.id, before: old, after: new, reason: reason))
        }
        let current = Set(program.parents.map(\.id))
        for parent in roster.subtracting(current).sorted() {
            changes.append(FamilyChange(parent: parent, before: before[parent], after: nil, reason: .left))
        }
        return changes
    }

    /// Why a parent moved from group `g`, which still exists, to group `h`.
    private static func movedWithinModel(_ p: Int, from g: Int, to h: Int, model: MatchModel) -> FamilyChange.Reason {
        guard model.fittingParents(of: g).contains(Int32(p)) else { return .familyChanged }
        let parent = model.program.parents[p]
        let speaks = { (group: Int) in model.program.mentors[model.groups[group].mentor].languages.contains { $0.matches(parent.preferredLanguage) } }
        if speaks(h) && !speaks(g) { return .betterLanguage }
        if model.groups[h].isOpenHouse && !model.groups[g].isOpenHouse { return .openHouse }
        return .makeRoom
    }

    /// `14 families changed group: 5 because their mentor left, 6 for a better language match…`,
    /// or nil when nothing changed.
    static func summary(_ changes: [FamilyChange]) -> String? {
        guard !changes.isEmpty else { return nil }
        var counts: [FamilyChange.Reason: Int] = [:]
        for change in changes { counts[change.reason, default: 0] += 1 }
        let parts = FamilyChange.Reason.allCases.compactMap { reason in
            counts[reason].map { "\($0) \(reason == .mentorLeft || reason == .groupEnded || reason == .familyChanged || reason == .noGroup ? "because " : "")\(reason.phrase)" }
        }
        let noun = changes.count == 1 ? "family" : "families"
        return "\(changes.count) \(noun) changed group: " + parts.joined(separator: ", ") + " (details: out/changes.csv)."
    }

    /// `out/changes.csv`: `parent_id,before,after,reason`, by parent.
    static func csv(_ changes: [FamilyChange]) -> String {
        var lines = ["parent_id,before,after,reason"]
        for change in changes {
            lines.append([change.parent.rawValue, change.before ?? "", change.after ?? "", change.reason.phrase].map(CSVCell.text).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
