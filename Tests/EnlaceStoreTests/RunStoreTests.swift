import EnlaceCore
@testable import EnlaceStore
import Foundation
import GRDB
import Testing

/// A run is stored as typed rows and read back as the same schedule; the rows refuse what a
/// schedule must never hold; runs stored as JSON before migrate with their groups and members.
@Suite struct RunStoreTests {
    private static func at(_ date: String, _ hour: Int) -> LocalDateTime {
        LocalDateTime(date: LocalDate(iso: date)!, minuteOfDay: hour * 60)
    }

    static func schedule(now: LocalDateTime = at("2026-11-15", 12)) -> Schedule {
        let weekly = ScheduledGroup(id: "M1-TU1800-lincoln", mentor: "M1", kind: .weekly, mode: .inPerson, site: "lincoln",
                                    weekday: .tuesday, startMinute: 18 * 60, minutes: 60,
                                    sessions: [ScheduledSession(start: at("2026-10-06", 18), end: at("2026-10-06", 19), topic: "biliteracy"),
                                               ScheduledSession(start: at("2026-12-01", 18), end: at("2026-12-01", 19))])
        let open = ScheduledGroup(id: "M2-openhouse-lincoln", mentor: "M2", kind: .openHouse, mode: .inPerson, site: "lincoln",
                                  weekday: nil, startMinute: nil, minutes: 60,
                                  sessions: [ScheduledSession(start: at("2026-09-10", 19), end: at("2026-09-10", 20))])
        return Schedule(programName: "T", timezone: "America/Los_Angeles", now: now,
                        score: ScheduleScore(total: 120, bound: 125, terms: [ScoreTerm(key: "matched", value: 200), ScoreTerm(key: "group", value: -80)]),
                        groups: [weekly, open],
                        memberships: [Membership(parent: "P1", group: "M2-openhouse-lincoln", from: at("2026-08-10", 9), until: now),
                                      Membership(parent: "P1", group: "M1-TU1800-lincoln", from: now),
                                      Membership(parent: "P2", group: "M1-TU1800-lincoln", from: at("2026-08-10", 9))],
                        unmatched: [UnmatchedParent(parent: "P3", reasons: ["no mentor speaks Hmong", "second reason"], cause: "shared_language")],
                        changes: [FamilyChange(parent: "P1", before: "M2-openhouse-lincoln", after: "M1-TU1800-lincoln", reason: .mentorLeft)])
    }

    private static func run(effort: String = "standard", _ schedule: Schedule = schedule()) -> RunRecord {
        RunRecord(createdAt: "2026-11-29T18:00:00Z", fingerprint: "f", settingsTOML: "name = \"T\"", effort: effort, schedule: schedule)
    }

    @Test func aRunReadsBackAsTheScheduleThatWasStored() throws {
        let store = try Store(path: StoreImportTests.temporaryDatabase())
        #expect(try store.latestRun() == nil)
        let id = try store.saveRun(Self.run())
        let read = try #require(try store.latestRun())
        #expect(read.id == id)
        #expect(read.schedule == Self.schedule())
        #expect(read.effort == "standard")
    }

    @Test func theEffortOfEachRunIsKeptAndChecked() throws {
        let store = try Store(path: StoreImportTests.temporaryDatabase())
        try store.saveRun(Self.run(effort: "thorough"))
        try store.saveRun(Self.run(effort: "standard"))
        #expect(try store.run(runsBack: 1)?.effort == "thorough")
        #expect(throws: StoreError.self) { try store.saveRun(Self.run(effort: "turbo")) }
        #expect(try store.runCount() == 2)
    }

    @Test func twoGroupsWithOneIdAreRefused() throws {
        let store = try Store(path: StoreImportTests.temporaryDatabase())
        var schedule = Self.schedule()
        var twin = schedule.groups[0]
        twin.mentor = "M9"
        schedule.groups.append(twin)
        #expect(throws: StoreError.self) { try store.saveRun(Self.run(schedule)) }
        #expect(try store.runCount() == 0, "nothing of the run is stored")
    }

    @Test func aParentInTwoGroupsAtOnceIsRefused() throws {
        let store = try Store(path: StoreImportTests.temporaryDatabase())
        var schedule = Self.schedule()
        schedule.memberships.append(Membership(parent: "P2", group: "M2-openhouse-lincoln", from: Self.at("2026-11-15", 12)))
        #expect(throws: StoreError.self) { try store.saveRun(Self.run(schedule)) }
    }

    @Test func runsStoredAsJSONMigrateWithTheirGroupsAndMembers() throws {
        let path = StoreImportTests.temporaryDatabase()
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v5-run-effort")
        let json = """
            {"program": "T", "timezone": "America/Los_Angeles",
             "score": {"total": 90, "bound": 95, "gap": 0.05, "terms": {"group": -20, "matched": 100, "district_bonus": 10}},
             "groups": [{"id": "M1-TU1800-virtual", "mentor": "M1", "kind": "weekly", "mode": "virtual", "site": null,
                         "weekday": "TU", "start": "18:00", "minutes": 60, "parents": ["P1"],
                         "sessions": [{"start": "2026-09-01T18:00:00-07:00", "end": "2026-09-01T19:00:00-07:00"}]}],
             "unmatched": [{"parent": "P2", "reasons": ["no mentor speaks Hmong"]}]}
            """
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (created_at, fingerprint, settings_toml, score, bound, parents, matched, groups, schedule_json)
                VALUES ('2026-10-01T18:00:00Z', 'f', '', 90, 95, 2, 1, 1, ?)
                """, arguments: [json])
            try db.execute(sql: "INSERT INTO run_assignments (run_id, parent_id, mentor_id, group_id) VALUES (1, 'P1', 'M1', 'M1-TU1800-virtual')")
        }
        let store = try Store(path: path)
        let schedule = try #require(try store.latestRun()).schedule
        #expect(schedule.programName == "T" && schedule.timezone == "America/Los_Angeles")
        #expect(schedule.score.terms.map(\.key) == ["matched", "group", "district_bonus"])
        #expect(schedule.groups.map(\.id) == ["M1-TU1800-virtual"])
        #expect(schedule.groups[0].sessions == [ScheduledSession(start: Self.at("2026-09-01", 18), end: Self.at("2026-09-01", 19))])
        #expect(schedule.groups[0].weekday == .tuesday && schedule.groups[0].startMinute == 18 * 60)
        #expect(schedule.membersByGroup == ["M1-TU1800-virtual": ["P1"]])
        #expect(schedule.unmatched == [UnmatchedParent(parent: "P2", reasons: ["no mentor speaks Hmong"])])
        #expect(schedule.isHeld(schedule.groups[0].sessions[0]) == false, "runs from before knew no history: nothing is held")
    }
}
