import EnlaceCore
import EnlaceProgram

/// A row of an attendance file that counts for nobody, and why (`out/attendance-unmatched.csv`):
/// a guest, an email no parent has, a parent who was not in that session, too few minutes.
public struct UnmatchedAttendance: Sendable, Equatable {
    /// The file, relative to the program folder.
    public var file: String
    /// The row's 1-based line in the file.
    public var line: Int
    /// The parent the row named or whose email it had, when known.
    public var parent: ParentID?
    /// The participant's name as the report gives it ("" for a sign-in row).
    public var name: String
    /// The email as written ("" for a sign-in row or a guest).
    public var email: String
    /// The local date of the sign-in or of the join.
    public var date: LocalDate
    /// Why the row counts for nobody, for the coordinator.
    public var reason: String
}

/// What the attendance and recording files say, resolved against the run: what an import stores.
public struct ResolvedParticipation: Sendable, Equatable {
    /// One record per parent and session, in its best mode, sorted by key.
    public var attendance: [AttendanceRecord] = []
    /// The recording links, checked against the held sessions.
    public var recordings: [Recording] = []
    /// Rows that count for nobody, in file and line order.
    public var unmatched: [UnmatchedAttendance] = []

    /// Nothing resolved.
    public init() {}
}

/// Turns attendance rows into records of held sessions (spec section 11). Pure.
///
/// - A sign-in row counts for the held session of its group on its date, when the session was
///   held for that parent; a parent of the roster who was not in it is listed as unmatched. An
///   unknown group, a date without a held session of the group, or a parent Enlace does not know
///   (neither in data/parents.csv nor among the session's parents) is an `InputError`. A group
///   that met twice that day (two open houses) counts the row for the later session.
/// - A report row is the parent's (found by email, case ignored) when it overlaps a held virtual
///   session held for them; the parent's time in one session adds up over their rows (rejoins),
///   overlapping rows counted once (the same report saved twice, two devices), and the session
///   counts as attended `virtual` from `minVirtualMinutes` on. An email that two parents share
///   counts for the one of them with such a session, and for nobody when both have one.
/// - A session attended in several ways counts once, in the first of in person, virtual, recording.
public struct AttendanceResolver: Sendable {
    let cut: LocalDateTime
    let minVirtualMinutes: Int
    let groups: [GroupID: ScheduledGroup]
    /// Held sessions by group, then local date (in start order).
    let heldByGroup: [GroupID: [LocalDate: [HeldSession]]]
    /// Each parent's held virtual sessions, sorted by start.
    let virtualByParent: [ParentID: [HeldSession]]
    let roster: Set<ParentID>
    /// Parents of the roster by lower-cased email.
    let parentsByEmail: [String: [ParentID]]
    let sites: Set<SiteID>
    /// Open houses that started before the cut, by site then local date.
    let openHouses: [SiteID: Set<LocalDate>]

