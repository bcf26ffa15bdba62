import EnlaceIO
import EnlaceReport
import EnlaceStore
import Foundation

/// The next start's half of crash safety: finishes or undoes what a killed `enlace match` or
/// `enlace feeds` left, and removes their temporary files. Runs whenever a command opens the
/// database (before it reads or writes anything else); cheap when there is nothing to do (three
/// folder listings).
///
/// - `out/`: a run's files staged by a killed `enlace match` are put in place when the database
///   holds that run (it was committed: the staged `schedule.json` is the latest run's), dropped
///   otherwise; `feeds.csv` staged by a killed `enlace feeds` is put in place when its feeds
///   folder was swapped in.
/// - `calendars/`: a half-built feeds folder is deleted (the published one is untouched).
/// - a `forget` killed after its database commit: the family's feed and output rows are removed.
enum Recovery {
    static func finishInterruptedWrites(in workspace: ProgramWorkspace, store: Store) {
        let feeds = workspace.feedsFolder
        AtomicFolder.recover(feeds)
        AtomicFile.removeLeftovers(in: feeds.deletingLastPathComponent())
        AtomicFile.removeLeftovers(in: feeds)
        AtomicFileSet.recover(in: workspace.outFolder) { tag, files in
            switch tag {
            case "match":
                guard let staged = files["schedule.json"], let run = try? store.latestRun(),
                      let stored = try? ScheduleReport(schedule: run.schedule).scheduleJSON() else { return false }
                return staged == Array(stored.utf8)
            case "feeds":
                guard let note = files[AtomicFileSet.noteName], let current = FileIdentity(path: feeds.path) else { return false }
                return String(decoding: note, as: UTF8.self) == current.text
            default:
                return false
            }
        }
        PrivacyWorkflow.finishPendingForgets(store: store, workspace: workspace)
    }
}
