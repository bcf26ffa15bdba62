import EnlaceCore

/// The attendance of a sample term in progress (spec section 11): sign-in sheets for the
/// in-person groups, the meeting service's participant reports for the virtual ones, and a few
/// recording links, for every session of a run that starts before a moment.
///
/// Families differ: most come most months, some drift away (the follow-up list), a few watch a
/// recording instead. Reports look like the real thing: rows for parents who dropped and rejoined,
/// a parent whose connection lasted a few minutes, emails in another case, guests who joined
/// without an email, and one address no family gave. Parents without an email of their own (none,
/// or one another family also gave) join the video meeting as guests, and their mentor signs them
/// in on the month's sheet.
///
/// Pure and deterministic: the same run, moment, families and seed give byte-identical files.
public struct SampleAttendance {
    /// What the generator knows of a family: the name the meeting service shows, and the email.
    public struct Family: Sendable {
        /// The name the family signs in and joins meetings with.
        public var name: String
        /// The email the meeting service reports them by; nil for a family without one.
        public var email: String?

        /// A family called `name`, reachable at `email`.
        public init(name: String, email: String?) {
            self.name = name
            self.email = email
        }
    }

    /// How the participant reports are split into files.
    public enum ReportFiles: Sendable {
        /// One file per meeting, as a meeting service exports them (every other one "with meeting
        /// data": the meeting block above the participants).
        case perMeeting
        /// One file per month with every meeting's participants (for benchmarks: fewer files).
        case perMonth
    }

    let held: [HeldSession]
    let families: [ParentID: Family]
    /// Emails that exactly one family gave (lower-cased), by parent.
    let ownEmail: [ParentID: String]
    let seed: UInt64

    /// A generator for the sessions of `schedule` that start before `cut`.
    public init(schedule: Schedule, heldBefore cut: LocalDateTime, families: [ParentID: Family], seed: UInt64) {
        held = schedule.heldSessions(before: cut)
        self.families = families
        self.seed = seed
        var owners: [String: [ParentID]] = [:]
        for (parent, family) in families {
            guard let email = family.email?.lowercased(), !email.isEmpty else { continue }
            owners[email, default: []].append(parent)
        }
        var own: [ParentID: String] = [:]
        for (email, parents) in owners where parents.count == 1 { own[parents[0]] = email }
        ownEmail = own
    }

    /// The files: `data/attendance/*.csv` and `data/recordings.csv`.
    ///
    /// - Parameter openHouses: the program's open houses; the first school's first held one gets a
    ///   recording (a site row), when there is one before the cut.
    public func files(openHouses: [OpenHouse], reports: ReportFiles = .perMeeting) -> [ProgramFile] {
        var random = SplitMix64(seed: seed ^ 0x6174_7465_6E64)
        let recorded = recordedSessions(&random)
        var sheet = SignInSheets()
        var meetings = MeetingReports(layout: reports)
        var heldBefore: [ParentID: Int] = [:]
        for session in held {
            let isRecorded = recorded.contains(SessionKey(session))
            var report = meetings.start(session)
            for parent in session.parents {
                let ordinal = heldBefore[parent, default: 0]
                heldBefore[parent] = ordinal + 1
                var draws = SplitMix64(seed: seed ^ Self.hash(parent.rawValue) ^ UInt64(session.start.minutes))
                let comes = draws.chance(Profile.of(parent, seed: seed).percent(atSession: ordinal))
                if comes, session.mode == .inPerson {
                    sheet.add(session, parent, name: families[parent]?.name ?? "", mode: .inPerson)
                } else if comes {
                    joinOnline(session, parent, &report, &sheet, &draws)
                } else {
                    if session.mode == .virtual, draws.chance(8) { report.shortVisit(parent, family: families[parent], email: ownEmail[parent], &draws) }
                    if isRecorded, draws.chance(45) { sheet.add(session, parent, name: families[parent]?.name ?? "", mode: .recording) }
                }
            }
            if session.mode == .virtual { report.addGuests(&random) }
            meetings.finish(report)
        }
        return sheet.files() + meetings.files() + [recordingsFile(recorded, openHouses: openHouses)]
    }

