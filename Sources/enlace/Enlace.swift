import ArgumentParser
import EnlaceWorkflows
import Foundation

/// The `enlace` command: schedules a parent mentor program from its program folder.
@main
struct Enlace: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enlace",
        abstract: "Schedule a school district's parent mentor program: match mentors with families, publish calendar feeds.",
        discussion: "A program is a folder (see `enlace init`). Exit codes: 0 done, 1 bad input, 2 usage error.",
        version: "0.1.0",
        subcommands: [Init.self, Demo.self, Import.self, Match.self, Feeds.self, Letters.self, Serve.self, CheckCalendar.self, Generate.self, Explain.self, Report.self, Plugins.self, ReadCalendar.self, ReadCalendars.self, CheckSettings.self, Forget.self, Export.self, Purge.self, Participation.self]
    )

    /// Runs the command, mapping ArgumentParser's usage errors (EX_USAGE, 64) to the exit code 2
    /// that the program contract gives them.
    static func main() {
        do {
            var command = try parseChild() ?? parseAsRoot()
            try command.run()
        } catch {
            if let problem = WorkflowError.fileProblem(error) {
                // A file Foundation could not write or read outside a workflow (demo, generate,
                // export): the folder and a fix, not NSError's text.
                FileHandle.standardError.write(Data(("enlace: " + problem.description + "\n").utf8))
                Foundation.exit(1)
            }
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

/// `--now`: the moment a command works as of (spec section 9). Read once, here: nothing below the
/// CLI reads a clock.
struct NowOption: ParsableArguments {
    @Option(name: .customLong("now"),
            help: ArgumentHelp("Work as if it were this moment (RFC 3339, e.g. 2026-12-10T12:00:00-08:00), for reproducible runs; default: the system clock.",
                               valueName: "time"))
    var now: String?

    /// The moment: `--now`, else the system clock.
    func date() throws -> Date {
        guard let now else { return Date() }
        guard let date = ISO8601DateFormatter().date(from: now) else {
            throw ValidationError("--now must be an RFC 3339 time with its offset, such as 2026-12-10T12:00:00-08:00 or 2026-12-10T20:00:00Z.")
        }
        return date
    }
}

/// Runs a workflow; its error becomes the message on stderr and the exit code (1 or 3).
func runWorkflow<T>(_ body: () throws(WorkflowError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        FileHandle.standardError.write(Data(("enlace: " + error.message + "\n").utf8))
        throw ExitCode(error.exitCode)
    }
}

/// Prints a coordinator-facing error on stderr and exits with the code for bad input.
func failWithInputError(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data(("enlace: " + message + "\n").utf8))
    return ExitCode(1)
}

extension WorkflowLog {
    /// Warnings on stderr, and a "working…" line for long steps when stderr is a terminal.
    static let cli = WorkflowLog(warn: { printToStderr("warning: " + $0) }, step: { label in
        let indicator = ProgressIndicator(label)
        return { indicator.finish() }
    })
}

/// Writes a line to stderr (progress and warnings never go to stdout, which scripts read).
func printToStderr(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
