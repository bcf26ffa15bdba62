import EnlaceFeeds
import EnlaceIO
import Foundation

extension LetterFiles {
    /// Removes what `enlace letters` wrote about the family whose feed token is `token`: their
    /// join page, their row of `out/messages.csv` and their page of `out/letters/SITE.html` (the
    /// other families' letters stay). For `forget` (nothing of the family may stay) and `feeds
    /// revoke` (the old link must stop working at once, the join page's too). Returns the files
    /// changed, described without the token.
    static func remove(token: String, in workspace: ProgramWorkspace) throws -> [String] {
        guard FeedToken.isWellFormed(token) else { return [] }
        var changed: [String] = []
        let join = workspace.folder.appendingPathComponent("calendars/join/\(token).html")
        if (try? FileManager.default.removeItem(at: join)) != nil {
            changed.append("calendars/join/\(token.prefix(4))….html (their join page)")
        }
        let messages = workspace.outFolder.appendingPathComponent("messages.csv")
        if let text = try? String(contentsOf: messages, encoding: .utf8), text.contains(token) {
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains(token) }
            try AtomicFile.write(kept.joined(separator: "\n"), to: messages, permissions: 0o600)
            changed.append("out/messages.csv (their row)")
        }
        let letters = workspace.outFolder.appendingPathComponent("letters", isDirectory: true)
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: letters.path)) ?? []).sorted() where name.hasSuffix(".html") {
            let url = letters.appendingPathComponent(name)
            guard let page = try? String(contentsOf: url, encoding: .utf8), page.contains(token) else { continue }
            try AtomicFile.write(withoutLetter(holding: token, page), to: url, permissions: 0o600)
            changed.append("out/letters/\(name) (their letter)")
        }
        return changed
    }

    /// `page` without the letters (`<section …>…</section>`, which hold no other section) that
    /// contain `token`.
    static func withoutLetter(holding token: String, _ page: String) -> String {
        var result = "", rest = page[...]
        while let start = rest.range(of: "<section "), let end = rest[start.upperBound...].range(of: "</section>\n") {
            let letter = rest[start.lowerBound..<end.upperBound]
            result += rest[..<start.lowerBound]
            if !letter.contains(token) { result += letter }
            rest = rest[end.upperBound...]
        }
        return result + rest
    }
}
