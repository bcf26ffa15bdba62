import EnlaceTestSupport
import Foundation

/// Runs the package's executables as a coordinator would (`Subprocess`, EnlaceTestSupport).
enum CLI {
    /// The built `enlace`, which SwiftPM places next to the test bundle.
    static let executable = Subprocess.packageExecutable("enlace")

    /// The benchmark commands (Benchmarks/EnlaceBench), built next to `enlace`.
    static let bench = Subprocess.packageExecutable("enlace-bench")

    /// Runs `enlace ARGUMENTS` (or another of the package's executables) with `environment` added
    /// to this process's, and waits for it.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:], executable: URL = executable) throws -> Subprocess.Result {
        try Subprocess.run(executable, arguments, environment: environment)
    }

    /// A fresh temporary folder path (not created).
    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("enlace-cli-\(UUID().uuidString)")
    }
}
