import EnlaceCore
import Foundation
@testable import EnlaceReportPage

/// A small hand-made program and run: two schools, three mentors, eight families, a term of six
/// weeks with a blackout week and open houses, and one group that met twice before the report.
enum Fixture {
    static func date(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    static func at(_ text: String, _ minute: Int) -> LocalDateTime { LocalDateTime(date: date(text), minuteOfDay: minute) }

    static let sites = [Site(id: SiteID("juarez-es"), name: "Juárez ES", address: nil),
                        Site(id: SiteID("lincoln-ms"), name: "Lincoln MS", address: nil)]

    static func mentor(_ id: String, _ languages: [String], sites: [String], capacity: Int) -> Mentor {
        Mentor(id: MentorID(id), name: "Mentor \(id)", languages: languages.map { LanguageTag($0)! }, sites: sites.map(SiteID.init),
               modes: [.inPerson, .virtual], capacity: capacity, availability: try! Availability(parsing: "TU 18:00-20:00"),
               attendsOpenHouses: false, topics: [])
    }

    static func parent(_ id: String, _ languages: [String], site: String, modes: Set<MeetingMode> = [.inPerson],
                       free: String = "TU 18:00-20:00", openHouse: Bool = false, topics: [String] = []) -> Parent {
        Parent(id: ParentID(id), name: "Name of \(id)", languages: languages.map { LanguageTag($0)! }, site: SiteID(site), modes: modes,
               availability: try! Availability(parsing: free), attendsOpenHouses: openHouse, topics: topics.map(TopicID.init))
    }

    static var program: Program {
        var settings = ProgramSettings(name: "Juárez & Lincoln <Mentors>", timezone: "America/Los_Angeles",
                                       termStart: date("2026-09-02"), termEnd: date("2026-10-09"))
        settings.reportLanguage = .en
        let parents = [
            parent("P1", ["es"], site: "juarez-es"), parent("P2", ["es", "en"], site: "juarez-es"), parent("P3", ["es"], site: "lincoln-ms"),
            parent("P4", ["tl"], site: "juarez-es", free: "MO 18:00-20:00"), parent("P5", ["tl"], site: "juarez-es", free: "WE 17:30-19:00"),
            parent("P6", ["hmn"], site: "lincoln-ms"), parent("P7", ["hmn"], site: "juarez-es"), parent("P8", ["es"], site: "lincoln-ms"),
        ]
        let openHouses = [OpenHouse(site: SiteID("juarez-es"), start: at("2026-09-10", 17 * 60), end: at("2026-09-10", 18 * 60),
                                    title: "Open house", sourceUID: "a"),
                          OpenHouse(site: SiteID("juarez-es"), start: at("2026-10-08", 17 * 60), end: at("2026-10-08", 18 * 60),
                                    title: "Open house", sourceUID: "b"),
                          OpenHouse(site: SiteID("lincoln-ms"), start: at("2026-09-11", 17 * 60), end: at("2026-09-11", 18 * 60),
                                    title: "Open house", sourceUID: "c")]
        let blackouts = Set((0..<5).map { date("2026-09-21").adding(days: $0) } + [date("2026-09-07"), date("2026-12-25")])
        return Program(settings: settings, sites: sites,
                       mentors: [mentor("M1", ["es"], sites: ["juarez-es"], capacity: 3), mentor("M2", ["es", "en"], sites: ["lincoln-ms"], capacity: 2),
                                 mentor("M3", ["tl"], sites: ["lincoln-ms"], capacity: 4)],
                       parents: parents, openHouses: openHouses, blackouts: blackouts)
    }

    /// M1's Tuesday group met on Sep 8 and 15 and meets on Sep 29 and Oct 6; M2's on Sep 29 and
    /// Oct 6. P1, P2 with M1; P3, P8 with M2; the rest wait.
    static var schedule: Schedule {
        func sessions(_ days: [String]) -> [ScheduledSession] {
            days.map { ScheduledSession(start: at($0, 18 * 60), end: at($0, 19 * 60)) }
        }
        let m1 = ScheduledGroup(id: "M1-TU1800-juarez-es", mentor: MentorID("M1"), kind: .weekly, mode: .inPerson, site: SiteID("juarez-es"),
                                weekday: .tuesday, startMinute: 18 * 60, minutes: 60,
                                sessions: sessions(["2026-09-08", "2026-09-15", "2026-09-29", "2026-10-06"]))
        let m2 = ScheduledGroup(id: "M2-TU1800-lincoln-ms", mentor: MentorID("M2"), kind: .weekly, mode: .inPerson, site: SiteID("lincoln-ms"),
                                weekday: .tuesday, startMinute: 18 * 60, minutes: 60, sessions: sessions(["2026-09-29", "2026-10-06"]))
        let now = at("2026-09-01", 8 * 60)
        return Schedule(programName: "Juárez & Lincoln <Mentors>", timezone: "America/Los_Angeles", now: now,
                        score: ScheduleScore(total: 432, bound: 434, terms: []), groups: [m1, m2],
                        memberships: [Membership(parent: ParentID("P1"), group: m1.id, from: now), Membership(parent: ParentID("P2"), group: m1.id, from: now),
                                      Membership(parent: ParentID("P3"), group: m2.id, from: now), Membership(parent: ParentID("P8"), group: m2.id, from: now)],
                        unmatched: ["P4", "P5", "P6", "P7", "P9"].map { UnmatchedParent(parent: ParentID($0), reasons: ["why"]) })
    }

    static let reasons: [ParentID: WaitingReason] = [
        ParentID("P4"): WaitingReason(cause: "time_fit", reasons: ["1 mentor speaks Tagalog and meets the way you can; none is free when you are (MO 18:00-20:00)"]),
        ParentID("P5"): WaitingReason(cause: "time_fit", reasons: ["1 mentor speaks Tagalog and meets the way you can; none is free when you are (WE 17:30-19:00)"]),
        ParentID("P6"): WaitingReason(cause: "shared_language", reasons: ["no mentor speaks Hmong"]),
        ParentID("P7"): WaitingReason(cause: "shared_language", reasons: ["no mentor speaks Hmong"]),
    ]

    /// The report's moment: Wednesday, September 16, 2026, noon.
    static let asOf = at("2026-09-16", 12 * 60)

    static var figures: ReportFigures {
        ReportFigures(program: program, schedule: schedule, reasons: reasons, asOf: asOf)
    }
}
