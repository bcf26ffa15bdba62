import EnlaceCalendar
import EnlaceCore
import Foundation

/// Reads a program folder (spec section 2): `enlace.toml`, `data/*.csv`, `calendars/**/*.ics`.
///
/// Reading is all-or-nothing: the first problem found throws an `InputError` and nothing is
/// returned, so callers never store half a program.
public struct ProgramLoader {
    /// How district calendars and `enlace.toml` are read.
    public enum CalendarIsolation: Sendable {
        /// Each .ics in a child process under CPU, memory and time limits (see
        /// `IsolatedCalendarReader`): a crash or hang in libical becomes an `InputError`. Before
        /// `enlace.toml` is parsed, the TOML parser runs on it in a child started from the same
        /// executable (`SettingsIsolation`): a toml++ abort becomes an `InputError` too.
        case childProcess(IsolatedCalendarReader)
        /// In this process, with `CalendarReader` and TOMLKit: for tests of the loader itself, and
        /// where starting processes is impossible. A hostile calendar can crash or hang the caller,
        /// and a settings file of a shape `TOMLGuard` does not know can crash it.
        case inProcess
    }

    /// The program folder.
    public let folder: URL
    /// How calendars are read; the default re-executes the running `enlace` (`/proc/self/exe`),
    /// so a caller that is not `enlace` passes `.childProcess(IsolatedCalendarReader(executable:))`.
    public let calendars: CalendarIsolation

    public init(folder: URL, calendars: CalendarIsolation = .childProcess(IsolatedCalendarReader())) {
        self.folder = folder
        self.calendars = calendars
    }

    /// Reads and validates `enlace.toml` only (for `enlace plugins`).
    public func loadSettings() throws(InputError) -> (settings: ProgramSettings, text: String) {
        var fingerprint = Fingerprint()
        let contents = try text(try read(SettingsReader.fileName, into: &fingerprint, limit: SettingsReader.maximumBytes), SettingsReader.fileName)
        return (try parseSettings(contents), contents)
    }

    /// Reads and validates everything.
    ///
    /// - Parameter settingsRead: called once the settings are valid, before the CSV files and
    ///   calendars are read: a caller starts there work that needs only the settings (reading the
    ///   attendance files) so that it runs beside the rest of the load.
    /// - Throws: `InputError` naming the file, line and column or property of the first problem.
    public func load(settingsRead: (ProgramSettings) -> Void = { _ in }) throws(InputError) -> LoadedProgram {
        var fingerprint = Fingerprint()
        var warnings: [InputWarning] = []
        let settingsBytes = try read(SettingsReader.fileName, into: &fingerprint, limit: SettingsReader.maximumBytes)
        let settingsText = try text(settingsBytes, SettingsReader.fileName)
        let settings = try parseSettings(settingsText)
        settingsRead(settings)
        warnings += SettingsReader.warnings(for: settings, text: settingsText)
        // Checks the program's zone with libical's own tables (no district calendar is read here).
        let calendar: CalendarReader
        do {
            calendar = try CalendarReader(programTimeZone: settings.timezone)
        } catch {
            var located = error
            located.line = located.line ?? Keys.line(of: "timezone", section: nil, in: settingsText)
            throw located
        }

        let sitesTable = try table("data/sites.csv", &fingerprint, &warnings, known: Columns.sites)
        let sitesNotes = CellNotes(file: sitesTable.file)
        let sites = try PeopleReader.sites(sitesTable, notes: sitesNotes)
        warnings += sitesNotes.warnings
        let siteIDs = Set(sites.map(\.id))
        // The district calendars are read by children while the CSV files are parsed here; their
        // problems are still reported after the CSV files' (the first problem in file order).
        let term = settings.termStart...settings.termEnd
        let calendarFiles = Result { () throws(InputError) in try calendarRequests(siteIDs: siteIDs, settings: settings, term: term) }
        var pending: PendingReadings?
        if case .childProcess(let reader) = calendars, case .success(let files) = calendarFiles {
            pending = PendingReadings(reader, files.requests)
        }
        let people: PeopleAndTopics
        do {
            people = try readPeopleAndTopics(siteIDs: siteIDs, sitesFile: sitesTable.file, &fingerprint, &warnings)
        } catch {
            _ = pending?.results()  // no child outlives the load
            throw error
        }
        let (mentors, parents) = (people.mentors, people.parents)

        let files = try calendarFiles.get()
        for (request, ics) in files.requests { fingerprint.add(request.file, ics) }
        if files.blackoutsMissing {
            warnings.append(InputWarning(file: Self.blackoutsFile, message: "not found, so no day is blocked. Add the district's holidays to keep meetings off them."))
        }
        let readings = pending?.results()
            ?? files.requests.map { request, ics in Result { () throws(InputError) in try calendar.read(request, ics: ics) } }
        var openHouses: [OpenHouse] = []
        var blackouts = Set<LocalDate>()
        // Results come back in request order, so the first refusal reported is always the same one.
        for result in readings {
            let reading = try result.get()
            openHouses += reading.openHouses
            blackouts.formUnion(reading.dates)
            warnings += reading.warnings
        }
        let program = Program(settings: settings, sites: sites, mentors: mentors.map(\.0), parents: parents.map(\.0),
                              openHouses: openHouses, blackouts: blackouts, topics: people.topics)
        return LoadedProgram(
            program: program,
            mentorContacts: Dictionary(uniqueKeysWithValues: mentors.map { ($0.0.id, $0.1) }),
            parentContacts: Dictionary(uniqueKeysWithValues: parents.map { ($0.0.id, $0.1) }),
            warnings: warnings, inputFingerprint: fingerprint.hex, settingsText: settingsText)
    }

