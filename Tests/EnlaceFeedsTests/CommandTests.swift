import EnlaceFeeds
import Foundation
import Testing

@Suite("enlace feeds and enlace feeds revoke", .serialized)
struct FeedCommandTests {
    private func modificationDates(_ folder: URL) throws -> [String: Date] {
        let feeds = folder.appendingPathComponent("calendars/feeds")
        var dates: [String: Date] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: feeds.path) {
            dates[name] = try FileManager.default.attributesOfItem(atPath: feeds.appendingPathComponent(name).path)[.modificationDate] as? Date
        }
        return dates
    }

    @Test("publishing again rewrites nothing and changes no byte")
    func unchanged() throws {
        let folder = try DemoDistrict.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try modificationDates(folder)
        let csvBefore = try Data(contentsOf: folder.appendingPathComponent("out/feeds.csv"))
        let result = try DemoDistrict.run(["feeds", "--program", folder.path, "--check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 written, 280 unchanged, 0 removed"))
        #expect(try modificationDates(folder) == before)
        #expect(try Data(contentsOf: folder.appendingPathComponent("out/feeds.csv")) == csvBefore)
        #expect(!result.stdout.contains(".ics") || result.stdout.contains("Links: out/feeds.csv"))
    }

    @Test("revoking a parent's feed removes the old file at once, draws a new token and updates feeds.csv")
    func revoke() throws {
        let folder = try DemoDistrict.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try DemoDistrict.listings(folder)
        let old = try #require(before.first { $0["kind"] == "parent" && $0["id"] == "P0002" })
        let otherDates = try modificationDates(folder).filter { $0.key != old["token"]! + ".ics" }
        let result = try DemoDistrict.run(["feeds", "revoke", "--parent", "P0002", "--program", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains(old["token"]!) && !result.stderr.contains(old["token"]!))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(old["path"]!).path))
        let after = try DemoDistrict.listings(folder)
        let new = try #require(after.first { $0["kind"] == "parent" && $0["id"] == "P0002" })
        #expect(new["token"] != old["token"] && FeedToken.isWellFormed(new["token"]!))
        #expect(!result.stdout.contains(new["token"]!))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(new["path"]!).path))
        #expect(after.filter { $0["id"] != "P0002" } == before.filter { $0["id"] != "P0002" })
        #expect(try modificationDates(folder).filter { $0.key != new["token"]! + ".ics" } == otherDates)
        // The new feed is the old one under a new name: same events, same versions.
        let oldText = try String(contentsOf: DemoDistrict.folder.url.appendingPathComponent(old["path"]!), encoding: .utf8)
        #expect(try String(contentsOf: folder.appendingPathComponent(new["path"]!), encoding: .utf8) == oldText)
    }

    @Test("revoke refuses an unknown id and a missing or double choice")
    func revokeErrors() throws {
        let folder = DemoDistrict.folder.url
        let unknown = try DemoDistrict.run(["feeds", "revoke", "--mentor", "M999", "--program", folder.path])
        #expect(unknown.status == 1 && unknown.stderr.contains("no mentor \"M999\" in data/mentors.csv"))
        let none = try DemoDistrict.run(["feeds", "revoke", "--program", folder.path])
        #expect(none.status == 2)
        let both = try DemoDistrict.run(["feeds", "revoke", "--parent", "P0001", "--site", "jacaranda-es", "--program", folder.path])
        #expect(both.status == 2)
    }

    @Test("the feed of a parent who left the program is removed")
    func leaver() throws {
        let folder = try DemoDistrict.copy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let leaver = try #require(try DemoDistrict.listings(folder).first { $0["kind"] == "parent" && $0["id"] == "P0010" })
        let parents = folder.appendingPathComponent("data/parents.csv")
        let lines = try String(contentsOf: parents, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try lines.filter { !$0.hasPrefix("P0010,") }.joined(separator: "\n").write(to: parents, atomically: true, encoding: .utf8)
        // Feeds publish what was matched: the family's feed stays until the next match.
        let now = ["--now", "2026-12-10T12:00:00-08:00"]
        let unchanged = try DemoDistrict.run(["feeds", "--program", folder.path] + now)
        #expect(unchanged.status == 0 && unchanged.stdout.contains("0 removed"), "\(unchanged.stdout)\(unchanged.stderr)")
        #expect(try DemoDistrict.run(["match", "--program", folder.path] + now).status == 0)
        let result = try DemoDistrict.run(["feeds", "--program", folder.path] + now)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 removed"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(leaver["path"]!).path))
        #expect(try DemoDistrict.listings(folder).count == 279)
    }

    @Test("before any match, enlace feeds says to run enlace match first")
    func noRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-feeds-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try DemoDistrict.run(["init", folder.path]).status == 0)
        let result = try DemoDistrict.run(["feeds", "--program", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("run `enlace match"))
    }
}