    /// A parent who joins the video meeting: by their own email in the report (perhaps in two
    /// rows, having dropped and rejoined), or as a guest whom the mentor signs in.
    private func joinOnline(_ session: HeldSession, _ parent: ParentID, _ report: inout MeetingReports.Meeting,
                            _ sheet: inout SignInSheets, _ draws: inout SplitMix64) {
        let family = families[parent] ?? Family(name: parent.rawValue, email: nil)
        guard let email = ownEmail[parent] else {
            report.attend(name: family.name, email: "", &draws)
            sheet.add(session, parent, name: family.name, mode: .virtual)
            return
        }
        report.attend(name: family.name, email: Self.asTyped(email, &draws), &draws)
    }

    /// How a participant's address appears: mostly as given, sometimes capitalised differently.
    static func asTyped(_ email: String, _ random: inout SplitMix64) -> String {
        switch random.below(10) {
        case 0: return email.uppercased()
        case 1: return email.prefix(1).uppercased() + email.dropFirst()
        default: return email
        }
    }

    /// A few virtual sessions of October and November, and no more than six.
    private func recordedSessions(_ random: inout SplitMix64) -> Set<SessionKey> {
        let candidates = held.filter { session in
            session.mode == .virtual && [10, 11].contains(session.start.date.components.month)
        }
        var chosen = Set<SessionKey>()
        for session in candidates where chosen.count < 6 && random.chance(35) { chosen.insert(SessionKey(session)) }
        return chosen
    }

    private func recordingsFile(_ recorded: Set<SessionKey>, openHouses: [OpenHouse]) -> ProgramFile {
        var csv = CSVWriter(header: ["group", "site", "date", "url"])
        for key in recorded.sorted(by: { ($0.group, $0.start) < ($1.group, $1.start) }) {
            csv.cell(key.group)
            csv.cell("")
            csv.cell(key.start.date.description)
            csv.cell("https://video.example.org/sierra-vista/rec/" + Self.token(key.group + key.start.description))
            csv.endRow()
        }
        let cut = held.map(\.start).max()
        if let cut, let house = openHouses.sorted().first(where: { $0.start <= cut && $0.start.date.components.month == 10 }) {
            csv.cell("")
            csv.cell(house.site.rawValue)
            csv.cell(house.start.date.description)
            csv.cell("https://video.example.org/sierra-vista/rec/" + Self.token(house.site.rawValue + house.start.description))
            csv.endRow()
        }
        return ProgramFile(path: "data/recordings.csv", contents: csv.text)
    }

    /// FNV-1a of the text's bytes: a per-family stream that does not depend on the order families
    /// are met in (Swift's own hash changes from run to run).
    static func hash(_ text: String) -> UInt64 {
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { state = (state ^ UInt64(byte)) &* 0x0100_0000_01b3 }
        return state
    }

    /// Twelve hex digits derived from `text`, for made-up links.
    static func token(_ text: String) -> String {
        let digits = String(hash(text) & 0xFFFF_FFFF_FFFF, radix: 16)
        return String(repeating: "0", count: 12 - digits.count) + digits
    }
}

/// A held session by group and start.
struct SessionKey: Hashable {
    let group: GroupID
    let start: LocalDateTime

    init(_ session: HeldSession) {
        group = session.group
        start = session.start
    }
}

/// How often a family comes: most come most months; some drift away after the first meetings.
enum Profile {
    case committed, regular, irregular, fading

    static func of(_ parent: ParentID, seed: UInt64) -> Profile {
        var random = SplitMix64(seed: seed ^ SampleAttendance.hash("profile " + parent.rawValue))
        switch random.weightedIndex([32, 42, 16, 10]) {
        case 0: return .committed
        case 1: return .regular
        case 2: return .irregular
        default: return .fading
        }
    }

    /// The chance, in percent, that the family comes to its `ordinal`-th held session (0 first).
    func percent(atSession ordinal: Int) -> Int {
        switch self {
        case .committed: 93
        case .regular: 78
        case .irregular: 50
        case .fading: ordinal == 0 ? 80 : 10
        }
    }
}