    /// A resolver against `schedule` (the latest run; nil before the first match), with sessions
    /// starting before `cut` held.
    public init(schedule: Schedule?, cut: LocalDateTime, program: Program, contacts: [ParentID: Contact], minVirtualMinutes: Int) {
        self.cut = cut
        self.minVirtualMinutes = minVirtualMinutes
        groups = Dictionary((schedule?.groups ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byGroup: [GroupID: [LocalDate: [HeldSession]]] = [:]
        var virtual: [ParentID: [HeldSession]] = [:]
        for session in schedule?.heldSessions(before: cut) ?? [] {
            byGroup[session.group, default: [:]][session.start.date, default: []].append(session)
            if session.mode == .virtual {
                for parent in session.parents { virtual[parent, default: []].append(session) }
            }
        }
        heldByGroup = byGroup
        virtualByParent = virtual.mapValues { $0.sorted { $0.start < $1.start } }
        roster = Set(program.parents.map(\.id))
        var emails: [String: [ParentID]] = [:]
        for (parent, contact) in contacts {
            guard let email = contact.email.map(Self.folded), !email.isEmpty else { continue }
            emails[email, default: []].append(parent)
        }
        parentsByEmail = emails.mapValues { $0.sorted() }
        sites = Set(program.sites.map(\.id))
        var houses: [SiteID: Set<LocalDate>] = [:]
        for house in program.openHouses where house.start < cut { houses[house.site, default: []].insert(house.start.date) }
        openHouses = houses
    }

    /// An email as it is compared: trimmed, lower-cased.
    static func folded(_ email: String) -> String { email.trimmingSpaces().lowercased() }

    /// The records, recordings and unmatched rows the files give.
    ///
    /// A sign-in row that names no known parent or no held session is not an error (spec section
    /// 11): it is listed as unmatched with the reason, like a report row.
    ///
    /// - Throws: `InputError` for the first recording row that names an unknown group or site, or a
    ///   date without a held session.
    public func resolve(_ files: AttendanceFiles, recordings: [RecordingRow]) throws(InputError) -> ResolvedParticipation {
        var result = ResolvedParticipation()
        var modes: [AttendanceKey: AttendanceMode] = [:]
        for row in files.signIns {
            let session: HeldSession
            switch self.session(of: row) {
            case .held(let held) where held.parents.contains(ParentID(row.parent)):
                session = held
            case .held:
                result.unmatched.append(unmatched(row, "\(row.parent) was not in group \(row.group) on \(row.date)"))
                continue
            case .none(let reason):
                result.unmatched.append(unmatched(row, reason))
                continue
            }
            let key = AttendanceKey(parent: ParentID(row.parent), group: session.group, session: session.start)
            modes[key] = min(modes[key] ?? row.mode, row.mode)
        }
        for (key, mode) in virtualAttendance(files.reports, unmatched: &result.unmatched) {
            modes[key] = min(modes[key] ?? mode, mode)
        }
        result.attendance = modes.sorted { $0.key < $1.key }.map {
            AttendanceRecord(parent: $0.key.parent, group: $0.key.group, session: $0.key.session, mode: $0.value)
        }
        result.recordings = try recordings.map { row throws(InputError) in try check(row) }
        result.unmatched.sort { ($0.file, $0.line) < ($1.file, $1.line) }
        return result
    }

    // MARK: Sign-in sheets

    /// What a sign-in row names: a held session, or why it names none.
    private enum SignInSession {
        case held(HeldSession)
        case none(String)
    }

    /// The held session a sign-in row names (the caller checks it was held for the row's parent),
    /// or the reason it names none: an unknown group or parent, a date without a held session.
    private func session(of row: SignInRow) -> SignInSession {
        guard let group = groups[row.group] else {
            return .none("there is no group \"\(row.group.prefix(60))\" in the latest match (ids are case-sensitive)")
        }
        guard let session = heldByGroup[row.group]?[row.date]?.last else {
            return .none(String(noHeldSession(group, on: row.date).dropLast()))
        }
        let parent = ParentID(row.parent)
        if session.parents.contains(parent) || roster.contains(parent) { return .held(session) }
        return .none("there is no parent \"\(row.parent.prefix(60))\" in data/parents.csv, and the session was not held for such a parent")
    }

    /// The unmatched-file row for sign-in `row`.
    private func unmatched(_ row: SignInRow, _ reason: String) -> UnmatchedAttendance {
        UnmatchedAttendance(file: row.file, line: row.line, parent: ParentID(row.parent), name: "", email: "", date: row.date, reason: reason)
    }

    private func noHeldSession(_ group: ScheduledGroup, on date: LocalDate) -> String {
        if let planned = group.sessions.first(where: { $0.start.date == date }) {
            return "group \(group.id)'s session on \(date) (at \(formatMinuteOfDay(planned.start.minuteOfDay))) has not been held yet (now is \(cut))."
        }
        return "group \(group.id) has no session on \(date)."
    }

    private func heldDates(_ group: ScheduledGroup) -> String {
        let dates = (heldByGroup[group.id] ?? [:]).keys.sorted()
        guard !dates.isEmpty else { return "it has none yet" }
        return dates.prefix(12).map(\.description).joined(separator: ", ") + (dates.count > 12 ? ", …" : "")
    }

    // MARK: Meeting reports

    /// Each (parent, session) whose report rows reach the minimum, as `virtual`; every other row
    /// goes to `unmatched` with its reason.
    private func virtualAttendance(_ rows: [ReportRow], unmatched: inout [UnmatchedAttendance]) -> [AttendanceKey: AttendanceMode] {
        var intervals: [AttendanceKey: [ReportRow]] = [:]
        for row in rows {
            let date = LocalDateTime(minutes: row.join.floorDivided(by: 60)).date
            func skip(_ parent: ParentID?, _ reason: String) {
                unmatched.append(UnmatchedAttendance(file: row.file, line: row.line, parent: parent, name: row.name, email: row.email,
                                                     date: date, reason: reason))
            }
            let email = Self.folded(row.email)
            guard !email.isEmpty else { skip(nil, "no email: a guest who joined without signing in"); continue }
            let candidates = parentsByEmail[email] ?? []
            guard !candidates.isEmpty else { skip(nil, "no parent in data/parents.csv has this email"); continue }
            let matches = candidates.compactMap { parent in
                overlapping(row, parent).map { (parent, $0) }
            }
            guard let (parent, session) = matches.first else {
                skip(candidates.count == 1 ? candidates[0] : nil,
                     "no held virtual session of \(candidates.map(\.rawValue).joined(separator: " or "))'s group at this time")
                continue
            }
            guard matches.count == 1 else {
                skip(nil, "parents \(matches.map(\.0.rawValue).joined(separator: " and ")) share this email and each had a virtual session then: record their attendance on a sign-in sheet")
                continue
            }
            intervals[AttendanceKey(parent: parent, group: session.group, session: session.start), default: []].append(row)
        }
        var result: [AttendanceKey: AttendanceMode] = [:]
        for (key, rows) in intervals {
            let seconds = Self.secondsCovered(rows)
            if seconds >= minVirtualMinutes * 60 {
                result[key] = .virtual
                continue
            }
            for row in rows {
                unmatched.append(UnmatchedAttendance(
                    file: row.file, line: row.line, parent: key.parent, name: row.name, email: row.email, date: key.session.date,
                    reason: "\(seconds / 60) minutes in group \(key.group)'s session, fewer than min_virtual_minutes (\(minVirtualMinutes))"))
            }
        }
        return result
    }

    /// The parent's held virtual session that the row overlaps (the first, should a row span two).
    private func overlapping(_ row: ReportRow, _ parent: ParentID) -> HeldSession? {
        virtualByParent[parent]?.first { session in
            row.join < session.end.minutes * 60 && session.start.minutes * 60 < row.leave
        }
    }

    /// The seconds covered by the union of the rows' intervals (rejoins add up; a row saved twice
    /// or overlapping another counts once).
    static func secondsCovered(_ rows: [ReportRow]) -> Int {
        var total = 0, end = Int.min
        for row in rows.sorted(by: { $0.joinInstant < $1.joinInstant }) {
            let start = max(row.joinInstant, end)
            if row.leaveInstant > start { total += row.leaveInstant - start }
            end = max(end, row.leaveInstant)
        }
        return total
    }

    // MARK: Recordings

    private func check(_ row: RecordingRow) throws(InputError) -> Recording {
        let recording = row.recording
        func fail(_ column: String, _ problem: String, _ fix: String) -> InputError {
            InputError(file: RecordingsReader.file, line: row.line, field: column, problem: problem, fix: fix)
        }
        switch recording.target {
        case .group(let id):
            guard let group = groups[id] else {
                throw fail("group", "there is no group \"\(id.prefix(60))\" in the latest match.",
                           "copy the group id from out/schedule.json (ids are case-sensitive).")
            }
            guard heldByGroup[id]?[recording.date] != nil else {
                throw fail("date", noHeldSession(group, on: recording.date), "give the date of one of its held sessions: \(heldDates(group)).")
            }
        case .site(let site):
            guard sites.contains(site) else {
                throw fail("site", "there is no site \"\(site.rawValue.prefix(60))\" in data/sites.csv.", "copy the site's id from data/sites.csv.")
            }
            guard openHouses[site]?.contains(recording.date) == true else {
                let dates = (openHouses[site] ?? []).sorted().prefix(12).map(\.description).joined(separator: ", ")
                throw fail("date", "\(site.rawValue) has no open house on \(recording.date) that has been held (now is \(cut)).",
                           dates.isEmpty ? "a site row names a held open house of the site; this site has none yet." : "give the date of one of its held open houses: \(dates).")
            }
        }
        return recording
    }
}

extension Int {
    /// Division rounded towards minus infinity.
    func floorDivided(by divisor: Int) -> Int {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
