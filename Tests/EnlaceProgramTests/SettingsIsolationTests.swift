import EnlaceCalendar
import EnlaceCore
import EnlaceProgram
import Foundation
import Testing

/// `enlace.toml` parsed first in an `enlace _check-settings` child (SettingsIsolation), so that a
/// toml++ abort on a shape `TOMLGuard` does not know yet cannot take the caller down.
@Suite("Settings parsed first in a child process")
struct SettingsIsolationTests {
    /// A loader whose settings child skips TOMLGuard (the test hook), so known abort shapes reach toml++.
    static func unguardedLoader(_ folder: ProgramFolder) -> ProgramLoader {
        ProgramLoader(folder: folder.url, calendars: .childProcess(IsolatedCalendarReader(
            executable: enlaceExecutable, environment: [SettingsIsolation.unguardedHook: "1"])))
    }

    /// Each known toml++ abort shape, on the line of the minimal program it replaces.
    static let abortShapes: [(old: String, new: String, line: Int)] = [
        ("term_start = 2026-08-17", "term_start = 2026-08-17T:00", 4),
        ("term_end = 2027-06-10", "term_end = 2027-06-10 7", 5),
        ("[weights]", "[ñandú]", 8),
    ]

    @Test(arguments: 0..<abortShapes.count)
    func aParserCrashInTheChildBecomesAnErrorNamingTheFileAndLine(shape: Int) throws {
        let (old, new, line) = Self.abortShapes[shape]
        let folder = try ProgramFolder()
        try folder.edit("enlace.toml", replacing: old, with: new)
        for load in [{ _ = try Self.unguardedLoader(folder).load() }, { _ = try Self.unguardedLoader(folder).loadSettings() }] {
            #expect {
                try load()
            } throws: { error in
                guard let error = error as? InputError else { return false }
                return error.file == "enlace.toml" && error.line == line
                    && error.problem.contains("the settings file could not be read safely: the TOML parser crashed on it (signal 6, SIGABRT) at line \(line)")
                    && error.fix.hasPrefix("check line \(line): ")
            }
        }
    }

    @Test func withoutTheHookTheGuardRefusesTheSameShapesAsInProcess() throws {
        for (old, new, line) in Self.abortShapes {
            let folder = try ProgramFolder()
            try folder.edit("enlace.toml", replacing: old, with: new)
            let isolated = try expectInputError(folder)
            var inProcess: InputError?
            do { _ = try ProgramLoader(folder: folder.url, calendars: .inProcess).load() } catch { inProcess = error }
            #expect(isolated == inProcess)
            #expect(isolated.line == line && isolated.problem.hasPrefix("not valid TOML"), "\(isolated)")
        }
    }

    @Test func validAndInvalidSettingsReadTheSameInBothModes() throws {
        let folder = try ProgramFolder()
        let isolated = try testLoader(folder.url).loadSettings()
        let inProcess = try ProgramLoader(folder: folder.url, calendars: .inProcess).loadSettings()
        #expect(isolated.settings == inProcess.settings)
        #expect(isolated.text == inProcess.text)
        try folder.edit("enlace.toml", replacing: "session_minutes = 60", with: "session_minutes = \"sixty\"")
        var inProcessError: InputError?
        do { _ = try ProgramLoader(folder: folder.url, calendars: .inProcess).load() } catch { inProcessError = error }
        #expect(try expectInputError(folder) == inProcessError)
    }

    @Test func aSettingsReaderThatCannotStartOrAnswersGarbageIsRefused() throws {
        let folder = try ProgramFolder()
        for (executable, phrase) in [("/nonexistent/enlace", "the settings reader could not be started"),
                                     ("/bin/echo", "the settings reader gave an answer that cannot be understood"),
                                     ("/bin/false", "the settings reader stopped with exit status 1")] {
            let loader = ProgramLoader(folder: folder.url, calendars: .childProcess(IsolatedCalendarReader(executable: executable)))
            #expect {
                _ = try loader.load()
            } throws: { error in
                (error as? InputError)?.file == "enlace.toml" && (error as? InputError)?.problem.contains(phrase) == true
            }
        }
    }

    /// The price of the child: one fork + exec per command that reads settings.
    @Test func theChildCostsLittle() throws {
        let folder = try ProgramFolder()
        let clock = ContinuousClock()
        let isolated = try clock.measure { for _ in 0..<10 { _ = try testLoader(folder.url).loadSettings() } }
        let inProcess = try clock.measure { for _ in 0..<10 { _ = try ProgramLoader(folder: folder.url, calendars: .inProcess).loadSettings() } }
        print("Settings read 10 times: in a child \(isolated), in process \(inProcess)")
        #expect(isolated < .seconds(20))
    }
}
