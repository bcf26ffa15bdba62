import EnlaceCore
import EnlaceFeeds
import EnlaceIO
import EnlaceLetters
import EnlaceStore
import Foundation

/// What one `enlace letters` wrote, for the summary (which never shows a link or a name).
public struct LettersSummary: Sendable, Encodable {
    /// Letters written (one per family of the sites written).
    public var letters = 0
    /// Of those, families on the waiting list.
    public var waiting = 0
    /// The files of `out/letters/` written, relative to the program folder.
    public var letterFiles: [String] = []
    /// Rows of `out/messages.csv`.
    public var messages = 0
    /// Pages in `calendars/join/`.
    public var joinPages = 0

    /// One line for stdout.
    public var summary: String {
        "Wrote \(letters) letters (\(waiting) on the waiting list) in \(letterFiles.count) files of out/letters, "
            + "\(messages) text messages in out/messages.csv and \(joinPages) join pages in calendars/join."
    }

    enum CodingKeys: String, CodingKey {
        case letters, waiting, letterFiles = "letter_files", messages, joinPages = "join_pages"
    }
}

/// `enlace letters`: the letters home, text messages and join pages of the latest run (spec
/// section 12), for the program as that run matched it.
///
/// The links are the ones `enlace feeds` published (the tokens in the database, whose feed files
/// exist), so letters are refused until the feeds are published: a QR code must never lead to a
/// calendar that is not there. Three outputs, each replaced atomically:
/// - `out/letters/SITE.html` (owner-only: they hold families' names), every site's, or only one
///   with `site`;
/// - `out/messages.csv` (owner-only), every family's;
/// - `calendars/join/TOKEN.html` (the published folder's modes, like `calendars/feeds`), every
///   family's, the folder replaced as a whole so the pages of families who left disappear.
public enum LettersWorkflow {
    /// Writes the letters as of `now`.
    ///
    /// - Parameter site: the id of the one site whose letters to write (`data/sites.csv`); nil for
    ///   every site.
    public static func run(_ workspace: ProgramWorkspace, now: Date, site: String? = nil, log: WorkflowLog) throws(WorkflowError) -> LettersSummary {
        guard workspace.hasDatabase else {
            throw WorkflowError("there is no match to write letters for yet: run `enlace match --program \(workspace.folder.path)`, then `enlace feeds`, first.")
        }
        let store = try workspace.openStore()
        let run = try workspace.latestRun(store)
        let (program, _) = try workspace.storedProgram(store)
        let chosen = try chosenSite(site, in: program)
        let catalog: TranslationCatalog
        let tokens: [FeedOwner: String]
        do {
            let translations = try TranslationCatalog.forProgram(folder: workspace.folder)
            for warning in translations.warnings { log.warn("\(warning)") }
            catalog = translations.catalog
            tokens = try store.feedTokens()
        } catch {
            throw .wrapping(error)
        }
        let published = try publishedTokens(program, tokens: tokens, workspace: workspace)
        let urls = published.mapValues { program.settings.feedBaseURL + $0 + ".ics" }
        let planner = LetterPlanner(program: program, schedule: run.schedule, catalog: catalog,
                                    now: WallClock.local(now, timezone: program.settings.timezone), feedURLs: urls)
        let letters = planner.letters()
        let files = try LetterFiles(letters: letters, program: program, site: chosen, tokens: published)
        do {
            try files.write(to: workspace)
        } catch {
            throw .wrapping(error)
        }
        return files.summary
    }

    /// The site `id` names, nil for every site; an error for an id the program does not have.
    static func chosenSite(_ id: String?, in program: Program) throws(WorkflowError) -> Site? {
        guard let id else { return nil }
        guard let site = program.sites.first(where: { $0.id.rawValue == id }) else {
            let known = program.sites.prefix(5).map(\.id.rawValue).joined(separator: ", ")
            throw WorkflowError("there is no site \"\(id)\" in data/sites.csv (as last imported; sites include \(known)). Check the id (ids are case-sensitive), or leave out --site for every site.")
        }
        return site
    }

    /// Each parent's feed token; an error when a parent's feed is not published (no token, or no
    /// file for it in `calendars/feeds`).
    static func publishedTokens(_ program: Program, tokens: [FeedOwner: String], workspace: ProgramWorkspace) throws(WorkflowError) -> [ParentID: String] {
        let folder = (try? AtomicFolder.throughLink(workspace.feedsFolder)) ?? workspace.feedsFolder
        var published: [ParentID: String] = [:]
        var unpublished: [ParentID] = []
        for parent in program.parents {
            guard let token = tokens[FeedOwner(kind: .parent, id: parent.id.rawValue)], FeedToken.isWellFormed(token),
                  FileManager.default.fileExists(atPath: folder.appendingPathComponent(token + ".ics").path) else {
                unpublished.append(parent.id)
                continue
            }
            published[parent.id] = token
        }
        guard unpublished.isEmpty else {
            let examples = unpublished.prefix(3).map(\.rawValue).joined(separator: ", ")
            throw WorkflowError("\(unpublished.count) of \(program.parents.count) families have no published feed yet (e.g. parent \(examples)), so their letters would have no calendar to subscribe to. Fix: run `enlace feeds --program \(workspace.folder.path)`, then `enlace letters` again.")
        }
        return published
    }
}
