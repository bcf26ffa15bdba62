import EnlaceTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `enlace serve` as a real process on loopback: raw HTTP bytes, revocation and re-publication
/// without a restart, an import while it runs (and while another process holds the database),
/// SIGTERM, and its log (which must hold no part of any token).
@Suite(.serialized) struct ServeTests {
    static let now = "2026-08-01T12:00:00Z"

    @Test func servesPrivatelyAnswersOneIdentical404AndLogsNoToken() throws {
        let folder = try Self.publishedProgram()
        defer { try? FileManager.default.removeItem(at: folder) }
        let feeds = try Self.feedRows(folder)
        let parent = try #require(feeds.first { $0.kind == "parent" })
        let server = try ServeProcess(folder: folder)

        let ok = try server.get("/feeds/\(parent.token).ics")
        #expect(ok.status == 200)
        #expect(ok.header("Content-Type") == "text/calendar; charset=utf-8")
        #expect(ok.header("Cache-Control") == "private")
        #expect(ok.header("Referrer-Policy") == "no-referrer")
        #expect(ok.header("X-Content-Type-Options") == "nosniff")
        #expect(ok.body.starts(with: Array("BEGIN:VCALENDAR".utf8)))
        let etag = try #require(ok.header("ETag"))
        #expect(try server.get("/feeds/\(parent.token).ics", headers: ["If-None-Match: \(etag)"]).status == 304)

        // Revoked while the server runs: the old link is gone at once, the new one works.
        let revoke = try CLI.run(["feeds", "revoke", "--parent", parent.id, "--program", folder.path, "--now", Self.now])
        #expect(revoke.status == 0, "\(revoke.stderr)")
        let renewed = try #require(try Self.feedRows(folder).first { $0.kind == "parent" && $0.id == parent.id })
        #expect(renewed.token != parent.token)
        #expect(try server.get("/feeds/\(renewed.token).ics").status == 200)

        // Byte-identical 404s (the Date header is the only part that moves: compare within one second).
        let unknown = "/feeds/" + String(parent.token.reversed()) + ".ics"
        var pair: (HTTPAnswer, HTTPAnswer)?
        for _ in 0..<5 {
            let a = try server.get("/feeds/\(parent.token).ics"), b = try server.get(unknown)
            if a.header("Date") == b.header("Date") {
                pair = (a, b)
                break
            }
        }
        let (revoked, never) = try #require(pair)
        #expect(revoked.status == 404)
        #expect(revoked.raw == never.raw)
        #expect(try server.get("/enlace.sqlite").status == 404)

        // SIGTERM: a graceful stop, exit status 0.
        let status = try server.terminate()
        #expect(status == 0)
        let log = server.log
        #expect(log.contains("GET /feeds/….ics 200"))
        #expect(log.contains("GET /feeds/….ics 404"))
        for token in (feeds + [renewed]).map(\.token) + [String(parent.token.reversed())] {
            let characters = Array(token)
            for start in 0...(characters.count - 8) {
                let piece = String(characters[start..<(start + 8)])
                #expect(!log.contains(piece), "the log holds part of a token")
            }
        }
    }

