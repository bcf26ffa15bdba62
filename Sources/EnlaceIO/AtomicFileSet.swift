import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Several files in one folder that must change together with a database commit (the run's
/// `schedule.json` and `assignments.csv`): a small journal, so that after a crash the next start
/// finishes or undoes the change and the files never stay a mix of two runs.
///
/// 1. `stage` writes every new file, flushed, into `.enlace-tmp-set-TAG-PID/`, then renames that
///    folder to `.enlace-pending-TAG-PID` (complete, not yet decided).
/// 2. The caller commits its database transaction (the decision).
/// 3. `commit` renames the folder to `.enlace-committed-TAG-PID` (decided), renames each file into
///    place, and removes the folder.
///
/// `recover` (at the next start) rolls a committed set forward, asks the caller whether a pending
/// set was decided (its database commit happened), and deletes anything else. Sets of a process
/// that is still running are left alone.
public struct AtomicFileSet {
    /// The folder the files belong in.
    public let folder: URL
    private let pending: URL
    private let tag: String
    /// The name of the note among a pending set's files.
    public static let noteName = ".note"

    /// Writes `files` (name → bytes) next to `folder` as a pending set.
    ///
    /// - Parameter note: kept with the set (as the file `.note`, never put in place) for `recover`'s
    ///   decision, e.g. which database run or folder the files belong to.
    /// - Throws: an `NSError` naming the file or folder (`PathError`) when the folder is not writable
    ///   or the disk is full.
    public static func stage(_ files: [(name: String, bytes: [UInt8], permissions: Int)], in folder: URL, tag: String,
                             note: String? = nil) throws -> AtomicFileSet {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let building = folder.appendingPathComponent(AtomicFile.temporaryPrefix + "set-\(tag)-\(getpid())")
        try? FileManager.default.removeItem(at: building)
        try FileManager.default.createDirectory(at: building, withIntermediateDirectories: false)
        for file in files {
            try AtomicFile.write(file.bytes, to: building.appendingPathComponent(file.name), permissions: file.permissions)
        }
        if let note { try AtomicFile.write(note, to: building.appendingPathComponent(noteName)) }
        let pending = folder.appendingPathComponent(".enlace-pending-\(tag)-\(getpid())")
        try? FileManager.default.removeItem(at: pending)
        guard rename(building.path, pending.path) == 0 else { throw PathError.posix(errno, at: folder.path) }
        AtomicFile.syncFolder(folder)
        return AtomicFileSet(folder: folder, pending: pending, tag: tag)
    }

    /// Puts the staged files in place (call after the decision is durable).
    /// - Throws: an `NSError` naming the folder (`PathError`) when a rename fails; the next start's
    ///   `recover` finishes the job.
    public func commit() throws {
        let committed = folder.appendingPathComponent(".enlace-committed-\(tag)-\(getpid())")
        guard rename(pending.path, committed.path) == 0 else { throw PathError.posix(errno, at: folder.path) }
        AtomicFile.syncFolder(folder)
        try Self.rollForward(committed, into: folder)
    }

    /// Drops the staged files (the decision went the other way).
    public func discard() {
        try? FileManager.default.removeItem(at: pending)
    }

    /// Finishes or undoes the sets that killed processes left in `folder`.
    ///
    /// - Parameter decided: for a pending set of `tag`, its files by name (with the note under
    ///   `noteName`); true when the change was committed (roll forward), false to drop it.
    public static func recover(in folder: URL, decided: (_ tag: String, _ files: [String: [UInt8]]) -> Bool) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        for name in names where !AtomicFile.isLive(name) {
            let url = folder.appendingPathComponent(name)
            if name.hasPrefix(".enlace-committed-") {
                try? rollForward(url, into: folder)
            } else if name.hasPrefix(".enlace-pending-") {
                let tag = String(name.dropFirst(".enlace-pending-".count).prefix { $0 != "-" })
                let files = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).reduce(into: [String: [UInt8]]()) {
                    $0[$1] = FileManager.default.contents(atPath: url.appendingPathComponent($1).path).map(Array.init)
                }
                if decided(tag, files) { try? rollForward(url, into: folder) } else { try? FileManager.default.removeItem(at: url) }
            }
        }
        AtomicFile.removeLeftovers(in: folder)
    }

    private static func rollForward(_ set: URL, into folder: URL) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: set.path).sorted() where name != noteName {
            guard rename(set.appendingPathComponent(name).path, folder.appendingPathComponent(name).path) == 0 else {
                throw PathError.posix(errno, at: folder.appendingPathComponent(name).path)
            }
        }
        AtomicFile.syncFolder(folder)
        try FileManager.default.removeItem(at: set)
    }
}
