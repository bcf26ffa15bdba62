import EnlaceCore

/// The files `enlace match` writes for scripts (spec sections 6 and 9), rendered from a stored
/// schedule: the same schedule gives the same bytes.
public struct ScheduleReport {
    public let schedule: Schedule

    public init(schedule: Schedule) {
        self.schedule = schedule
    }

    /// `out/schedule.json`: keys in the spec's order, groups by id, unmatched parents by id. Held
    /// sessions carry the parents they were held for; a group's `parents` are its members from
    /// now on (empty for a group that no longer meets). Every session has its `topic` (null for an
    /// open conversation), and `curriculum` (spec section 10) is always there: a program without
    /// data/topics.csv has `{"value": 0, "required_missing": []}`.
    ///
    /// - Throws: `InputError` when the program's time zone is unknown to the system.
    public func scheduleJSON() throws(InputError) -> String {
        guard var clock = RFC3339Formatter(timezone: schedule.timezone) else { throw Self.unknownZone(schedule.timezone) }
        let stints = schedule.stintsByGroup
        let groups = schedule.groups.map { groupJSON($0, stints: stints[$0.id] ?? [], clock: &clock) }
        let terms = schedule.score.terms.map { ($0.key, String($0.value)) }
        let score = JSONText.object([("total", String(schedule.score.total)), ("bound", String(schedule.score.bound)),
                                     ("gap", JSONText.fraction(schedule.score.gap)), ("terms", JSONText.object(terms, level: 2))], level: 1)
        let unmatched = schedule.unmatched.map { entry in
            JSONText.object([("parent", JSONText.string(entry.parent.rawValue)),
                             ("reasons", JSONText.inlineArray(entry.reasons.map(JSONText.string)))], level: 2)
        }
        let curriculum = JSONText.object([("value", String(schedule.curriculum.value)),
                                          ("required_missing", JSONText.inlineArray(schedule.curriculum.requiredMissing.map { JSONText.string($0.rawValue) }))],
                                         level: 1)
        return JSONText.object([
            ("program", JSONText.string(schedule.programName)),
            ("timezone", JSONText.string(schedule.timezone)),
            ("score", score),
            ("curriculum", curriculum),
            ("groups", JSONText.array(groups, level: 1)),
            ("unmatched", JSONText.array(unmatched, level: 1)),
        ]) + "\n"
    }

    /// The error of a time zone the system does not know.
    static func unknownZone(_ timezone: String) -> InputError {
        InputError(file: "enlace.toml", field: "timezone", problem: "\"\(timezone)\" is not a time zone this system knows.",
                   fix: "use an IANA name such as America/Los_Angeles, and install tzdata.")
    }

    private func groupJSON(_ group: ScheduledGroup, stints: [Membership], clock: inout RFC3339Formatter) -> String {
        var fields: [(String, String)] = [
            ("id", JSONText.string(group.id)),
            ("mentor", JSONText.string(group.mentor.rawValue)),
            ("kind", JSONText.string(group.kind.rawValue)),
            ("mode", JSONText.string(group.mode.rawValue)),
            ("site", group.site.map { JSONText.string($0.rawValue) } ?? "null"),
        ]
        if let weekday = group.weekday, let start = group.startMinute {
            fields.append(("weekday", JSONText.string(weekday.code)))
            fields.append(("start", JSONText.string(formatMinuteOfDay(start))))
        }
        fields.append(("minutes", String(group.minutes)))
        let members = stints.filter { $0.until == nil }.map(\.parent).sorted()
        fields.append(("parents", JSONText.inlineArray(members.map { JSONText.string($0.rawValue) })))
        let sessions = group.sessions.map { session -> String in
            var text = "{\"start\": \(JSONText.string(clock.string(session.start))), \"end\": \(JSONText.string(clock.string(session.end)))"
            if schedule.isHeld(session) {
                let parents = schedule.parents(of: session, stints: stints)
                text += ", \"held\": true, \"parents\": " + JSONText.inlineArray(parents.map { JSONText.string($0.rawValue) })
            } else {
                text += ", \"held\": false"
            }
            return text + ", \"topic\": " + (session.topic.map { JSONText.string($0.rawValue) } ?? "null") + "}"
        }
        fields.append(("sessions", JSONText.array(sessions, level: 3)))
        return JSONText.object(fields, level: 2)
    }

    /// `out/assignments.csv`: `parent_id,mentor_id,group_id,reason,since`, one row per parent of
    /// the run by id; `since` is the local date of the parent's first session in the group.
    public func assignmentsCSV() -> String {
        var rows: [(ParentID, [String])] = []
        for (parent, stint) in schedule.currentMemberships {
            let mentor = schedule.group(stint.group)?.mentor.rawValue ?? ""
            rows.append((parent, [parent.rawValue, mentor, stint.group, "", schedule.since(stint)?.description ?? ""]))
        }
        for entry in schedule.unmatched {
            rows.append((entry.parent, [entry.parent.rawValue, "", "", entry.reasons.joined(separator: "; "), ""]))
        }
        rows.sort { $0.0 < $1.0 }
        var lines = ["parent_id,mentor_id,group_id,reason,since"]
        lines += rows.map { $0.1.map(CSVCell.text).joined(separator: ",") }
        return lines.joined(separator: "\n") + "\n"
    }
}
