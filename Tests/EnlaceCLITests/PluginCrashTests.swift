import EnlacePlugins
import EnlaceStore
import EnlaceTestSupport
import Foundation
import Testing

/// A district plugin that crashes (Tests/Fixtures/CrashingPlugin) ends the command with exit 1
/// and a message naming the plugin and the hook, and leaves the program as it was: no import, no
/// run, no output (spec section 8).
@Suite(.serialized) struct PluginCrashTests {
    /// Builds the fixture once and returns libCrashingPlugin.so.
    static let library: Result<URL, Error> = Result {
        let scratch = PluginLibraryTests.scratchFolder("enlace-crashing-plugin-build")
        let build = try Subprocess.run(tool: "swift", [
            "build", "--package-path", PluginLibraryTests.repository.appendingPathComponent("Tests/Fixtures/CrashingPlugin").path,
            "--scratch-path", scratch.path, "--product", "CrashingPlugin",
        ])
        guard build.status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: build.stdout + build.stderr])
        }
        return scratch.appendingPathComponent("debug/libCrashingPlugin.so")
    }

    @Test(arguments: ["prepare", "admits", "score"])
    func aCrashNamesThePluginAndTheHookAndChangesNothing(hook: String) throws {
        let library = try Self.library.get()
        let tests = PluginLibraryTests()
        let folder = try tests.program()
        // One family more than the mentor can seat, so the run explains an unmatched family.
        let parents = folder.appendingPathComponent("data/parents.csv")
        try (String(contentsOf: parents, encoding: .utf8) + "P5,Ana Paz,,,es,FHS,in_person,FR 18:00-20:00,no,\n")
            .write(to: parents, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["match", "--program", folder.path]).status == 0)
        let database = folder.appendingPathComponent("enlace.sqlite")
        let schedule = folder.appendingPathComponent("out/schedule.json")
        let before = try Data(contentsOf: schedule)

        // A changed file, so an import that went through would show.
        try (String(contentsOf: parents, encoding: .utf8) + "P6,Eva Sol,,,es,FHS,in_person,TU 18:00-19:00,no,\n")
            .write(to: parents, atomically: true, encoding: .utf8)
        try tests.install(library, as: "crashing", in: folder, parameters: "hook = \"\(hook)\"\n")
        let result = try CLI.run(["match", "--program", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("enlace: plugin \"crashing\" (\(folder.path)/plugins/libCrashingPlugin.so) crashed in \(hook); nothing was changed."),
                "\(result.stderr)")
        #expect(!result.stderr.contains("Backtrace"), "a message, not a backtrace")
        #expect(try Data(contentsOf: schedule) == before, "no output changed")
        // The database still holds the previous import: P6 is not in it.
        let store = try Store(path: database.path)
        #expect(try store.parentIDs().count == 5, "the import was not stored")
    }

    @Test func aCrashWhileExplainingNamesTheHook() throws {
        let library = try Self.library.get()
        let tests = PluginLibraryTests()
        let folder = try tests.program()
        try tests.install(library, as: "crashing", in: folder, parameters: "hook = \"justify\"\n")
        #expect(try CLI.run(["match", "--program", folder.path]).status == 0, "matching asks no justification")
        let result = try CLI.run(["explain", "parent", "P1", "--program", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("enlace: plugin \"crashing\" (\(folder.path)/plugins/libCrashingPlugin.so) crashed in justify;"), "\(result.stderr)")
    }
}
