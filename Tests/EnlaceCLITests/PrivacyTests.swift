import EnlaceStore
import EnlaceTestSupport
import Foundation
import Testing

/// `enlace forget`, `export` and `purge`, file permissions, and a crashing calendar child, on
/// copies of one `enlace demo` folder (matched and published).
@Suite(.serialized) struct PrivacyTests {
    /// One demo folder, made once (a demo takes most of a minute); each test works on a copy.
    static let demo: Result<URL, CLIFailure> = {
        let folder = CLI.temporaryFolder()
        do {
            let result = try CLI.run(["demo", folder.path])
            return result.status == 0 ? .success(folder) : .failure(CLIFailure(message: result.stderr))
        } catch {
            return .failure(CLIFailure(message: "\(error)"))
        }
    }()

    struct CLIFailure: Error, Sendable { let message: String }

    static func copyOfDemo() throws -> URL {
        let copy = CLI.temporaryFolder()
        try FileManager.default.copyItem(at: try demo.get(), to: copy)
        return copy
    }

    /// `id → row` of data/parents.csv rows without quoted cells (so the name is the second cell).
    static func plainParentRows(_ folder: URL) throws -> [String: [String]] {
        let text = try String(contentsOf: folder.appendingPathComponent("data/parents.csv"), encoding: .utf8)
        var rows: [String: [String]] = [:]
        for line in text.split(separator: "\n").dropFirst() where !line.contains("\"") {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            rows[cells[0]] = cells
        }
        return rows
    }

