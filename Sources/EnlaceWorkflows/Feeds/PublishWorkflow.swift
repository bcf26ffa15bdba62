import EnlaceCalendar
import EnlaceCore
import EnlaceFeeds
import EnlaceProgram
import EnlaceStore
import EnlaceTranslations
import Foundation

/// `enlace feeds`: publishes the latest run, for the program as that run matched it (the stored
/// program: the folder is not read again, except `translations/`).
public enum PublishWorkflow {
    /// Publishes every feed of the latest run as of `now`.
    ///
    /// - Parameters:
    ///   - check: also check every written feed as a strict client would; problems are a bug in
    ///     Enlace and fail the command.
    ///   - newLinks: publish even when the database knows none of the links already published
    ///     (every family then gets a new link); refused otherwise.
    public static func run(_ workspace: ProgramWorkspace, now: Date, check: Bool, newLinks: Bool = false,
                           log: WorkflowLog) throws(WorkflowError) -> FeedPublication {
        var phases = PhaseClock()
        guard workspace.hasDatabase else {
            throw WorkflowError("there is no match to publish yet: run `enlace match --program \(workspace.folder.path)` first.")
        }
        var store: Store? = try workspace.openStore()
        phases.lap("open database")
        let publication = try publish(workspace, store: store!, now: now, check: check, newLinks: newLinks, log: log)
        phases.lap("publish (the phases above)")
        store = nil  // closing the last connection checkpoints the WAL into the database
        phases.lap("close database")
        if !publication.problems.isEmpty {
            for problem in publication.problems.prefix(20) { log.warn("problem: \(problem)") }
            throw WorkflowError("\(publication.problems.count) problems in the written feeds (see above); please report this as a bug.")
        }
        return publication
    }

    /// Publishes with an open store (the demo and `revoke` share it). When the last publication
    /// was made from the same inputs and left the feeds folder and `out/feeds.csv` as they are,
    /// nothing is published anew (`FeedPublisher.reuse`), unless `check` asks to check every feed.
    static func publish(_ workspace: ProgramWorkspace, store: Store, now: Date, check: Bool, newLinks: Bool = false,
                        log: WorkflowLog) throws(WorkflowError) -> FeedPublication {
        var phases = PhaseClock()
        let databaseDigest: String
        let record: FeedPublicationRecord?
        do {
            databaseDigest = try PublishedState.databaseDigest(store)
            record = try store.feedPublication()
        } catch {
            throw .wrapping(error)
        }
        phases.lap("digest the database")
        var translations: TranslationCatalog?
        if !check, let record {
            do {
                translations = try? FeedPublisher.readTranslations(workspace, log: log)
                if let reused = try reuse(record, workspace, store: store, now: now, translations: translations, databaseDigest: databaseDigest,
                                          log: log) {
                    phases.lap("compare with the published feeds: unchanged")
                    return reused
                }
            } catch {
                throw .wrapping(error)
            }
            phases.lap("compare with the published feeds: publishing")
        }
        let run = try workspace.latestRun(store)
        let (program, _) = try workspace.storedProgram(store)
        var publisher = FeedPublisher(workspace: workspace, clock: WallClock.feedClock(now, timezone: program.settings.timezone), log: log)
        publisher.validate = check
        publisher.allowNewLinks = newLinks
        do {
            return try publisher.publish(program: program, schedule: run.schedule, store: store, translations: translations,
                                         databaseDigest: databaseDigest)
        } catch {
            throw .wrapping(error)
        }
    }

    /// The publication `record` reported, when publishing now would change nothing; nil when it
    /// may (or when the settings or translations no longer read: publishing says why).
    private static func reuse(_ record: FeedPublicationRecord, _ workspace: ProgramWorkspace, store: Store, now: Date,
                              translations: TranslationCatalog?, databaseDigest: String, log: WorkflowLog) throws -> FeedPublication? {
        guard let translations, let text = try store.storedSettingsText(),
              let settings = try? SettingsReader.parse(text, file: "enlace.toml (as stored by the last import)"),
              let writer = try? FeedWriter(timezone: settings.timezone) else { return nil }
        let inputs = PublishedState.inputs(database: databaseDigest, tokens: try PublishedState.tokensDigest(store), catalog: translations,
                                           writer: writer)
        let publisher = FeedPublisher(workspace: workspace, clock: WallClock.feedClock(now, timezone: settings.timezone), log: log)
        return try publisher.reuse(record, inputs: inputs, store: store)
    }

    /// `enlace feeds revoke`: gives one feed a new secret link (the old file is removed at once),
    /// then republishes when there is a run. Returns the publication, nil when there is no run.
    public static func revoke(_ workspace: ProgramWorkspace, owner: FeedOwner, now: Date, log: WorkflowLog) throws(WorkflowError) -> FeedPublication? {
        let store = try workspace.existingStore()
        let (program, _) = try workspace.storedProgram(store)
        let known: Bool = switch owner.kind {
        case .parent: program.parents.contains { $0.id.rawValue == owner.id }
        case .mentor: program.mentors.contains { $0.id.rawValue == owner.id }
        case .site: program.sites.contains { $0.id.rawValue == owner.id }
        }
        guard known else {
            throw WorkflowError("there is no \(owner.kind.rawValue) \"\(owner.id)\" in data/\(owner.kind.rawValue)s.csv (as last imported). Check the id (ids are case-sensitive), and run `enlace import` if you just added it.")
        }
        var generator = SystemRandomNumberGenerator()
        do {
            let (old, _) = try store.revokeFeedToken(owner, at: WallClock.isoText(now), using: &generator)
            // The old link must stop working now, not at the next publication.
            if let old, FeedToken.isWellFormed(old) {
                try? FileManager.default.removeItem(at: workspace.feedsFolder.appendingPathComponent(old + ".ics"))
                _ = try LetterFiles.remove(token: old, in: workspace)
            }
            guard try store.latestRun() != nil else { return nil }
        } catch {
            throw .wrapping(error)
        }
        return try publish(workspace, store: store, now: now, check: false, log: log)
    }
}
