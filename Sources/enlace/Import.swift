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

/// A program folder read, validated and checked (plugins too), with its database open: what an
/// import stores and a match solves.
struct CheckedProgram: Sendable {
    let loaded: LoadedProgram
    /// The plugins found and checked for this program (a match reuses them).
    let plugins: PluginCatalog
    let store: Store
    let databasePath: String

    /// Stores the program in the database, in one transaction (nothing changes if it fails).
    func storeImport() throws -> ImportSummary {
        try store.importProgram(loaded, importedAt: ISO8601DateFormatter().string(from: Date()))
    }
}

/// The outcome of `importProgram`.
struct ImportOutcome {
    let checked: CheckedProgram
    let imported: ImportSummary

    var loaded: LoadedProgram { checked.loaded }
    var databasePath: String { checked.databasePath }

    var json: String {
        let counts: (ImportSummary.Counts) -> String = {
            "{\"total\":\($0.total),\"added\":\($0.added),\"updated\":\($0.updated),\"removed\":\($0.removed)}"
        }
        return "{\"sites\":\(counts(imported.sites)),\"mentors\":\(counts(imported.mentors)),"
            + "\"parents\":\(counts(imported.parents)),\"open_houses\":\(counts(imported.openHouses)),"
            + "\"blackouts\":\(counts(imported.blackouts)),\"warnings\":\(loaded.warnings.count)}"
    }
}

/// Loads and validates the folder, checks its plugins, then opens its database and finishes any
/// write a crash interrupted; warnings go to stderr. Nothing is imported yet.
///
/// Nothing is written unless the whole folder is valid: validation finishes before the database
/// is even opened.
func checkProgram(from folder: URL) throws -> CheckedProgram {
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
        return CheckedProgram(loaded: loaded, plugins: plugins, store: store, databasePath: path)
    } catch {
        throw failWithInputError("\(error)")
    }
}

/// Loads and validates the folder, then stores it in one transaction; warnings go to stderr.
func importProgram(from folder: URL) throws -> ImportOutcome {
    let checked = try checkProgram(from: folder)
    do {
        return ImportOutcome(checked: checked, imported: try checked.storeImport())
    } catch {
        throw failWithInputError("\(error)")
    }
}
