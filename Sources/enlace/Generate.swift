import ArgumentParser
import EnlaceDemo
import EnlaceProgram
import Foundation

extension Enlace {
    /// `enlace generate DIR`: a sample district of any size, for benchmarks.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a generated district of a chosen size (for benchmarks); nothing is imported.",
            discussion: "Same generator as `enlace demo`: seeded, so the same options give the same files.")

        @Argument(help: "The folder to write to (must not hold another program).", completion: .directory)
        var directory: String

        @Option(help: "Number of school sites.")
        var sites = 5

        @Option(help: "Number of mentors.")
        var mentors = 25

        @Option(help: "Number of parents.")
        var parents = 250

        @Option(help: "The generator's seed.")
        var seed: UInt64 = 2026

        func validate() throws {
            guard sites >= 1, mentors >= 1, parents >= 0 else {
                throw ValidationError("--sites and --mentors must be at least 1, --parents at least 0.")
            }
            // A generated district must import, and its size is checked before anything is
            // allocated (100,000,000 parents asked for 17 GB and aborted).
            for (option, value, limit, file) in [("--sites", sites, InputLimits.sites, "sites"), ("--mentors", mentors, InputLimits.mentors, "mentors"),
                                                 ("--parents", parents, InputLimits.parents, "parents")] where value > limit {
                throw ValidationError("\(option) \(value) is more than a program holds: Enlace reads at most \(limit) rows from data/\(file).csv. Choose at most \(limit).")
            }
        }

        func run() throws {
            let folder = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("enlace.toml").path) {
                throw failWithInputError("\(folder.path) already holds a program. Choose an empty folder.")
            }
            do {
                try writeProgramFiles(SampleDistrict.files(seed: seed, sites: sites, mentors: mentors, parents: parents), into: folder)
            } catch {
                throw failWithInputError(FileProblem.message(for: error, path: folder.path, writing: true).description)
            }
            print("Wrote a district of \(sites) sites, \(mentors) mentors and \(parents) parents to \(folder.path)")
        }
    }
}
