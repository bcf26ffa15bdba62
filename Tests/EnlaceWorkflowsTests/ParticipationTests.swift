import EnlaceCore
import Testing
@testable import EnlaceWorkflows

/// Participation and follow-up (spec section 11) on the hand term of `ParticipationFixture`.
@Suite struct ParticipationTests {
    typealias F = ParticipationFixture

    static func row(_ parent: String, _ group: String, _ counts: [Int], _ last: String?) -> Participation.Row {
        Participation.Row(parent: ParentID(parent), group: group, held: counts[0], attended: counts[1], inPerson: counts[2],
                          virtual: counts[3], recording: counts[4], lastAttended: last.flatMap { LocalDate(iso: $0) })
    }

    @Test func rowsPerFamilyAndGroupAsWorkedOutByHand() {
        let participation = Participation(schedule: F.schedule, cut: F.now, attendance: F.expected)
        #expect(participation.rows == [
            Self.row("p1", "g1", [2, 2, 2, 0, 0], "2026-10-06"), Self.row("p2", "g1", [2, 0, 0, 0, 0], nil),
            Self.row("p3", "g3", [2, 2, 0, 1, 1], "2026-10-07"), Self.row("p4", "g3", [0, 0, 0, 0, 0], nil),
            Self.row("p5", "g2", [1, 1, 1, 0, 0], "2026-09-10"), Self.row("p6", "g3", [2, 1, 0, 1, 0], "2026-10-07"),
            Self.row("p7", "g1", [1, 0, 0, 0, 0], nil), Self.row("p7", "g3", [1, 0, 0, 0, 0], nil),
        ])
    }

    /// p2 missed both of g1's sessions. p7 missed two sessions too, but only one of their group
    /// now; p4 has had none; p6 came last time.
    @Test func followUpListsFamiliesWhoMissedTheirGroupsLastTwoSessions() {
        let participation = Participation(schedule: F.schedule, cut: F.now, attendance: F.expected)
        #expect(participation.followUp == [Participation.FollowUp(parent: "p2", mentor: "m1", missedInARow: 2, lastAttended: nil)])
    }

    @Test func followUpCountsEveryMissedSessionSinceTheLastOneAttended() {
        let later = F.at("2026-11-20", 12)
        let participation = Participation(schedule: F.schedule, cut: later, attendance: F.expected)
        let p1 = participation.followUp.first { $0.parent == "p1" }
        #expect(p1 == nil, "p1 missed only November's session")
        let p3 = participation.followUp.first { $0.parent == "p3" }
        #expect(p3 == nil)
        let p2 = participation.followUp.first { $0.parent == "p2" }
        #expect(p2?.missedInARow == 3)
        let p4 = participation.followUp.first { $0.parent == "p4" }
        #expect(p4 == nil, "p4's one held session is not two")
        let p7 = participation.followUp.first { $0.parent == "p7" }
        #expect(p7 == Participation.FollowUp(parent: "p7", mentor: "m2", missedInARow: 2, lastAttended: nil))
        let withNovember = Participation(schedule: F.schedule, cut: later,
                                         attendance: F.expected + [F.record("p7", "g3", F.at("2026-10-07", 18), .recording)])
        #expect(!withNovember.followUp.contains { $0.parent == "p7" })
        #expect(withNovember.rows.first { $0.parent == "p7" && $0.group == "g3" }?.lastAttended == LocalDate(iso: "2026-10-07"))
    }

    @Test func attendanceOfASessionNotHeldForTheFamilyIsIgnored() {
        let stray = [F.record("p2", "g3", F.at("2026-09-02", 18), .virtual), F.record("p2", "g1", F.at("2026-11-03", 18), .inPerson)]
        let participation = Participation(schedule: F.schedule, cut: F.now, attendance: F.expected + stray)
        #expect(participation.rows == Participation(schedule: F.schedule, cut: F.now, attendance: F.expected).rows)
    }

    @Test func theCSVFiles() {
        let participation = Participation(schedule: F.schedule, cut: F.now, attendance: F.expected)
        let csv = ParticipationCSV.participation(participation.rows).split(separator: "\n")
        #expect(csv.first == "parent_id,group_id,held,attended,in_person,virtual,recording,last_attended")
        #expect(csv[1] == "p1,g1,2,2,2,0,0,2026-10-06" && csv[2] == "p2,g1,2,0,0,0,0,")
        #expect(ParticipationCSV.followUp(participation.followUp) == "parent_id,mentor_id,missed_in_a_row,last_attended\np2,m1,2,\n")
    }

    @Test func theSummaryByModeSiteAndLanguage() {
        let participation = Participation(schedule: F.schedule, cut: F.now, attendance: F.expected)
        let summary = ParticipationSummary(participation, program: F.program, unmatchedRows: 3)
        #expect(summary.families == 6 && summary.held == 11 && summary.attended == 6)
        #expect((summary.inPerson, summary.virtual, summary.recording) == (3, 2, 1))
        #expect(summary.modePercentages == [50, 33, 17])
        #expect(summary.bySite.map(\.key) == ["lincoln", "wash"] && summary.bySite[1].label == "Washington Middle")
        #expect(summary.bySite[0].held == 10 && summary.bySite[0].attended == 5)
        #expect(summary.byLanguage.map(\.label) == ["Spanish", "Vietnamese"])
        #expect(summary.json.hasPrefix("{\"now\":\"2026-10-15T12:00\",\"families\":6,\"held\":11,\"attended\":6,"
                                       + "\"modes\":{\"in_person\":3,\"virtual\":2,\"recording\":1},\"sites\":[{\"site\":\"lincoln\""))
        #expect(summary.json.hasSuffix("\"follow_up\":1,\"unmatched_rows\":3}"))
    }

    @Test(arguments: [([1, 1, 1], [34, 33, 33]), ([0, 0, 0], [0, 0, 0]), ([61, 27, 12], [61, 27, 12]), ([2, 1, 0], [67, 33, 0])])
    func percentagesAddUpToAHundred(counts: [Int], percent: [Int]) {
        #expect(ParticipationSummary.percentages(counts) == percent)
    }
}
