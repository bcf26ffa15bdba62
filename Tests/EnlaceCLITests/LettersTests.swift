import EnlaceTestSupport
import Foundation
import Testing

/// `enlace letters` on the sample district: what it writes, with which permissions, and every QR
/// code of every letter read back by a real decoder and compared with `out/feeds.csv`.
@Suite(.serialized) struct LettersTests {
    static let december = ["--now", "2026-12-02T08:00:00-08:00"]

    private func mode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    /// `id → webcal` of the parents' rows of `out/feeds.csv` (no cell of them is quoted).
    private func parentLinks(_ folder: URL) throws -> [String: (token: String, webcal: String)] {
        let text = try String(contentsOf: folder.appendingPathComponent("out/feeds.csv"), encoding: .utf8)
        var links: [String: (String, String)] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("parent,") {
            let cells = line.split(separator: ",").map(String.init)
            links[cells[1]] = (cells[2], cells[5])
        }
        return links
    }

    @Test func writesLettersMessagesAndJoinPagesForEveryFamily() throws {
        let folder = try PrivacyTests.copyOfDemo()
        let result = try CLI.run(["letters", "--program", folder.path, "--json"] + Self.december)
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])
        let links = try parentLinks(folder)
        #expect(summary["letters"] as? Int == links.count)
        #expect(summary["join_pages"] as? Int == links.count)
        let letters = folder.appendingPathComponent("out/letters")
        #expect(try mode(letters) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: letters.path).sorted()
        #expect(!files.isEmpty && files.allSatisfy { $0.hasSuffix(".html") })
        for name in files { #expect(try mode(letters.appendingPathComponent(name)) == 0o600) }
        #expect(try mode(folder.appendingPathComponent("out/messages.csv")) == 0o600)
        let join = folder.appendingPathComponent("calendars/join")
        #expect(try mode(join) == 0o711)
        let pages = Set(try FileManager.default.contentsOfDirectory(atPath: join.path))
        #expect(pages == Set(links.values.map { $0.token + ".html" }))
        for page in pages.sorted().prefix(5) { #expect(try mode(join.appendingPathComponent(page)) == 0o644) }
        let messages = try String(contentsOf: folder.appendingPathComponent("out/messages.csv"), encoding: .utf8)
        let rows = messages.split(separator: "\n").dropFirst()
        #expect(rows.count == links.count)
        for (id, link) in links {
            let row = try #require(rows.first { $0.hasPrefix(id + ",") }, "no message for \(id)")
            #expect(row.contains(link.webcal.replacingOccurrences(of: "webcal://", with: "https://")))
        }
    }

    /// Every letter's code, rasterised by `rsvg-convert` and read by `zbarimg`, is exactly the
    /// `webcal` link of that family in `out/feeds.csv`.
    @Test func everyCodeOfEveryLetterDecodesToTheFamilysLinkInFeedsCSV() throws {
        let folder = try PrivacyTests.copyOfDemo()
        let result = try CLI.run(["letters", "--program", folder.path] + Self.december)
        #expect(result.status == 0, "\(result.stderr)")
        let links = try parentLinks(folder)
        let work = CLI.temporaryFolder()
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var decoded = 0
        let letters = folder.appendingPathComponent("out/letters")
        for name in try FileManager.default.contentsOfDirectory(atPath: letters.path).sorted() {
            let page = try String(contentsOf: letters.appendingPathComponent(name), encoding: .utf8)
            for section in page.components(separatedBy: "<section ").dropFirst() {
                let parent = try #require(section.components(separatedBy: "data-parent=\"").dropFirst().first?.components(separatedBy: "\"").first)
                let svg = try #require(section.components(separatedBy: "<svg ").dropFirst().first?.components(separatedBy: "</svg>").first)
                let file = work.appendingPathComponent("code.svg"), png = work.appendingPathComponent("code.png")
                try Data(("<svg " + svg + "</svg>").utf8).write(to: file)
                #expect(try Subprocess.run(tool: "rsvg-convert", ["-w", "300", "-o", png.path, file.path]).status == 0)
                let read = try Subprocess.run(tool: "zbarimg", ["--raw", "-q", png.path])
                #expect(read.stdout == (links[parent]?.webcal ?? "no link for \(parent)") + "\n", "letter of \(parent) in \(name)")
                decoded += 1
            }
        }
        #expect(decoded == links.count)
    }

    @Test func theSameRunGivesTheSameBytesAndOneSiteCanBeWrittenAlone() throws {
        let folder = try PrivacyTests.copyOfDemo()
        #expect(try CLI.run(["letters", "--program", folder.path] + Self.december).status == 0)
        let letters = folder.appendingPathComponent("out/letters")
        let names = try FileManager.default.contentsOfDirectory(atPath: letters.path).sorted()
        let first = try names.map { try Data(contentsOf: letters.appendingPathComponent($0)) }
        let messages = try Data(contentsOf: folder.appendingPathComponent("out/messages.csv"))
        #expect(try CLI.run(["letters", "--program", folder.path] + Self.december).status == 0)
        #expect(try names.map { try Data(contentsOf: letters.appendingPathComponent($0)) } == first)
        #expect(try Data(contentsOf: folder.appendingPathComponent("out/messages.csv")) == messages)
        let site = try #require(names.first).replacingOccurrences(of: ".html", with: "")
        try FileManager.default.removeItem(at: letters)
        let one = try CLI.run(["letters", "--program", folder.path, "--site", site] + Self.december)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: letters.path) == [site + ".html"])
        #expect(try Data(contentsOf: letters.appendingPathComponent(site + ".html")) == first[0])
    }

    @Test func refusesAnUnknownSiteAndUnpublishedFeeds() throws {
        let folder = try PrivacyTests.copyOfDemo()
        let unknown = try CLI.run(["letters", "--program", folder.path, "--site", "no-such-school"] + Self.december)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no site \"no-such-school\""))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("calendars/feeds"))
        let unpublished = try CLI.run(["letters", "--program", folder.path] + Self.december)
        #expect(unpublished.status == 1)
        #expect(unpublished.stderr.contains("run `enlace feeds"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/letters").path))
    }

    /// `forget` removes the family's letter, message and join page; `feeds revoke` their join page
    /// and letter (the old link must stop working), and the other families' letters stay.
    @Test func forgetAndRevokeRemoveTheFamilysLetterMessageAndJoinPage() throws {
        let folder = try PrivacyTests.copyOfDemo()
        #expect(try CLI.run(["letters", "--program", folder.path] + Self.december).status == 0)
        let (id, name) = try PrivacyTests.matchedParent(folder)
        let links = try parentLinks(folder)
        let token = try #require(links[id]?.token)
        #expect(PrivacyTests.files(in: folder, containing: token).contains("out/messages.csv"))
        #expect(PrivacyTests.files(in: folder, containing: name).contains { $0.hasPrefix("out/letters/") })
        let forget = try CLI.run(["forget", "parent", id, "--program", folder.path])
        #expect(forget.status == 0, "\(forget.stderr)")
        #expect(forget.stdout.contains("(their join page)") && forget.stdout.contains("(their letter)"), "\(forget.stdout)")
        #expect(PrivacyTests.files(in: folder, containing: token).isEmpty)
        // Outside the coordinator's own input files (the roster, the sign-in sheets), nothing names them.
        #expect(PrivacyTests.files(in: folder, containing: name).filter { !$0.hasPrefix("data/attendance/") } == ["data/parents.csv"])
        let other = try #require(links.keys.sorted().first { $0 != id })
        let otherToken = try #require(links[other]?.token)
        let revoke = try CLI.run(["feeds", "revoke", "--parent", other, "--program", folder.path] + Self.december)
        #expect(revoke.status == 0, "\(revoke.stderr)")
        #expect(PrivacyTests.files(in: folder, containing: otherToken).isEmpty)
        let letters = folder.appendingPathComponent("out/letters")
        let remaining = try FileManager.default.contentsOfDirectory(atPath: letters.path).map {
            try String(contentsOf: letters.appendingPathComponent($0), encoding: .utf8).components(separatedBy: "<section ").count - 1
        }
        #expect(remaining.reduce(0, +) == links.count - 2)
    }
}
