import EnlaceCore
import EnlaceFeeds
import EnlaceIO
import EnlaceLetters
import Foundation

/// The files of one `enlace letters`, rendered in memory before anything is written (so a letter
/// that cannot be made leaves every old file in place).
struct LetterFiles {
    /// `out/letters/` file name → page, of the sites written.
    var sitePages: [(name: String, html: String)] = []
    /// `calendars/join/` file name → page, of every family.
    var joinPages: [(name: String, html: String)] = []
    var messages = ""
    /// Whether every site's letters were written (the folder is then replaced as a whole).
    var everySite: Bool
    var summary = LettersSummary()

    init(letters: [FamilyLetter], program: Program, site: Site?, tokens: [ParentID: String]) throws(WorkflowError) {
        everySite = site == nil
        var texts: [ParentID: String] = [:]
        do {
            for letter in letters {
                guard let text = TextMessage.text(for: letter) else { throw Self.messageTooLong(letter) }
                texts[letter.parent] = text
                guard let token = tokens[letter.parent] else { continue }
                joinPages.append((token + ".html", try LetterPage.joinPage(letter)))
            }
            let sites = Dictionary(program.sites.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for (id, ofSite) in Dictionary(grouping: letters, by: \.site).sorted(by: { $0.key < $1.key }) where site == nil || site?.id == id {
                let name = sites[id]?.name ?? id.rawValue
                sitePages.append((Self.fileName(id), try LetterPage.sitePage(ofSite, title: "\(name): letters home (\(program.settings.name))")))
                summary.letters += ofSite.count
                summary.waiting += ofSite.filter(\.isWaiting).count
                summary.letterFiles.append("out/letters/" + Self.fileName(id))
            }
        } catch let error as WorkflowError {
            throw error
        } catch {
            throw WorkflowError("the families' calendar links cannot be printed as QR codes: \(error). Fix: shorten feed_base_url in enlace.toml, then run `enlace feeds` and `enlace letters` again.")
        }
        messages = TextMessage.csv(letters, messages: texts)
        summary.messages = texts.count
        summary.joinPages = joinPages.count
    }

    /// Writes the join pages, the messages, then the letters, each replaced atomically.
    func write(to workspace: ProgramWorkspace) throws {
        let join = try AtomicFolder(replacing: workspace.folder.appendingPathComponent("calendars/join", isDirectory: true))
        do {
            var scratch: [UInt8] = []
            for page in joinPages where !join.keepIfUnchanged(Array(page.html.utf8), name: page.name, scratch: &scratch) {
                try join.write(Array(page.html.utf8), name: page.name)
            }
            try PublishedFolderModes.standard.apply(to: join.staging)
            try join.commit()
        } catch {
            join.discard()
            throw error
        }
        try AtomicFile.write(messages, to: workspace.outFolder.appendingPathComponent("messages.csv"), permissions: 0o600)
        let folder = workspace.outFolder.appendingPathComponent("letters", isDirectory: true)
        guard everySite else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for page in sitePages { try AtomicFile.write(page.html, to: folder.appendingPathComponent(page.name), permissions: 0o600) }
            return
        }
        let letters = try AtomicFolder(replacing: folder)
        do {
            for page in sitePages { try letters.write(Array(page.html.utf8), name: page.name, permissions: 0o600) }
            try PublishedFolderModes(folder: 0o700, file: 0o600).apply(to: letters.staging)
            try letters.commit()
        } catch {
            letters.discard()
            throw error
        }
    }

    /// `SITE.html`, with anything but letters, digits, `-` and `_` percent-encoded, so a site id
    /// never names another folder or a hidden file.
    static func fileName(_ site: SiteID) -> String {
        var name = ""
        for scalar in site.rawValue.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" {
                name.unicodeScalars.append(scalar)
            } else {
                name += String(scalar).utf8.map { "%" + String($0, radix: 16, uppercase: true) }.joined()
            }
        }
        return name + ".html"
    }

    static func messageTooLong(_ letter: FamilyLetter) -> WorkflowError {
        WorkflowError("the text message of parent \(letter.parent) (in \(letter.strings.language)) does not fit in \(TextMessage.maximumLength) characters even with the program's name shortened: its link is \(letter.feedURL.count) characters long. Fix: shorten feed_base_url in enlace.toml, or the mentor's display_name, or the district's wording of sms_matched/sms_waiting in translations/\(letter.strings.language).json.")
    }
}
