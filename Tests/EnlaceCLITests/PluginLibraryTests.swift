import EnlacePlugins
import EnlaceTestSupport
import Foundation
import Testing

/// A district plugin built as its own package (Examples/Plugins/FridayEvenings), loaded from a
/// program's plugins/ folder by the `enlace` executable.
@Suite(.serialized) struct PluginLibraryTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Builds the example package once (its own scratch folder, the same toolchain) and returns the
    /// path of libFridayEvenings.so.
    static let library: Result<URL, Error> = Result {
        let scratch = scratchFolder("enlace-plugin-build")
        let build = try Subprocess.run(tool: "swift", [
            "build", "--package-path", repository.appendingPathComponent("Examples/Plugins/FridayEvenings").path,
            "--scratch-path", scratch.path, "--product", "FridayEvenings",
        ])
        guard build.status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: build.stdout + build.stderr])
        }
        return scratch.appendingPathComponent("debug/libFridayEvenings.so")
    }

    /// A build folder for an example package, one per checkout: a library another checkout built
    /// against another PluginAPI must not be picked up.
    static func scratchFolder(_ name: String) -> URL {
        let checkout = repository.standardizedFileURL.path.map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return FileManager.default.temporaryDirectory.appendingPathComponent(name + String(checkout))
    }

    /// A program: one Spanish-speaking mentor at Frontier High, free Friday and Tuesday evenings;
    /// three families free only on Friday evening, one only on Tuesday.
    func program() throws -> URL {
        let folder = CLI.temporaryFolder()
        #expect(try CLI.run(["init", folder.path]).status == 0)
        func write(_ path: String, _ text: String) throws {
            try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        try write("data/sites.csv", "id,name,address\nFHS,Frontier High,1 Main St\n")
        try write("data/mentors.csv", """
            id,name,email,phone,languages,sites,modes,capacity,availability,open_house,topics
            M1,Ana Ruiz,,,es,FHS,in_person,8,FR 18:00-20:00; TU 18:00-19:00,no,

            """)
        try write("data/parents.csv", """
            id,name,email,phone,languages,site,modes,availability,open_house,topics
            P1,Rosa Diaz,,,es,FHS,in_person,FR 18:00-20:00,no,
            P2,Luis Perez,,,es,FHS,in_person,FR 18:00-20:00,no,
            P3,Marta Gil,,,es,FHS,in_person,FR 18:00-20:00,no,
            P4,Jose Leon,,,es,FHS,in_person,TU 18:00-19:00,no,

            """)
        return folder
    }

    /// Copies `library` into the program's plugins/ folder and pins it in enlace.toml under
    /// `[plugins.NAME]` with its SHA-256, followed by `parameters` (TOML lines).
    @discardableResult
    func install(_ library: URL, as name: String, in folder: URL, parameters: String = "", file: String? = nil) throws -> String {
        let plugins = folder.appendingPathComponent("plugins")
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        let fileName = file ?? library.lastPathComponent
        let target = plugins.appendingPathComponent(fileName)
        if target.path != library.path { try FileManager.default.copyItem(at: library, to: target) }
        let hash = try #require(LibraryTrust.sha256(ofFileAt: target.path))
        let toml = folder.appendingPathComponent("enlace.toml")
        let table = "\n[plugins.\(name)]\nlibrary = \"plugins/\(fileName)\"\nsha256 = \"\(hash)\"\n\(parameters)"
        try (String(contentsOf: toml, encoding: .utf8) + table).write(to: toml, atomically: true, encoding: .utf8)
        return hash
    }

    func schedule(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("out/schedule.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    @Test func aLibraryPluginIsListedChangesTheMatchAndExplainsIt() throws {
        let library = try Self.library.get()
        let folder = try program()
        #expect(try CLI.run(["match", "--program", folder.path]).status == 0)
        let before = try schedule(folder)
        #expect((before["unmatched"] as! [Any]).isEmpty, "without the plugin, a Friday group seats P1–P3")

        try install(library, as: "friday_evenings", in: folder, parameters: "sites = [\"FHS\"]\n")

        let listed = try CLI.run(["plugins", "--program", folder.path, "--json"])
        #expect(listed.status == 0)
        let plugins = (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as! [String: Any])["plugins"] as! [[String: Any]]
        let friday = try #require(plugins.first { $0["name"] as? String == "friday_evenings" })
        #expect(friday["source"] as? String == "library")
        #expect(friday["role"] as? String == "hard")
        #expect((friday["location"] as? String)?.hasSuffix("plugins/libFridayEvenings.so") == true)
        let sites = (friday["parameters"] as! [[String: Any]]).first { $0["name"] as? String == "sites" }
        #expect(sites?["value"] as? [String] == ["FHS"])

        #expect(try CLI.run(["match", "--program", folder.path]).status == 0)
        let after = try schedule(folder)
        let unmatched = after["unmatched"] as! [[String: Any]]
        #expect(unmatched.map { $0["parent"] as! String } == ["P1", "P2", "P3"])
        #expect(unmatched.first?["reasons"] as? [String] == [
            "the only groups that would fit are refused: Frontier High has no meetings on FR from 17:00 (friday_evenings)",
        ])
        let explained = try CLI.run(["explain", "parent", "P1", "--program", folder.path])
        #expect(explained.stdout.contains("friday_evenings"))
        let seated = try CLI.run(["explain", "parent", "P4", "--program", folder.path])
        #expect(seated.stdout.contains("  - the parent has a group: +100 (matched)"))
    }

    /// Two pinned libraries both load (each is opened at its own descriptor: dlopen would take a
    /// second file at a reused /proc/self/fd/N for the first) and both take part in the match.
    @Test func twoPinnedLibrariesBothRun() throws {
        let folder = try program()
        try install(try Self.library.get(), as: "friday_evenings", in: folder, parameters: "sites = [\"FHS\"]\n")
        try install(try PluginCrashTests.library.get(), as: "crashing", in: folder)
        let listed = try CLI.run(["plugins", "--program", folder.path, "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let plugins = (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as! [String: Any])["plugins"] as! [[String: Any]]
        #expect(plugins.filter { $0["source"] as? String == "library" }.map { $0["name"] as! String } == ["crashing", "friday_evenings"])
        let matched = try CLI.run(["match", "--program", folder.path])
        #expect(matched.status == 0, "\(matched.stderr)")
        #expect(try schedule(folder)["score"].flatMap { ($0 as? [String: Any])?["terms"] as? [String: Int] }?["crashing"] == 0,
                "the second library's term is scored")
        #expect((try schedule(folder)["unmatched"] as! [[String: Any]]).map { $0["parent"] as! String } == ["P1", "P2", "P3"],
                "the first library still refuses the Friday group")
    }

    @Test func aPluginThatStopsTheRunChangesNothing() throws {
        let library = try Self.library.get()
        let folder = try program()
        #expect(try CLI.run(["match", "--program", folder.path]).status == 0)
        let schedule = try Data(contentsOf: folder.appendingPathComponent("out/schedule.json"))
        try install(library, as: "friday_evenings", in: folder, parameters: "sites = [\"NOPE\"]\n")
        let result = try CLI.run(["match", "--program", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("plugin \"friday_evenings\""))
        #expect(result.stderr.contains("sites lists \"NOPE\", which is not a site id in data/sites.csv."))
        #expect(try Data(contentsOf: folder.appendingPathComponent("out/schedule.json")) == schedule)
    }

    @Test func unknownParameterOfALibraryPluginIsRefused() throws {
        let library = try Self.library.get()
        let folder = try program()
        try install(library, as: "friday_evenings", in: folder, parameters: "site = [\"FHS\"]\n")
        let result = try CLI.run(["import", "--program", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("plugin \"friday_evenings\" has no parameter \"site\". Did you mean \"sites\"?"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("enlace.sqlite").path))
    }

    /// Compiles C `source` into `plugins/libStub.so` of `folder` with the system's C compiler.
    func stub(_ source: String, in folder: URL) throws -> URL {
        let plugins = folder.appendingPathComponent("plugins")
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        let c = folder.appendingPathComponent("stub.c")
        try source.write(to: c, atomically: true, encoding: .utf8)
        let library = plugins.appendingPathComponent("libStub.so")
        let compile = try Subprocess.run(tool: "cc", ["-shared", "-fPIC", "-o", library.path, c.path])
        try #require(compile.status == 0, "\(compile.stderr)")
        return library
    }

    /// Libraries that are not Enlace plugins, or were built for another API, are refused before any
    /// of their Swift code runs (the C stand-ins are compiled here with the system's C compiler).
    @Test(arguments: [
        ("int unrelated(void) { return 1; }", "has no entry point enlace_plugin_Stub_abi"),
        ("const char *enlace_plugin_Stub_abi(void) { return \"enlace-plugin-api/0 swift/5.9\"; }",
         "was built for enlace-plugin-api/0 swift/5.9, but this enlace uses enlace-plugin-api/5"),
    ])
    func foreignLibrariesAreRefused(source: String, message: String) throws {
        let folder = try program()
        try install(try stub(source, in: folder), as: "stub", in: folder)
        let result = try CLI.run(["match", "--program", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// A library whose constructor leaves a mark: any code of it that ran shows.
    func markingStub(in folder: URL) throws -> (library: URL, mark: URL) {
        let mark = folder.appendingPathComponent("library-code-ran")
        let source = "#include <fcntl.h>\n#include <unistd.h>\n"
            + "__attribute__((constructor)) static void ran(void) { close(creat(\"\(mark.path)\", 0644)); }\n"
        return (try stub(source, in: folder), mark)
    }

    @Test func aLibraryDroppedIntoPluginsDoesNotRun() throws {
        let folder = try program()
        let (library, mark) = try markingStub(in: folder)
        let matched = try CLI.run(["match", "--program", folder.path])
        #expect(matched.status == 0, "\(matched.stderr)")
        #expect(!FileManager.default.fileExists(atPath: mark.path), "no code of an unpinned library runs")

        let listed = try CLI.run(["plugins", "--program", folder.path])
        #expect(listed.status == 0)
        #expect(!FileManager.default.fileExists(atPath: mark.path))
        let hash = try #require(LibraryTrust.sha256(ofFileAt: library.path))
        #expect(listed.stdout.contains("Not loaded: enlace.toml does not pin these libraries"))
        #expect(listed.stdout.contains("[plugins.stub]\n    library = \"plugins/libStub.so\"\n    sha256 = \"\(hash)\""), "\(listed.stdout)")
    }

    @Test func aLibraryThatIsNotThePinnedFileDoesNotRun() throws {
        let folder = try program()
        let (library, mark) = try markingStub(in: folder)
        let toml = folder.appendingPathComponent("enlace.toml")
        let wrong = String(repeating: "ab", count: 32)
        try (String(contentsOf: toml, encoding: .utf8) + "\n[plugins.stub]\nlibrary = \"plugins/libStub.so\"\nsha256 = \"\(wrong)\"\n")
            .write(to: toml, atomically: true, encoding: .utf8)
        let result = try CLI.run(["match", "--program", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not the file enlace.toml pins for [plugins.stub]: its SHA-256 is \(LibraryTrust.sha256(ofFileAt: library.path)!), not \(wrong)"))
        #expect(!FileManager.default.fileExists(atPath: mark.path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("enlace.sqlite").path), "nothing imported")
    }

    @Test func aLibraryOthersMayChangeDoesNotRun() throws {
        let folder = try program()
        let (library, mark) = try markingStub(in: folder)
        try install(library, as: "stub", in: folder)
        try FileManager.default.setAttributes([.posixPermissions: 0o664], ofItemAtPath: library.path)
        let result = try CLI.run(["match", "--program", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not loaded: others than its owner may change it (mode 664)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: mark.path))
    }

    @Test func aPinnedLibraryRuns() throws {
        let folder = try program()
        let (library, mark) = try markingStub(in: folder)
        try install(library, as: "stub", in: folder)
        let result = try CLI.run(["match", "--program", folder.path])
        #expect(result.status == 1, "a stub is no plugin")
        #expect(FileManager.default.fileExists(atPath: mark.path), "the test's mark works: a pinned library's code runs")
    }
}
