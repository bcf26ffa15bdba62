import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `enlace serve` as a real process against clients that misbehave: silent and slow-header
/// connections are closed after the timeouts, one connection over the cap is closed at once, and
/// normal requests keep being answered; plus gzip, the feed_base_url path, a join page and the
/// raised file-descriptor limit, over real sockets.
@Suite(.serialized) struct ServeLimitsTests {
    @Test func closesSlowSilentAndExcessClientsAndKeepsAnswering() throws {
        let folder = try ServeTests.publishedProgram()
        defer { try? FileManager.default.removeItem(at: folder) }
        let token = try #require(try ServeTests.feedRows(folder).first { $0.kind == "parent" }).token
        let server = try ServeProcess(folder: folder, options: ["--header-timeout", "1", "--idle-timeout", "2", "--max-connections", "20"])

        // Silent: closed after the header timeout (1 s), not before.
        let silent = try server.connect()
        defer { close(silent) }
        let silentClosed = try #require(Self.secondsUntilClosed(silent, within: 6))
        #expect(silentClosed > 0.7 && silentClosed < 3, "\(silentClosed) s")

        // Slow headers, a byte every 0.2 s: closed after about 1 s although bytes keep coming;
        // a normal request meanwhile is answered.
        let slow = try server.connect()
        defer { close(slow) }
        let started = Date()
        var closedAfter: TimeInterval?
        for (sent, byte) in "GET /feeds/\(token).ics HTTP/1.1\r\nHost: x\r\nX-Slow: \(String(repeating: "a", count: 100))".enumerated() {
            if (try? server.send(slow, String(byte))) == nil || Self.isClosed(slow) {
                closedAfter = Date().timeIntervalSince(started)
                break
            }
            if sent == 2 { #expect(try server.get("/feeds/\(token).ics").status == 200) }
            usleep(200_000)
        }
        let slowClosed = try #require(closedAfter, "the slow client was never closed")
        #expect(slowClosed < 3, "\(slowClosed) s")

        // Idle after an answer: the connection is kept for the idle timeout (2 s), then closed.
        let idle = try server.connect()
        defer { close(idle) }
        try server.send(idle, "GET /feeds/\(token).ics HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(Self.readAnswerHead(idle).hasPrefix("HTTP/1.1 200"))
        let idleClosed = try #require(Self.secondsUntilClosed(idle, within: 8))
        #expect(idleClosed > 1.5 && idleClosed < 4, "\(idleClosed) s")

        // The cap: 20 open connections, the 21st closed at once; once the 20 time out (header
        // timeout), requests are answered again.
        let held = try (0..<20).map { _ in try server.connect() }
        defer { held.forEach { close($0) } }
        usleep(200_000)
        let excess = try server.connect()
        defer { close(excess) }
        let excessClosed = try #require(Self.secondsUntilClosed(excess, within: 1))
        #expect(excessClosed < 0.5, "\(excessClosed) s")
        usleep(2_000_000)
        #expect(try server.get("/feeds/\(token).ics").status == 200)

        #expect(try server.terminate() == 0)
        #expect(server.log.contains("connection(s) closed at once"))
    }

    @Test func gzipBasePathJoinPageAndDescriptorLimit() throws {
        let folder = try ServeTests.publishedProgram()
        defer { try? FileManager.default.removeItem(at: folder) }
        let token = try #require(try ServeTests.feedRows(folder).first { $0.kind == "parent" }).token
        let file = try Data(contentsOf: folder.appendingPathComponent("calendars/feeds/\(token).ics"))
        let server = try ServeProcess(folder: folder)

        // The soft limit on open files was raised to the hard one.
        let limits = try String(contentsOfFile: "/proc/\(server.process.processIdentifier)/limits", encoding: .utf8)
        let line = try #require(limits.split(separator: "\n").first { $0.hasPrefix("Max open files") })
        let numbers = line.split(separator: " ").compactMap { Int($0) }
        #expect(numbers.count == 2 && numbers[0] == numbers[1], "\(line)")

        // gzip, under the path of feed_base_url (https://feeds.example.org/sierra-vista/) and /feeds/.
        for path in ["/sierra-vista/\(token).ics", "/feeds/\(token).ics"] {
            let zipped = try server.get(path, headers: ["Accept-Encoding: gzip, deflate"])
            #expect(zipped.status == 200)
            #expect(zipped.header("Content-Encoding") == "gzip")
            #expect(zipped.header("Vary") == "Accept-Encoding")
            #expect(zipped.header("ETag")?.hasSuffix("-gz\"") == true)
            #expect(zipped.body.count < file.count / 4)
            #expect(try Self.gunzip(zipped.body) == Array(file))
            let plain = try server.get(path)
            #expect(plain.header("Content-Encoding") == nil)
            #expect(plain.body == Array(file))
        }
        #expect(try server.get("/elsewhere/\(token).ics").status == 404)

        // A join page written by hand where `enlace letters` writes them, picked up without a restart.
        let join = folder.appendingPathComponent("calendars/join")
        try FileManager.default.createDirectory(at: join, withIntermediateDirectories: true)
        #expect(try server.get("/join/\(token)").status == 404)
        let page = Data("<!doctype html><title>Carta</title><p>Hola.</p>\n".utf8)
        try page.write(to: join.appendingPathComponent("\(token).html"))
        let answer = try server.get("/join/\(token)")
        #expect(answer.status == 200)
        #expect(answer.body == Array(page))
        #expect(answer.header("Content-Type") == "text/html; charset=utf-8")
        #expect(answer.header("Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
        #expect(answer.header("X-Frame-Options") == "DENY")
        #expect(try server.terminate() == 0)
        #expect(server.log.contains("GET /join/… 200"))
        #expect(!server.log.contains(String(token.prefix(8))))
    }

    @Test func refusesABrokenSettingsFile() throws {
        let folder = try ServeTests.publishedProgram()
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = folder.appendingPathComponent("enlace.toml")
        try (String(contentsOf: settings, encoding: .utf8) + "\nunknown_key = 1\n").write(to: settings, atomically: true, encoding: .utf8)
        let result = try CLI.run(["serve", "--program", folder.path, "--port", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("enlace.toml"))
    }

    // MARK: - Helpers

    /// Seconds until the server closes `fd` (reading and dropping whatever it sends), or nil if it
    /// is still open after `within` seconds.
    static func secondsUntilClosed(_ fd: Int32, within: TimeInterval) -> TimeInterval? {
        let started = Date()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date().timeIntervalSince(started) < within {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) { return Date().timeIntervalSince(started) }
        }
        return nil
    }

    /// Whether the server has closed `fd` (without waiting).
    static func isClosed(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_DONTWAIT | MSG_PEEK))
        return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    /// The answer's head and as much of the body as arrives with it (up to 64 KiB, 2 s).
    static func readAnswerHead(_ fd: Int32) -> String {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 2000) > 0 else { return "" }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[..<count], as: UTF8.self) : ""
    }

    /// `bytes` decompressed by the system's gzip.
    static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }
}
