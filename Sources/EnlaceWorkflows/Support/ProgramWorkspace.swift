import EnlaceCalendar
import EnlaceCore
import EnlaceProgram
import EnlaceStore
import Foundation

/// One program folder and its database: the paths every workflow uses, and the database opened
/// the one way every command opens it (after finishing what a killed command left behind).
public struct ProgramWorkspace: Sendable {
    /// The program folder, absolute.
    public let folder: URL
    /// The `enlace` executable that reads district calendars and settings in child processes
    /// (`_read-calendars`, `_check-settings`): the running one, unless the caller is not `enlace`
    /// (tests, benchmarks), which names the one built beside it.
    public var childExecutable: String

    public init(folder: URL, childExecutable: String = IsolatedCalendarReader.selfExecutable) {
        self.folder = folder.standardizedFileURL
        self.childExecutable = childExecutable
    }

    /// A loader for the folder that reads untrusted files in `childExecutable` children.
    var loader: ProgramLoader {
        ProgramLoader(folder: folder, calendars: .childProcess(IsolatedCalendarReader(executable: childExecutable)))
    }

    public var databasePath: String { folder.appendingPathComponent(Store.fileName).path }
    public var outFolder: URL { folder.appendingPathComponent("out", isDirectory: true) }
    public var feedsFolder: URL { folder.appendingPathComponent("calendars/feeds", isDirectory: true) }

    /// Whether the folder has a database yet.
    public var hasDatabase: Bool { FileManager.default.fileExists(atPath: databasePath) }

    /// Opens (creating if needed) the database, then finishes or undoes what a killed command left.
    public func openStore() throws(WorkflowError) -> Store {
        let store: Store
        do { store = try Store(path: databasePath) } catch { throw .wrapping(error) }
        Recovery.finishInterruptedWrites(in: self, store: store)
        return store
    }

    /// Opens the database, refusing a folder that has none (rather than creating one).
    public func existingStore() throws(WorkflowError) -> Store {
        guard hasDatabase else {
            throw WorkflowError("\(databasePath) does not exist: this folder has not been imported (run `enlace import --program \(folder.path)`), so Enlace holds nothing from it.")
        }
        return try openStore()
    }

    /// The program as the last import stored it (what the latest run matched), with its settings.
    ///
    /// - Throws: when nothing was imported yet, or the stored settings no longer parse.
    public func storedProgram(_ store: Store) throws(WorkflowError) -> (program: Program, settingsText: String) {
        let stored: StoredProgram?
        do { stored = try store.storedProgram() } catch { throw .wrapping(error) }
        guard let stored else {
            throw WorkflowError("nothing has been imported into \(databasePath) yet: run `enlace match --program \(folder.path)` first.")
        }
        let settings: ProgramSettings
        do {
            settings = try SettingsReader.parse(stored.settingsTOML, file: "enlace.toml (as stored by the last import)")
        } catch {
            throw .wrapping(error, "Run `enlace import` to store the program again.")
        }
        return (stored.program(settings: settings), stored.settingsTOML)
    }

    /// The latest run, or an error telling the coordinator to match first.
    public func latestRun(_ store: Store) throws(WorkflowError) -> RunRecord {
        let run: RunRecord?
        do { run = try store.latestRun() } catch { throw .wrapping(error) }
        guard let run else {
            throw WorkflowError("there is no match yet: run `enlace match --program \(folder.path)` first.")
        }
        return run
    }
}
