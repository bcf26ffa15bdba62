import EnlaceCore
import EnlaceFeeds
import EnlaceIO
import EnlaceStore
import EnlaceTranslations
import Foundation
#if canImport(Glibc)
import Glibc
#endif

// Publishing when nothing changed: the nightly `enlace feeds` that finds the same inputs and the
// same files as the last publication left reports what that publication reported and touches
// nothing, instead of planning, merging, rendering and comparing 63,000 feeds to find that out.
//
// Why the clock does not matter once a publication's history is stored (`FeedHistory.merge`),
// for any later moment: an event that becomes held was published as planned, so it is kept as
// published, and a recording line it may gain is in it already; an event that was held and never
// published is still held; a cancelled event stays as cancelled; a waiting family keeps its
// active notice, whatever day it is now. The run's own moment only words why an event is
// cancelled (a mentor's groups from then on), and the same plan cancels nothing new once its
// history is stored, so a re-match that plans the same keeps the record. The two exceptions are
// handled: an earlier moment may add events that were held before (so the record holds its
// moment, and only a later or equal one reuses it), and history stored before events kept their
// own language is brought up to date as it becomes held (so a publication with such events
// leaves no record).

extension FeedPublisher {
    /// `out/feeds.csv`'s permission bits before the umask.
    static let listPermissions = 0o600

    /// The program's translations (built-in and `translations/`), their warnings given to `log`.
    static func readTranslations(_ workspace: ProgramWorkspace, log: WorkflowLog) throws(InputError) -> TranslationCatalog {
        let translations = try TranslationCatalog.forProgram(folder: workspace.folder)
        for warning in translations.warnings { log.warn("\(warning)") }
        return translations.catalog
    }

    /// What publishing now reports, when it would change nothing: `record` was made from
    /// `inputs` at this moment or before, and the feeds folder and `out/feeds.csv` are exactly
    /// as it left them. Gives the warnings that publication gave. Nil when anything differs.
    func reuse(_ record: FeedPublicationRecord, inputs: String, store: Store) throws -> FeedPublication? {
        let started = Date()
        guard record.inputs == inputs, let reported = ReportedPublication(json: record.summary), clock.now >= reported.now,
              let folder = try? AtomicFolder.throughLink(feedsFolder), PublishedState.folderDigest(folder) == record.folder,
              PublishedState.listDigest(file: listFile) == record.list else { return nil }
        var result = FeedPublication()
        if let example = reported.example, example.count == 2, let kind = FeedKind(rawValue: example[0]) {
            let owner = FeedOwner(kind: kind, id: example[1])
            guard let token = try store.feedToken(of: owner) else { return nil }
            result.example = FeedListing(owner: owner, token: token)
        }
        for warning in reported.warnings { log.warn(warning) }
        result.feeds = reported.feeds
        result.parents = reported.parents
        result.mentors = reported.mentors
        result.sites = reported.sites
        result.unchanged = reported.feeds
        result.events = reported.events
        result.cancelledEvents = reported.cancelledEvents
        result.seconds = Date().timeIntervalSince(started)
        return result
    }
}

/// The record a publication leaves once its files are staged and its history stored.
struct PendingRecord {
    let inputs: String
    let clock: FeedClock
    /// The warnings about the program the publication gave.
    let warnings: [String]

    /// Stores the record of `result`, whose files are in `staging` (the folder that is about to
    /// replace the published one) and whose list is `list`; none when the publication found
    /// problems (the command fails).
    func save(_ result: FeedPublication, staging: URL, list: [UInt8], store: Store) throws {
        guard result.problems.isEmpty, let folder = PublishedState.folderDigest(staging) else { return }
        let permissions = FeedPublisher.listPermissions & ~Self.umask()
        let reported = ReportedPublication(result, warnings: warnings, now: clock.now)
        try store.saveFeedPublication(FeedPublicationRecord(inputs: inputs, folder: folder, list: PublishedState.listDigest(list, permissions: permissions),
                                                            summary: reported.json))
    }

    /// The process's umask, from `/proc/self/status` (setting it to read it would race with
    /// threads creating files); 0o022 where that cannot be read.
    static func umask() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
              let mask = Int(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8) else { return 0o022 }
        return mask
    }
}
