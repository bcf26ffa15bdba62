import EnlaceCalendar
import EnlaceCore
import EnlaceFeeds
import EnlaceIO
import EnlaceStore
import Foundation

/// What one `enlace feeds` did, for the summary line (which never shows a token).
public struct FeedPublication: Sendable {
    public var feeds = 0, parents = 0, mentors = 0, sites = 0
    public var written = 0, unchanged = 0, removed = 0
    public var events = 0, changedEvents = 0, cancelledEvents = 0
    /// What `--check` found wrong in the written feeds (a bug in Enlace if not empty).
    public var problems: [String] = []
    public var seconds = 0.0
    /// Every feed's token, for feeds.csv (empty when nothing was published anew: `FeedPublisher.reuse`).
    public var listings: [FeedListing] = []
    /// The first parent with meetings, for the demo's example link.
    public var example: FeedListing?

    /// One line for stdout: counts only, never a token.
    public var summary: String {
        "Published \(feeds) feeds (\(parents) parents, \(mentors) mentors, \(sites) sites) in calendars/feeds: "
            + "\(written) written, \(unchanged) unchanged, \(removed) removed; \(events) events, \(changedEvents) new or changed, "
            + "\(cancelledEvents) cancelled (\(String(format: "%.2f", seconds)) s). Links: out/feeds.csv."
    }
}

/// Publishes the latest run as feeds: the composition of the program loader, the store, the feed
/// planner, the iCalendar writer and atomic files.
///
/// Order matters for crash safety: the feed history is stored before any new file is published
/// (files are written to a staging folder meanwhile, which replaces the published one afterwards),
/// so a crash half-way leaves files that the next run rewrites from the same history, with the
/// same SEQUENCE and LAST-MODIFIED (nothing is bumped twice).
struct FeedPublisher {
    let workspace: ProgramWorkspace
    let clock: FeedClock
    let log: WorkflowLog
    /// Run `FeedValidator` on every feed written (slower; for checks and the demo).
    var validate = false
    /// Publish even when the database knows none of the published links (`--new-links`).
    var allowNewLinks = false

    var feedsFolder: URL { workspace.feedsFolder }
    var listFile: URL { workspace.outFolder.appendingPathComponent("feeds.csv") }

    /// Publishes every feed of `schedule` (the latest run) for `program` (as that run matched it).
    ///
    /// - Parameters:
    ///   - translations: the program's translations, when the caller read them already (and gave
    ///     their warnings); read here otherwise.
    ///   - databaseDigest: `PublishedState.databaseDigest`, taken before `program` and `schedule`
    ///     were read; with it, the publication leaves a `FeedPublicationRecord` for `reuse`.
    func publish(program: Program, schedule: Schedule, store: Store, translations: TranslationCatalog? = nil,
                 databaseDigest: String? = nil) throws -> FeedPublication {
        let started = Date()
        var phases = PhaseClock()
        let catalog: TranslationCatalog
        let writer: FeedWriter
        do {
            catalog = try (translations ?? Self.readTranslations(workspace, log: log))
            writer = try FeedWriter(timezone: program.settings.timezone)
        } catch {
            throw WorkflowError.wrapping(error)
        }
        phases.lap("read run")
        let planner = FeedPlanner(program: program, schedule: schedule, catalog: catalog, publishedOn: clock.local.date,
                                  recordings: try store.recordings())
        var warnings: [String] = []
        for (mentor, name, scripts) in planner.mentorsWithoutLatinNames {
            let written = scripts.map(\.englishName).joined(separator: " and ")
            warnings.append("data/mentors.csv: mentor \(mentor) is shown as \(name), in \(written) script, which Enlace cannot write in Latin letters reliably: families who read another script see it as written. Fix: give the mentor a display_name in Latin letters, as families should read it (the display_name column; add it if the file has none).")
        }
        for warning in warnings { log.warn(warning) }
        let planned = planner.plan()
        phases.lap("plan")
        try refuseLinkLeadingNowhere()
        try refuseLostLinks(store)
        var generator = SystemRandomNumberGenerator()
        let tokens = try store.ensureFeedTokens(for: planned.map(\.owner), createdAt: clock.isoText, using: &generator)
        // The tokens as this publication uses them (new ones included), for the record.
        let inputs = try databaseDigest.map {
            PublishedState.inputs(database: $0, tokens: try PublishedState.tokensDigest(store), catalog: catalog, writer: writer)
        }
        phases.lap("tokens")
        let history = try store.feedHistory()
        phases.lap("history")
        var result = FeedPublication()
        var changes = FeedHistoryChanges()
        var calendars: [FeedCalendar] = []
        var names: [String] = []
        calendars.reserveCapacity(planned.count)
        names.reserveCapacity(planned.count)
        let clock = clock, term = program.term, settings = program.settings
        let merged = inChunks(of: planned.count, chunkSize: 1024) { range in
            var chunk = MergedChunk()
            for feed in planned[range] {
                let previous = history[feed.owner] ?? []
                let events = FeedHistory.merge(feed, history: previous, clock: clock, term: term)
                chunk.record(previous: previous, merged: events, owner: feed.owner)
                chunk.calendars.append(feed.calendar(events: events, settings: settings))
            }
            return chunk
        }
        var legacyEvents = false
        for chunk in merged {
            legacyEvents = legacyEvents || chunk.legacyEvents
            calendars += chunk.calendars
            changes.upserts += chunk.changes.upserts
            changes.deletions += chunk.changes.deletions
            result.events += chunk.events
            result.changedEvents += chunk.changedEvents
            result.cancelledEvents += chunk.cancelledEvents
        }
        for feed in planned {
            let listing = FeedListing(owner: feed.owner, token: tokens[feed.owner]!)
            result.listings.append(listing)
            if result.example == nil, feed.owner.kind == .parent, feed.events.contains(where: { $0.kind == .session }) {
                result.example = listing
            }
            names.append(listing.fileName)
            count(feed.owner.kind, &result)
        }
        phases.lap("merge")
        let rendered = writer.render(calendars)
        phases.lap("render (\(rendered.distinctPieces) pieces)")
        calendars = []
        // The history is stored while the files are written to the staging folder (storing is
        // CPU work, writing mostly waits for the disk); the folder replaces the published one
        // only once the history is stored.
        let storing = InBackground { [changes] in try store.saveFeedHistory(changes) }
        // History stored before events kept their language changes as it becomes held, though
        // nothing else does: such a publication leaves no record (see `reuse`).
        let record = legacyEvents ? nil : inputs.map { PendingRecord(inputs: $0, clock: clock, warnings: warnings) }
        do {
            try writeFiles(rendered, names: names, listings: FeedsCSV.text(result.listings, feedBaseURL: program.settings.feedBaseURL),
                           &result, beforeCommit: { staging, list, result in
                               phases.lap("write files (history stored meanwhile)")
                               try storing.wait()
                               phases.lap("store history (what was left)")
                               // Without a record the next run publishes in full: nothing to stop for.
                               try? record?.save(result, staging: staging, list: list, store: store)
                           })
        } catch {
            _ = try? storing.wait()  // never leave with the history half-stored
            throw error
        }
        phases.lap("swap folders")
        result.seconds = Date().timeIntervalSince(started)
        return result
    }

