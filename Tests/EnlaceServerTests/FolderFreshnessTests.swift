@testable import EnlaceServer
import Foundation
import Testing

@Suite("enlace serve: when a folder's changes are seen (the server's check intervals)", .serialized)
struct FolderFreshnessTests {
    static let token = FeedRouterTests.token
    static let body = FeedRouterTests.body

    /// A folder with one feed, modified `age` seconds ago, served with the server's folder check
    /// interval and a recheck interval of `recheck`.
    private func folder(age: TimeInterval, recheck: Duration = .seconds(60)) throws -> (URL, FolderFiles) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-fresh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(Self.body).write(to: folder.appendingPathComponent("\(Self.token).ics"))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: folder.path)
        let files = FolderFiles(folder: folder, suffix: ".ics", budget: ByteBudget(limit: 1 << 20), loadsInBackground: false,
                                folderCheckInterval: FeedServer.folderCheckInterval, recheckInterval: recheck)
        return (folder, files)
    }

    /// Rewrites the feed in place (same inode, the folder unchanged), as only a hand edit would.
    private func editInPlace(_ folder: URL, _ bytes: [UInt8]) throws {
        let handle = try FileHandle(forWritingTo: folder.appendingPathComponent("\(Self.token).ics"))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    @Test("a settled folder: a checked file is trusted until the recheck interval, an edit in place is then seen")
    func trustedUntilRecheck() throws {
        let (folder, files) = try folder(age: 10, recheck: .milliseconds(300))
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try #require(files.file(token: Self.token[...]))
        try editInPlace(folder, Self.body + Array("X".utf8))
        // Trusted: no `stat`, so the edit (which leaves the folder as it was) is not seen yet.
        #expect(files.file(token: Self.token[...])?.etag == first.etag)
        Thread.sleep(forTimeInterval: 0.4)
        let edited = try #require(files.file(token: Self.token[...]))
        #expect(edited.etag != first.etag)
        #expect(files.bytes(Self.token) == Self.body + Array("X".utf8))
    }

    @Test("a settled folder: a revocation is seen at the next folder check")
    func revocationWithinTheInterval() throws {
        let (folder, files) = try folder(age: 10)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(files.file(token: Self.token[...]) != nil)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("\(Self.token).ics"))
        Thread.sleep(forTimeInterval: 0.15)
        #expect(files.file(token: Self.token[...]) == nil)
    }

    @Test("a folder changed in the last two seconds is not trusted: every request checks its file")
    func youngFolder() throws {
        let (folder, files) = try folder(age: 0)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try #require(files.file(token: Self.token[...]))
        try editInPlace(folder, Self.body + Array("Y".utf8))
        #expect(files.file(token: Self.token[...])?.etag != first.etag)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("\(Self.token).ics"))
        #expect(files.file(token: Self.token[...]) == nil)
    }

    @Test("a republished folder is seen at the next folder check")
    func republished() throws {
        let (folder, files) = try folder(age: 10)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try #require(files.file(token: Self.token[...]))
        let replacement = folder.appendingPathComponent("new.tmp")
        try Data(Array("Z".utf8) + Self.body).write(to: replacement)
        #expect(rename(replacement.path, folder.appendingPathComponent("\(Self.token).ics").path) == 0)  // as `enlace feeds` replaces
        Thread.sleep(forTimeInterval: 0.15)
        #expect(files.file(token: Self.token[...])?.etag != first.etag)
        #expect(files.bytes(Self.token) == Array("Z".utf8) + Self.body)
    }
}