    @Test func importsWhileServingAndWaitsForABusyDatabase() throws {
        let folder = try Self.publishedProgram()
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try ServeProcess(folder: folder)
        let token = try #require(try Self.feedRows(folder).first { $0.kind == "mentor" }).token
        let before = try server.get("/feeds/\(token).ics")
        #expect(before.status == 200)

        // Another process holds the write lock for 1.5 s; the import waits (busy timeout) instead of failing.
        let holder = try Subprocess.start(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            time.sleep(1.5)
            db.execute("COMMIT")
            """, folder.appendingPathComponent("enlace.sqlite").path])
        let line = holder.output.readData(ofLength: 7)
        #expect(String(decoding: line, as: UTF8.self) == "locked\n")
        let started = Date()
        try Self.dropLastParents(folder, count: 3)
        try Self.renameProgram(folder, to: "Parent Mentors, renamed")  // every feed's text changes
        let imported = try CLI.run(["import", "--program", folder.path])
        let waited = Date().timeIntervalSince(started)
        holder.process.waitUntilExit()
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(waited > 1.0, "the import did not wait for the lock (\(waited) s)")

        // Re-matched and re-published while serving: the server answers the new feed, no restart.
        #expect(try CLI.run(["match", "--program", folder.path]).status == 0)
        #expect(try CLI.run(["feeds", "--program", folder.path, "--now", "2026-08-02T12:00:00Z"]).status == 0)
        let after = try server.get("/feeds/\(token).ics")
        #expect(after.status == 200)
        #expect(after.body == Array(try Data(contentsOf: folder.appendingPathComponent("calendars/feeds/\(token).ics"))))
        #expect(after.header("ETag") != before.header("ETag"))
        #expect(try server.terminate() == 0)
    }

    // MARK: - Helpers

    /// A small generated district, matched and published (seconds in a debug build).
    static func publishedProgram() throws -> URL {
        let folder = CLI.temporaryFolder()
        for arguments in [["generate", folder.path, "--sites", "3", "--mentors", "12", "--parents", "80"],
                          ["match", "--program", folder.path],
                          ["feeds", "--program", folder.path, "--now", now]] {
            let result = try CLI.run(arguments)
            try #require(result.status == 0, "enlace \(arguments[0]): \(result.stderr)")
        }
        return folder
    }

    struct FeedRow { let kind: String, id: String, token: String }

    /// The rows of out/feeds.csv (no quoted cells in generated districts).
    static func feedRows(_ folder: URL) throws -> [FeedRow] {
        let text = try String(contentsOf: folder.appendingPathComponent("out/feeds.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return FeedRow(kind: cells[0], id: cells[1], token: cells[2])
        }
    }

    static func renameProgram(_ folder: URL, to name: String) throws {
        let url = folder.appendingPathComponent("enlace.toml")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let renamed = lines.map { $0.hasPrefix("name = ") ? "name = \"\(name)\"" : String($0) }
        try renamed.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    static func dropLastParents(_ folder: URL, count: Int) throws {
        let url = folder.appendingPathComponent("data/parents.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
        try (lines.dropLast(count).joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }
}

/// A raw HTTP/1.1 answer.
struct HTTPAnswer {
    let raw: [UInt8]

    var status: Int {
        let line = String(decoding: raw.prefix { $0 != 13 }, as: UTF8.self)
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    private var split: (head: String, body: [UInt8]) {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard let end = raw.indices.first(where: { raw[$0...].starts(with: marker) }) else { return (String(decoding: raw, as: UTF8.self), []) }
        return (String(decoding: raw[..<end], as: UTF8.self), Array(raw[(end + 4)...]))
    }

    var body: [UInt8] { split.body }

    /// The value of header `name` (case-insensitive).
    func header(_ name: String) -> String? {
        for line in split.head.components(separatedBy: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].lowercased() == name.lowercased() {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}

/// `enlace serve` on a free loopback port, its stderr collected in a file.
final class ServeProcess {
    let process = Process()
    let port: UInt16
    private let logFile: URL

    init(folder: URL, options: [String] = []) throws {
        port = try Self.freePort()
        logFile = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--program", folder.path, "--host", "127.0.0.1", "--port", String(port)] + options
        process.standardError = try FileHandle(forWritingTo: logFile)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<100 {
            if (try? get("/")) != nil { return }
            usleep(100_000)
        }
        process.terminate()
        throw POSIXError(.ECONNREFUSED)
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: logFile)
    }

    var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Sends SIGTERM and waits (at most 15 s) for the exit; returns the exit status.
    func terminate() throws -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        try #require(!process.isRunning, "enlace serve did not stop on SIGTERM")
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }

    /// One request on its own connection; the whole answer, as bytes.
    func get(_ path: String, headers: [String] = []) throws -> HTTPAnswer {
        let fd = try connect()
        defer { close(fd) }
        let request = (["GET \(path) HTTP/1.1", "Host: 127.0.0.1", "Connection: close"] + headers).joined(separator: "\r\n") + "\r\n\r\n"
        try send(fd, request)
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            answer += buffer[..<count]
        }
        guard !answer.isEmpty else { throw POSIXError(.ECONNRESET) }
        return HTTPAnswer(raw: answer)
    }

    /// A new connection to the server (the caller closes it).
    func connect() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var address = Self.loopback(port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        return fd
    }

    func send(_ fd: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw POSIXError(.EPIPE) }
    }

    private static func loopback(_ port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    /// A port the kernel just handed out (bound to 0, read back, released).
    private static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = loopback(0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }
}
