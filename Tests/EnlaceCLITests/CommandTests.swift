import GRDB
import EnlaceStore
import Foundation
import Testing

@Suite(.serialized) struct CommandTests {
    @Test func demoWritesAndImportsTheSampleDistrict() throws {
        let folder = CLI.temporaryFolder()
        let result = try CLI.run(["demo", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let store = try Store(path: folder.appendingPathComponent("enlace.sqlite").path)
        #expect(try store.parentIDs().count == 250)
        #expect(result.stdout.contains("Sample district written to"))
    }

    @Test func refusedImportLeavesTheDatabaseByteForByte() throws {
        let folder = CLI.temporaryFolder()
        try CLI.run(["demo", folder.path])
        let database = folder.appendingPathComponent("enlace.sqlite")
        let before = try Data(contentsOf: database)
        let parents = folder.appendingPathComponent("data/parents.csv")
        var lines = try String(contentsOf: parents, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let siteColumn = try #require(header.firstIndex(of: "site"))
        var cells = lines[5].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(!lines[5].contains("\""), "the test edits a row without quoted cells")
        cells[siteColumn] = "atlantis-elementary"
        lines[5] = cells.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: parents, atomically: true, encoding: .utf8)

        let result = try CLI.run(["import", "--program", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("data/parents.csv, line 6, column \"site\": \"atlantis-elementary\" is not a site id"))
        #expect(result.stderr.contains("Fix:"))
        #expect(try Data(contentsOf: database) == before)
    }

    @Test func aFileInThePlaceOfOutIsNamedWithAFix() throws {
        let folder = CLI.temporaryFolder()
        try CLI.run(["demo", folder.path])
        let out = folder.appendingPathComponent("out")
        try FileManager.default.removeItem(at: out)
        try Data("not a folder".utf8).write(to: out)
        let result = try CLI.run(["match", "--program", folder.path, "--now", "2026-12-02T08:00:00-08:00"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(out.path): cannot be created as a folder: a file of that name is in the way. Fix:"), "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
        #expect(try String(contentsOf: out, encoding: .utf8) == "not a folder")
    }

    /// Issue 27, rerun as an attacker (scripts/adversarial-pass): a match into an `out/` nobody
    /// may write printed `Error Domain=NSPOSIXErrorDomain Code=13 "Permission denied"`. Root
    /// ignores permission bits, so `out/` links to a sysfs folder, where no one may create files.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/sys/kernel")))
    func anOutFolderNobodyMayWriteIsNamedWithAFix() throws {
        let folder = CLI.temporaryFolder()
        try CLI.run(["demo", folder.path])
        let out = folder.appendingPathComponent("out")
        try FileManager.default.removeItem(at: out)
        try FileManager.default.createSymbolicLink(atPath: out.path, withDestinationPath: "/sys/kernel")
        let result = try CLI.run(["match", "--program", folder.path, "--now", "2026-12-02T08:00:00-08:00"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("enlace: \(out.path)/"), "\(result.stderr)")
        #expect(result.stderr.contains(": cannot be written: ") && result.stderr.contains(" Fix: "), "\(result.stderr)")
        #expect(!result.stderr.contains("Error Domain"), "\(result.stderr)")
    }

    @Test func reimportingChangesNothing() throws {
        let folder = CLI.temporaryFolder()
        try CLI.run(["demo", folder.path])
        let result = try CLI.run(["import", "--program", folder.path, "--json"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"parents\":{\"total\":250,\"added\":0,\"updated\":0,\"removed\":0}"))
    }

    @Test func explainTellsWhereAParentIsAndWhy() throws {
        let folder = CLI.temporaryFolder()
        try CLI.run(["demo", folder.path])
        let schedule = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("out/schedule.json"))) as? [String: Any])
        let group = try #require((schedule["groups"] as? [[String: Any]])?.first)
        let matched = try #require((group["parents"] as? [String])?.first)
        let unmatched = try #require((schedule["unmatched"] as? [[String: Any]])?.first?["parent"] as? String)

        let inGroup = try CLI.run(["explain", "parent", matched, "--program", folder.path])
        #expect(inGroup.status == 0)
        #expect(inGroup.stdout.contains("In group \(group["id"] as! String) with mentor \(group["mentor"] as! String)."))
        #expect(inGroup.stdout.contains("score: matched +100"))
        #expect(inGroup.stdout.contains("← here"))
        #expect(inGroup.stdout.contains("reads feeds, letters and messages in: "), "the language the family reads, and why")
        #expect(inGroup.stdout.contains("sessions held"), "the family's stint in their group")

        let left = try CLI.run(["explain", "parent", unmatched, "--program", folder.path])
        #expect(left.status == 0)
        #expect(left.stdout.contains("Not matched: "))
        #expect(left.stdout.contains("What would change it: "))

        let mentor = try CLI.run(["explain", "mentor", group["mentor"] as! String, "--program", folder.path])
        #expect(mentor.stdout.contains("\(group["id"] as! String): "))

        let unknown = try CLI.run(["explain", "parent", "no-such-family", "--program", folder.path])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no parent has the id \"no-such-family\""))
    }

    /// A standard run that leaves a gap of 0.5% or more suggests a thorough run; the demo's (0.46%)
    /// does not. The district with a gap: 1,000 parents where a group costs 200 points instead of
    /// 20, which makes opening groups the hard part (1.15%; at 150 points the standard run leaves
    /// 0.40%).
    @Test func aStandardRunWithAGapSuggestsAThoroughOne() throws {
        let folder = CLI.temporaryFolder()
        let generated = try CLI.run(["generate", folder.path, "--sites", "10", "--mentors", "75", "--parents", "1000"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let settings = folder.appendingPathComponent("enlace.toml")
        let toml = try String(contentsOf: settings, encoding: .utf8)
        #expect(!toml.contains("\n[weights]"))
        try (toml + "\n[weights]\ngroup = -200\n").write(to: settings, atomically: true, encoding: .utf8)
        let match = try CLI.run(["match", "--program", folder.path])
        #expect(match.status == 0, "\(match.stderr)")
        #expect(match.stdout.contains("enlace match --program \(folder.path) --effort thorough\n"), "\(match.stdout)")

        let demoFolder = CLI.temporaryFolder()
        let demo = try CLI.run(["demo", demoFolder.path])
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("Score "), "\(demo.stdout)")
        #expect(!demo.stdout.contains("--effort thorough"), "\(demo.stdout)")
    }

    /// The issue's smallest size: generated districts of 80 parents (three sites, twelve mentors,
    /// the benchmark's seed and six others) are proven optimal by a standard run (gap 0). Seed 6
    /// was left 4 points short when the bundle's proximity grew without bound in branch and bound.
    @Test(arguments: [2026, 1, 2, 3, 4, 5, 6])
    func eightyParentDistrictsAreProvenOptimal(seed: Int) throws {
        let folder = CLI.temporaryFolder()
        let generated = try CLI.run(["generate", folder.path, "--sites", "3", "--mentors", "12", "--parents", "80", "--seed", String(seed)])
        #expect(generated.status == 0, "\(generated.stderr)")
        let match = try CLI.run(["match", "--program", folder.path, "--json"])
        #expect(match.status == 0, "\(match.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(match.stdout.utf8)) as? [String: Any])
        let score = try #require(summary["score"] as? Int), bound = try #require(summary["bound"] as? Int)
        #expect(score == bound, "seed \(seed): \(score) / \(bound)")
    }

    /// `enlace-bench solve --write-columns` writes the relaxation's columns and root bound as JSON
    /// (for Benchmarks/configuration_lp.py), the bound at least the run's score; with subgradient
    /// steps, which keep no columns, the option is refused before anything runs.
    @Test func solveBenchmarkWritesTheRelaxationsColumns() throws {
        let folder = CLI.temporaryFolder()
        try CLI.run(["generate", folder.path, "--sites", "3", "--mentors", "12", "--parents", "80", "--seed", "2026"])
        let path = folder.appendingPathComponent("columns.json").path
        let run = try CLI.run(["solve", "--program", folder.path, "--write-columns", path], executable: CLI.bench)
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let bound = try #require(written["bound"] as? Double), score = try #require(summary["score"] as? Int)
        #expect(bound >= Double(score))
        let columns = try #require(written["columns"] as? [[String: Any]])
        #expect(columns.count > 12)
        for column in columns {
            #expect(Set(column.keys) == ["mentor", "groups", "parents", "weight"])
            let mentor = try #require(column["mentor"] as? Int), parents = try #require(column["parents"] as? [Int])
            #expect((0..<12).contains(mentor) && parents.allSatisfy { (0..<80).contains($0) })
        }
        let refused = try CLI.run(["solve", "--program", folder.path, "--dual", "subgradient", "--write-columns", path + "2"],
                                  executable: CLI.bench)
        #expect(refused.status != 0 && refused.stderr.contains("bundle"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: path + "2"))
    }

    /// `enlace match` stores the import while it solves (on another thread), and writes nothing
    /// unless that import committed: when the database refuses it (a trigger here), the match
    /// exits 1 with the store's reason and leaves no outputs and no run. Checked to fail when the
    /// match does not wait for the import. Without the trigger, the import is committed with the
    /// run: importing the same folder again adds nothing.
    @Test func matchWritesNothingUnlessItsImportIsStored() throws {
        let folder = CLI.temporaryFolder()
        try CLI.run(["generate", folder.path, "--sites", "2", "--mentors", "5", "--parents", "40"])
        let database = folder.appendingPathComponent("enlace.sqlite").path
        _ = try Store(path: database)  // the schema, so that the trigger has a table
        try DatabaseQueue(path: database).write { db in
            try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON imports BEGIN SELECT RAISE(ABORT, 'imports refused by the test'); END")
        }
        let refused = try CLI.run(["match", "--program", folder.path, "--json"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("imports refused by the test") && refused.stderr.contains("not stored"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/schedule.json").path))
        #expect(try Store(path: database).latestRun() == nil, "no run stored")
        #expect(try Store(path: database).parentIDs().isEmpty, "no parent stored")

        try DatabaseQueue(path: database).write { try $0.execute(sql: "DROP TRIGGER refuse") }
        let match = try CLI.run(["match", "--program", folder.path, "--json"])
        #expect(match.status == 0, "\(match.stderr)")
        let again = try CLI.run(["import", "--program", folder.path, "--json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        let parents = try #require(summary["parents"] as? [String: Int]), mentors = try #require(summary["mentors"] as? [String: Int])
        #expect(parents["total"] == 40 && parents["added"] == 0 && parents["updated"] == 0, "\(parents)")
        #expect(mentors["total"] == 5 && mentors["added"] == 0, "\(mentors)")
    }

    @Test func matchIsDeterministicAndSummarisesAsJSON() throws {
        var schedules: [Data] = []
        for _ in 0..<2 {
            let folder = CLI.temporaryFolder()
            try CLI.run(["demo", folder.path])
            let result = try CLI.run(["match", "--program", folder.path, "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(Set(summary.keys) == ["parents", "matched", "groups", "score", "bound", "gap", "seconds"])
            #expect(summary["parents"] as? Int == 250)
            #expect(result.stdout.split(separator: "\n").count == 1)
            schedules.append(try Data(contentsOf: folder.appendingPathComponent("out/schedule.json")))
            let csv = try String(contentsOf: folder.appendingPathComponent("out/assignments.csv"), encoding: .utf8)
            #expect(csv.hasPrefix("parent_id,mentor_id,group_id,reason,since\n"))
            #expect(!csv.contains("@"), "no email address in outputs")
        }
        #expect(schedules[0] == schedules[1])
    }

    /// Both efforts prove the optimum of a small generated district (each on its own copy: a
    /// second run in one folder would earn continuity points), and an unknown effort is a usage
    /// error that names the known ones.
    @Test func matchTakesAnEffort() throws {
        var scores: [Int] = []
        for effort in ["standard", "thorough"] {
            let folder = CLI.temporaryFolder()
            try CLI.run(["generate", folder.path, "--sites", "2", "--mentors", "5", "--parents", "40"])
            let result = try CLI.run(["match", "--program", folder.path, "--json", "--effort", effort])
            #expect(result.status == 0, "\(result.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            scores.append(try #require(summary["score"] as? Int))
            #expect(summary["bound"] as? Int == scores.last, "\(effort): a district this small is proven optimal")
            let human = try CLI.run(["match", "--program", folder.path, "--effort", effort])
            #expect(human.stdout.contains("gap 0.00%\(effort == "thorough" ? ", thorough" : "")).\n"), "\(human.stdout)")
            #expect(!human.stdout.contains("--effort thorough"), "no hint when the schedule is proven optimal")
            if effort == "thorough" {
                let unknown = try CLI.run(["match", "--program", folder.path, "--effort", "fast"])
                #expect(unknown.status == 2)
                #expect(unknown.stderr.contains("'standard' and 'thorough'"), "\(unknown.stderr)")
            }
        }
        #expect(scores[0] == scores[1])
    }

    @Test func nobodyFittingExitsWithThree() throws {
        let folder = CLI.temporaryFolder()
        try CLI.run(["demo", folder.path])
        let mentors = folder.appendingPathComponent("data/mentors.csv")
        let header = try String(contentsOf: mentors, encoding: .utf8).split(separator: "\n")[0]
        try (header + "\nm1,Only Mentor,,,xh,,virtual,5,SU 06:00-07:00,no,\n").write(to: mentors, atomically: true, encoding: .utf8)
        let result = try CLI.run(["match", "--program", folder.path, "--now", "2026-12-10T12:00:00-08:00"])
        #expect(result.status == 3)
        // The demo's term is in progress: its groups stay listed with their held sessions, and
        // none has members from now on.
        let schedule = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("out/schedule.json"))) as? [String: Any])
        let groups = try #require(schedule["groups"] as? [[String: Any]])
        #expect(!groups.isEmpty && groups.allSatisfy { ($0["parents"] as? [String])?.isEmpty == true })
        #expect(groups.allSatisfy { (($0["sessions"] as? [[String: Any]]) ?? []).allSatisfy { $0["held"] as? Bool == true } })
    }

    @Test func initWritesTemplatesAndRefusesAnExistingProgram() throws {
        let folder = CLI.temporaryFolder()
        #expect(try CLI.run(["init", folder.path]).status == 0)
        for file in ["enlace.toml", "data/sites.csv", "data/mentors.csv", "data/parents.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file)")
        }
        let imported = try CLI.run(["import", "--program", folder.path])
        #expect(imported.status == 0, "the template imports as written: \(imported.stderr)")
        let again = try CLI.run(["init", folder.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds a program"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let result = try CLI.run(["match", "--no-such-flag"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown option '--no-such-flag'"))
        #expect(try CLI.run(["frobnicate"]).status == 2)
    }
}
