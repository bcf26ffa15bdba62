import EnlaceCore
import EnlaceSolver

/// The files `enlace match` writes (spec section 6), rendered as text.
public struct ScheduleReport {
    public let model: MatchModel
    public let solution: Solution
    public let unmatched: [UnmatchedExplanation]

    public init(model: MatchModel, solution: Solution) {
        self.model = model
        self.solution = solution
        self.unmatched = model.explainUnmatched(solution)
    }

    /// `out/schedule.json`: keys in the spec's order, groups by id, unmatched parents by id.
    ///
    /// - Throws: `InputError` when the program's time zone is unknown to the system.
    public func scheduleJSON() throws(InputError) -> String {
        let settings = model.program.settings
        guard var clock = RFC3339Formatter(timezone: settings.timezone) else {
            throw InputError(file: "enlace.toml", field: "timezone", problem: "\"\(settings.timezone)\" is not a time zone this system knows.",
                             fix: "use an IANA name such as America/Los_Angeles, and install tzdata.")
        }
        let byGroup = solution.parentsByGroup()
        let groups = solution.openGroups.sorted { model.groups[$0].id < model.groups[$1].id }.map { g in
            groupJSON(g, parents: byGroup[g] ?? [], clock: &clock)
        }
        let terms = model.termKeys.map { ($0, String(solution.terms[$0] ?? 0)) }
        let score = JSONText.object([("total", String(solution.score)), ("bound", String(solution.bound)),
                                     ("gap", JSONText.fraction(solution.gap)), ("terms", JSONText.object(terms, level: 2))], level: 1)
        let unmatchedJSON = unmatched.map { explanation in
            JSONText.object([("parent", JSONText.string(model.program.parents[explanation.parent].id.rawValue)),
                             ("reasons", JSONText.inlineArray(explanation.reasons.map(JSONText.string)))], level: 2)
        }
        return JSONText.object([
            ("program", JSONText.string(settings.name)),
            ("timezone", JSONText.string(settings.timezone)),
            ("score", score),
            ("groups", JSONText.array(groups, level: 1)),
            ("unmatched", JSONText.array(unmatchedJSON, level: 1)),
        ]) + "\n"
    }

    private func groupJSON(_ g: Int, parents: [Int], clock: inout RFC3339Formatter) -> String {
        let group = model.groups[g]
        var fields: [(String, String)] = [
            ("id", JSONText.string(group.id)),
            ("mentor", JSONText.string(model.program.mentors[group.mentor].id.rawValue)),
            ("kind", JSONText.string(group.isOpenHouse ? "open_house" : "weekly")),
            ("mode", JSONText.string(group.mode.rawValue)),
            ("site", group.site.map { JSONText.string(model.program.sites[$0].id.rawValue) } ?? "null"),
        ]
        if case .weekly(let weekday, let start) = group.timing {
            fields.append(("weekday", JSONText.string(weekday.code)))
            fields.append(("start", JSONText.string(formatMinuteOfDay(start))))
        }
        fields.append(("minutes", String(model.program.settings.sessionMinutes)))
        fields.append(("parents", JSONText.inlineArray(parents.map { JSONText.string(model.program.parents[$0].id.rawValue) })))
        let sessions = group.sessions.map { session in
            "{\"start\": \(JSONText.string(clock.string(session.start))), \"end\": \(JSONText.string(clock.string(session.end)))}"
        }
        fields.append(("sessions", JSONText.array(sessions, level: 3)))
        return JSONText.object(fields, level: 2)
    }

    /// `out/assignments.csv`: `parent_id,mentor_id,group_id,reason`, one row per parent by id.
    public func assignmentsCSV() -> String {
        let reasons = Dictionary(uniqueKeysWithValues: unmatched.map { ($0.parent, $0.reasons.joined(separator: "; ")) })
        var lines = ["parent_id,mentor_id,group_id,reason"]
        for (p, parent) in model.program.parents.enumerated() {
            if let g = solution.groupOfParent[p] {
                let group = model.groups[g]
                lines.append([parent.id.rawValue, model.program.mentors[group.mentor].id.rawValue, group.id, ""].map(CSVCell.text).joined(separator: ","))
            } else {
                lines.append([parent.id.rawValue, "", "", reasons[p] ?? ""].map(CSVCell.text).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parents blocked per cause, for the summary.
    public var blockedCounts: [(cause: UnmatchedCause, count: Int)] {
        model.unmatchedCauses.map { cause in (cause, unmatched.filter { $0.cause == cause }.count) }
    }
}
