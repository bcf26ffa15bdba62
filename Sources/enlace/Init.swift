import ArgumentParser
import EnlaceDemo
import EnlaceIO
import Foundation

extension Enlace {
    /// `enlace init DIR`: a new program folder with commented templates.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a program folder with commented templates to fill in.")

        @Argument(help: "The folder to create.", completion: .directory)
        var directory: String

        @Option(help: "The program's name, written into enlace.toml.")
        var name = "Parent Mentor Program"

        func run() throws {
            let folder = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("enlace.toml").path) {
                throw failWithInputError("\(folder.path) already holds a program (enlace.toml exists). Choose a new folder, or edit that one.")
            }
            try writeProgramFiles(ProgramTemplate.files(programName: name), into: folder)
            print("Created \(folder.path)")
            print("Next: fill in data/*.csv and enlace.toml, then run: enlace import --program \(directory)")
        }
    }
}

/// Writes generated program files, each atomically.
func writeProgramFiles(_ files: [ProgramFile], into folder: URL) throws {
    for file in files {
        try AtomicFile.write(file.contents, to: folder.appendingPathComponent(file.path))
    }
}
