import ArgumentParser
import EnlaceCalendar
import EnlaceCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension Enlace {
    /// `enlace _read-calendar` (hidden): the child side of `IsolatedCalendarReader`. Reads one
    /// calendar from stdin and writes a `CalendarAnswer` on stdout; its parent set its limits.
    struct ReadCalendar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: CalendarAnswer.subcommand,
            abstract: "Read one district calendar from stdin for a parent enlace process (internal).",
            shouldDisplay: false)

        @Option var kind: String
        @Option var timezone: String
        @Option(name: .customLong("term-start")) var termStart: String
        @Option(name: .customLong("term-end")) var termEnd: String
        @Option var site = ""
        @Option var file: String

        func run() throws {
            guard let kind = CalendarRequest.Kind(rawValue: kind), let start = LocalDate(iso: termStart),
                  let end = LocalDate(iso: termEnd), start <= end else {
                throw ValidationError("bad request")
            }
            let ics = Array(FileHandle.standardInput.readDataToEndOfFile())
            Self.testHooks(file: file)
            let request = CalendarRequest(kind: kind, file: file, site: SiteID(site), timezone: timezone, term: start...end)
            FileHandle.standardOutput.write(Data(CalendarAnswer.answer(request, ics: ics)))
        }

        /// Failures on demand, for the tests of the parent's handling of them; honoured only in
        /// the children. `ENLACE_TEST_CRASH_CALENDAR_FILE` crashes only while reading that file.
        static func testHooks(file: String? = nil) {
            let environment = ProcessInfo.processInfo.environment
            if environment["ENLACE_TEST_CRASH_CALENDAR"] == "1" || (file != nil && environment["ENLACE_TEST_CRASH_CALENDAR_FILE"] == file) {
                // The default action, so that the crash is the same in every build: under
                // AddressSanitizer (scripts/sanitize) its SIGSEGV handler would otherwise report
                // the deliberate crash and exit 1 instead of dying by the signal.
                signal(SIGSEGV, SIG_DFL)
                raise(SIGSEGV)
            }
            switch environment["ENLACE_TEST_HANG_CALENDAR"] {
            case "spin":
                var counter = 0
                while counter >= 0 { counter = (counter &+ 1) & 0xFFFF }
            case "sleep":
                while true { sleep(60) }
            default: break
            }
        }
    }
}

extension Enlace {
    /// `enlace _read-calendars` (hidden): several calendars in one child (`CalendarBatch`), one
    /// answer line per file, in order; its parent set its limits.
    struct ReadCalendars: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: CalendarBatch.subcommand,
            abstract: "Read several district calendars from stdin for a parent enlace process (internal).",
            shouldDisplay: false)

        func run() throws {
            guard let requests = CalendarBatch.requests(in: Array(FileHandle.standardInput.readDataToEndOfFile())) else {
                throw ValidationError("bad batch")
            }
            var output: [UInt8] = []
            for (request, ics) in requests {
                ReadCalendar.testHooks(file: request.file)
                output += CalendarAnswer.answer(request, ics: ics)
                output.append(UInt8(ascii: "\n"))
            }
            FileHandle.standardOutput.write(Data(output))
        }
    }
}
