import ArgumentParser
import EnlaceWorkflows
import EnlaceSolver
import Foundation

/// `enlace-bench`: the benchmark commands Benchmarks/*.sh run, kept out of the `enlace` product.
@main
struct EnlaceBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enlace-bench",
        abstract: "Benchmarks of Enlace's matcher, curriculum planning and participation (see Benchmarks/README.md).",
        subcommands: [SolveBenchmark.self, ModelBenchmark.self, AttendanceBenchmark.self, CurriculumBenchmark.self])
}

/// The program folder every benchmark reads.
struct BenchProgram: ParsableArguments {
    @Option(name: .long, help: "The program folder.", completion: .directory)
    var program: String = "."

    var folder: URL { URL(fileURLWithPath: program, isDirectory: true).standardizedFileURL }

    /// The folder as a workspace whose untrusted files are read by the `enlace` built beside
    /// `enlace-bench` (which answers the hidden child commands).
    var workspace: ProgramWorkspace {
        let enlace = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("enlace")
        return ProgramWorkspace(folder: folder, childExecutable: enlace.path)
    }
}

/// Writes a line to stderr (stdout carries the JSON result).
func printToStderr(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

extension SolverOptions.Effort: ExpressibleByArgument {}
extension SolverOptions.DualMethod: ExpressibleByArgument {}
