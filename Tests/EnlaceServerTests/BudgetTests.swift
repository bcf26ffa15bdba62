@testable import EnlaceServer
import Foundation
import Testing

@Suite("enlace serve: a byte budget for kept bodies")
struct BudgetTests {
    /// 40 feeds of different sizes and contents under well-formed tokens.
    static func folderOfFeeds() throws -> (URL, [String: [UInt8]]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var feeds: [String: [UInt8]] = [:]
        for number in 0..<40 {
            let token = String((0..<32).map { _ in "abcdefghijklmnopqrstuvwxyz234567".randomElement()! })
            let events = String(repeating: "BEGIN:VEVENT\r\nUID:\(number)@x\r\nSUMMARY:Meeting \(number)\r\nEND:VEVENT\r\n", count: number + 1)
            let bytes = Array("BEGIN:VCALENDAR\r\n\(events)END:VCALENDAR\r\n".utf8)
            try Data(bytes).write(to: folder.appendingPathComponent("\(token).ics"))
            feeds[token] = bytes
        }
        return (folder, feeds)
    }

    @Test("a tiny budget keeps (almost) nothing and still serves every feed right, plain and gzip", arguments: [0, 1_500])
    func tinyBudget(limit: Int) throws {
        let (folder, feeds) = try Self.folderOfFeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let budget = ByteBudget(limit: limit)
        let source = FolderFiles(folder: folder, suffix: ".ics", budget: budget, loadsInBackground: false)
        source.preload()
        #expect(source.counts.described == feeds.count)
        #expect(budget.usedBytes <= limit)
        if limit == 0 { #expect(source.counts.identityBodies == 0 && source.counts.gzipBodies == 0) }
        let client = try TestClient(FeedResponder(feeds: source))
        for (token, bytes) in feeds {
            let plain = try client.execute(uri: "/feeds/\(token).ics")
            #expect(plain.status == .ok)
            #expect(plain.body == bytes)
            #expect(plain.header("Content-Length") == String(bytes.count))
            let zipped = try client.execute(uri: "/feeds/\(token).ics", headers: [("Accept-Encoding", "gzip")])
            #expect(zipped.header("Content-Encoding") == "gzip")
            #expect(try GzipTests.gunzip(zipped.body) == bytes)
            #expect(zipped.header("Content-Length") == String(zipped.body.count))
            let head = try client.execute(uri: "/feeds/\(token).ics", method: .HEAD, headers: [("Accept-Encoding", "gzip")])
            #expect(head.header("Content-Length") == zipped.header("Content-Length"))
        }
        #expect(budget.usedBytes <= limit)
    }

    @Test("gzip bodies are kept first; plain ones with what is left; the budget is never exceeded")
    func gzipFirst() throws {
        let (folder, feeds) = try Self.folderOfFeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gzipTotal = feeds.values.map { PublishedFile.gzip($0).count }.reduce(0, +)
        let budget = ByteBudget(limit: gzipTotal + 3_000)
        let source = FolderFiles(folder: folder, suffix: ".ics", budget: budget, loadsInBackground: false)
        source.preload()
        let counts = source.counts
        #expect(counts.gzipBodies == feeds.count)
        #expect(counts.identityBodies > 0 && counts.identityBodies < feeds.count)
        #expect(budget.usedBytes <= budget.limit)
        #expect(budget.usedBytes > gzipTotal)
    }

    @Test("bytes come back to the budget when files change or disappear")
    func released() throws {
        let (folder, feeds) = try Self.folderOfFeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let budget = ByteBudget(limit: 1 << 20)
        let source = FolderFiles(folder: folder, suffix: ".ics", budget: budget, loadsInBackground: false)
        source.preload()
        let all = feeds.values.map { $0.count + PublishedFile.gzip($0).count }.reduce(0, +)
        #expect(budget.usedBytes == all)
        let (gone, kept) = (feeds.keys.sorted()[0], feeds.keys.sorted()[1])
        try FileManager.default.removeItem(at: folder.appendingPathComponent("\(gone).ics"))
        #expect(source.file(token: gone[...]) == nil)
        let goneBytes = feeds[gone]!.count + PublishedFile.gzip(feeds[gone]!).count
        #expect(budget.usedBytes == all - goneBytes)
        // Replaced (a new inode): described again, the old bodies' bytes given back.
        let changed = feeds[kept]! + Array("X".utf8)
        let temporary = folder.appendingPathComponent("new.tmp")
        try Data(changed).write(to: temporary)
        #expect(rename(temporary.path, folder.appendingPathComponent("\(kept).ics").path) == 0)
        #expect(source.bytes(kept) == changed)
        let keptBytes = feeds[kept]!.count + PublishedFile.gzip(feeds[kept]!).count
        let changedBytes = changed.count + PublishedFile.gzip(changed).count
        #expect(budget.usedBytes == all - goneBytes - keptBytes + changedBytes)
    }

    @Test("a file changed between its description and the read of its body is answered as the new file")
    func changedUnderneath() throws {
        let (folder, feeds) = try Self.folderOfFeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = FolderFiles(folder: folder, suffix: ".ics", budget: ByteBudget(limit: 0), loadsInBackground: false)
        let token = feeds.keys.sorted()[0]
        let described = try #require(source.file(token: token[...]))
        let changed = Array("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".utf8)
        let temporary = folder.appendingPathComponent("new.tmp")
        try Data(changed).write(to: temporary)
        #expect(rename(temporary.path, folder.appendingPathComponent("\(token).ics").path) == 0)
        let answer = try #require(source.body(of: described, token: token[...], coding: .identity))
        #expect(answer.body == changed)
        #expect(answer.file.etag != described.etag)
        #expect(String(decoding: answer.file.fields(.identity).bytes, as: UTF8.self).contains("Content-Length: \(changed.count)\r\n"))
    }
}