    /// Replaces the feeds folder as a whole (a reader or a crash sees all old feeds or all new ones,
    /// never a mix), then `out/feeds.csv`; the list is staged before the swap and put in place by
    /// the next start if a crash comes between the two, so list and folder always match.
    /// `beforeCommit` runs once every file is staged, with the staging folder, the list's bytes and
    /// the publication's counts; if it throws, nothing is replaced.
    private func writeFiles(_ rendered: RenderedFeeds, names: [String], listings: String, _ result: inout FeedPublication,
                            beforeCommit: (_ staging: URL, _ list: [UInt8], _ result: FeedPublication) throws -> Void) throws {
        let folder = try AtomicFolder(replacing: feedsFolder)
        let validate = validate
        let written = inChunks(of: names.count, chunkSize: 512) { range in
            var chunk = WrittenChunk()
            var bytes: [UInt8] = [], scratch: [UInt8] = []
            for index in range {
                let name = names[index]
                bytes.removeAll(keepingCapacity: true)
                rendered.append(feed: index, to: &bytes)
                if validate {
                    for problem in FeedValidator.problems(in: bytes) {
                        chunk.problems.append("calendars/feeds/\(FeedToken.redacted(name)): \(problem)")
                    }
                }
                // Unchanged feeds are carried over, not rewritten, so web servers keep their ETags and dates.
                if folder.keepIfUnchanged(bytes, name: name, scratch: &scratch) {
                    chunk.unchanged += 1
                } else {
                    do {
                        try folder.write(bytes, name: name)
                    } catch {
                        chunk.failure = error
                        break
                    }
                    chunk.written += 1
                }
            }
            return chunk
        }
        for chunk in written {
            if let failure = chunk.failure {
                folder.discard()
                throw failure
            }
            result.problems += chunk.problems
            result.unchanged += chunk.unchanged
            result.written += chunk.written
        }
        do {
            // Set before the swap, so the published folder is never seen listable by others.
            try PublishedFolderModes.standard.apply(to: folder.staging)
            try beforeCommit(folder.staging, Array(listings.utf8), result)
        } catch {
            folder.discard()
            throw error
        }
        let kept = Set(names)
        let previous = (try? FileManager.default.contentsOfDirectory(atPath: feedsFolder.path)) ?? []
        result.removed = previous.filter { $0.hasSuffix(".ics") && !kept.contains($0) }.count
        let list = try AtomicFileSet.stage([("feeds.csv", Array(listings.utf8), Self.listPermissions)], in: listFile.deletingLastPathComponent(),
                                           tag: "feeds", note: FileIdentity(path: folder.staging.path)?.text)
        do {
            try folder.commit()
        } catch {
            list.discard()
            folder.discard()
            throw error
        }
        try list.commit()
    }

