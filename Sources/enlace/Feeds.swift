import ArgumentParser
import EnlaceCore
import EnlaceFeeds
import EnlaceProgram
import EnlaceStore
import Foundation

extension Enlace {
    /// `enlace feeds`: publishes the latest run as calendar feeds; `enlace feeds revoke` replaces a
    /// feed's secret link.
    struct Feeds: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish the latest match as calendar feeds: one per parent, mentor and site.",
            discussion: """
                Writes calendars/feeds/TOKEN.ics for every parent (matched or not), mentor and site, and \
                out/feeds.csv (kind,id,token,path,url,webcal) for the coordinator's mail merge. Each feed \
                has its own secret token, kept in the database; `enlace feeds revoke` replaces one. \
                Unchanged feeds are not rewritten; feeds of people who left the program are removed.
                """,
            subcommands: [Publish.self, Revoke.self],
            defaultSubcommand: Publish.self)
    }
}

/// Options of both feed commands.
struct FeedClockOptions: ParsableArguments {
    @Option(name: .customLong("now"),
            help: ArgumentHelp("Publish as if it were this moment (ISO 8601, e.g. 2026-08-01T12:00:00Z), for reproducible feeds.",
                               visibility: .hidden))
    var now: String?

    /// The publication moment: `--now`, else the system clock.
    func date() throws -> Date {
        guard let now else { return Date() }
        guard let date = ISO8601DateFormatter().date(from: now) else {
            throw ValidationError("--now must be an ISO 8601 time such as 2026-08-01T12:00:00Z.")
        }
        return date
    }
}

extension Enlace.Feeds {
    /// `enlace feeds [publish]`.
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every feed of the latest match (the default).")

        @OptionGroup var options: ProgramOptions
        @OptionGroup var clock: FeedClockOptions

        @Flag(help: "Also check every feed as a strict client would (libical parse, restrictions, time zones, line lengths).")
        var check = false

        func run() throws {
            let publication = try publishFeeds(folder: options.folder, now: try clock.date(), check: check)
            print(publication.summary)
        }
    }

    /// `enlace feeds revoke --parent ID` (or `--mentor`, `--site`).
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give one feed a new secret link; the old link stops working at once.",
            discussion: "Use it when a link was shared too widely. The new link is in out/feeds.csv.")

        @OptionGroup var options: ProgramOptions
        @OptionGroup var clock: FeedClockOptions

        @Option(help: "The id of the parent whose feed to revoke (data/parents.csv).")
        var parent: String?
        @Option(help: "The id of the mentor whose feed to revoke (data/mentors.csv).")
        var mentor: String?
        @Option(help: "The id of the site whose feed to revoke (data/sites.csv).")
        var site: String?

        func validate() throws {
            guard [parent, mentor, site].compactMap({ $0 }).count == 1 else {
                throw ValidationError("Name exactly one feed: --parent ID, --mentor ID or --site ID.")
            }
        }

        func run() throws {
            let owner = parent.map { FeedOwner(kind: .parent, id: $0) } ?? mentor.map { FeedOwner(kind: .mentor, id: $0) }
                ?? FeedOwner(kind: .site, id: site!)
            let now = try clock.date()
            let loaded = try loadProgram(options.folder)
            let program = loaded.program
            let known: Bool = switch owner.kind {
            case .parent: program.parents.contains { $0.id.rawValue == owner.id }
            case .mentor: program.mentors.contains { $0.id.rawValue == owner.id }
            case .site: program.sites.contains { $0.id.rawValue == owner.id }
            }
            guard known else {
                throw failWithInputError("there is no \(owner.kind.rawValue) \"\(owner.id)\" in data/\(owner.kind.rawValue)s.csv. Check the id (ids are case-sensitive).")
            }
            let store = try openStore(options.folder)
            let publisher = FeedPublisher(folder: options.folder, clock: FeedClock(now: now, timezone: program.settings.timezone))
            var generator = SystemRandomNumberGenerator()
            let (old, _) = try store.revokeFeedToken(owner, at: publisher.clock.isoText, using: &generator)
            if let old { publisher.removeFeedFile(token: old) }
            print("Revoked the feed of \(owner): its old link no longer works.")
            guard try store.latestRun() != nil else {
                print("Run `enlace match` and `enlace feeds` to publish the feeds; the new link will be in out/feeds.csv.")
                return
            }
            let publication = try publisher.publish(loaded: loaded, store: store)
            print(publication.summary)
            print("The new link is in out/feeds.csv.")
        }
    }
}

/// Loads the program folder (without importing it: feeds publish the stored run).
func loadProgram(_ folder: URL) throws -> LoadedProgram {
    do {
        return try ProgramLoader(folder: folder).load()
    } catch {
        throw failWithInputError(error.description)
    }
}

/// Opens the program's database, first finishing or undoing what a killed command left behind.
func openStore(_ folder: URL) throws -> Store {
    let store: Store
    do {
        store = try Store(path: folder.appendingPathComponent(Store.fileName).path)
    } catch {
        throw failWithInputError("\(error)")
    }
    recoverInterruptedWrites(folder: folder, store: store)
    return store
}

/// `enlace feeds` for a folder: what `Publish` and `Demo` run.
func publishFeeds(folder: URL, now: Date, check: Bool) throws -> FeedPublication {
    var phases = PhaseClock()
    let loaded = try loadProgram(folder)
    phases.lap("read program folder")
    var publisher = FeedPublisher(folder: folder, clock: FeedClock(now: now, timezone: loaded.program.settings.timezone))
    publisher.validate = check
    var store: Store? = try openStore(folder)
    phases.lap("open database")
    let publication = try publisher.publish(loaded: loaded, store: store!)
    phases.lap("publish (the phases above)")
    store = nil  // closing the last connection checkpoints the WAL into the database
    phases.lap("close database")
    for problem in publication.problems.prefix(20) { printToStderr("problem: \(problem)") }
    if !publication.problems.isEmpty {
        printToStderr("enlace: \(publication.problems.count) problems in the written feeds (see above); please report this as a bug.")
        throw ExitCode(1)
    }
    return publication
}

extension FeedPublication {
    /// One line for stdout: counts only, never a token.
    var summary: String {
        "Published \(feeds) feeds (\(parents) parents, \(mentors) mentors, \(sites) sites) in calendars/feeds: "
            + "\(written) written, \(unchanged) unchanged, \(removed) removed; \(events) events, \(changedEvents) new or changed, "
            + "\(cancelledEvents) cancelled (\(String(format: "%.2f", seconds)) s). Links: out/feeds.csv."
    }
}
