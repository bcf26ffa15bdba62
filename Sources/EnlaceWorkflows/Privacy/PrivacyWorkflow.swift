import EnlaceCore
import EnlaceFeeds
import EnlaceIO
import EnlaceReport
import EnlaceStore
import Foundation

/// The privacy operations (docs/PRIVACY.md): forgetting a family, exporting what Enlace holds
/// about one, and the end-of-term purge.
public enum PrivacyWorkflow {
    /// What `forget` removed.
    public struct Forgotten: Sendable {
        public let database: ForgottenParent
        /// The files changed, described for the coordinator (no token).
        public let files: [String]
        /// Whether data/parents.csv still lists the family (the next import brings them back).
        public let stillInRoster: Bool
        /// Rows of data/attendance/*.csv that name the family or have their email (the next import
        /// reads them again).
        public let attendanceRows: [String]
    }

    /// Removes one family from the database, their feed file, and their rows in the outputs (which
    /// are rendered again from the stored run, so they keep matching it). The database commits
    /// first with a note of the files still to clean; a `forget` killed after that commit is
    /// finished by the next command (`finishPendingForgets`), and a second `forget` says so.
    public static func forget(parent id: String, in workspace: ProgramWorkspace) throws(WorkflowError) -> Forgotten {
        let store = try workspace.existingStore()
        let forgotten: ForgottenParent?
        let record = (try? store.parentRecord(id)) ?? nil
        do { forgotten = try store.forgetParent(id) } catch { throw .wrapping(error) }
        guard let forgotten else {
            throw WorkflowError("Enlace holds nothing about a parent \"\(id)\" in \(workspace.databasePath) (ids are case-sensitive); nothing was changed. A family forgotten before stays forgotten: its files were cleaned when it was.")
        }
        let files: [String]
        do {
            files = try removeFiles(feedToken: forgotten.feedToken, note: forgotten.pending, store: store, workspace: workspace)
                + ParticipationWorkflow.dropGuestRows(name: record?.name, email: record?.email, in: workspace)
        } catch {
            throw .wrapping(error)
        }
        return Forgotten(database: forgotten, files: files, stillInRoster: rosterNames(id, workspace),
                         attendanceRows: ParticipationInputs.rowsNaming(parent: id, email: record?.email, in: workspace))
    }

    /// Finishes the file removals of `forget`s killed after their database commit (run by
    /// `Recovery` whenever a command opens the database).
    static func finishPendingForgets(store: Store, workspace: ProgramWorkspace) {
        guard let pending = try? store.pendingForgets() else { return }
        for (note, token) in pending {
            _ = try? removeFiles(feedToken: token, note: note, store: store, workspace: workspace)
        }
    }

    /// Removes the family's feed file, rows in the outputs and letters, then marks the forget finished.
    private static func removeFiles(feedToken: String?, note: Int, store: Store, workspace: ProgramWorkspace) throws -> [String] {
        var files: [String] = []
        if let token = feedToken, FeedToken.isWellFormed(token) {
            let feed = workspace.feedsFolder.appendingPathComponent("\(token).ics")
            if (try? FileManager.default.removeItem(at: feed)) != nil {
                files.append("calendars/feeds/\(FeedToken.redacted(feed.lastPathComponent)) (their feed)")
            }
        }
        files += try rewriteOutputs(store: store, workspace: workspace, feedToken: feedToken)
        files += try ParticipationWorkflow.dropRowsOfForgottenFamilies(store: store, workspace: workspace)
        if let token = feedToken { files += try LetterFiles.remove(token: token, in: workspace) }
        try store.finishForget(note: note)
        return files
    }

    /// Everything stored about one family, as pretty JSON, or an error for an unknown id.
    public static func export(parent id: String, in workspace: ProgramWorkspace) throws(WorkflowError) -> String {
        let store = try workspace.existingStore()
        let record: ParentRecord?
        do { record = try store.parentRecord(id) } catch { throw .wrapping(error) }
        guard let record else {
            throw WorkflowError("there is no parent \"\(id)\" in \(workspace.databasePath). Check the id (ids are case-sensitive).")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        do { return String(decoding: try encoder.encode(record), as: UTF8.self) + "\n" } catch { throw .wrapping(error) }
    }

    /// The end-of-term purge: runs created before `date` (never the latest), feed events of
    /// sessions ended before it, and the attendance of sessions before it. A date after `today` is refused: the history of sessions still to
    /// come is what keeps feeds correct.
    public static func purge(before date: LocalDate, today: LocalDate, in workspace: ProgramWorkspace) throws(WorkflowError) -> PurgeSummary {
        guard date <= today else {
            throw WorkflowError("--before \(date) is after today (\(today)): purge removes what is over, and sessions after today are not. Use a date up to \(today), e.g. the day after the term ends once it has.")
        }
        let store = try workspace.existingStore()
        do { return try store.purge(before: date) } catch { throw .wrapping(error) }
    }

    /// Renders `out/schedule.json`, `assignments.csv` and `changes.csv` again from the latest run
    /// (the family is gone from it), and drops the row of their feed from `out/feeds.csv`.
    private static func rewriteOutputs(store: Store, workspace: ProgramWorkspace, feedToken: String?) throws -> [String] {
        var changed: [String] = []
        let out = workspace.outFolder
        if let run = try store.latestRun(), FileManager.default.fileExists(atPath: out.appendingPathComponent("schedule.json").path) {
            let report = ScheduleReport(schedule: run.schedule)
            let files: [(String, String)] = [("schedule.json", try report.scheduleJSON()), ("assignments.csv", report.assignmentsCSV()),
                                             ("changes.csv", FamilyChanges.csv(run.schedule.changes))]
            for (name, text) in files {
                let url = out.appendingPathComponent(name)
                guard let old = try? String(contentsOf: url, encoding: .utf8), old != text else { continue }
                try AtomicFile.write(text, to: url)
                changed.append("out/\(name) (their rows)")
            }
        }
        let list = out.appendingPathComponent("feeds.csv")
        if let token = feedToken, let text = try? String(contentsOf: list, encoding: .utf8) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let kept = lines.filter { !($0.hasPrefix("parent,") && $0.contains("," + token + ",")) }
            if kept.count < lines.count {
                try AtomicFile.write(kept.joined(separator: "\n"), to: list, permissions: 0o600)
                changed.append("out/feeds.csv (\(lines.count - kept.count) row)")
            }
        }
        return changed
    }

    private static func rosterNames(_ id: String, _ workspace: ProgramWorkspace) -> Bool {
        let file = workspace.folder.appendingPathComponent("data/parents.csv")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return false }
        return text.split(whereSeparator: \.isNewline).contains { $0.hasPrefix(CSVCell.text(id) + ",") || $0.hasPrefix("\"\(id)\",") }
    }
}
