import EnlaceCore
import Testing
@testable import EnlaceWorkflows

/// Attendance rows turned into records of held sessions (spec section 11), on the hand term of
/// `ParticipationFixture`.
@Suite struct AttendanceResolverTests {
    typealias F = ParticipationFixture

    @Test func theHandFilesGiveTheRecordsWorkedOutByHand() throws {
        let resolved = try F.resolve()
        #expect(resolved.attendance == F.expected)
        let reasons = resolved.unmatched.map { "\($0.file):\($0.line) \($0.reason)" }
        #expect(reasons == [
            "data/attendance/zoom-2026-09-02.csv:7 10 minutes in group g3's session, fewer than min_virtual_minutes (15)",
            "data/attendance/zoom-2026-09-02.csv:8 no parent in data/parents.csv has this email",
            "data/attendance/zoom-2026-09-02.csv:9 no email: a guest who joined without signing in",
        ])
        #expect(resolved.unmatched[0].parent == "p6" && resolved.unmatched[1].email == "who@example.com")
    }

    /// Phuong's 10 and 8 minutes add up to 18: attended at 15, not at 20.
    @Test func rejoinsAddUpToTheMinimum() throws {
        let strict = try F.resolve(minVirtualMinutes: 20)
        #expect(!strict.attendance.contains(F.record("p3", "g3", F.at("2026-09-02", 18), .virtual)))
        #expect(strict.unmatched.filter { $0.parent == "p3" }.map(\.line) == [5, 6])
        #expect(strict.unmatched.first { $0.parent == "p3" }?.reason.hasPrefix("18 minutes") == true)
    }

    @Test func theSameReportTwiceCountsOnce() throws {
        var files = F.files
        files["data/attendance/zoom-2026-09-02 (1).csv"] = F.reportSeptember
        let resolved = try F.resolve(files)
        #expect(resolved.attendance == F.expected, "Quang's 10 minutes, read twice, are still 10")
        #expect(try F.resolve(files) == resolved)
    }

    @Test func emailsAreComparedWithoutCaseOrSpaces() throws {
        var contacts = F.contacts
        contacts["p6"] = Contact(email: "someone.else@example.net", phone: nil)
        let resolved = try F.resolve(contacts: contacts)
        #expect(!resolved.attendance.contains { $0.parent == "p6" })
        #expect(try F.resolve().attendance.contains(F.record("p6", "g3", F.at("2026-10-07", 18), .virtual)))
    }

    @Test func aSessionAttendedInSeveralWaysCountsOnceInTheFirstMode() throws {
        var files = F.files
        files["data/attendance/more.csv"] = """
            date,group,parent,mode
            2026-09-08,g1,p1,virtual
            2026-09-08,g1,p1,recording
            """
        files["data/attendance/zoom-2026-10-07.csv"] = F.reportOctober + "\nPhuong,phuong@example.net,10/07/2026 06:00:00 PM,10/07/2026 06:40:00 PM,40,Yes\n"
        let resolved = try F.resolve(files)
        #expect(resolved.attendance.contains(F.record("p1", "g1", F.at("2026-09-08", 18), .inPerson)))
        #expect(resolved.attendance.contains(F.record("p3", "g3", F.at("2026-10-07", 18), .virtual)), "the call beats the recording")
        #expect(resolved.attendance.count == F.expected.count)
    }

    @Test func aFamilyOfTheRosterWhoWasNotInThatSessionIsUnmatched() throws {
        var files = F.files
        files["data/attendance/visit.csv"] = "date,group,parent,mode\n2026-09-08,g1,p5,in_person\n"
        let resolved = try F.resolve(files)
        #expect(resolved.attendance == F.expected)
        #expect(resolved.unmatched.first { $0.file == "data/attendance/visit.csv" }?.reason == "p5 was not in group g1 on 2026-09-08")
    }

    @Test func aReportRowOutsideTheFamilysSessionsIsUnmatched() throws {
        var files = F.files
        files["data/attendance/zoom-2026-10-07.csv"] = F.reportOctober + "\nQuang,quang@example.net,10/08/2026 06:00:00 PM,10/08/2026 06:50:00 PM,50,Yes\n"
        let row = try #require(try F.resolve(files).unmatched.first { $0.file == "data/attendance/zoom-2026-10-07.csv" })
        #expect(row.line == 3 && row.parent == "p6" && row.reason == "no held virtual session of p6's group at this time")
    }

    @Test func anEmailTwoFamiliesShareCountsForNeitherWhenBothHadTheSession() throws {
        var contacts = F.contacts
        contacts["p6"] = Contact(email: "PHUONG@example.net", phone: nil)
        let resolved = try F.resolve(contacts: contacts)
        #expect(!resolved.attendance.contains { $0.group == "g3" && $0.mode == .virtual })
        #expect(resolved.unmatched.contains { $0.reason.hasPrefix("parents p3 and p6 share this email") })
    }

    // MARK: Sign-in rows that count for nobody (spec section 11: not errors)

    @Test(arguments: [
        ("2026-09-08,g9,p1,in_person", "there is no group \"g9\" in the latest match"),
        ("2026-10-01,g1,p1,in_person", "group g1 has no session on 2026-10-01"),
        ("2026-11-03,g1,p1,in_person", "group g1's session on 2026-11-03 (at 18:00) has not been held yet"),
        ("2026-09-08,g1,p9,in_person", "there is no parent \"p9\" in data/parents.csv"),
    ])
    func aSignInRowNamingNoHeldSessionIsListedAsUnmatched(row: String, reason: String) throws {
        var files = F.files
        files["data/attendance/late.csv"] = "date,group,parent,mode\n2026-09-08,g1,p2,in_person\n" + row + "\n"
        let resolved = try F.resolve(files)
        let listed = try #require(resolved.unmatched.first { $0.file == "data/attendance/late.csv" && $0.line == 3 }, "\(resolved.unmatched)")
        #expect(listed.reason.hasPrefix(reason), "\(listed.reason)")
        #expect(resolved.attendance.contains(F.record("p2", "g1", F.at("2026-09-08", 18), .inPerson)), "the good row still counts")
    }

    @Test func aParentWhoLeftTheRosterStillSignsInForASessionHeldForThem() throws {
        var program = F.program
        program.parents.removeAll { $0.id == "p2" }
        let resolver = AttendanceResolver(schedule: F.schedule, cut: F.now, program: program, contacts: [:], minVirtualMinutes: 15)
        let folder = try F.folder(["data/attendance/s.csv": "date,group,parent,mode\n2026-10-06,g1,p2,in_person\n"])
        let files = try EnlaceProgramReading.attendance(folder)
        #expect(try resolver.resolve(files, recordings: []).attendance == [F.record("p2", "g1", F.at("2026-10-06", 18), .inPerson)])
    }

    // MARK: Recordings

    @Test func recordingsOfHeldSessionsAndOpenHouses() throws {
        var files = F.files
        files["data/recordings.csv"] = "group,site,date,url\ng3,,2026-10-07,https://video.example.org/1\n,lincoln,2026-09-10,https://video.example.org/2\n"
        let recordings = try F.resolve(files).recordings
        #expect(recordings == [Recording(target: .group("g3"), date: LocalDate(iso: "2026-10-07")!, url: "https://video.example.org/1"),
                               Recording(target: .site("lincoln"), date: LocalDate(iso: "2026-09-10")!, url: "https://video.example.org/2")])
    }

    @Test(arguments: [
        ("g9,,2026-10-07", "group", "there is no group \"g9\""),
        ("g3,,2026-11-04", "date", "group g3's session on 2026-11-04 (at 18:00) has not been held yet"),
        ("g3,,2026-10-08", "date", "group g3 has no session on 2026-10-08"),
        (",roosevelt,2026-09-10", "site", "there is no site \"roosevelt\""),
        (",lincoln,2026-11-12", "date", "lincoln has no open house on 2026-11-12 that has been held"),
    ])
    func aRecordingOfNoHeldSessionRefusesTheImport(row: String, column: String, problem: String) throws {
        var files = F.files
        files["data/recordings.csv"] = "group,site,date,url\n" + row + ",https://video.example.org/1\n"
        do {
            _ = try F.resolve(files)
            Issue.record("\(row) was accepted")
        } catch let error as InputError {
            #expect(error.file == "data/recordings.csv" && error.line == 2 && error.field == column)
            #expect(error.problem.hasPrefix(problem), "\(error)")
        }
    }
}