    /// Refuses a `calendars/feeds` link that leads to no folder (a web root on a share that is not
    /// mounted): Enlace publishes through the link and never creates its target, which the web
    /// server would not serve; the message names where the link leads.
    private func refuseLinkLeadingNowhere() throws {
        guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: feedsFolder.path) else { return }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: feedsFolder.path, isDirectory: &isFolder), isFolder.boolValue { return }
        throw WorkflowError("""
            calendars/feeds is a link to \(destination), which is not a folder that exists (a web root on a share \
            that is not mounted?); Enlace publishes through the link and never creates where it leads. Fix: mount or \
            create \(destination), or replace the link with a folder, then run the command again.
            """)
    }

    /// Refuses to publish when `calendars/feeds` holds published feeds and the database knows
    /// none of their links (it was deleted, or belongs to another folder): every family would get
    /// a new link, and every subscription on their phones would go quiet without a word.
    private func refuseLostLinks(_ store: Store) throws {
        guard !allowNewLinks else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: feedsFolder.path)) ?? []
        let published = Set(names.filter { $0.hasSuffix(".ics") }.map { String($0.dropLast(4)) }.filter { FeedToken.isWellFormed($0) })
        guard !published.isEmpty, published.isDisjoint(with: try store.feedTokens().values) else { return }
        throw WorkflowError("""
            calendars/feeds holds \(published.count) published feeds, but enlace.sqlite knows none of their links \
            (the database was replaced or deleted). Publishing now would give every family a new link and leave \
            the calendars on their phones silent. Fix: restore enlace.sqlite from a backup, then run the command \
            again; to start over with new links for everyone (and send them out again), run \
            `enlace feeds --new-links`.
            """)
    }

    private func count(_ kind: FeedKind, _ result: inout FeedPublication) {
        result.feeds += 1
        switch kind {
        case .parent: result.parents += 1
        case .mentor: result.mentors += 1
        case .site: result.sites += 1
        }
    }
}

extension FeedToken {
    /// A file name with its token hidden (`abcd…ics`), for messages: tokens never reach logs.
    public static func redacted(_ fileName: String) -> String {
        String(fileName.prefix(4)) + "….ics"
    }
}

extension FeedClock {
    /// `2026-08-01T12:00:00Z`, for the database's created_at columns.
    var isoText: String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(now)))
    }
}

/// What merging one chunk of feeds with their history gives (`FeedPublisher.publish`).
private struct MergedChunk: Sendable {
    var calendars: [FeedCalendar] = []
    var changes = FeedHistoryChanges()
    var events = 0, changedEvents = 0, cancelledEvents = 0
    /// Whether an event was stored before events kept their own language.
    var legacyEvents = false

    /// Counts the feed's events and notes what the store must write or forget.
    mutating func record(previous: [StoredFeedEvent], merged: [StoredFeedEvent], owner: FeedOwner) {
        if !legacyEvents { legacyEvents = merged.contains { $0.content.language == nil } }
        if previous.isEmpty {
            // A new feed: every event is new and none is cancelled (only published events are).
            changes.upserts += merged.map { (owner, $0) }
            events += merged.count
            changedEvents += merged.count
            return
        }
        let before = Dictionary(previous.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
        var kept = Set<String>()
        for event in merged {
            kept.insert(event.uid)
            events += 1
            if event.status == .cancelled { cancelledEvents += 1 }
            guard before[event.uid] != event else { continue }
            changes.upserts.append((owner, event))
            changedEvents += 1
        }
        for uid in before.keys.sorted() where !kept.contains(uid) { changes.deletions.append((owner, uid)) }
    }
}

/// What writing one chunk of feed files did.
private struct WrittenChunk: @unchecked Sendable {
    var written = 0, unchanged = 0
    var problems: [String] = []
    /// The first write that failed (the chunk stops there; the publication is abandoned).
    var failure: (any Error)?
}

/// With `ENLACE_FEEDS_TIMINGS=1` in the environment, prints how long each phase of a publication
/// took to stderr (for docs/PERFORMANCE.md); otherwise does nothing.
struct PhaseClock {
    private let enabled = ProcessInfo.processInfo.environment["ENLACE_FEEDS_TIMINGS"] == "1"
    private var last = Date()

    mutating func lap(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        FileHandle.standardError.write(Data("timing \(phase): \(String(format: "%.2f", now.timeIntervalSince(last))) s\n".utf8))
        last = now
    }
}
