import ArgumentParser
import EnlaceFeeds
import EnlaceWorkflows
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
                Unchanged feeds are not rewritten; feeds of people who left the program are removed. \
                Sessions that started before now are history: a feed keeps them as it published them.
                """,
            subcommands: [Publish.self, Revoke.self],
            defaultSubcommand: Publish.self)
    }
}

extension Enlace.Feeds {
    /// `enlace feeds [publish]`.
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write every feed of the latest match (the default).")

        @OptionGroup var options: ProgramOptions
        @OptionGroup var clock: NowOption

        @Flag(help: "Also check every feed as a strict client would (libical parse, restrictions, time zones, line lengths).")
        var check = false

        @Flag(help: "Publish although enlace.sqlite knows none of the links already in calendars/feeds (every family gets a new link).")
        var newLinks = false

        func run() throws {
            let now = try clock.date()
            let publication = try runWorkflow { () throws(WorkflowError) in
                try PublishWorkflow.run(ProgramWorkspace(folder: options.folder), now: now, check: check, newLinks: newLinks, log: .cli)
            }
            print(publication.summary)
        }
    }

    /// `enlace feeds revoke --parent ID` (or `--mentor`, `--site`).
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give one feed a new secret link; the old link stops working at once.",
            discussion: "Use it when a link was shared too widely. The new link is in out/feeds.csv.")

        @OptionGroup var options: ProgramOptions
        @OptionGroup var clock: NowOption

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
            let publication = try runWorkflow { () throws(WorkflowError) in
                try PublishWorkflow.revoke(ProgramWorkspace(folder: options.folder), owner: owner, now: now, log: .cli)
            }
            print("Revoked the feed of \(owner): its old link no longer works.")
            guard let publication else {
                print("Run `enlace match` and `enlace feeds` to publish the feeds; the new link will be in out/feeds.csv.")
                return
            }
            print(publication.summary)
            print("The new link is in out/feeds.csv.")
        }
    }
}
