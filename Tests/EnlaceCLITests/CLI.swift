import Foundation

/// Runs the built `enlace` executable, which SwiftPM places next to the test bundle.
struct CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let executable: URL = {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("enlace")
    }()

    /// The benchmark commands (Benchmarks/EnlaceBench), built next to `enlace`.
    static let bench = executable.deletingLastPathComponent().appendingPathComponent("enlace-bench")

    /// Runs `enlace ARGUMENTS` (or another of the package's executables) with `environment` added
    /// to this process's, and waits for it.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], executable: URL = executable) throws -> Result {
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
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A fresh temporary folder path (not created).
    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("enlace-cli-\(UUID().uuidString)")
    }
}
