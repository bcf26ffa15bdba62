import EnlaceCore
import EnlaceProgram
import Foundation
@testable import EnlaceWorkflows

/// A hand-made term, re-run on 2026-10-15 (the case `Benchmarks/tests/test_check_participation.py`
/// works out by hand, plus a family who joined and one who moved):
/// - g1, in person at Lincoln (mentor m1): Sep 8, Oct 6 held, Nov 3 to come; p1 and p2.
/// - g2, in person at Washington (m2): Sep 10 held; p5.
/// - g3, virtual (m2): Sep 2, Oct 7 held, Nov 4 to come; p3 and p6; p4 joins on Oct 15; p7 moved
///   here from g1 on Oct 1.
/// Lincoln's open houses: Sep 10 (held) and Nov 12.
enum ParticipationFixture {
    static func at(_ date: String, _ hour: Int, _ minute: Int = 0) -> LocalDateTime {
        LocalDateTime(date: LocalDate(iso: date)!, minuteOfDay: hour * 60 + minute)
    }

    static let now = at("2026-10-15", 12)
    static let start = at("2026-08-10", 9)

    static func group(_ id: String, mentor: String, site: String?, _ starts: [LocalDateTime]) -> ScheduledGroup {
        ScheduledGroup(id: id, mentor: MentorID(mentor), kind: .weekly, mode: site == nil ? .virtual : .inPerson,
                       site: site.map(SiteID.init), weekday: .tuesday, startMinute: 18 * 60, minutes: 60,
                       sessions: starts.map { ScheduledSession(start: $0, end: $0.adding(minutes: 60)) })
    }

    static let schedule = Schedule(
        programName: "Hand", timezone: "America/Los_Angeles", now: now, score: ScheduleScore(total: 0, bound: 0, terms: []),
        groups: [group("g1", mentor: "m1", site: "lincoln", [at("2026-09-08", 18), at("2026-10-06", 18), at("2026-11-03", 18)]),
                 group("g2", mentor: "m2", site: "wash", [at("2026-09-10", 18)]),
                 group("g3", mentor: "m2", site: nil, [at("2026-09-02", 18), at("2026-10-07", 18), at("2026-11-04", 18)])],
        memberships: [Membership(parent: "p1", group: "g1", from: start), Membership(parent: "p2", group: "g1", from: start),
                      Membership(parent: "p5", group: "g2", from: start), Membership(parent: "p3", group: "g3", from: start),
                      Membership(parent: "p6", group: "g3", from: start), Membership(parent: "p4", group: "g3", from: now),
                      Membership(parent: "p7", group: "g1", from: start, until: at("2026-10-01", 12)),
                      Membership(parent: "p7", group: "g3", from: at("2026-10-01", 12))],
        unmatched: [])

    static func parent(_ id: String, site: String = "lincoln", language: String = "es") -> Parent {
        Parent(id: ParentID(id), name: "Parent \(id)", languages: [LanguageTag(language)!], site: SiteID(site), modes: [.inPerson, .virtual],
               availability: try! Availability(parsing: "TU 18:00-20:00"), attendsOpenHouses: true, topics: [])
    }

    static let program: Program = {
        let settings = ProgramSettings(name: "Hand", timezone: "America/Los_Angeles", termStart: LocalDate(iso: "2026-08-17")!,
                                       termEnd: LocalDate(iso: "2027-06-10")!)
        let houses = [OpenHouse(site: "lincoln", start: at("2026-09-10", 17), end: at("2026-09-10", 18), title: "Open house", sourceUID: "oh"),
                      OpenHouse(site: "lincoln", start: at("2026-11-12", 17), end: at("2026-11-12", 18), title: "Open house", sourceUID: "oh")]
        return Program(settings: settings, sites: [Site(id: "lincoln", name: "Lincoln Elementary", address: nil),
                                                    Site(id: "wash", name: "Washington Middle", address: nil)],
                       mentors: [], parents: ["p1", "p2", "p3", "p4", "p6", "p7"].map { parent($0) } + [parent("p5", site: "wash", language: "vi")],
                       openHouses: houses, blackouts: [])
    }()

    static var contacts: [ParentID: Contact] {
        ["p3": Contact(email: "phuong@example.net", phone: nil), "p6": Contact(email: " Quang@Example.net", phone: nil),
         "p1": Contact(email: nil, phone: "555-0100")]
    }

    static let signIn = """
        date,group,parent,mode
        2026-09-08,g1,p1,in_person
        2026-10-06,g1,p1,in_person
        2026-09-10,g2,p5,in_person
        2026-10-07,g3,p3,recording
        """
    static let reportSeptember = """
        Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
        812 3456 7890,Grupo g3,09/02/2026 05:58:00 PM,09/02/2026 07:01:00 PM,bao@example.org,63,3

        Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
        Phuong,phuong@example.net,09/02/2026 06:00:10 PM,09/02/2026 06:10:10 PM,10,Yes
        Phuong,PHUONG@example.net,09/02/2026 06:12:00 PM,09/02/2026 06:20:00 PM,8,Yes
        Quang,quang@example.net,09/02/2026 06:05:00 PM,09/02/2026 06:15:00 PM,10,Yes
        Stranger,who@example.com,09/02/2026 06:00:00 PM,09/02/2026 07:00:00 PM,60,Yes
        Invitado,,09/02/2026 06:00:00 PM,09/02/2026 07:00:00 PM,60,Yes
        """
    static let reportOctober = """
        Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
        Quang,Quang@Example.NET,10/07/2026 06:00:00 PM,10/07/2026 06:50:00 PM,50,Yes
        """
    static let files = ["data/attendance/sign-in.csv": signIn, "data/attendance/zoom-2026-09-02.csv": reportSeptember,
                        "data/attendance/zoom-2026-10-07.csv": reportOctober]

    /// A program folder holding only `files`.
    static func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-participation-\(UUID().uuidString)")
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return url
    }

    /// The files resolved against the hand schedule.
    static func resolve(_ files: [String: String] = files, minVirtualMinutes: Int = 15,
                        contacts: [ParentID: Contact] = contacts) throws -> ResolvedParticipation {
        let folder = try folder(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let resolver = AttendanceResolver(schedule: schedule, cut: now, program: program, contacts: contacts, minVirtualMinutes: minVirtualMinutes)
        return try resolver.resolve(try AttendanceReader.read(programFolder: folder, timezone: "America/Los_Angeles"),
                                    recordings: try RecordingsReader.read(programFolder: folder))
    }

    static func record(_ parent: String, _ group: String, _ session: LocalDateTime, _ mode: AttendanceMode) -> AttendanceRecord {
        AttendanceRecord(parent: ParentID(parent), group: group, session: session, mode: mode)
    }

    /// What the three files of `files` give, worked out by hand.
    static let expected = [
        record("p1", "g1", at("2026-09-08", 18), .inPerson), record("p1", "g1", at("2026-10-06", 18), .inPerson),
        record("p3", "g3", at("2026-09-02", 18), .virtual), record("p3", "g3", at("2026-10-07", 18), .recording),
        record("p5", "g2", at("2026-09-10", 18), .inPerson), record("p6", "g3", at("2026-10-07", 18), .virtual),
    ]
}

/// The readers, for tests that build their own resolver.
enum EnlaceProgramReading {
    static func attendance(_ folder: URL) throws -> AttendanceFiles {
        try AttendanceReader.read(programFolder: folder, timezone: "America/Los_Angeles")
    }
}
