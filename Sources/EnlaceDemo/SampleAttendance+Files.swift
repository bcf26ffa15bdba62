import EnlaceCore

/// The mentors' sign-in sheets, one file per month: `date,group,parent,name,mode`.
struct SignInSheets {
    private var rows: [String: [(date: LocalDate, group: GroupID, parent: ParentID, name: String, mode: AttendanceMode)]] = [:]

    mutating func add(_ session: HeldSession, _ parent: ParentID, name: String, mode: AttendanceMode) {
        rows[SampleClock.month(session.start.date), default: []].append((session.start.date, session.group, parent, name, mode))
    }

    func files() -> [ProgramFile] {
        rows.keys.sorted().map { month in
            var csv = CSVWriter(header: ["date", "group", "parent", "name", "mode"])
            for row in rows[month]!.sorted(by: { ($0.date, $0.group, $0.parent) < ($1.date, $1.group, $1.parent) }) {
                csv.cell(row.date.description)
                csv.cell(row.group)
                csv.cell(row.parent.rawValue)
                csv.cell(row.name)
                csv.cell(row.mode.rawValue)
                csv.endRow()
            }
            return ProgramFile(path: "data/attendance/sign-in-\(month).csv", contents: csv.text)
        }
    }
}

/// The video-meeting service's participant reports.
struct MeetingReports {
    static let header = ["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)", "Guest"]
    static let guests = ["Invitado", "Guest", "Ms. Ortega (teacher)", "iPhone", "Abuela Rosa"]
    /// An address no family gave (a parent who joined from a work account).
    static let strangerEmail = "m.reyes.office@example.com"

    /// One meeting's participant rows.
    struct Meeting {
        let session: HeldSession
        var rows: [(name: String, email: String, join: Int, leave: Int)] = []

        /// A participant who stays (perhaps dropping and rejoining once).
        mutating func attend(name: String, email: String, _ random: inout SplitMix64) {
            let join = session.start.minutes * 60 + random.int(in: -360...480)
            let leave = session.end.minutes * 60 + random.int(in: -480...180)
            guard random.chance(20) else { return rows.append((name, email, join, leave)) }
            let drop = join + random.int(in: 900...2100)
            let back = drop + random.int(in: 60...240)
            rows.append((name, email, join, drop))
            rows.append((name, email, back, max(leave, back + 600)))
        }

        /// A connection that lasted a few minutes: too short to count.
        mutating func shortVisit(_ parent: ParentID, family: SampleAttendance.Family?, email: String?, _ random: inout SplitMix64) {
            let join = session.start.minutes * 60 + random.int(in: 0...600)
            rows.append((family?.name ?? parent.rawValue, email ?? "", join, join + random.int(in: 180...720)))
        }

        /// Sometimes a guest: a teacher, a grandmother, a phone that never gave a name.
        mutating func addGuests(_ random: inout SplitMix64) {
            guard random.chance(15) else { return }
            let join = session.start.minutes * 60 + random.int(in: 0...900)
            rows.append((random.pick(MeetingReports.guests), "", join, join + random.int(in: 600...3000)))
        }
    }

    let layout: SampleAttendance.ReportFiles
    private var reportFiles: [(path: String, meetingBlock: Meeting?, rows: [String])] = []
    private var byMonth: [String: Int] = [:]
    private var strangerAdded = false

    init(layout: SampleAttendance.ReportFiles) { self.layout = layout }

    func start(_ session: HeldSession) -> Meeting { Meeting(session: session) }

    /// Files the meeting's rows (virtual sessions only), sorted by join time as services list them.
    mutating func finish(_ meeting: Meeting) {
        guard meeting.session.mode == .virtual else { return }
        var meeting = meeting
        if !strangerAdded, meeting.session.start.date.components.month == 10 {
            strangerAdded = true
            let join = meeting.session.start.minutes * 60 + 95
            meeting.rows.append(("Marisol Reyes", Self.strangerEmail, join, join + 2_880))
        }
        let lines = meeting.rows.sorted { ($0.join, $0.name) < ($1.join, $1.name) }.map { row in
            var csv = CSVWriter(header: [])
            csv.cell(row.name)
            csv.cell(row.email)
            csv.cell(SampleClock.usTime(row.join))
            csv.cell(SampleClock.usTime(row.leave))
            csv.cell(String((row.leave - row.join + 59) / 60))
            csv.cell("Yes")
            return String(csv.text.dropFirst())  // the empty header's line break
        }
        let date = meeting.session.start.date
        switch layout {
        case .perMeeting:
            let path = "data/attendance/zoom-\(date)-\(SampleClock.fileSafe(meeting.session.group)).csv"
            reportFiles.append((path, reportFiles.count % 2 == 0 ? meeting : nil, lines))
        case .perMonth:
            let month = SampleClock.month(date)
            if let index = byMonth[month] {
                reportFiles[index].rows += lines
            } else {
                byMonth[month] = reportFiles.count
                reportFiles.append(("data/attendance/zoom-participants-\(month).csv", nil, lines))
            }
        }
    }

    func files() -> [ProgramFile] {
        reportFiles.map { file in
            var text = ""
            if let meeting = file.meetingBlock {
                var csv = CSVWriter(header: ["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)", "Participants"])
                let id = SampleAttendance.hash(meeting.session.group + meeting.session.start.description) % 9_000_000_000 + 1_000_000_000
                let digits = String(id)
                csv.cell(digits.prefix(3) + " " + digits.dropFirst(3).prefix(4) + " " + digits.suffix(3))
                csv.cell("Parent mentors – \(meeting.session.group)")
                csv.cell(SampleClock.usTime(meeting.session.start.minutes * 60 - 120))
                csv.cell(SampleClock.usTime(meeting.session.end.minutes * 60 + 60))
                csv.cell("meetings@sierra-vista.example.org")
                csv.cell(String(meeting.session.end.minutes - meeting.session.start.minutes + 3))
                csv.cell(String(Set(meeting.rows.map(\.name)).count))
                csv.endRow()
                text = csv.text + "\n"
            }
            text += CSVWriter(header: Self.header).text + file.rows.map { $0 + "\n" }.joined()
            return ProgramFile(path: file.path, contents: text)
        }
    }
}

/// Dates and times as the sample's files write them.
enum SampleClock {
    /// `2026-09`.
    static func month(_ date: LocalDate) -> String {
        let (year, month, _) = date.components
        return String(year) + "-" + CalendarMath.digits(month, 2)
    }

    /// `09/05/2026 06:02:11 PM`, from local seconds since 1970.
    static func usTime(_ localSecond: Int) -> String {
        let minutes = localSecond >= 0 ? localSecond / 60 : (localSecond - 59) / 60
        let time = LocalDateTime(minutes: minutes)
        let (year, month, day) = time.date.components
        let hour = time.minuteOfDay / 60
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        return CalendarMath.digits(month, 2) + "/" + CalendarMath.digits(day, 2) + "/" + String(year) + " "
            + CalendarMath.digits(twelve, 2) + ":" + CalendarMath.digits(time.minuteOfDay % 60, 2) + ":"
            + CalendarMath.digits(localSecond - minutes * 60, 2) + (hour < 12 ? " AM" : " PM")
    }

    /// A group id as part of a file name (anything but letters, digits, `-` and `_` becomes `_`).
    static func fileSafe(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
    }
}
