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
        let contents = try text(try read(SettingsReader.fileName, into: &fingerprint), SettingsReader.fileName)
        return (try parseSettings(contents), contents)
    }

    /// Reads and validates everything.
    ///
    /// - Throws: `InputError` naming the file, line and column or property of the first problem.
    public func load() throws(InputError) -> LoadedProgram {
        var fingerprint = Fingerprint()
        var warnings: [InputWarning] = []
        let settingsBytes = try read(SettingsReader.fileName, into: &fingerprint)
        let settingsText = try text(settingsBytes, SettingsReader.fileName)
        let settings = try parseSettings(settingsText)
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
        let sites = try PeopleReader.sites(sitesTable)
        let siteIDs = Set(sites.map(\.id))
        let mentorsTable = try table("data/mentors.csv", &fingerprint, &warnings, known: Columns.mentors)
        let mentors = try PeopleReader.mentors(mentorsTable, sites: siteIDs, sitesFile: sitesTable.file)
        let parentsTable = try table("data/parents.csv", &fingerprint, &warnings, known: Columns.parents)
        let parents = try PeopleReader.parents(parentsTable, sites: siteIDs, sitesFile: sitesTable.file)
        warnings += emptyCellWarnings(mentorsTable, columns: ["email", "phone", "topics"])
        warnings += emptyCellWarnings(parentsTable, columns: ["email", "phone", "availability", "topics"])

        let term = settings.termStart...settings.termEnd
        var requests: [(request: CalendarRequest, ics: [UInt8])] = []
        for (file, site) in try openHouseFiles(siteIDs: siteIDs) {
            requests.append((CalendarRequest(kind: .openHouses, file: file, site: site, timezone: settings.timezone, term: term),
                             try read(file, into: &fingerprint)))
        }
        let blackoutsFile = "calendars/blackouts.ics"
        if exists(blackoutsFile) {
            requests.append((CalendarRequest(kind: .blackouts, file: blackoutsFile, timezone: settings.timezone, term: term),
                             try read(blackoutsFile, into: &fingerprint)))
        } else {
            warnings.append(InputWarning(file: blackoutsFile, message: "not found, so no day is blocked. Add the district's holidays to keep meetings off them."))
        }
        var openHouses: [OpenHouse] = []
        var blackouts = Set<LocalDate>()
        // Results come back in request order, so the first refusal reported is always the same one.
        for result in readCalendars(requests, calendar) {
            let reading = try result.get()
            openHouses += reading.openHouses
            blackouts.formUnion(reading.dates)
            warnings += reading.warnings
        }
        let program = Program(settings: settings, sites: sites, mentors: mentors.map(\.0), parents: parents.map(\.0),
                              openHouses: openHouses, blackouts: blackouts)
        return LoadedProgram(
            program: program,
            mentorContacts: Dictionary(uniqueKeysWithValues: mentors.map { ($0.0.id, $0.1) }),
            parentContacts: Dictionary(uniqueKeysWithValues: parents.map { ($0.0.id, $0.1) }),
            warnings: warnings, inputFingerprint: fingerprint.hex, settingsText: settingsText)
    }

    /// Parses `enlace.toml`, in child-process mode only after a child has parsed it and survived.
    private func parseSettings(_ text: String) throws(InputError) -> ProgramSettings {
        if case .childProcess(let reader) = calendars {
            try SettingsIsolation.check(text, file: SettingsReader.fileName, reader: reader)
        }
        return try SettingsReader.parse(text)
    }

    private func readCalendars(_ requests: [(request: CalendarRequest, ics: [UInt8])],
                               _ inProcess: CalendarReader) -> [Result<CalendarReading, InputError>] {
        switch calendars {
        case .childProcess(let reader):
            return reader.read(requests)
        case .inProcess:
            return requests.map { request, ics in Result { () throws(InputError) in try inProcess.read(request, ics: ics) } }
        }
    }

    /// `calendars/open-houses/SITE.ics` files, sorted, each with the site its name gives.
    private func openHouseFiles(siteIDs: Set<SiteID>) throws(InputError) -> [(String, SiteID)] {
        let directory = folder.appendingPathComponent("calendars/open-houses")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var files: [(String, SiteID)] = []
        for name in names.sorted() where name.hasSuffix(".ics") {
            let file = "calendars/open-houses/\(name)"
            let site = SiteID(String(name.dropLast(4)))
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
        let table = try CSVTable(bytes: try read(file, into: &fingerprint), file: file)
        let unknown = table.unknownColumns(known: known)
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

    private func read(_ file: String, into fingerprint: inout Fingerprint) throws(InputError) -> [UInt8] {
        let url = folder.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw InputError(file: file, problem: exists(file) ? "cannot be read." : "is missing from the program folder \(folder.path).",
                             fix: exists(file) ? "check the file's permissions." : "create it (enlace init DIR writes a template) or pass --program with the right folder.")
        }
        let bytes = [UInt8](data)
        fingerprint.add(file, bytes)
        return bytes
    }

    private func text(_ bytes: [UInt8], _ file: String) throws(InputError) -> String {
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
