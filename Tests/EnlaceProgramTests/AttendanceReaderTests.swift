import EnlaceCore
import EnlaceProgram
import Foundation
import Testing

/// data/attendance/*.csv and data/recordings.csv read (spec section 11): both forms of attendance
/// file, the meeting block, times in the program's zone across a daylight-saving change, and
/// refusals that name file, line and column.
@Suite struct AttendanceReaderTests {
    static let zone = "America/Los_Angeles"

    /// A program folder holding only `files` (paths relative to it).
    static func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-attendance-\(UUID().uuidString)")
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return url
    }

    static func read(_ files: [String: String]) throws -> AttendanceFiles {
        try AttendanceReader.read(programFolder: try folder(files), timezone: zone)
    }

    static func refusal(_ files: [String: String]) throws -> InputError {
        do {
            _ = try read(files)
        } catch let error as InputError {
            return error
        }
        Issue.record("the files were read without a refusal")
        return InputError(file: "", problem: "", fix: "")
    }

    static func local(_ text: String) -> LocalSecond { MeetingTime.parse(text)! }

    @Test func aSignInSheetIsReadWithItsLines() throws {
        let files = try Self.read(["data/attendance/sign-in.csv": """
            date,group,parent,name,mode
            2026-09-08,g1,p1,Ana,in_person

            2026-10-07,g3,p3,"Phuong, Le",recording
            """])
        #expect(files.files == ["data/attendance/sign-in.csv"])
        #expect(files.signIns.map(\.line) == [2, 4])
        #expect(files.signIns.map(\.mode) == [.inPerson, .recording])
        #expect(files.signIns[1].date == LocalDate(iso: "2026-10-07") && files.signIns[1].group == "g3" && files.signIns[1].parent == "p3")
        #expect(files.reports.isEmpty)
    }

    @Test func aReportWithTheMeetingBlockSkipsItAndCountsItsLines() throws {
        let files = try Self.read(["data/attendance/zoom.csv": """
            Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
            812 3456 7890,"Grupo g3, septiembre",09/02/2026 05:58:00 PM,09/02/2026 07:01:00 PM,bao@example.org,63,3

            Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
            Phuong,phuong@example.net,09/02/2026 06:00:10 PM,09/02/2026 06:10:10 PM,10,Yes
            Phuong,PHUONG@example.net,09/02/2026 06:12:00 PM,09/02/2026 06:20:00 PM,8,Yes
            Invitado,,09/02/2026 06:05:00 PM,09/02/2026 06:15:00 PM,10,Yes
            """])
        #expect(files.signIns.isEmpty)
        #expect(files.reports.map(\.line) == [5, 6, 7])
        #expect(files.reports.map(\.email) == ["phuong@example.net", "PHUONG@example.net", ""])
        #expect(files.reports[0].name == "Phuong")
        let rejoin = files.reports[1]
        #expect(rejoin.join == Self.local("2026-09-02 18:12:00") && rejoin.leave == Self.local("2026-09-02 18:20:00"))
        #expect(rejoin.leaveInstant - rejoin.joinInstant == 8 * 60)
    }

    @Test func aReportWithoutTheMeetingBlockAndWithLowerCaseHeaders() throws {
        let files = try Self.read(["data/attendance/2026-10-07.csv": """
            \u{FEFF}Name (original name),User email,Join time,Leave time,Duration (minutes),Guest
            Quang,Quang@Example.NET,10/07/2026 06:00:00 PM,10/07/2026 06:50:00 PM,50,Yes
            """])
        #expect(files.reports.count == 1 && files.reports[0].line == 2 && files.reports[0].email == "Quang@Example.NET")
    }

    /// Times are the program zone's wall clock: 6 PM in October (PDT, UTC−7) and in November
    /// (PST, UTC−8) are both 6 PM locally, an hour apart in UTC; a row across the night the
    /// clocks go back lasts the hour longer than its wall-clock difference.
    @Test func timesAreLocalAcrossTheDaylightSavingChange() throws {
        let files = try Self.read(["data/attendance/zoom.csv": """
            User Email,Join Time,Leave Time
            a@example.org,10/07/2026 06:00:00 PM,10/07/2026 07:00:00 PM
            a@example.org,11/04/2026 06:00:00 PM,11/04/2026 07:00:00 PM
            a@example.org,11/01/2026 12:30:00 AM,11/01/2026 02:30:00 AM
            """])
        let (october, november, night) = (files.reports[0], files.reports[1], files.reports[2])
        #expect(october.join == LocalDateTime(date: LocalDate(iso: "2026-10-07")!, minuteOfDay: 18 * 60).minutes * 60)
        #expect(november.join == LocalDateTime(date: LocalDate(iso: "2026-11-04")!, minuteOfDay: 18 * 60).minutes * 60)
        #expect(october.joinInstant == october.join + 7 * 3600)
        #expect(november.joinInstant == november.join + 8 * 3600)
        #expect(night.leave - night.join == 2 * 3600)
        #expect(night.leaveInstant - night.joinInstant == 3 * 3600)
    }

    @Test(arguments: [
        ("09/05/2026 10:02:11 AM", "2026-09-05 10:02:11"), ("9/5/2026 10:02 am", "2026-09-05 10:02:00"),
        ("09/05/2026 12:00:00 AM", "2026-09-05 00:00:00"), ("09/05/2026 12:30:00 PM", "2026-09-05 12:30:00"),
        ("09/05/2026 22:02:11", "2026-09-05 22:02:11"), ("2026-09-05T22:02", "2026-09-05 22:02:00"),
        ("09/05/2026 10:02:11 p.m.", "2026-09-05 22:02:11"),
    ])
    func meetingTimesInEveryForm(text: String, same: String) {
        #expect(MeetingTime.parse(text) != nil && MeetingTime.parse(text) == MeetingTime.parse(same))
    }

    @Test(arguments: ["13:00 PM", "09/05/2026 13:00:00 PM", "02/30/2026 10:00 AM", "09/05/2026", "09/05/2026 10:60 AM",
                      "2026-09-05 10:00 XM", "yesterday"])
    func notATime(text: String) {
        #expect(MeetingTime.parse(text) == nil)
    }

    // MARK: Refusals

    /// Files are read on every core, but their rows come in file-name order, and of several bad
    /// files the first by name is the one reported.
    @Test func manyFilesKeepTheirOrderAndTheFirstProblem() throws {
        var files: [String: String] = [:]
        for month in 1...12 {
            let name = String(format: "data/attendance/%02d.csv", month)
            files[name] = "date,group,parent,mode\n2026-09-08,g1,p\(month),in_person\n2026-09-09,g1,q\(month),virtual\n"
        }
        let read = try Self.read(files)
        #expect(read.files == files.keys.sorted())
        #expect(read.signIns.map(\.parent) == (1...12).flatMap { ["p\($0)", "q\($0)"] })
        files["data/attendance/07.csv"] = "date,group,parent,mode\n2026-09-08,g1,p7,walked\n"
        files["data/attendance/03.csv"] = "date,group,parent,mode\n2026-09-08,g1,p3,in_person\nsoon,g1,q3,in_person\n"
        let error = try Self.refusal(files)
        #expect(error.file == "data/attendance/03.csv" && error.line == 3 && error.field == "date")
    }

    @Test func aBadModeIsRefusedWithFileLineAndColumn() throws {
        let error = try Self.refusal(["data/attendance/sept.csv": "date,group,parent,mode\n2026-09-08,g1,p1,in_person\n2026-09-08,g1,p2,in-person\n"])
        #expect(error.file == "data/attendance/sept.csv" && error.line == 3 && error.field == "mode")
        #expect(error.problem.contains("\"in-person\" is not a way of attending"))
    }

    @Test func aBadDateIsRefused() throws {
        let error = try Self.refusal(["data/attendance/sept.csv": "date,group,parent,mode\n09/08/2026,g1,p1,in_person\n"])
        #expect(error.line == 2 && error.field == "date" && error.fix.contains("YYYY-MM-DD"))
    }

    @Test func aBadTimeBelowTheMeetingBlockIsRefusedOnItsLineOfTheFile() throws {
        let error = try Self.refusal(["data/attendance/zoom.csv": """
            Meeting ID,Topic,Start Time
            812,Grupo,09/02/2026 05:58:00 PM

            Name (Original Name),User Email,Join Time,Leave Time
            Phuong,phuong@example.net,09/02/2026 06:00:10 PM,09/02/2026 06:10:10 PM
            Quang,quang@example.net,09/02/2026 25:00:00,09/02/2026 06:10:10 PM
            """])
        #expect(error.file == "data/attendance/zoom.csv" && error.line == 6 && error.field == "Join Time")
    }

    @Test func aLeaveBeforeItsJoinIsRefused() throws {
        let error = try Self.refusal(["data/attendance/zoom.csv": "User Email,Join Time,Leave Time\na@example.org,09/02/2026 06:30:00 PM,09/02/2026 06:10:00 PM\n"])
        #expect(error.line == 2 && error.field == "Leave Time")
    }

    @Test func aFileOfNeitherFormIsRefused() throws {
        let error = try Self.refusal(["data/attendance/notes.csv": "who,when\nAna,September\n"])
        #expect(error.file == "data/attendance/notes.csv" && error.line == 1)
        #expect(error.problem.contains("neither a sign-in sheet"))
    }

    @Test func noAttendanceFolderIsNoAttendance() throws {
        let files = try Self.read(["data/parents.csv": "id\n"])
        #expect(files == AttendanceFiles())
    }

    // MARK: Recordings

    @Test func recordingsOfAGroupAndOfASite() throws {
        let rows = try RecordingsReader.read(programFolder: try Self.folder(["data/recordings.csv": """
            group,site,date,url
            g3,,2026-10-07,https://video.example.org/rec/1
            ,lincoln,2026-09-10,https://video.example.org/rec/2
            g3,,2026-10-07,https://video.example.org/rec/1
            """]))
        #expect(rows.map(\.line) == [2, 3], "an identical row again is the same recording")
        #expect(rows[0].recording == Recording(target: .group("g3"), date: LocalDate(iso: "2026-10-07")!, url: "https://video.example.org/rec/1"))
        #expect(rows[1].recording.target == .site("lincoln"))
    }

    @Test(arguments: [
        ("g3,,2026-10-07,http://video.example.org/rec/1", "url", "is not an https:// link"),
        ("g3,,2026-10-07,https://user:secret@video.example.org/1", "url", "user name or password"),
        ("g3,,2026-10-07,https://video.example.org/a b", "url", "contains a space"),
        ("g3,lincoln,2026-10-07,https://video.example.org/1", "site", "both group and site"),
        (",,2026-10-07,https://video.example.org/1", "group", "neither group nor site"),
        ("g3,,October 7,https://video.example.org/1", "date", "is not a date"),
    ])
    func aBadRecordingRowIsRefused(row: String, column: String, problem: String) throws {
        let folder = try Self.folder(["data/recordings.csv": "group,site,date,url\n" + row + "\n"])
        do {
            _ = try RecordingsReader.read(programFolder: folder)
            Issue.record("\(row) was accepted")
        } catch {
            #expect(error.file == "data/recordings.csv" && error.line == 2 && error.field == column)
            #expect(error.problem.contains(problem), "\(error)")
        }
    }

    @Test func twoLinksForOneSessionAreRefused() throws {
        let folder = try Self.folder(["data/recordings.csv": """
            group,site,date,url
            g3,,2026-10-07,https://video.example.org/rec/1
            g3,,2026-10-07,https://video.example.org/rec/2
            """])
        #expect(throws: InputError.self) { try RecordingsReader.read(programFolder: folder) }
    }
}
