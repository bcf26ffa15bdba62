import ArgumentParser
import EnlaceCore
import EnlacePlugins
import EnlaceProgram
import EnlaceStore
import Foundation

extension Enlace {
    /// `enlace import`: validates the program folder and loads it into the database.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate the program folder and load it into DIR/enlace.sqlite.",
            discussion: """
                Reads enlace.toml, data/*.csv, calendars/open-houses/*.ics and calendars/blackouts.ics. \
                A bad file is refused whole with a message naming the file, line and column, and the \
                database stays exactly as it was. Re-importing the same files changes nothing.
                """)

        @OptionGroup var options: ProgramOptions

        @Flag(help: "Print a JSON summary on stdout instead of text.")
        var json = false

        func run() throws {
            let summary = try importProgram(from: options.folder)
            if json {
                print(summary.json)
            } else {
                print("Imported \(summary.imported)")
                print("Database: \(summary.databasePath)")
            }
        }
    }
}

/// The outcome of `importProgram`.
struct ImportOutcome {
    let loaded: LoadedProgram
    let imported: ImportSummary
    let databasePath: String
    /// The plugins found and checked for this program (a match reuses them).
    let plugins: PluginCatalog

    var json: String {
        let counts: (ImportSummary.Counts) -> String = {
            "{\"total\":\($0.total),\"added\":\($0.added),\"updated\":\($0.updated),\"removed\":\($0.removed)}"
        }
        return "{\"sites\":\(counts(imported.sites)),\"mentors\":\(counts(imported.mentors)),"
            + "\"parents\":\(counts(imported.parents)),\"open_houses\":\(counts(imported.openHouses)),"
            + "\"blackouts\":\(counts(imported.blackouts)),\"warnings\":\(loaded.warnings.count)}"
    }
}

/// Loads and validates the folder, then stores it; warnings go to stderr.
///
/// Nothing is written unless the whole folder is valid: validation finishes before the database
/// is even opened, and the store writes in one transaction.
func importProgram(from folder: URL) throws -> ImportOutcome {
    let loaded: LoadedProgram
    do {
        loaded = try ProgramLoader(folder: folder).load()
    } catch {
        throw failWithInputError(error.description + "\nNothing was imported; the database is unchanged.")
    }
    // Plugin settings are part of the program: refuse unknown plugins and parameters before
    // anything is written.
    let plugins = try checkedPlugins(folder: folder, loaded: loaded)
    for warning in loaded.warnings { printToStderr("warning: \(warning)") }
    let path = folder.appendingPathComponent(Store.fileName).path
    do {
        let store = try Store(path: path)
        recoverInterruptedWrites(folder: folder, store: store)
        let summary = try store.importProgram(loaded, importedAt: ISO8601DateFormatter().string(from: Date()))
        return ImportOutcome(loaded: loaded, imported: summary, databasePath: path, plugins: plugins)
    } catch {
        throw failWithInputError("\(error)")
    }
}
