import EnlaceFeeds
import EnlaceStore
import EnlaceTestSupport
import Foundation
import Testing

/// Publishing when nothing changed leaves everything as it is without publishing anew
/// (`FeedPublisher.reuse`). Each step of a term publishes twice from the same folder, database
/// and `--now`: as `enlace feeds` does (reusing the last publication when it may) and in full (on
/// a copy, with `--check`, which never reuses); both must leave byte-identical feeds,
/// `out/feeds.csv` and feed history, and the step says whether the first one reused.
@Suite("Publishing when nothing changed", .serialized)
struct UnchangedPublicationTests {
    /// The demo's moment (1 December 2026, 08:00 in the district), and later and earlier ones.
    static let asOf = "2026-12-01T16:00:00Z"
    static let threeDaysLater = "2026-12-04T16:00:00Z"
    static let aWeekLater = "2026-12-08T16:00:00Z"
    static let before = "2026-11-28T16:00:00Z"

    /// Publishes `folder` as `enlace feeds --now now` does, and a copy of it in full; expects
    /// the same outcome, and that the first reused the last publication exactly when `reused`.
    func publishBoth(_ folder: URL, now: String, reused: Bool, enlace: URL = Subprocess.packageExecutable("enlace"),
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let twin = folder.deletingLastPathComponent().appendingPathComponent(folder.lastPathComponent + "-full")
        try? FileManager.default.removeItem(at: twin)
        try FileManager.default.copyItem(at: folder, to: twin)
        defer { try? FileManager.default.removeItem(at: twin) }
        let timings = ["ENLACE_FEEDS_TIMINGS": "1"]
        let fast = try Subprocess.run(enlace, ["feeds", "--program", folder.path, "--now", now], environment: timings)
        let full = try Subprocess.run(enlace, ["feeds", "--program", twin.path, "--now", now, "--check"], environment: timings)
        #expect(fast.status == 0 && full.status == 0, "\(fast.stderr)\n\(full.stderr)", sourceLocation: sourceLocation)
        #expect(fast.stderr.contains("published feeds: unchanged") == reused, "\(fast.stderr)", sourceLocation: sourceLocation)
        #expect(!full.stderr.contains("published feeds: unchanged"), sourceLocation: sourceLocation)
        #expect(Self.summary(fast.stdout) == Self.summary(full.stdout), sourceLocation: sourceLocation)
        #expect(Self.warnings(fast.stderr) == Self.warnings(full.stderr), sourceLocation: sourceLocation)
        #expect(try Self.files(folder) == Self.files(twin), "the feeds differ", sourceLocation: sourceLocation)
        #expect(try Self.store(folder) == Self.store(twin), "the history differs", sourceLocation: sourceLocation)
    }

    /// The summary line without its seconds.
    static func summary(_ stdout: String) -> String {
        stdout.replacing(/\([0-9.]+ s\)/, with: "")
    }

    /// What the command warned about (not the timings).
    static func warnings(_ stderr: String) -> [Substring] {
        stderr.split(separator: "\n").filter { !$0.hasPrefix("timing ") }
    }

    /// Every published feed's bytes by name, and out/feeds.csv.
    static func files(_ folder: URL) throws -> [String: Data] {
        let feeds = folder.appendingPathComponent("calendars/feeds")
        var files = ["out/feeds.csv": try Data(contentsOf: folder.appendingPathComponent("out/feeds.csv"))]
        for name in try FileManager.default.contentsOfDirectory(atPath: feeds.path) {
            files[name] = try Data(contentsOf: feeds.appendingPathComponent(name))
        }
        return files
    }

    /// The stored feed history and tokens.
    static func store(_ folder: URL) throws -> String {
        let store = try Store(path: folder.appendingPathComponent("enlace.sqlite").path)
        let history = try store.feedHistory().sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        let tokens = try store.feedTokens().sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return (history + tokens).joined(separator: "\n")
    }

    static func run(_ arguments: [String]) throws {
        let result = try DemoDistrict.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
    }

