import Dispatch
import Foundation

/// Runs programs for tests — the package's own executables (`enlace`, `enlace-bench`) and tools on
/// the PATH — and waits for them: the one place tests start a process and collect what it wrote.
public enum Subprocess {
    /// How a process ended and everything it wrote.
    public struct Result: Sendable {
        /// The exit status (or the signal that ended it).
        public let status: Int32
        /// What it wrote to standard output, as bytes.
        public let output: Data
        /// What it wrote to standard error, as bytes.
        public let errorOutput: Data

        /// Standard output as UTF-8 text (invalid bytes replaced).
        public var stdout: String { String(decoding: output, as: UTF8.self) }
        /// Standard error as UTF-8 text (invalid bytes replaced).
        public var stderr: String { String(decoding: errorOutput, as: UTF8.self) }
    }

    /// The package's executable `name` (`enlace`, `enlace-bench`), which SwiftPM builds next to
    /// the test bundle.
    public static func packageExecutable(_ name: String) -> URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Runs `executable` with `arguments`, with `environment` added to this process's, and waits
    /// for it. Standard output and standard error are read at the same time, so that a process
    /// writing much to one never blocks on the other.
    ///
    /// - Throws: when the executable cannot be started.
    @discardableResult
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errorOutput = Collected()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) { errorOutput.data = err.fileHandleForReading.readDataToEndOfFile() }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        reading.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: output, errorOutput: errorOutput.data)
    }

    /// Runs `tool` (found on the PATH by `/usr/bin/env`) with `arguments`, and waits for it.
    @discardableResult
    public static func run(tool: String, _ arguments: [String]) throws -> Result {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments)
    }

    /// Starts `executable` with `arguments`, its standard output on a pipe the caller reads
    /// (`process.standardOutput`), and returns without waiting: for processes a test talks to
    /// while they run.
    public static func start(_ executable: URL, _ arguments: [String]) throws -> (process: Process, output: FileHandle) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        return (process, out.fileHandleForReading)
    }
}

/// Bytes one reading thread writes and the waiting thread reads after `DispatchGroup.wait`, which
/// orders the two: that is why it may be shared.
private final class Collected: @unchecked Sendable {
    var data = Data()
}
