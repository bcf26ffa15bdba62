import ArgumentParser
import EnlaceCore
import EnlaceFeeds
import EnlaceIO
import EnlaceReport
import EnlaceStore
import Foundation

extension Enlace {
    /// `enlace forget parent ID`: removes one family from the database, the feeds and the outputs.
    struct Forget: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a family from everything Enlace holds (database, feed, outputs).",
            discussion: """
                Deletes the parent's row, their place in every stored run, their feed link and feed \
                history, then compacts the database so the deleted bytes are gone; removes their feed \
                file and their rows in out/assignments.csv, out/schedule.json and out/feeds.csv (the \
                schedule is not recomputed). data/parents.csv is the coordinator's file and is left \
                alone: remove the family there too, or the next import brings them back.
                """)

        /// Whom to forget.
        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case parent
        }

        @Argument(help: "What to forget: parent.")
        var kind: Kind
        @Argument(help: "The parent's id (data/parents.csv).")
        var id: String
        @OptionGroup var options: ProgramOptions

        func run() throws {
            let folder = options.folder
            let store = try existingStore(folder)
            let forgotten: ForgottenParent?
            do {
                forgotten = try store.forgetParent(id) { try ScheduleRedaction.removingParent(id, from: $0) }
            } catch {
                throw failWithInputError("\(error)")
            }
            guard let forgotten else {
                throw failWithInputError("there is no parent \"\(id)\" in \(folder.appendingPathComponent(Store.fileName).path). Check the id (ids are case-sensitive); nothing was changed.")
            }
            var files: [String] = []
            if let token = forgotten.feedToken, FeedToken.isWellFormed(token) {
                let feed = folder.appendingPathComponent("calendars/feeds/\(token).ics")
                if (try? FileManager.default.removeItem(at: feed)) != nil { files.append("calendars/feeds/\(FeedToken.redacted(feed.lastPathComponent)) (their feed)") }
            }
            files += try rewriteOutputs(folder)
            print("Forgot parent \(id).")
            print("Database: " + [forgotten.parentRow ? "their row (name, contacts, preferences, custom columns)" : nil,
                                  "\(forgotten.assignments) run assignments",
                                  "their id in \(forgotten.schedules) stored schedules",
                                  forgotten.feedToken != nil ? "their feed link" : nil,
                                  "\(forgotten.feedEvents) feed events"].compactMap { $0 }.joined(separator: ", ")
                  + "; the database was compacted.")
            print("Files: " + (files.isEmpty ? "none held them." : files.joined(separator: ", ") + "."))
            print("Mentor feeds list the first names of a group's parents: they drop this family's at the next `enlace match` and `enlace feeds`.")
            if parentsCSVNames(folder) {
                printToStderr("warning: \(id) is still in data/parents.csv (the coordinator's file, which Enlace does not edit): remove the row there, or the next import brings the family back.")
            }
        }

        /// Removes the parent's rows from the outputs; returns what changed.
        private func rewriteOutputs(_ folder: URL) throws -> [String] {
            var changed: [String] = []
            let out = folder.appendingPathComponent("out")
            let assignments = try rewriteRows(out.appendingPathComponent("assignments.csv"), permissions: 0o644) { $0.hasPrefix(csvCell(id) + ",") }
            if assignments > 0 { changed.append("out/assignments.csv (\(assignments) row)") }
            let schedule = out.appendingPathComponent("schedule.json")
            if let text = try? String(contentsOf: schedule, encoding: .utf8) {
                let redacted: String
                do { redacted = try ScheduleRedaction.removingParent(id, from: text) } catch { throw failWithInputError("out/schedule.json: \(error); run `enlace match` to rewrite it.") }
                if redacted != text {
                    try AtomicFile.write(redacted, to: schedule)
                    changed.append("out/schedule.json (their id)")
                }
            }
            let feeds = try rewriteRows(out.appendingPathComponent("feeds.csv"), permissions: 0o600) { $0.hasPrefix("parent," + csvCell(id) + ",") }
            if feeds > 0 { changed.append("out/feeds.csv (\(feeds) row)") }
            return changed
        }

        /// Rewrites a CSV file without the lines `drop` selects; returns how many it dropped.
        private func rewriteRows(_ url: URL, permissions: Int, drop: (Substring) -> Bool) throws -> Int {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { return 0 }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let kept = lines.filter { !drop($0) }
            guard kept.count < lines.count else { return 0 }
            try AtomicFile.write(kept.joined(separator: "\n"), to: url, permissions: permissions)
            return lines.count - kept.count
        }

        private func parentsCSVNames(_ folder: URL) -> Bool {
            guard let text = try? String(contentsOf: folder.appendingPathComponent("data/parents.csv"), encoding: .utf8) else { return false }
            return text.split(whereSeparator: \.isNewline).contains { $0.hasPrefix(csvCell(id) + ",") || $0.hasPrefix("\"\(id)\",") }
        }
    }
}

/// A cell as the outputs write it.
func csvCell(_ value: String) -> String { CSVCell.text(value) }

/// Opens the program's database, refusing a folder that has none (rather than creating one).
func existingStore(_ folder: URL) throws -> Store {
    let path = folder.appendingPathComponent(Store.fileName).path
    guard FileManager.default.fileExists(atPath: path) else {
        throw failWithInputError("\(path) does not exist: this folder has not been imported (run `enlace import --program \(folder.path)`), so Enlace holds nothing from it.")
    }
    return try openStore(folder)
}