    static func replace(_ old: String, with new: String, in file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test("the same day and later days reuse the publication; a copy, an earlier moment, another Enlace and files edited by hand do not")
    func clockAndFiles() throws {
        let folder = try DemoDistrict.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A copied folder has new files (inodes): its first publication is a full one.
        try publishBoth(folder, now: Self.asOf, reused: false)
        try publishBoth(folder, now: Self.asOf, reused: true)
        try publishBoth(folder, now: Self.threeDaysLater, reused: true)
        try publishBoth(folder, now: Self.aWeekLater, reused: true)
        try publishBoth(folder, now: Self.before, reused: false)
        try publishBoth(folder, now: Self.aWeekLater, reused: true)  // the record of the earlier moment
        // The nightly match that plans the same groups, sessions and families stores a new run
        // with the same rows: the feeds stay as they are.
        try Self.run(["match", "--program", folder.path, "--now", Self.aWeekLater])
        try publishBoth(folder, now: Self.aWeekLater, reused: true)
        let feeds = folder.appendingPathComponent("calendars/feeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: feeds.path).sorted()
        try FileManager.default.removeItem(at: feeds.appendingPathComponent(names[0]))
        try publishBoth(folder, now: Self.aWeekLater, reused: false)
        let edited = try FileHandle(forWritingTo: feeds.appendingPathComponent(names[1]))
        try edited.seekToEnd()
        try edited.write(contentsOf: Data("X".utf8))
        try edited.close()
        try publishBoth(folder, now: Self.aWeekLater, reused: false)
        try Data("stray".utf8).write(to: feeds.appendingPathComponent("stray.ics"))
        try publishBoth(folder, now: Self.aWeekLater, reused: false)
        try Self.replace("parent,", with: "parent ,", in: folder.appendingPathComponent("out/feeds.csv"))
        try publishBoth(folder, now: Self.aWeekLater, reused: false)
        try FileManager.default.removeItem(at: feeds)
        try publishBoth(folder, now: Self.aWeekLater, reused: false)
        try publishBoth(folder, now: Self.aWeekLater, reused: true)
        // Another build of Enlace (here: the same one, copied beside it, where its libraries are)
        // may write other bytes.
        let enlace = Subprocess.packageExecutable("enlace")
        let other = enlace.deletingLastPathComponent().appendingPathComponent("enlace-copy-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: enlace, to: other)
        defer { try? FileManager.default.removeItem(at: other) }
        try publishBoth(folder, now: Self.aWeekLater, reused: false, enlace: other)
    }

    @Test("translations, settings, recordings, a re-match, revoked links and forgotten families make it publish anew")
    func inputs() throws {
        let folder = try DemoDistrict.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = ["--program", folder.path]
        try publishBoth(folder, now: Self.threeDaysLater, reused: false)
        try publishBoth(folder, now: Self.threeDaysLater, reused: true)
        let translations = folder.appendingPathComponent("translations")
        try FileManager.default.createDirectory(at: translations, withIntermediateDirectories: true)
        try Data(#"{"bring_in_person": "Traiga a sus hijos si quiere: hay cuidado de niños."}"#.utf8).write(to: translations.appendingPathComponent("es.json"))
        try publishBoth(folder, now: Self.threeDaysLater, reused: false)
        try publishBoth(folder, now: Self.threeDaysLater, reused: true)
        try Self.replace("coordinator_phone = \"(555) 010-0199\"", with: "coordinator_phone = \"(555) 010-0123\"",
                         in: folder.appendingPathComponent("enlace.toml"))
        try Self.run(["import"] + program)
        try publishBoth(folder, now: Self.threeDaysLater, reused: false)
        // A corrected recording link: held sessions gain it (the one change the past may get).
        let recordings = folder.appendingPathComponent("data/recordings.csv")
        let lines = try String(contentsOf: recordings, encoding: .utf8).split(separator: "\n")
        try (lines.map(String.init).enumerated().map { $0.offset == 1 ? $0.element + "-corrected" : $0.element }.joined(separator: "\n") + "\n")
            .write(to: recordings, atomically: true, encoding: .utf8)
        try Self.run(["import"] + program)
        try publishBoth(folder, now: Self.threeDaysLater, reused: false)
        try publishBoth(folder, now: Self.aWeekLater, reused: true)
        // A family now speaks Spanish, not Korean: matched again.
        try Self.replace("(949) 555-0102,ko,mesa-verde-ms", with: "(949) 555-0102,es,mesa-verde-ms",
                         in: folder.appendingPathComponent("data/parents.csv"))
        try Self.run(["match"] + program + ["--now", Self.aWeekLater])
        try publishBoth(folder, now: Self.aWeekLater, reused: false)
        try publishBoth(folder, now: Self.aWeekLater, reused: true)
        let listing = try #require(try DemoDistrict.listings(folder).first { $0["kind"] == "mentor" })
        try Self.run(["feeds", "revoke", "--mentor", listing["id"]!] + program + ["--now", Self.aWeekLater])
        try publishBoth(folder, now: Self.aWeekLater, reused: true)  // the revocation published in full
        try Self.run(["forget", "parent", "P0003"] + program)
        try publishBoth(folder, now: Self.aWeekLater, reused: false)
        try Self.run(["purge", "--before", "2026-10-01", "--now", Self.aWeekLater] + program)
        try publishBoth(folder, now: Self.aWeekLater, reused: false)
        try publishBoth(folder, now: Self.aWeekLater, reused: true)
    }

    @Test("storing history, purging and forgetting a family delete the record")
    func invalidated() throws {
        let folder = try DemoDistrict.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("enlace.sqlite").path
        #expect(try Store(path: path).feedPublication() != nil)
        try Self.run(["forget", "parent", "P0004", "--program", folder.path])
        #expect(try Store(path: path).feedPublication() == nil)
        try Self.run(["feeds", "--program", folder.path, "--now", Self.asOf])
        #expect(try Store(path: path).feedPublication() != nil)
        try Self.run(["purge", "--before", "2026-10-01", "--now", Self.asOf, "--program", folder.path])
        #expect(try Store(path: path).feedPublication() == nil)
        try Self.run(["feeds", "--program", folder.path, "--now", Self.asOf])
        try Store(path: path).saveFeedHistory(FeedHistoryChanges.deleting(owner: FeedOwner(kind: .parent, id: "P0001")))
        #expect(try Store(path: path).feedPublication() == nil)
    }
}

extension FeedHistoryChanges {
    /// Changes that forget one (possibly unknown) event of `owner`.
    static func deleting(owner: FeedOwner) -> FeedHistoryChanges {
        var changes = FeedHistoryChanges()
        changes.deletions = [(owner, "unknown@example.org")]
        return changes
    }
}
