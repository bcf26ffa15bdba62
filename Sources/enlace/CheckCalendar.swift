import ArgumentParser
import EnlaceCalendar
import EnlaceCore
import EnlaceProgram
import Foundation

extension Enlace {
    /// `enlace check-calendar`: reads .ics files exactly as `enlace import` does and says, per file,
    /// what was found or why the file is refused.
    struct CheckCalendar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-calendar",
            abstract: "Check district calendar files (.ics) before putting them in a program folder.",
            discussion: """
                Prints one line per file: "ok N occurrences, W warnings" (blackouts: "ok N days"), or \
                why the file is refused. Warnings go to stderr. Exit codes: 0 all accepted, 1 any refused.
                """)

        /// What the files hold.
        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case openHouses = "open-houses"
            case blackouts
        }

        @Option(help: "The program's IANA time zone; occurrences are shown in it.")
        var timezone = "America/Los_Angeles"

        @Option(help: "What the files hold: open-houses (calendars/open-houses/SITE.ics) or blackouts (calendars/blackouts.ics).")
        var kind: Kind = .openHouses

        @Option(name: .customLong("term-start"), help: "First day of the term (YYYY-MM-DD).")
        var termStart = "2026-08-01"

        @Option(name: .customLong("term-end"), help: "Last day of the term (YYYY-MM-DD).")
        var termEnd = "2027-07-31"

        @Flag(help: "Print a JSON array with one object per file on stdout instead of text.")
        var json = false

        @Argument(help: "The calendar files to check.", completion: .file(extensions: ["ics"]))
        var files: [String]

        func validate() throws {
            guard let start = LocalDate(iso: termStart) else { throw ValidationError("--term-start must be a date such as 2026-08-01.") }
            guard let end = LocalDate(iso: termEnd) else { throw ValidationError("--term-end must be a date such as 2027-07-31.") }
            guard start <= end else { throw ValidationError("--term-end must not be before --term-start.") }
            guard !files.isEmpty else { throw ValidationError("Name at least one .ics file.") }
        }

        func run() throws {
            do {
                _ = try CalendarReader(programTimeZone: timezone)
            } catch {
                throw failWithInputError(error.description)
            }
            let term = LocalDate(iso: termStart)!...LocalDate(iso: termEnd)!
            // Each file is read in a child process, as `enlace import` does, so a hostile file
            // is refused instead of crashing or hanging this command.
            let isolated = IsolatedCalendarReader()
            let results = files.map { check($0, reader: isolated, term: term) }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(results), as: UTF8.self))
            } else {
                for result in results {
                    print("\(result.file): " + (result.error.map { "refused: \($0.message)" }
                        ?? "ok \(result.count) \(kind == .openHouses ? "occurrences" : "days"), \(result.warnings.count) warnings"))
                    for warning in result.warnings { printToStderr("  warning: \(warning)") }
                }
            }
            if results.contains(where: { $0.error != nil }) { throw ExitCode(1) }
        }

        private func check(_ path: String, reader: IsolatedCalendarReader, term: ClosedRange<LocalDate>) -> FileResult {
            do {
                let bytes = try readBytes(path)
                switch kind {
                case .openHouses:
                    let site = SiteID(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
                    let reading = try reader.read(CalendarRequest(kind: .openHouses, file: path, site: site, timezone: timezone, term: term), ics: bytes)
                    return FileResult(file: path, count: reading.openHouses.count, warnings: reading.warnings.map(\.description), error: nil)
                case .blackouts:
                    let reading = try reader.read(CalendarRequest(kind: .blackouts, file: path, timezone: timezone, term: term), ics: bytes)
                    return FileResult(file: path, count: reading.dates.count, warnings: reading.warnings.map(\.description), error: nil)
                }
            } catch {
                return FileResult(file: path, count: 0, warnings: [], error: .init(error))
            }
        }

        /// The file's bytes, at most one byte past the size limit (the reader refuses more); a
        /// named pipe or device is refused without being opened for a blocking read.
        private func readBytes(_ path: String) throws(InputError) -> [UInt8] {
            try InputFile.read(path: path, file: path, limit: CalendarReader.maximumFileBytes)
        }
    }
}

/// One file's outcome, as printed by `check-calendar --json`.
private struct FileResult: Encodable {
    struct Refusal: Encodable {
        var message: String
        var line: Int?
        var field: String?
        var problem: String
        var fix: String

        init(_ error: InputError) {
            message = error.description
            line = error.line
            field = error.field
            problem = error.problem
            fix = error.fix
        }
    }

    var file: String
    var status: String { error == nil ? "ok" : "refused" }
    /// Open-house occurrences, or blackout days, within the term.
    var count: Int
    var warnings: [String]
    var error: Refusal?

    enum CodingKeys: String, CodingKey { case file, status, count, warnings, error }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(status, forKey: .status)
        try container.encode(count, forKey: .count)
        try container.encode(warnings, forKey: .warnings)
        try container.encodeIfPresent(error, forKey: .error)
    }
}
