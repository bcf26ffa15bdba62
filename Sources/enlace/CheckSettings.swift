import ArgumentParser
import EnlaceProgram
import Foundation

extension Enlace {
    /// `enlace _check-settings` (hidden): the child side of `SettingsIsolation`. Parses the
    /// `enlace.toml` text on stdin and answers `ok` on stdout if the TOML parser survived it
    /// (valid or not); a toml++ abort ends this process instead, and the parent reports it.
    struct CheckSettings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: SettingsIsolation.subcommand,
            abstract: "Parse enlace.toml from stdin for a parent enlace process (internal).",
            shouldDisplay: false)

        @Option var file = "enlace.toml"

        func run() throws {
            let bytes = FileHandle.standardInput.readDataToEndOfFile()
            // The parent sends text it has already checked to be UTF-8.
            guard let text = String(data: bytes, encoding: .utf8) else { throw ValidationError("not UTF-8") }
            // Test hook, honoured only here: skip TOMLGuard so a known abort shape reaches toml++.
            let unguarded = ProcessInfo.processInfo.environment[SettingsIsolation.unguardedHook] == "1"
            FileHandle.standardOutput.write(Data(SettingsIsolation.answer(text, file: file, unguarded: unguarded)))
        }
    }
}
