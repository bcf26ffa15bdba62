import EnlaceCalendar
import EnlaceProgram
import EnlaceTestSupport
import Foundation

/// The built `enlace` executable: the loader re-executes it to read calendars (this test process
/// is not `enlace`, so /proc/self/exe is not).
let enlaceExecutable = Subprocess.packageExecutable("enlace").path

/// A loader for `folder` that reads calendars in `enlace` child processes, as the CLI does.
func testLoader(_ folder: URL, limits: ChildLimits = .standard) -> ProgramLoader {
    ProgramLoader(folder: folder, calendars: .childProcess(IsolatedCalendarReader(executable: enlaceExecutable, limits: limits)))
}
