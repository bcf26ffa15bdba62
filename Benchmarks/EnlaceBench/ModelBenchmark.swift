import ArgumentParser
import EnlaceCore
import EnlacePlugins
import EnlaceSolver
import EnlaceTestSupport
import EnlaceWorkflows
import Foundation

extension EnlaceBench {
    /// `enlace-bench model`: the cost of the plugin API. Builds the matcher's tables for a program
    /// through the built-in plugins and through the same rules written directly
    /// (`DirectReference`), alternately, checks they are equal, and prints the median seconds of
    /// each as JSON. Used by Benchmarks/plugin-overhead.sh.
    struct ModelBenchmark: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "model",
                                                        abstract: "Time the plugin-built model against the rules written directly.")

        @OptionGroup var options: BenchProgram

        @Option(help: "Rounds of each way.")
        var rounds = 3

        func run() throws {
            let loaded: LoadedProgram
            do { loaded = try CheckedProgram.load(options.workspace) } catch { throw ValidationError(error.message) }
            let program = loaded.program
            let catalog: PluginCatalog
            do { catalog = try PluginCatalog(plugins: PluginCatalog.compiledIn()) } catch { throw ValidationError(error.description) }
            var plugin: [Double] = [], direct: [Double] = []
            var pairs = 0
            for _ in 0..<rounds {
                var start = DispatchTime.now().uptimeNanoseconds
                let model = try MatchModel(program: program, rules: try RuleSet.prepare(catalog, program: program))
                plugin.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                let viaPlugins = model.tables
                pairs = viaPlugins.fits.reduce(0) { $0 + $1.count }
                start = DispatchTime.now().uptimeNanoseconds
                let reference = DirectReference.tables(program: program)
                direct.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                guard reference == viaPlugins else { throw ValidationError("the plugin-built model differs from the direct rules") }
            }
            func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
            let overhead = (median(plugin) - median(direct)) / median(direct)
            print("{\"parents\":\(program.parents.count),\"mentors\":\(program.mentors.count),\"pairs\":\(pairs),"
                  + "\"plugin_seconds\":\(String(format: "%.3f", median(plugin))),\"direct_seconds\":\(String(format: "%.3f", median(direct))),"
                  + "\"overhead\":\(String(format: "%.4f", overhead))}")
        }
    }
}
