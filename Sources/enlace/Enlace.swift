import ArgumentParser
import Foundation

/// The `enlace` command: schedules a parent mentor program from its program folder.
@main
struct Enlace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enlace",
        abstract: "Schedule a school district's parent mentor program: match mentors with families, publish calendar feeds.",
        discussion: "A program is a folder (see `enlace init`). Exit codes: 0 done, 1 bad input, 2 usage error.",
        version: "0.1.0",
        subcommands: [Init.self, Demo.self, Import.self, Match.self, Feeds.self, Serve.self, CheckCalendar.self, Generate.self, Explain.self, Plugins.self, ModelBenchmark.self, SolveBenchmark.self, ReadCalendar.self, ReadCalendars.self, CheckSettings.self, Forget.self, Export.self, Purge.self]
    )

    /// Runs the command, mapping ArgumentParser's usage errors (EX_USAGE, 64) to the exit code 2
    /// that the program contract gives them.
    static func main() {
        do {
            var command = try parseChild() ?? parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code.rawValue == 64 {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    /// The hidden commands `enlace` runs as its own children (`_read-calendars` for batches of
    /// district calendars, `_read-calendar` for one, `_check-settings`), parsed as roots of their own: building the whole command tree
    /// first is a third of each child's start-up, and a 120-site program starts 121 of them.
    private static func parseChild() throws -> (any ParsableCommand)? {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let children: [any ParsableCommand.Type] = [ReadCalendar.self, ReadCalendars.self, CheckSettings.self]
        guard let name = arguments.first, let child = children.first(where: { $0.configuration.commandName == name }) else {
            return nil
        }
        return try child.parseAsRoot(Array(arguments.dropFirst()))
    }
}

/// Options every command that works on a program folder shares.
struct ProgramOptions: ParsableArguments {
    @Option(name: .long, help: "The program folder.", completion: .directory)
    var program: String = "."

    /// The program folder as an absolute URL.
    var folder: URL { URL(fileURLWithPath: program, isDirectory: true).standardizedFileURL }
}

/// Prints a coordinator-facing error on stderr and exits with the code for bad input.
func failWithInputError(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data(("enlace: " + message + "\n").utf8))
    return ExitCode(1)
}

/// Writes a line to stderr (progress and warnings never go to stdout, which scripts read).
func printToStderr(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
