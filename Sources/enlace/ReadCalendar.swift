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
            Self.testHooks()
            let request = CalendarRequest(kind: kind, file: file, site: SiteID(site), timezone: timezone, term: start...end)
            FileHandle.standardOutput.write(Data(CalendarAnswer.answer(request, ics: ics)))
        }

        /// Failures on demand, for the tests of the parent's handling of them; honoured only here.
        private static func testHooks() {
            let environment = ProcessInfo.processInfo.environment
            if environment["ENLACE_TEST_CRASH_CALENDAR"] == "1" {
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
