import Foundation
import Testing

/// `enlace participation` on copies of the demo folder (which ends with it), and `export`,
/// `forget` and `purge` covering attendance (spec section 11, docs/PRIVACY.md).
@Suite(.serialized) struct ParticipationCommandTests {
    static let asOf = "2026-12-01T08:00:00-08:00"

    static func permissions(_ url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    /// The rows of out/participation.csv, by parent.
    static func participation(_ folder: URL) throws -> [String: [[String]]] {
        let text = try String(contentsOf: folder.appendingPathComponent("out/participation.csv"), encoding: .utf8)
        var rows: [String: [[String]]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            rows[cells[0], default: []].append(cells)
        }
        return rows
    }

    @Test func theDemoEndsWithParticipationAndTheJSONSummary() throws {
        let folder = try PrivacyTests.copyOfDemo()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["participation.csv", "follow-up.csv", "attendance-unmatched.csv"] {
            #expect(try Self.permissions(folder.appendingPathComponent("out/" + name)) == 0o600, "\(name)")
        }
        let before = try Data(contentsOf: folder.appendingPathComponent("out/participation.csv"))
        let result = try CLI.run(["participation", "--program", folder.path, "--now", Self.asOf, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["now"] as? String == "2026-12-01T08:00")
        let modes = try #require(json["modes"] as? [String: Int])
        #expect((modes["in_person"] ?? 0) > 0 && (modes["virtual"] ?? 0) > 0 && (modes["recording"] ?? 0) > 0)
        #expect(modes.values.reduce(0, +) == json["attended"] as? Int)
        #expect((json["sites"] as? [[String: Any]])?.isEmpty == false && (json["languages"] as? [[String: Any]])?.isEmpty == false)
        #expect(try Data(contentsOf: folder.appendingPathComponent("out/participation.csv")) == before, "the same inputs, the same bytes")
        let text = try CLI.run(["participation", "--program", folder.path, "--now", Self.asOf])
        #expect(text.stdout.contains("By mode: in person ") && text.stdout.contains("By site: ") && text.stdout.contains("By language: Arabic"))
    }

    @Test func exportForgetAndPurgeCoverAttendance() throws {
        let folder = try PrivacyTests.copyOfDemo()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = try Self.participation(folder)
        let id = try #require(rows.keys.sorted().first { id in rows[id]!.contains { Int($0[3])! >= 2 } })
        let export = try CLI.run(["export", "parent", id, "--program", folder.path])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any])
        let attended = try #require(record["attendance"] as? [[String: String]])
        #expect(attended.count == rows[id]!.reduce(0) { $0 + Int($1[3])! })
        #expect(attended.allSatisfy { ["in_person", "virtual", "recording"].contains($0["mode"] ?? "") })

        let purge = try CLI.run(["purge", "--program", folder.path, "--before", "2026-10-01"])
        #expect(purge.status == 0 && purge.stdout.contains("attendance records of sessions before 2026-10-01."), "\(purge.stdout)")
        let afterPurge = try #require(try JSONSerialization.jsonObject(with: Data(try CLI.run(["export", "parent", id, "--program", folder.path]).stdout.utf8)) as? [String: Any])
        let kept = try #require(afterPurge["attendance"] as? [[String: String]])
        #expect(kept.allSatisfy { $0["session"]! >= "2026-10-01" } && kept.count < attended.count)

        let forget = try CLI.run(["forget", "parent", id, "--program", folder.path])
        #expect(forget.status == 0, "\(forget.stderr)")
        #expect(forget.stdout.contains("\(kept.count) attendance records"), "\(forget.stdout)")
        #expect(forget.stdout.contains("out/participation.csv"))
        #expect(forget.stderr.contains("data/attendance/ still holds"), "\(forget.stderr)")
        #expect(try Self.participation(folder)[id] == nil)
        let followUp = try String(contentsOf: folder.appendingPathComponent("out/follow-up.csv"), encoding: .utf8)
        #expect(!followUp.split(separator: "\n").contains { $0.hasPrefix(id + ",") })
    }

    @Test func aBadAttendanceFileIsRefusedWithItsPlaceAndNothingIsWritten() throws {
        let folder = try PrivacyTests.copyOfDemo()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "date,group,parent,mode\n2026-09-08,no-such-group,P0001,by_pigeon\n"
            .write(to: folder.appendingPathComponent("data/attendance/extra.csv"), atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: folder.appendingPathComponent("out/participation.csv"))
        let result = try CLI.run(["participation", "--program", folder.path, "--now", Self.asOf])
        #expect(result.status == 1)
        #expect(result.stderr.contains("data/attendance/extra.csv, line 2, column \"mode\": \"by_pigeon\" is not a way of attending."), "\(result.stderr)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("out/participation.csv")) == before)
    }

    /// Spec section 11: a row naming no known session is not an error; it is listed with its reason.
    @Test func aSignInRowForAnUnknownGroupIsListedNotRefused() throws {
        let folder = try PrivacyTests.copyOfDemo()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "date,group,parent,mode\n2026-09-08,no-such-group,P0001,in_person\n"
            .write(to: folder.appendingPathComponent("data/attendance/extra.csv"), atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: folder.appendingPathComponent("out/participation.csv"))
        let result = try CLI.run(["participation", "--program", folder.path, "--now", Self.asOf])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("out/participation.csv")) == before, "the row counts for nobody")
        let unmatched = try String(contentsOf: folder.appendingPathComponent("out/attendance-unmatched.csv"), encoding: .utf8)
        #expect(unmatched.contains("data/attendance/extra.csv,2,P0001"), "\(unmatched)")
        #expect(unmatched.contains("there is no group \"\"no-such-group\"\" in the latest match"), "\(unmatched)")
    }
}
