import EnlaceCore
import EnlacePlugins
import EnlaceProgram
import EnlaceStore
import Foundation

/// A program folder read and validated, its plugins found and prepared once (with the previous
/// run, which continuity needs), and its database open: what an import stores and a match solves.
public struct CheckedProgram: @unchecked Sendable {
    public let workspace: ProgramWorkspace
    public let loaded: LoadedProgram
    public let catalog: PluginCatalog
    /// Every enabled plugin prepared for this program and the previous run.
    public let rules: RuleSet
    /// The latest stored run before this command, if any.
    public let previous: RunRecord?
    /// Each parent's place in `previous`, by parent index.
    public let placements: PreviousPlacements
    /// The attendance and recording files (spec section 11), resolved against the run when stored.
    public let participation: ParticipationInputs
    public let store: Store

    /// Loads and validates the folder, checks and prepares its plugins, then opens its database
    /// and finishes any write a crash interrupted; warnings go to `log`. Nothing is imported yet.
    ///
    /// Nothing is written unless the whole folder and its plugin settings are valid: a database
    /// that does not exist yet is created only then.
    public static func check(_ workspace: ProgramWorkspace, log: WorkflowLog) throws(WorkflowError) -> CheckedProgram {
        // The attendance files (half a million rows in a large district's term) are read beside
        // the rest of the folder; the folder's own problems are reported first.
        var attendance: InBackground<ParticipationInputs>?
        let loaded: LoadedProgram
        do {
            loaded = try load(workspace) { settings in
                attendance = InBackground { try ParticipationInputs.read(workspace, settings: settings) }
            }
        } catch {
            _ = try? attendance?.wait()
            throw error
        }
        let participation: ParticipationInputs
        do { participation = try attendance!.wait() } catch { throw error as! WorkflowError }
        let catalog = try Rules.catalog(folder: workspace.folder, settings: loaded.program.settings)
        let existing = workspace.hasDatabase ? try workspace.openStore() : nil
        let previous: RunRecord?
        do { previous = try existing?.latestRun() } catch { throw .wrapping(error) }
        let placements = PreviousPlacements(previous?.schedule, program: loaded.program)
        let rules = try Rules.prepare(catalog, loaded: loaded, placements: placements)
        for warning in loaded.warnings { log.warn("\(warning)") }
        if previous == nil && !participation.isEmpty {
            log.warn("data/attendance and data/recordings.csv are not imported yet: they name the sessions of a match, and there is none (a first import, or a database that was lost). Fix: run enlace match; the next import (or enlace participation) reads them.")
        }
        for library in catalog.unpinnedLibraries {
            log.warn("\(library) is not loaded: enlace.toml does not pin it with its SHA-256. Fix: if it comes from your district's IT, add the table `enlace plugins` prints for it.")
        }
        let store: Store
        if let existing { store = existing } else { store = try workspace.openStore() }
        return CheckedProgram(workspace: workspace, loaded: loaded, catalog: catalog, rules: rules, previous: previous,
                              placements: placements, participation: participation, store: store)
    }

    /// Reads and validates the folder of `workspace` (nothing is opened or written).
    public static func load(_ workspace: ProgramWorkspace, settingsRead: (ProgramSettings) -> Void = { _ in }) throws(WorkflowError) -> LoadedProgram {
        do {
            return try workspace.loader.load(settingsRead: settingsRead)
        } catch {
            throw .wrapping(error, "Nothing was imported; the database is unchanged.")
        }
    }

    /// The folder read and its plugins prepared as a first run would (no database): what the
    /// benchmarks solve, with the program's own plugin settings and libraries. `crashGuard: false`
    /// runs district plugins unguarded, to measure the guard (`RuleSet.prepare`).
    public static func rulesForFirstRun(_ workspace: ProgramWorkspace, crashGuard: Bool = true) throws(WorkflowError) -> (LoadedProgram, RuleSet) {
        let loaded = try load(workspace)
        let catalog = try Rules.catalog(folder: workspace.folder, settings: loaded.program.settings)
        return (loaded, try Rules.prepare(catalog, loaded: loaded, placements: PreviousPlacements(nil, program: loaded.program),
                                          crashGuard: crashGuard))
    }

    /// Stores the program in the database, in one transaction (nothing changes if it fails), with
    /// its attendance and recordings resolved against the previous run as of `date`; then writes
    /// `out/attendance-unmatched.csv`.
    /// `beforeCommit` runs last inside the transaction (`Store.importProgram`).
    /// Without a run there are no sessions to resolve them against: they wait for the next import.
    public func storeImport(at date: Date, beforeCommit: () throws -> Void = {}) throws(WorkflowError) -> ImportSummary {
        guard previous != nil else {
            do {
                return try store.importProgram(loaded, importedAt: ISO8601DateFormatter().string(from: date), beforeCommit: beforeCommit)
            } catch {
                throw .wrapping(error)
            }
        }
        let resolved = try participation.resolve(loaded, previous: previous?.schedule, at: date)
        do {
            var summary = try store.importProgram(loaded, participation: ParticipationImport(attendance: resolved.attendance,
                                                                                             recordings: resolved.recordings),
                                                  importedAt: ISO8601DateFormatter().string(from: date), beforeCommit: beforeCommit)
            summary.unmatchedAttendance = resolved.unmatched.count
            try participation.writeUnmatched(resolved, in: workspace)
            return summary
        } catch {
            throw .wrapping(error)
        }
    }
}

/// `enlace import`: validates the folder, then stores it in one transaction.
public enum ImportWorkflow {
    /// What an import did.
    public struct Outcome: Sendable {
        public let checked: CheckedProgram
        public let imported: ImportSummary

        /// `{"sites": {…}, …, "topics": {…}, "warnings": N}` for `--json`.
        public var json: String {
            let counts: (ImportSummary.Counts) -> String = {
                "{\"total\":\($0.total),\"added\":\($0.added),\"updated\":\($0.updated),\"removed\":\($0.removed)}"
            }
            return "{\"sites\":\(counts(imported.sites)),\"mentors\":\(counts(imported.mentors)),"
                + "\"parents\":\(counts(imported.parents)),\"open_houses\":\(counts(imported.openHouses)),"
                + "\"blackouts\":\(counts(imported.blackouts)),\"topics\":\(counts(imported.topics)),"
                + "\"warnings\":\(checked.loaded.warnings.count)}"
        }
    }

    /// Imports the folder of `workspace`.
    public static func run(_ workspace: ProgramWorkspace, now: Date, log: WorkflowLog) throws(WorkflowError) -> Outcome {
        let checked = try CheckedProgram.check(workspace, log: log)
        return Outcome(checked: checked, imported: try checked.storeImport(at: now))
    }
}
