import EnlaceGolden
import EnlaceCore
import EnlaceDemo
import EnlaceMarkup
import EnlaceTestSupport
import Foundation
import Testing
@testable import EnlaceReportPage
@testable import EnlaceWorkflows

/// `enlace report` on a small generated district, matched before the term and again in
/// December (so sessions have been held), reported on December 10.
@Suite(.serialized) struct ReportWorkflowTests {
    static let before = ISO8601DateFormatter().date(from: "2026-08-10T09:00:00-07:00")!
    static let december = ISO8601DateFormatter().date(from: "2026-12-01T08:00:00-08:00")!
    static let reportMoment = ISO8601DateFormatter().date(from: "2026-12-10T12:00:00-08:00")!

    /// A district of 4 sites, 12 mentors and 90 families, matched twice.
    static func district() throws -> ProgramWorkspace {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-report-\(UUID().uuidString)")
        for file in SampleDistrict.files(seed: 2026, sites: 4, mentors: 12, parents: 90) {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        let workspace = ProgramWorkspace(folder: folder, childExecutable: Subprocess.packageExecutable("enlace").path)
        _ = try MatchWorkflow.run(workspace, now: before, effort: .standard, log: .silent)
        _ = try MatchWorkflow.run(workspace, now: december, effort: .standard, log: .silent)
        return workspace
    }

    @Test func goldenReportsInEnglishAndSpanish() throws {
        let workspace = try Self.district()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let english = try ReportWorkflow.run(workspace, now: Self.reportMoment)
        #expect(english.language == .en)
        let englishPage = try String(contentsOf: english.file, encoding: .utf8)
        try Golden.check(englishPage, named: "district-en.html")
        // report_language is read from the program as last imported.
        let settings = workspace.folder.appendingPathComponent("enlace.toml")
        try (try String(contentsOf: settings, encoding: .utf8) + "\nreport_language = \"es\"\n").write(to: settings, atomically: true, encoding: .utf8)
        _ = try ImportWorkflow.run(workspace, now: Self.reportMoment, log: .silent)
        let spanish = try ReportWorkflow.run(workspace, now: Self.reportMoment)
        #expect(spanish.language == .es)
        try Golden.check(try String(contentsOf: spanish.file, encoding: .utf8), named: "district-es.html")
    }

    /// The waiting families' causes stored with the run are the ones `explain` gives when the
    /// run's model is rebuilt: the report reads them instead of rebuilding the model.
    @Test func storedCausesAreExplainsCauses() throws {
        let workspace = try Self.district()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let run = try workspace.latestRun(try workspace.existingStore())
        #expect(!run.schedule.unmatched.isEmpty)
        let stored = try #require(ReportWorkflow.storedReasons(run.schedule))
        #expect(stored == ReportWorkflow.explainedReasons(try ExplainWorkflow.load(workspace)))
        var older = run.schedule
        older.unmatched[0].cause = nil
        #expect(ReportWorkflow.storedReasons(older) == nil)
    }

    /// The same data and moment give the same bytes; the file is replaced whole, readable by all
    /// (it holds counts and ids only).
    @Test func sameInputsSameBytes() throws {
        let workspace = try Self.district()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let first = try ReportWorkflow.run(workspace, now: Self.reportMoment)
        let bytes = try Data(contentsOf: first.file)
        let second = try ReportWorkflow.run(workspace, now: Self.reportMoment)
        #expect(try Data(contentsOf: second.file) == bytes)
        #expect(bytes.count == first.bytes)
        let mode = try FileManager.default.attributesOfItem(atPath: first.file.path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.outFolder.path).filter { $0.hasPrefix(".enlace-tmp") }
        #expect(leftovers.isEmpty)
    }

    /// The charts' numbers are those of out/assignments.csv (with each family's language and
    /// school from data/parents.csv), and every waiting family is listed once, by id.
    @Test func chartsAgreeWithTheCSVFiles() throws {
        let workspace = try Self.district()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let page = try String(contentsOf: try ReportWorkflow.run(workspace, now: Self.reportMoment).file, encoding: .utf8)
        let families = try DistrictFiles(workspace.folder)
        let charts = Dictionary(try ReportPageTests.charts(page).map { ($0.title, $0.desc) }, uniquingKeysWith: { a, _ in a })
        let sites = families.sites
        var bySite: [String: (matched: Int, waiting: Int)] = [:], byLanguage: [String: (matched: Int, waiting: Int)] = [:]
        for row in families.assignments {
            let parent = try #require(families.parents[row.parent])
            let matched = !row.mentor.isEmpty
            bySite[sites[parent.site]!, default: (0, 0)].matched += matched ? 1 : 0
            bySite[sites[parent.site]!, default: (0, 0)].waiting += matched ? 0 : 1
            byLanguage[parent.language, default: (0, 0)].matched += matched ? 1 : 0
            byLanguage[parent.language, default: (0, 0)].waiting += matched ? 0 : 1
        }
        let siteRows = try Self.rows(try #require(charts["Families by school"]))
        #expect(Dictionary(uniqueKeysWithValues: siteRows.map { ($0.label, [$0.values[0], $0.values[1]]) })
                == bySite.mapValues { [$0.matched, $0.waiting] })
        let languageRows = try Self.rows(try #require(charts["Families by preferred language"]))
        let names = EnglishWords()
        #expect(Dictionary(uniqueKeysWithValues: languageRows.map { ($0.label, [$0.values[0], $0.values[1]]) })
                == Dictionary(uniqueKeysWithValues: byLanguage.map { (names.languageLabel($0.key), [$0.value.matched, $0.value.waiting]) }))
        let waiting = families.assignments.filter { $0.mentor.isEmpty }.map(\.parent)
        #expect(!waiting.isEmpty)
        let listed = page.components(separatedBy: "<p class=\"ids\">Families: ").dropFirst().flatMap {
            $0.prefix { $0 != "<" }.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(listed.sorted() == waiting.sorted())
        let sessions = families.sessionCount
        let weekly = try #require(charts["Group sessions per week"])
        let perWeek = try Self.rows(String(weekly.prefix { $0 != "." })).map { $0.values[0] + $0.values[1] }
        #expect(perWeek.reduce(0, +) == sessions, "every session of schedule.json is in a week of the term")
    }

    /// The report names no one: no family's or mentor's name, email or phone number appears.
    @Test func noContactDetailsOrNames() throws {
        let workspace = try Self.district()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let page = try String(contentsOf: try ReportWorkflow.run(workspace, now: Self.reportMoment).file, encoding: .utf8)
        for file in ["data/parents.csv", "data/mentors.csv"] {
            let table = try CSVTableForTests(workspace.folder.appendingPathComponent(file))
            for row in table.rows {
                for column in ["name", "email", "phone"] {
                    let value = row[column] ?? ""
                    guard value.count >= 5 else { continue }
                    #expect(!page.contains(value) && !page.contains(escapedForXML(value)), "\(file): \(column) \(value) is in the report")
                }
            }
        }
    }

    /// Each group's need is the cause `enlace explain parent` gives each of its families.
    @Test func needsAreExplainsCauses() throws {
        let workspace = try Self.district()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let figures = try ReportWorkflow.run(workspace, now: Self.reportMoment).figures
        #expect(figures.waiting.reduce(0) { $0 + $1.parents.count } == figures.headline.waiting)
        for group in figures.waiting {
            for parent in group.parents {
                let lines = try ExplainWorkflow.parent(parent.rawValue, in: workspace)
                let reason = try #require(lines.first { $0.hasPrefix("Not matched: ") })
                switch group.need {
                case .speaker(0): #expect(reason.contains("no mentor speaks"), "\(parent): \(reason)")
                case .speaker: #expect(reason.contains("no group to offer"), "\(parent): \(reason)")
                case .meetingMode: #expect(reason.contains("none meets"), "\(parent): \(reason)")
                case .site: #expect(reason.contains("meet in person, none at") || reason.contains("meets in person, none at"), "\(parent): \(reason)")
                case .time: #expect(reason.contains("when you are") || reason.contains("no weekly times") || reason.contains("gave no times"),
                                    "\(parent): \(reason)")
                case .seats: #expect(reason.contains("full") || reason.contains("no candidate group"), "\(parent): \(reason)")
                case .rule, .notImported: Issue.record("\(parent): unexpected need \(group.need) for \(reason)")
                }
            }
        }
    }

    @Test func commandPrintsOneLineAndRefusesAFolderWithoutAMatch() throws {
        let workspace = try Self.district()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let result = try Subprocess.run(Subprocess.packageExecutable("enlace"), ["report", "--program", workspace.folder.path, "--now", "2026-12-10T12:00:00-08:00"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stdout.hasPrefix("Wrote \(workspace.outFolder.appendingPathComponent("report.html").path) (en, "))
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-report-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let refused = try Subprocess.run(Subprocess.packageExecutable("enlace"), ["report", "--program", empty.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("has not been imported"))
        #expect(!FileManager.default.fileExists(atPath: empty.appendingPathComponent("out/report.html").path))
    }

    /// The demo (attendance of its held sessions, `enlace participation` run as of December 1):
    /// the participation section's figures are those of out/participation.csv and
    /// out/follow-up.csv, and its chart states them month by month.
    @Test func participationAgreesWithItsCSVFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-report-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = try Subprocess.run(Subprocess.packageExecutable("enlace"), ["demo", folder.path])
        #expect(demo.status == 0, "\(demo.stderr)")
        let workspace = ProgramWorkspace(folder: folder, childExecutable: Subprocess.packageExecutable("enlace").path)
        let result = try ReportWorkflow.run(workspace, now: SampleDistrict.asOf)
        let participation = try #require(result.figures.participation, "the demo has attendance")
        let rows = try CSVTableForTests(workspace.outFolder.appendingPathComponent("participation.csv")).rows
        func sum(_ column: String) -> Int { rows.reduce(0) { $0 + Int($1[column]!)! } }
        let months = participation.months
        #expect(participation.held == sum("held") && participation.attended == sum("attended"))
        #expect(months.reduce(0) { $0 + $1.inPerson } == sum("in_person"))
        #expect(months.reduce(0) { $0 + $1.online } == sum("virtual"))
        #expect(months.reduce(0) { $0 + $1.recording } == sum("recording"))
        #expect(participation.attended > 0 && participation.attended < participation.held)
        let followUp = try CSVTableForTests(workspace.outFolder.appendingPathComponent("follow-up.csv")).rows
        #expect(participation.followUp == followUp.count)
        let page = try String(contentsOf: result.file, encoding: .utf8)
        let chart = try #require(try ReportPageTests.charts(page).first { $0.title.hasPrefix("Sessions attended") })
        #expect(try Self.rows(chart.desc).map(\.values) == months.map { [$0.inPerson, $0.online, $0.recording] })
        #expect(!page.contains("class=\"no-data\">No data yet. Once sign-in sheets"))
    }

    /// The curriculum's table and chart state out/topic-demand.csv's numbers, row for row.
    @Test func curriculumAgreesWithTopicDemand() throws {
        let workspace = try Self.district()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let result = try ReportWorkflow.run(workspace, now: Self.reportMoment)
        let curriculum = try #require(result.figures.curriculum, "the generated district has data/topics.csv")
        let demand = try CSVTableForTests(workspace.outFolder.appendingPathComponent("topic-demand.csv")).rows
        #expect(!demand.isEmpty)
        #expect(curriculum.topics.map { [$0.id, "\($0.asked)", "\($0.askedFirst)", "\($0.membersCovered)", "\($0.groupsTeaching)"] }
                == demand.map { [$0["topic_id"]!, $0["asked"]!, $0["asked_first"]!, $0["members_covered"]!, $0["groups_teaching"]!] })
        let page = try String(contentsOf: result.file, encoding: .utf8)
        let chart = try #require(try ReportPageTests.charts(page).first { $0.title.hasPrefix("Families who asked") })
        let bars = try Self.rows(chart.desc)
        #expect(bars.map(\.values) == curriculum.topics.prefix(bars.count).map { [$0.membersCovered, $0.asked - $0.membersCovered] })
        #expect(page.contains("<td>\(curriculum.topics[0].title)</td>"))
    }

    /// `--json` prints one object whose figures are the page's, and writes the same page.
    @Test func jsonSummary() throws {
        let workspace = try Self.district()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let expected = try ReportWorkflow.run(workspace, now: Self.reportMoment)
        let page = try Data(contentsOf: expected.file)
        let result = try Subprocess.run(Subprocess.packageExecutable("enlace"),
                                        ["report", "--program", workspace.folder.path, "--now", "2026-12-10T12:00:00-08:00", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let headline = expected.figures.headline
        #expect(json["report"] as? String == expected.file.path)
        #expect(json["language"] as? String == "en")
        #expect(json["bytes"] as? Int == page.count)
        #expect(json["families"] as? Int == headline.families && json["matched"] as? Int == headline.matched)
        #expect(json["waiting"] as? Int == headline.waiting && json["groups"] as? Int == headline.groups)
        #expect(json["waiting_groups"] as? Int == expected.figures.waiting.count)
        #expect(json["curriculum"] as? Bool == true && json["participation"] as? Bool == false)
        #expect(try Data(contentsOf: expected.file) == page, "the same data and --now give the same bytes from the command")
    }

    /// The rows of a stacked chart's description: "Label — A: 1, B: 2, Total: 3; …".
    static func rows(_ desc: String) throws -> [(label: String, values: [Int])] {
        try desc.trimmingCharacters(in: CharacterSet(charactersIn: ".")).components(separatedBy: "; ").map { row in
            let parts = row.components(separatedBy: " — ")
            let values = try parts[1].components(separatedBy: ", ").dropLast().map { part in
                try #require(Int(part.components(separatedBy: ": ")[1].replacingOccurrences(of: ",", with: "")))
            }
            return (parts[0], values)
        }
    }
}
