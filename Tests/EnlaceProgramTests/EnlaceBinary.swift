import EnlaceCalendar
import EnlaceProgram
import Foundation

/// The built `enlace` executable, which SwiftPM places next to the test bundle: the loader
/// re-executes it to read calendars (this test process is not `enlace`, so /proc/self/exe is not).
let enlaceExecutable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("enlace").path

/// A loader for `folder` that reads calendars in `enlace` child processes, as the CLI does.
func testLoader(_ folder: URL, limits: ChildLimits = .standard) -> ProgramLoader {
    ProgramLoader(folder: folder, calendars: .childProcess(IsolatedCalendarReader(executable: enlaceExecutable, limits: limits)))
}
