import ArgumentParser
import EnlaceCore
import EnlaceDemo
import EnlaceFeeds
import EnlaceWorkflows
import Foundation

extension Enlace {
    /// `enlace demo [DIR]`: the sample district, generated and run through every stage.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in sample district to a folder and run every stage on it.",
            discussion: """
                The sample district is generated from a fixed seed: the same files every time. Its \
                2026-27 term is shown in progress: matched and published before the term began \
                (\(SampleDistrict.launch)), then matched and published again on \(SampleDistrict.asOf), \
                so the schedule has held sessions and the feeds a history. Between the two, the mentors' \
                sign-in sheets and the video meetings' participant reports of the held sessions go into \
                data/attendance/ and a few recording links into data/recordings.csv, and the demo ends \
                with `enlace participation`. The same inputs give the same outputs, whatever the date.
                """)

        @Argument(help: "The folder to write the sample district to.", completion: .directory)
        var directory = "enlace-demo"

        @Option(help: "The generator's seed (another seed, another district).")
        var seed: UInt64 = 2026

        func run() throws {
            let folder = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
            let files = SampleDistrict.files(seed: seed)
            try refuseForeignProgram(in: folder, files: files)
            try writeProgramFiles(files, into: folder)
            print("Sample district written to \(folder.path)")
            let workspace = ProgramWorkspace(folder: folder)
            // The same workflows as `enlace import`, `match` and `feeds`, so the demo shows exactly
            // what a coordinator's runs do: once before the term, once in the middle of it.
            let outcome = try runWorkflow { () throws(WorkflowError) in try ImportWorkflow.run(workspace, now: SampleDistrict.launch, log: .cli) }
            print("Imported \(outcome.imported)")
            print("Database: \(outcome.checked.workspace.databasePath)")
            let match = try Enlace.Match.parse(["--program", folder.path])
            var publication: FeedPublication?
            var launched: Schedule?
            for moment in [SampleDistrict.launch, SampleDistrict.asOf] {
                if let launched {
                    let files = SampleDistrict.attendance(schedule: launched, asOf: moment, program: outcome.checked.loaded, seed: seed)
                    try writeProgramFiles(files, into: folder)
                    print("Wrote \(files.count - 1) attendance files (data/attendance/) and data/recordings.csv for the sessions held before \(ISO8601DateFormatter().string(from: moment))")
                }
                print("As of \(ISO8601DateFormatter().string(from: moment)):")
                let result = try runWorkflow { () throws(WorkflowError) in
                    try MatchWorkflow.run(workspace, now: moment, effort: .standard, log: .cli)
                }
                try match.report(result)
                launched = launched ?? result.schedule
                publication = try runWorkflow { () throws(WorkflowError) in
                    try PublishWorkflow.run(workspace, now: moment, check: false, log: .cli)
                }
                print(publication!.summary)
            }
            let participation = try runWorkflow { () throws(WorkflowError) in
                try ParticipationWorkflow.run(workspace, now: SampleDistrict.asOf, log: .cli)
            }
            print(Enlace.Participation.text(participation.summary))
            if let example = publication?.example {
                // The one place a subscribe link is printed: the demo's families are made up.
                print("Subscribe link of family \(example.owner.id) (sample data): \(FeedsCSV.webcal(outcome.checked.loaded.program.settings.feedBaseURL + example.fileName))")
            }
        }

        /// Demo output may overwrite an earlier demo, never a coordinator's own program.
        private func refuseForeignProgram(in folder: URL, files: [ProgramFile]) throws {
            let settings = folder.appendingPathComponent("enlace.toml")
            guard let existing = FileManager.default.contents(atPath: settings.path) else { return }
            let demoSettings = files.first { $0.path == "enlace.toml" }?.contents
            if String(decoding: existing, as: UTF8.self) != demoSettings {
                throw failWithInputError("\(folder.path) already holds another program. Choose an empty folder for the demo.")
            }
            // An earlier demo: start its timeline again rather than continue it.
            for name in ["enlace.sqlite", "enlace.sqlite-wal", "enlace.sqlite-shm", "out", "calendars/feeds", "data/attendance",
                         "data/recordings.csv"] {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}
