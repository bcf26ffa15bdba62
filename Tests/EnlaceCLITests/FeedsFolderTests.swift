import Foundation
import Testing

/// The published feeds folder: who may list it, a link into a web root, and links that a lost
/// database would silently replace.
@Suite(.serialized) struct FeedsFolderTests {
    static let december = ["--now", "2026-12-02T08:00:00-08:00"]

    /// The sample district, matched and published.
    private func demo() throws -> URL {
        let folder = CLI.temporaryFolder()
        let result = try CLI.run(["demo", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        return folder
    }

    private func mode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    private func feedNames(_ folder: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".ics") })
    }

    @Test func othersMayReadAFeedByNameButNotListTheFolder() throws {
        let folder = try demo()
        let feeds = folder.appendingPathComponent("calendars/feeds")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: feeds.path)
        let result = try CLI.run(["feeds", "--program", folder.path] + Self.december)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try mode(feeds) == 0o711)
        let names = try feedNames(feeds)
        #expect(names.count == 280)
        for name in names.sorted().prefix(20) { #expect(try mode(feeds.appendingPathComponent(name)) == 0o644) }
        #expect(try mode(folder.appendingPathComponent("out/feeds.csv")) == 0o600)
    }

    @Test func publishesThroughALinkIntoAWebRoot() throws {
        let folder = try demo()
        let feeds = folder.appendingPathComponent("calendars/feeds")
        let webRoot = CLI.temporaryFolder()
        try FileManager.default.createDirectory(at: webRoot, withIntermediateDirectories: true)
        let served = webRoot.appendingPathComponent("sierra-vista")
        try FileManager.default.moveItem(at: feeds, to: served)
        try FileManager.default.createSymbolicLink(at: feeds, withDestinationURL: served)
        let before = try feedNames(served)

        // A revoked link must disappear from the web root too, and the new one appear there.
        let revoke = try CLI.run(["feeds", "revoke", "--parent", "P0002", "--program", folder.path] + Self.december)
        #expect(revoke.status == 0, "\(revoke.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: feeds.path) == served.path, "the link stays a link")
        let after = try feedNames(served)
        #expect(after.count == 280)
        #expect(before.subtracting(after).count == 1, "the old link is gone from the web root")
        #expect(after.subtracting(before).count == 1, "the new link is in the web root")
        #expect(try mode(served) == 0o711)
    }

    /// Found rerunning issue 27 (scripts/adversarial-pass): a link into a web root that is not
    /// there was refused as "calendars/feeds: cannot be created: its folder does not exist", which
    /// sends the coordinator to the wrong folder.
    @Test func aLinkLeadingNowhereIsRefusedNamingWhereItLeads() throws {
        let folder = try demo()
        let feeds = folder.appendingPathComponent("calendars/feeds")
        try FileManager.default.removeItem(at: feeds)
        let share = CLI.temporaryFolder()
        let webRoot = share.appendingPathComponent("sierra-vista").path
        try FileManager.default.createSymbolicLink(atPath: feeds.path, withDestinationPath: webRoot)
        let result = try CLI.run(["feeds", "--program", folder.path] + Self.december)
        #expect(result.status == 1)
        #expect(result.stderr.contains("calendars/feeds is a link to \(webRoot), which is not a folder that exists"), "\(result.stderr)")
        #expect(result.stderr.contains("Fix: mount or create \(webRoot)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: share.path), "nothing was created where the link leads")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: feeds.path) == webRoot, "the link stays")
    }

    /// Issue 27, rerun as an attacker (scripts/adversarial-pass): publishing where the staging
    /// folder cannot be made (a web root whose parent Enlace may not write, a read-only
    /// `calendars/`, a full disk) printed `Error Domain=NSPOSIXErrorDomain`. Root ignores
    /// permission bits, so the link leads into sysfs, where no one may create a folder.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/sys/kernel")))
    func aWebRootWhoseParentCannotBeWrittenIsNamedWithAFix() throws {
        let folder = try demo()
        let feeds = folder.appendingPathComponent("calendars/feeds")
        try FileManager.default.removeItem(at: feeds)
        try FileManager.default.createSymbolicLink(atPath: feeds.path, withDestinationPath: "/sys/kernel")
        let result = try CLI.run(["feeds", "--program", folder.path] + Self.december)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("enlace: /sys: cannot be written: "), "\(result.stderr)")
        #expect(result.stderr.contains(" Fix: ") && !result.stderr.contains("Error Domain"), "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: feeds.path) == "/sys/kernel", "the link stays")
    }

    @Test func refusesToReplaceEveryLinkWhenTheDatabaseIsLost() throws {
        let folder = try demo()
        let feeds = folder.appendingPathComponent("calendars/feeds")
        let published = try feedNames(feeds)
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("enlace.sqlite" + suffix))
        }
        #expect(try CLI.run(["import", "--program", folder.path]).status == 0)
        #expect(try CLI.run(["match", "--program", folder.path] + Self.december).status == 0)

        let refused = try CLI.run(["feeds", "--program", folder.path] + Self.december)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("calendars/feeds holds 280 published feeds, but enlace.sqlite knows none of their links"))
        #expect(refused.stderr.contains("Fix: restore enlace.sqlite from a backup"))
        #expect(try feedNames(feeds) == published, "no family's link was replaced")

        let started = try CLI.run(["feeds", "--new-links", "--program", folder.path] + Self.december)
        #expect(started.status == 0, "\(started.stderr)")
        #expect(try feedNames(feeds).isDisjoint(with: published), "everyone has a new link, as asked")
    }
}