    /// mentors.csv, parents.csv and, when present, topics.csv, with their warnings in file order.
    private func readPeopleAndTopics(siteIDs: Set<SiteID>, sitesFile: String, _ fingerprint: inout Fingerprint,
                                     _ warnings: inout [InputWarning]) throws(InputError) -> PeopleAndTopics {
        var result = PeopleAndTopics()
        // display_name is a custom column the feeds read (spec section 7): kept, but not noted.
        let mentorsTable = try table("data/mentors.csv", &fingerprint, &warnings) { column in
            Columns.mentors.contains(column) || column == Columns.displayName
        }
        let mentorsNotes = CellNotes(file: mentorsTable.file)
        result.mentors = try PeopleReader.mentors(mentorsTable, sites: siteIDs, sitesFile: sitesFile, notes: mentorsNotes)
        let parentsTable = try table("data/parents.csv", &fingerprint, &warnings, known: Columns.parents)
        let parentsNotes = CellNotes(file: parentsTable.file)
        result.parents = try PeopleReader.parents(parentsTable, sites: siteIDs, sitesFile: sitesFile, notes: parentsNotes)
        warnings += mentorsNotes.warnings + emptyCellWarnings(mentorsTable, columns: ["email", "phone", "topics"])
        warnings += parentsNotes.warnings + emptyCellWarnings(parentsTable, columns: ["email", "phone", "availability", "topics"])
        guard exists(TopicsReader.file) else { return result }
        let topicsTable = try table(TopicsReader.file, &fingerprint, &warnings) { column in
            Columns.topics.contains(column) || column.hasPrefix("title@") || column.hasPrefix("description@")
        }
        let topicsNotes = CellNotes(file: topicsTable.file)
        result.topics = try TopicsReader.topics(topicsTable, notes: topicsNotes)
        warnings += topicsNotes.warnings
        // Rows and people are in the same order: each data row is one person.
        warnings += TopicsReader.undefinedTopicWarnings(
            topics: result.topics, mentors: Array(zip(result.mentors.map(\.0), mentorsTable.rows.map(\.line))),
            parents: Array(zip(result.parents.map(\.0), parentsTable.rows.map(\.line))),
            mentorsFile: mentorsTable.file, parentsFile: parentsTable.file)
        return result
    }

    /// Parses `enlace.toml`, in child-process mode only after a child has parsed it and survived.
    private func parseSettings(_ text: String) throws(InputError) -> ProgramSettings {
        if case .childProcess(let reader) = calendars {
            try SettingsIsolation.check(text, file: SettingsReader.fileName, reader: reader)
        }
        return try SettingsReader.parse(text)
    }

    static let blackoutsFile = "calendars/blackouts.ics"

    /// Every district calendar to read, with its bytes (not yet in the fingerprint), in the order
    /// they are fingerprinted and reported: open houses by file name, then the blackouts.
    private func calendarRequests(siteIDs: Set<SiteID>, settings: ProgramSettings,
                                  term: ClosedRange<LocalDate>) throws(InputError) -> CalendarFiles {
        var files = CalendarFiles()
        for (file, site) in try openHouseFiles(siteIDs: siteIDs) {
            files.requests.append((CalendarRequest(kind: .openHouses, file: file, site: site, timezone: settings.timezone, term: term),
                                   try read(file, limit: CalendarReader.maximumFileBytes)))
        }
        if exists(Self.blackoutsFile) {
            files.requests.append((CalendarRequest(kind: .blackouts, file: Self.blackoutsFile, timezone: settings.timezone, term: term),
                                   try read(Self.blackoutsFile, limit: CalendarReader.maximumFileBytes)))
        } else {
            files.blackoutsMissing = true
        }
        return files
    }

