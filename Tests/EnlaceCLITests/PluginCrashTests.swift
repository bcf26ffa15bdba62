import EnlacePlugins
import EnlaceStore
import EnlaceTestSupport
import Foundation
import Testing

/// A district plugin that crashes (Tests/Fixtures/CrashingPlugin) ends the command with exit 1
/// and a message naming the plugin and the hook, and leaves the program as it was: no import, no
/// run, no output (spec section 8). Every method of `PreparedRule` and `prepare` crash in turn,
/// each through the command that calls it.
@Suite(.serialized) struct PluginCrashTests {
    /// One crash: the method the fixture traps in, the command that reaches it in the test
    /// program, and the hook the host's message names (`GuardedRule`; every `justify…` is
    /// `justify`, both `score` forms are `score`).
    ///
    /// `scoreCeiling(parent:)` is missing: the matcher asks it only of a district with more than
    /// `CoverageBound.exhaustiveScoringPairs` (400 million) fitting pairs, far beyond a test.
    /// `GuardedRule` wraps it as it wraps the others.
    struct Crash: Sendable, CustomTestStringConvertible {
        let method: String
        let command: [String]
        let hook: String

        var testDescription: String { "\(method) in enlace \(command.joined(separator: " "))" }
    }

    static let crashes: [Crash] = [
        // Preparing the run, before anything is stored.
        Crash(method: "prepare", command: ["match"], hook: "prepare"),
        Crash(method: "hooks", command: ["match"], hook: "hooks"),
        // Building the matcher's model.
        Crash(method: "blockedDays()", command: ["match"], hook: "blockedDays"),
        Crash(method: "admits(_:)", command: ["match"], hook: "admits"),
        Crash(method: "pairIndex(groups:)", command: ["match"], hook: "pairIndex"),
        Crash(method: "filter(_:in:)", command: ["match"], hook: "filter"),
        Crash(method: "groupSize(_:)", command: ["match"], hook: "groupSize"),
        Crash(method: "capacity(ofMentor:)", command: ["match"], hook: "capacity"),
        Crash(method: "maxGroups(ofMentor:)", command: ["match"], hook: "maxGroups"),
        Crash(method: "conflict(_:_:)", command: ["match"], hook: "conflict"),
        Crash(method: "score(_:in:into:)", command: ["match"], hook: "score"),
        Crash(method: "score(_:)", command: ["match"], hook: "score"),
        Crash(method: "scoreKeys()", command: ["match"], hook: "scoreKeys"),
        Crash(method: "parentsApart()", command: ["match"], hook: "parentsApart"),
        Crash(method: "parentsTogether()", command: ["match"], hook: "parentsTogether"),
        // Explaining the unmatched families, after solving, with the import's transaction still
        // open: P4, whom the rule keeps off Tuesdays, and P1 or P2, whom it keeps apart.
        Crash(method: "justify(group:)", command: ["match"], hook: "justify"),
        Crash(method: "explainExclusion(parent:groups:)", command: ["match"], hook: "explainExclusion"),
        Crash(method: "justify(parent:apartFrom:)", command: ["match"], hook: "justify"),
        // `explain`, on the run of a match with the plugin.
        Crash(method: "justify(parent:group:)", command: ["explain", "parent", "P1"], hook: "justify"),
        Crash(method: "justify(parent:together:)", command: ["explain", "parent", "P1"], hook: "justify"),
        Crash(method: "justify(mentor:)", command: ["explain", "mentor", "M1"], hook: "justify"),
    ]

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

    /// What a crash must leave as it was: every file of out/, the imported parents and the runs.
    struct ProgramState: Equatable {
        let outputs: [String: Data]
        let parents: [String]
        let runs: Int

        init(_ folder: URL) throws {
            let out = folder.appendingPathComponent("out")
            let names = try FileManager.default.subpathsOfDirectory(atPath: out.path)
            outputs = try Dictionary(uniqueKeysWithValues: names.sorted().compactMap { name in
                let file = out.appendingPathComponent(name)
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder)
                return !exists || isFolder.boolValue ? nil : (name, try Data(contentsOf: file))
            })
            let store = try Store(path: folder.appendingPathComponent("enlace.sqlite").path)
            parents = try store.parentIDs()
            runs = try store.runCount()
        }
    }

    @Test(arguments: crashes)
    func aCrashNamesThePluginAndTheHookAndChangesNothing(crash: Crash) throws {
        let library = try Self.library.get()
        let tests = PluginLibraryTests()
        let folder = try tests.program()
        let installation = "crash = \"\(crash.method)\"\n"
        if crash.command == ["match"] {
            #expect(try CLI.run(["match", "--program", folder.path]).status == 0)
            // A changed file, so an import that went through would show.
            let parents = folder.appendingPathComponent("data/parents.csv")
            try (String(contentsOf: parents, encoding: .utf8) + "P6,Eva Sol,,,es,FHS,in_person,TU 18:00-19:00,no,\n")
                .write(to: parents, atomically: true, encoding: .utf8)
            try tests.install(library, as: "crashing", in: folder, parameters: installation)
        } else {
            try tests.install(library, as: "crashing", in: folder, parameters: installation)
            let match = try CLI.run(["match", "--program", folder.path])
            #expect(match.status == 0, "matching does not call \(crash.method): \(match.stderr)")
        }
        let before = try ProgramState(folder)

        let result = try CLI.run(crash.command + ["--program", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("enlace: plugin \"crashing\" (\(folder.path)/plugins/libCrashingPlugin.so) crashed in \(crash.hook); nothing was changed."),
                "\(result.stderr)")
        #expect(result.stderr.contains("Fatal error: crashing in \(crash.method)\n"), "the trap was in \(crash.method): \(result.stderr)")
        #expect(!result.stderr.contains("Backtrace"), "a message, not a backtrace")
        #expect(try ProgramState(folder) == before, "nothing stored, no output changed")
    }
}
