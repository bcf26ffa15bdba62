import ArgumentParser
import EnlaceDemo
import EnlaceFeeds
import Foundation

extension Enlace {
    /// `enlace demo [DIR]`: the sample district, generated and run through every stage.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in sample district to a folder and run every stage on it.",
            discussion: "The sample district is generated from a fixed seed: the same files every time.")

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
            let outcome = try importProgram(from: folder)
            print("Imported \(outcome.imported)")
            print("Database: \(outcome.databasePath)")
            // The same code paths as `enlace match` and `enlace feeds`, so the demo shows exactly
            // what a coordinator's run does.
            let match = try Enlace.Match.parse(["--program", folder.path])
            try match.match(outcome.checked, started: Date()) {}
            let publication = try publishFeeds(folder: folder, now: Date(), check: false)
            print(publication.summary)
            if let example = publication.example {
                // The one place a subscribe link is printed: the demo's families are made up.
                print("Subscribe link of family \(example.owner.id) (sample data): \(FeedsCSV.webcal(outcome.loaded.program.settings.feedBaseURL + example.fileName))")
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
        }
    }
}