    /// `calendars/open-houses/SITE.ics` files, sorted, each with the site its name gives.
    private func openHouseFiles(siteIDs: Set<SiteID>) throws(InputError) -> [(String, SiteID)] {
        let directory = folder.appendingPathComponent("calendars/open-houses")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var files: [(String, SiteID)] = []
        for name in names.sorted() where name.hasSuffix(".ics") {
            let file = "calendars/open-houses/\(name)"
            // macOS writes file names decomposed (NFD); ids are read as NFC.
            let site = SiteID(IDText.nfc(String(name.dropLast(4))))
            guard siteIDs.contains(site) else {
                throw InputError(file: file, problem: "is named for site \"\(site)\", which is not in data/sites.csv.",
                                 fix: "name each open-house calendar after a site id (e.g. \(siteIDs.sorted().first.map(\.rawValue) ?? "lincoln").ics) or add the site to data/sites.csv.")
            }
            files.append((file, site))
        }
        return files
    }

    private func table(_ file: String, _ fingerprint: inout Fingerprint, _ warnings: inout [InputWarning],
                       known: [String]) throws(InputError) -> CSVTable {
        try table(file, &fingerprint, &warnings) { known.contains($0) }
    }

    private func table(_ file: String, _ fingerprint: inout Fingerprint, _ warnings: inout [InputWarning],
                       isKnown: (String) -> Bool) throws(InputError) -> CSVTable {
        let table = try CSVTable(bytes: try read(file, into: &fingerprint, limit: CSVTable.maximumBytes), file: file)
        let unknown = table.header.filter { !isKnown($0) }
        if !unknown.isEmpty {
            warnings.append(InputWarning(file: file, line: 1,
                message: "kept as custom attributes for plugins: \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) (not columns Enlace knows)."))
        }
        return table
    }

    private func emptyCellWarnings(_ table: CSVTable, columns: [String]) -> [InputWarning] {
        columns.compactMap { column in
            guard table.header.contains(column) else { return nil }
            let empty = table.rows.filter { $0[column].isEmpty }
            guard let first = empty.first else { return nil }
            return InputWarning(file: table.file, line: first.line,
                                message: "\(empty.count) row\(empty.count == 1 ? " has" : "s have") an empty \"\(column)\" cell (first on line \(first.line)).")
        }
    }

    private func exists(_ file: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path)
    }

    private func read(_ file: String, into fingerprint: inout Fingerprint, limit: Int) throws(InputError) -> [UInt8] {
        let bytes = try read(file, limit: limit)
        fingerprint.add(file, bytes)
        return bytes
    }

    /// At most `limit + 1` bytes of `file`, only if it is an ordinary file (`InputFile`).
    private func read(_ file: String, limit: Int) throws(InputError) -> [UInt8] {
        guard exists(file) else {
            throw InputError(file: file, problem: "is missing from the program folder \(folder.path).",
                             fix: "create it (enlace init DIR writes a template) or pass --program with the right folder.")
        }
        return try InputFile.read(path: folder.appendingPathComponent(file).path, file: file, limit: limit)
    }

    private func text(_ bytes: [UInt8], _ file: String) throws(InputError) -> String {
        // Checked before decoding: the read stops one byte past the limit, perhaps inside a character.
        guard bytes.count <= SettingsReader.maximumBytes else { throw SettingsReader.tooLarge(file: file) }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            // UTF-8 sequences never contain a newline byte, so the file can be checked line by line.
            let lines = body.split(separator: 0x0A, omittingEmptySubsequences: false)
            let line = 1 + (lines.firstIndex { String(validating: $0, as: UTF8.self) == nil } ?? 0)
            throw InputError(file: file, line: line, problem: "is not UTF-8 text (it was probably saved as Latin-1 or Windows-1252).",
                             fix: "save it as UTF-8 (in a text editor: Save As, encoding UTF-8).")
        }
        return text
    }
}

/// The people and topics of a program folder, contacts kept beside each person.
private struct PeopleAndTopics {
    var mentors: [(Mentor, Contact)] = []
    var parents: [(Parent, Contact)] = []
    var topics: [Topic] = []
}

/// The district calendars of a program folder, read but not yet parsed.
private struct CalendarFiles {
    var requests: [(request: CalendarRequest, ics: [UInt8])] = []
    var blackoutsMissing = false
}

/// Calendars being read by `IsolatedCalendarReader` on another thread.
private final class PendingReadings: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once before `done` is signalled, read only after waiting for it.
    private var readings: [Result<CalendarReading, InputError>] = []

    init(_ reader: IsolatedCalendarReader, _ requests: [(request: CalendarRequest, ics: [UInt8])]) {
        DispatchQueue.global().async {
            self.readings = reader.read(requests)
            self.done.signal()
        }
    }

    /// The readings in request order, once every child is done.
    func results() -> [Result<CalendarReading, InputError>] {
        done.wait()
        done.signal()
        return readings
    }
}

/// FNV-1a over file names and contents: a change detector for run history, not a security hash.
struct Fingerprint {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ name: String, _ bytes: [UInt8]) {
        for byte in name.utf8 { mix(byte) }
        mix(0)
        for byte in bytes { mix(byte) }
    }

    private mutating func mix(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0100_0000_01b3
    }

    var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