    /// A parent in a group of the demo's schedule, whose row has no quoted cells.
    static func matchedParent(_ folder: URL) throws -> (id: String, name: String) {
        let schedule = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("out/schedule.json"))) as? [String: Any]
        let groups = try #require(schedule?["groups"] as? [[String: Any]])
        let rows = try plainParentRows(folder)
        for group in groups {
            for id in group["parents"] as? [String] ?? [] {
                if let row = rows[id], row[1].count > 6 { return (id, row[1]) }
            }
        }
        throw CLIFailure(message: "no matched parent with a plain row")
    }

    /// Every file under `folder` (recursively) whose bytes contain `needle`.
    static func files(in folder: URL, containing needle: String) -> [String] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var hits: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            guard let data = try? Data(contentsOf: url), data.range(of: Data(needle.utf8)) != nil else { continue }
            hits.append(String(url.path.dropFirst(folder.path.count + 1)))
        }
        return hits.sorted()
    }

    /// `sqlite3 DB .dump`, or nil when the sqlite3 shell is not installed.
    static func dump(_ database: URL) throws -> String? {
        guard let shell = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first(where: FileManager.default.isExecutableFile) else { return nil }
        return try Subprocess.run(URL(fileURLWithPath: shell), [database.path, ".dump"]).stdout
    }

    @Test func forgetRemovesTheFamilyFromEveryPlaceButTheCoordinatorsCSV() throws {
        let folder = try Self.copyOfDemo()
        let (id, name) = try Self.matchedParent(folder)
        for needle in [id, name] {
            #expect(Self.files(in: folder, containing: needle).count >= 2, "\(needle) is in the demo's outputs before")
        }
        let result = try CLI.run(["forget", "parent", id, "--program", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Forgot parent \(id)."))
        #expect(result.stdout.contains("their row"))
        #expect(result.stdout.contains("out/assignments.csv (their rows)"))
        #expect(result.stdout.contains("out/schedule.json"))
        #expect(result.stdout.contains("out/feeds.csv (1 row)"))
        #expect(result.stdout.contains("(their feed)"))
        #expect(result.stderr.contains("warning: \(id) is still in data/parents.csv"))
        // The coordinator's own files: the roster and the attendance sheets and reports (forget
        // warns about both).
        for needle in [id, name] {
            #expect(Self.files(in: folder, containing: needle).filter { !$0.hasPrefix("data/attendance/") } == ["data/parents.csv"], "\(needle)")
        }
        if let dump = try Self.dump(folder.appendingPathComponent("enlace.sqlite")) {
            #expect(dump.contains("CREATE TABLE parents"))
            #expect(!dump.contains(id) && !dump.contains(name))
        } else {
            print("sqlite3 shell not installed: the database was checked byte for byte only")
        }
        let schedule = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("out/schedule.json"))) as? [String: Any]
        #expect(schedule?["groups"] != nil, "schedule.json is still valid JSON")
        let unmatched = try #require((schedule?["unmatched"] as? [[String: Any]])?.last?["parent"] as? String)
        #expect(try CLI.run(["forget", "parent", unmatched, "--program", folder.path]).status == 0)
        #expect(Self.files(in: folder, containing: unmatched) == ["data/parents.csv"])
        let after = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("out/schedule.json"))) as? [String: Any]
        #expect((after?["unmatched"] as? [Any])?.count == (schedule?["unmatched"] as? [Any]).map { $0.count - 1 })
        let store = try Store(path: folder.appendingPathComponent("enlace.sqlite").path)
        #expect(try store.parentIDs().count == 248)
        let stored = try #require(try store.latestRun()).schedule
        #expect(Set(stored.memberships.map(\.parent)).union(stored.unmatched.map(\.parent)).count == 248)
    }

    @Test func forgettingAnUnknownIDChangesNothing() throws {
        let folder = try Self.copyOfDemo()
        let database = folder.appendingPathComponent("enlace.sqlite")
        let before = try Self.dump(database)
        let outputs = try ["out/schedule.json", "out/assignments.csv", "out/feeds.csv"].map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        let result = try CLI.run(["forget", "parent", "P9999", "--program", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Enlace holds nothing about a parent \"P9999\""))
        // Opening the database may touch its header, so the rows are compared, not the bytes.
        #expect(try Self.dump(database) == before)
        #expect(try ["out/schedule.json", "out/assignments.csv", "out/feeds.csv"].map { try Data(contentsOf: folder.appendingPathComponent($0)) } == outputs)
        #expect(try Store(path: database.path).parentIDs().count == 250)
    }

    @Test func exportHoldsTheFamilysDataAndNoOtherFamilys() throws {
        let folder = try Self.copyOfDemo()
        let (id, name) = try Self.matchedParent(folder)
        let result = try CLI.run(["export", "parent", id, "--program", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let row = try #require(try Self.plainParentRows(folder)[id])
        #expect(record["id"] as? String == id)
        #expect(record["name"] as? String == name)
        #expect(record["email"] as? String == (row[2].isEmpty ? nil : row[2]))
        #expect(record["site"] as? String == row[5])
        #expect(record["attributes"] is [String: String])
        let runs = try #require(record["runs"] as? [[String: Any]])
        // The demo matched twice (before the term and on 1 December): the family's stint in each.
        #expect(runs.count == 2, "\(runs)")
        for run in runs {
            let stints = try #require(run["groups"] as? [[String: Any]])
            #expect(stints.count == 1 && stints[0]["mentor"] is String && stints[0]["group"] is String && stints[0]["from"] is String)
        }
        #expect((record["feed"] as? [String: Any])?["has_link"] as? Bool == true)
        for (other, cells) in try Self.plainParentRows(folder) where other != id {
            #expect(!result.stdout.contains("\"\(other)\"") && !result.stdout.contains(cells[1]), "\(other) leaks into the export")
        }
        let feeds = try String(contentsOf: folder.appendingPathComponent("out/feeds.csv"), encoding: .utf8)
        for line in feeds.split(separator: "\n").dropFirst() {
            #expect(!result.stdout.contains(line.split(separator: ",")[2]), "no feed token in the export")
        }
        let file = folder.appendingPathComponent("records-\(id).json")
        #expect(try CLI.run(["export", "parent", id, "--program", folder.path, "--output", file.path]).status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) == result.stdout)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600)
        #expect(try CLI.run(["export", "parent", "P9999", "--program", folder.path]).status == 1)
    }

    /// A family removed from data/parents.csv is gone from the roster, not from the runs, their
    /// link or their feed history: export finds all of it, and forget removes it.
    @Test func exportAndForgetFindAFamilyNoLongerInTheRoster() throws {
        let folder = try Self.copyOfDemo()
        let (id, _) = try Self.matchedParent(folder)
        let parents = folder.appendingPathComponent("data/parents.csv")
        let lines = try String(contentsOf: parents, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try lines.filter { !$0.hasPrefix(id + ",") }.joined(separator: "\n").write(to: parents, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["import", "--program", folder.path]).status == 0)
        let export = try CLI.run(["export", "parent", id, "--program", folder.path])
        #expect(export.status == 0, "\(export.stderr)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
        #expect(record["in_roster"] as? Bool == false && record["name"] == nil)
        #expect((record["runs"] as? [Any])?.count == 2)
        #expect((record["feed"] as? [String: Any])?["has_link"] as? Bool == true)
        let forget = try CLI.run(["forget", "parent", id, "--program", folder.path])
        #expect(forget.status == 0 && forget.stdout.contains("(their feed)"), "\(forget.stdout)\(forget.stderr)")
        #expect(try CLI.run(["export", "parent", id, "--program", folder.path]).status == 1)
    }

    /// `forget` killed after its database commit (simulated: the store's half alone) is finished
    /// by the next command that opens the database: the feed file and the output rows go too.
    @Test func aForgetInterruptedAfterItsCommitIsFinishedByTheNextCommand() throws {
        let folder = try Self.copyOfDemo()
        let (id, _) = try Self.matchedParent(folder)
        let forgotten = try #require(try Store(path: folder.appendingPathComponent("enlace.sqlite").path).forgetParent(id))
        let feed = folder.appendingPathComponent("calendars/feeds/\(try #require(forgotten.feedToken)).ics")
        #expect(FileManager.default.fileExists(atPath: feed.path), "the killed forget left the feed served")
        let again = try CLI.run(["forget", "parent", id, "--program", folder.path])
        #expect(again.status == 1 && again.stderr.contains("stays forgotten"), "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: feed.path))
        #expect(Self.files(in: folder, containing: id).filter { !$0.hasPrefix("data/attendance/") } == ["data/parents.csv"],
                "out/participation.csv and the other outputs lose the family's rows too")
        #expect(try Store(path: folder.appendingPathComponent("enlace.sqlite").path).pendingForgets().isEmpty)
        #expect(!(try String(contentsOf: folder.appendingPathComponent("out/feeds.csv"), encoding: .utf8)).contains(try #require(forgotten.feedToken)))
    }

    @Test func purgeDeletesOldRunsAndPastFeedEventsAndCounts() throws {
        let folder = try Self.copyOfDemo()
        let today = ["--now", "2027-07-01T12:00:00-07:00"]
        let nothing = try CLI.run(["purge", "--program", folder.path, "--before", "2000-01-01"] + today)
        #expect(nothing.status == 0, "\(nothing.stderr)")
        #expect(nothing.stdout.contains("Purged 0 runs created before 2000-01-01 and 0 feed events"))
        // After the term: every run but the latest (the program's present) and every past event.
        let all = try CLI.run(["purge", "--program", folder.path, "--before", "2027-07-01"] + today)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("Purged 1 runs created before 2027-07-01 and "), "\(all.stdout)")
        let events = all.stdout.split(separator: "and ").last.flatMap { Int($0.split(separator: " ")[0]) }
        #expect((events ?? 0) > 1000, "\(all.stdout)")
        let store = try Store(path: folder.appendingPathComponent("enlace.sqlite").path)
        #expect(try store.runCount() == 1)
        #expect(try store.parentIDs().count == 250, "the imported program stays")
        #expect(try CLI.run(["purge", "--program", folder.path, "--before", "2027-02-30"]).status == 2)
    }

    /// A date after today would delete the history of sessions still to come (and feeds would then
    /// start their SEQUENCE again): refused, nothing changed.
    @Test func purgeRefusesADateAfterToday() throws {
        let folder = try Self.copyOfDemo()
        let database = folder.appendingPathComponent("enlace.sqlite")
        let before = try Self.dump(database)
        let result = try CLI.run(["purge", "--program", folder.path, "--before", "2100-01-01", "--now", "2026-12-10T12:00:00-08:00"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("is after today (2026-12-10)"), "\(result.stderr)")
        #expect(try Self.dump(database) == before)
    }

    @Test func theDatabaseAndItsJournalFilesAreOwnerOnly() throws {
        let folder = CLI.temporaryFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("enlace.sqlite").path
        let store = try Store(path: path)
        _ = try store.parentIDs()
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600, "\(file)")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
        let demo = try Self.demo.get()
        #expect(try FileManager.default.attributesOfItem(atPath: demo.appendingPathComponent("enlace.sqlite").path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: demo.appendingPathComponent("out/feeds.csv").path)[.posixPermissions] as? Int == 0o600)
    }

    @Test func aCalendarThatCrashesItsReaderIsRefusedAndTheDatabaseStaysAsItWas() throws {
        let folder = try Self.copyOfDemo()
        let database = folder.appendingPathComponent("enlace.sqlite")
        let before = try Data(contentsOf: database)
        let result = try CLI.run(["import", "--program", folder.path], environment: ["ENLACE_TEST_CRASH_CALENDAR": "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("calendars/open-houses/jacaranda-es.ics: reading this calendar crashed the calendar library (signal 11, SIGSEGV)"), "\(result.stderr)")
        #expect(result.stderr.contains("Fix: re-export the calendar"))
        #expect(result.stderr.contains("Nothing was imported; the database is unchanged."))
        #expect(try Data(contentsOf: database) == before)
        #expect(try CLI.run(["import", "--program", folder.path]).status == 0, "without the hook the same folder imports")
    }
}
