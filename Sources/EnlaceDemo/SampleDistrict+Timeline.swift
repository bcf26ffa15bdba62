import EnlaceCore
import Foundation

extension SampleDistrict {
    /// When the sample district's program was first matched and published: a week before its
    /// 2026-27 term began (Monday 10 August 2026, 09:00 in Southern California).
    public static let launch = Date(timeIntervalSince1970: 1_786_377_600)

    /// The moment `enlace demo` shows the sample district as of: Tuesday 1 December 2026, 08:00 in
    /// Southern California, with September to November held. Fixed, so the demo gives the same
    /// outputs whatever the date it runs on.
    public static let asOf = Date(timeIntervalSince1970: 1_796_140_800)
}

extension SampleDistrict {
    /// The attendance files and recording links of the sessions of `schedule` (the run made at
    /// `launch`) held before `asOf`: what the mentors and the meeting service hand the coordinator
    /// by then (`SampleAttendance`).
    public static func attendance(schedule: Schedule, asOf: Date, program loaded: LoadedProgram, seed: UInt64) -> [ProgramFile] {
        let zone = TimeZone(identifier: loaded.program.settings.timezone) ?? TimeZone(secondsFromGMT: 0)!
        let local = Int(asOf.timeIntervalSince1970) + zone.secondsFromGMT(for: asOf)
        let cut = LocalDateTime(minutes: local >= 0 ? local / 60 : (local - 59) / 60)
        var families: [ParentID: SampleAttendance.Family] = [:]
        for parent in loaded.program.parents {
            families[parent.id] = SampleAttendance.Family(name: parent.name, email: loaded.parentContacts[parent.id]?.email)
        }
        return SampleAttendance(schedule: schedule, heldBefore: cut, families: families, seed: seed)
            .files(openHouses: loaded.program.openHouses)
    }
}
