import EnlaceCore
import EnlaceReportPage
import EnlaceStore

extension ReportWorkflow {
    /// Participation as of `asOf` from the stored attendance (spec section 11), counted as `enlace
    /// participation` counts it: one seat per family at each session held for them, a session
    /// attended in several ways counted once in the first of in person, online, recording, and the
    /// families of `out/follow-up.csv`. Nil when the program has no attendance stored.
    static func participation(_ store: Store, schedule: Schedule, asOf: LocalDateTime) throws(WorkflowError) -> ParticipationFigures? {
        let attendance: [AttendanceRecord]
        do { attendance = try store.attendance() } catch { throw .wrapping(error) }
        guard !attendance.isEmpty else { return nil }
        var modes: [AttendanceKey: AttendanceMode] = [:]
        for record in attendance { modes[record.key] = min(modes[record.key] ?? record.mode, record.mode) }
        let seats = schedule.heldSessions(before: asOf).flatMap { held in
            held.parents.map { parent in
                ParticipationFigures.Seat(date: held.start.date,
                                          mode: modes[AttendanceKey(parent: parent, group: held.group, session: held.start)].map(reportMode))
            }
        }
        let followUp = Participation(schedule: schedule, cut: asOf, attendance: attendance).followUp.count
        return ParticipationFigures(seats: seats, followUp: followUp)
    }

    private static func reportMode(_ mode: AttendanceMode) -> ParticipationFigures.Mode {
        switch mode {
        case .inPerson: .inPerson
        case .virtual: .online
        case .recording: .recording
        }
    }
}
