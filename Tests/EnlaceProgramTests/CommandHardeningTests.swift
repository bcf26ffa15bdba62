import EnlaceCore
import EnlaceProgram
import Foundation
import Testing

/// Issue 27 through the built `enlace`: commands that hung, aborted or printed raw system errors.
@Suite struct CommandHardeningTests {
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `enlace ARGUMENTS`; kills it after `timeout` seconds (a hang is a failure, not a stuck suite).
    func enlace(_ arguments: [String], timeout: Double = 30) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: enlaceExecutable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Issue 27: `check-calendar` on a FIFO hung until a writer came.
    @Test func checkCalendarRefusesPipesAndDevicesAtOnce() throws {
        let folder = try ProgramFolder()
        let fifo = folder.url.appendingPathComponent("pipe.ics").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let started = Date()
        let result = try enlace(["check-calendar", fifo, "/dev/zero", folder.url.appendingPathComponent("calendars/open-houses/lincoln.ics").path], timeout: 20)
        #expect(Date().timeIntervalSince(started) < 15, "check-calendar waited on the pipe")
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("\(fifo): refused: \(fifo): is a named pipe (FIFO), not a file"), "\(result.stdout)")
        #expect(result.stdout.contains("/dev/zero: refused: /dev/zero: is a device, not a file"), "\(result.stdout)")
        #expect(result.stdout.contains("lincoln.ics: ok 3 occurrences"), "the ordinary file is still checked: \(result.stdout)")
    }

    /// Issue 27: `generate --parents 100000000` aborted on a 17 GB allocation.
    @Test func generateRefusesSizesNoProgramHolds() throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("enlace-gen-\(UUID().uuidString)").path
        let result = try enlace(["generate", target, "--parents", "100000000"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--parents 100000000 is more than a program holds: Enlace reads at most 1000000 rows from data/parents.csv"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target), "nothing was written")
        let sites = try enlace(["generate", target, "--sites", "100001"])
        #expect(sites.status == 2 && sites.stderr.contains("--sites 100001 is more than a program holds"), "\(sites.stderr)")
    }

    @Test func generateNamesAFolderItCannotWrite() throws {
        let result = try enlace(["generate", "/sys/enlace-cannot-write", "--sites", "2", "--mentors", "1", "--parents", "1"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("enlace: /sys/enlace-cannot-write: cannot be written: "), "\(result.stderr)")
        #expect(result.stderr.contains(" Fix: ") && !result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("Error Domain"), "\(result.stderr)")
    }

    /// Issue 27: a corrupt database gave raw SQLite text.
    @Test func aDamagedDatabaseIsRefusedWithAFixAndLeftAsItWas() throws {
        let folder = try ProgramFolder()
        let database = folder.url.appendingPathComponent("enlace.sqlite")
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: database)
        let result = try enlace(["import", "--program", folder.url.path])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("enlace.sqlite is damaged or is not an Enlace database (SQLite: file is not a database); nothing was changed. Fix: restore enlace.sqlite from a backup"), "\(result.stderr)")
        #expect(try Data(contentsOf: database) == garbage)
    }
}

/// File-system errors as a coordinator reads them.
@Suite struct FileProblemTests {
    @Test func mapsTheErrorsCoordinatorsMeet() throws {
        let cases: [(any Error, String)] = [
            (POSIXError(.EROFS), "cannot be written: it is on a read-only disk or share."),
            (POSIXError(.EACCES), "cannot be written: permission denied."),
            (CocoaError(.fileWriteOutOfSpace), "cannot be written: the disk is full"),
            (CocoaError(.fileWriteVolumeReadOnly), "read-only disk"),
            (NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)), "the disk is full"),
            (CocoaError(.fileWriteUnknown, userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EDQUOT))]), "the disk is full"),
        ]
        for (error, phrase) in cases {
            let message = FileProblem.message(for: error, path: "/district/out/schedule.json", writing: true)
            #expect(message.file == "/district/out/schedule.json" && message.problem.contains(phrase) && !message.fix.isEmpty, "\(message)")
        }
    }

    /// A real full disk: /dev/full answers every write with ENOSPC.
    @Test func aFullDiskSaysSo() throws {
        let handle = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? handle.close() }
        do {
            try handle.write(contentsOf: Data("x".utf8))
            try handle.synchronize()
            Issue.record("/dev/full accepted a write")
        } catch {
            let message = FileProblem.message(for: error, path: "out/feeds.csv", writing: true)
            #expect(message.description == "out/feeds.csv: cannot be written: the disk is full (or your quota is used up). Fix: free some space on that disk, then run the command again.", "\(error) → \(message)")
        }
    }
}
