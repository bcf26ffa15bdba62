import EnlaceCalendar
import EnlaceCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the TOML parser on `enlace.toml` in a child process before the caller parses it itself.
///
/// TOMLKit 0.6.0 bundles toml++ 3.x, which aborts the process on some malformed inputs instead of
/// reporting them. `TOMLGuard` refuses the shapes known so far, but fuzzing kept finding new ones,
/// so a list of shapes is no proof. In child-process mode `ProgramLoader` therefore first has
/// `enlace _check-settings --file=enlace.toml` (hidden) run the whole of `SettingsReader.parse` on
/// the text, given on stdin, under `ChildLimits.standard`. The child answers `ok` whether the
/// settings are valid or not: its only question is whether the parser survives the text. Only
/// then does the caller parse the same text (the parser is deterministic), so a valid file gives
/// the same settings, and a refused one the same `InputError`, as in-process mode. A child that
/// crashes, hits a limit or answers anything else becomes an `InputError` naming the file, and
/// nothing is read from it.
///
/// Cost: one fork + exec per command that reads settings (see docs/RELIABILITY.md for figures).
public enum SettingsIsolation {
    /// The hidden subcommand that runs `SettingsReader.parse` on stdin.
    public static let subcommand = "_check-settings"
    /// What a child that survived parsing writes on stdout.
    static let survived: [UInt8] = Array("ok\n".utf8)
    /// Test hook, honoured only by the child: parse without `TOMLGuard`, so that a shape the guard
    /// refuses reaches toml++ and crashes the child for real.
    public static let unguardedHook = "ENLACE_TEST_UNGUARDED_SETTINGS"
    /// At most this many extra children look for the line a crash happens on (a prefix of 2^12
    /// lines; a settings file has a few dozen).
    static let maximumProbes = 12

    /// The child's side: parses `text` as `enlace.toml` and returns the answer to write on stdout.
    /// Returns at all only when the parser survived; a refusal is not this process's business.
    public static func answer(_ text: String, file: String, unguarded: Bool) -> [UInt8] {
        _ = try? SettingsReader.parse(text, file: file, guarded: !unguarded)
        return survived
    }

    /// The parent's side: runs `text` through a child started from `reader.executable` (with
    /// `reader.environment`); returns when the parser survived it.
    ///
    /// - Throws: `InputError` naming `file` (and, for a crash, the first line whose addition makes
    ///   the parser crash) when the child crashed, hit a limit, could not start or answered
    ///   nonsense.
    static func check(_ text: String, file: String, reader: IsolatedCalendarReader) throws(InputError) {
        let limits = ChildLimits.standard
        let outcome = try run(text, file: file, reader: reader, limits: limits)
        let fix = "correct that part of \(file) (compare it with the template that enlace init DIR writes); the TOML library stops on some malformed values, such as a date followed by something that is not a time, instead of reporting them. If the file looks right, report it with the file attached."
        switch outcome.ending {
        case .exited(0) where outcome.stdout == survived:
            return
        case .timedOut:
            throw InputError(file: file, problem: "the settings file could not be read safely: reading it did not finish within \(ChildProcess.seconds(limits.wallSeconds)) s and was stopped; nothing was read from it.", fix: fix)
        case .signalled(SIGXCPU), .signalled(SIGKILL):
            throw InputError(file: file, problem: "the settings file could not be read safely: reading it used more than \(limits.cpuSeconds) s of CPU time or too much memory and was stopped; nothing was read from it.", fix: fix)
        case .signalled(let number):
            let line = crashLine(text, file: file, reader: reader, limits: limits)
            let signal = "signal \(number)\(ChildProcess.signalName(number).map { ", \($0)" } ?? "")"
            throw InputError(file: file, line: line,
                             problem: "the settings file could not be read safely: the TOML parser crashed on it (\(signal))\(line.map { " at line \($0)" } ?? ""); nothing was read from it.",
                             fix: line.map { "check line \($0): " + fix } ?? fix)
        case .exited(127) where outcome.stdout.isEmpty:
            throw InputError(file: file, problem: "the settings reader could not be started (\(reader.executable)).",
                             fix: "check that enlace is installed completely.")
        case .exited(0):
            throw InputError(file: file, problem: "the settings file could not be read safely: the settings reader gave an answer that cannot be understood; nothing was read from it.", fix: fix)
        case .exited(let status):
            throw InputError(file: file, problem: "the settings file could not be read safely: the settings reader stopped with exit status \(status) (it may have run out of memory); nothing was read from it.", fix: fix)
        }
    }

    private static func run(_ text: String, file: String, reader: IsolatedCalendarReader,
                            limits: ChildLimits) throws(InputError) -> ChildOutcome {
        do {
            return try ChildProcess.run(executable: reader.executable, arguments: [subcommand, "--file=\(file)"],
                                        environment: reader.childEnvironment, input: Array(text.utf8), limits: limits)
        } catch {
            throw InputError(file: file, problem: "the settings reader could not be started (\(reader.executable): \(error.localizedDescription)).",
                             fix: "check that enlace is installed completely and that the system allows it to start processes.")
        }
    }

    /// The line whose addition makes the parser crash: the shortest crashing prefix of whole lines,
    /// by bisection (`maximumProbes` children at most, each as quick as a crash). Nil when a probe
    /// does not crash or survive cleanly (a timeout), or the file has too many lines.
    private static func crashLine(_ text: String, file: String, reader: IsolatedCalendarReader, limits: ChildLimits) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // A prefix of `good` lines survives; one of `bad` lines (the whole file) crashes.
        var good = 0, bad = lines.count
        var probes = 0
        while bad - good > 1 {
            guard probes < maximumProbes else { return nil }
            probes += 1
            let middle = (good + bad) / 2
            let prefix = lines[..<middle].joined(separator: "\n") + "\n"
            guard let outcome = try? run(prefix, file: file, reader: reader, limits: limits) else { return nil }
            switch outcome.ending {
            case .exited(0) where outcome.stdout == survived: good = middle
            case .signalled(let number) where number != SIGXCPU && number != SIGKILL: bad = middle
            default: return nil
            }
        }
        return bad
    }
}
