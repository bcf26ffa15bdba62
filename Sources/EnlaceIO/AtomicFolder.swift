import CSystemCalls
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Replaces a whole folder in one step, so readers (a web server, `enlace serve`) and a crash see
/// either every old file or every new one, never a mix.
///
/// The new contents are built in a staging folder next to the target (`.enlace-tmp-NAME-PID`,
/// removed by `AtomicFile.removeLeftovers` if the process dies), flushed with one `syncfs`, and
/// swapped with the target by `renameat2(RENAME_EXCHANGE)`. Where the file system cannot exchange,
/// the old folder is renamed away first: a reader may then briefly find no folder, but never a
/// mix, and a crash in between is repaired by `recover`.
public struct AtomicFolder: Sendable {
    /// The folder being replaced.
    public let target: URL
    /// Where the new contents go until `commit`.
    public let staging: URL
    /// `target.path` and `staging.path` with a final `/`, for joining file names cheaply (URL
    /// joins cost more than the writes at tens of thousands of files).
    private let targetPrefix: String
    private let stagingPrefix: String

    /// Starts replacing `target`: removes leftovers of killed runs and creates an empty staging
    /// folder next to it. When `target` is a symbolic link (e.g. `calendars/feeds` pointing into
    /// a web server's root), the folder it names is replaced and the link stays.
    /// - Throws: an `NSError` (`PathError`) naming the staging folder, which `WorkflowError` words
    ///   as its parent, when the parent folder is not writable; naming the link when it points
    ///   nowhere.
    public init(replacing link: URL) throws {
        let target = try Self.throughLink(link)
        let parent = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        Self.recover(target)
        AtomicFile.removeLeftovers(in: parent)
        self.target = target
        self.staging = parent.appendingPathComponent(AtomicFile.temporaryPrefix + target.lastPathComponent + "-\(getpid())")
        targetPrefix = target.path + "/"
        stagingPrefix = staging.path + "/"
        try? FileManager.default.removeItem(at: staging)
        guard mkdir(staging.path, 0o755) == 0 else { throw PathError.posix(errno, at: staging.path) }
    }

    /// Writes a new file into the staging folder (flushed at `commit`).
    /// - Throws: an `NSError` (`PathError`) naming the target folder, never the file: file names
    ///   are secret links, and messages go to stderr.
    public func write(_ bytes: [UInt8], name: String, permissions: Int = 0o644) throws {
        let fd = open(stagingPrefix + name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(permissions))
        guard fd >= 0 else { throw PathError.posix(errno, at: target.path) }
        defer { close(fd) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw PathError.posix(errno, at: target.path)
                }
                offset += written
            }
        }
    }

    /// Carries `name` over from the current folder unchanged (a hard link: same bytes, inode and
    /// modification time, so web servers keep their ETags). Returns false when it cannot.
    public func keep(name: String) -> Bool {
        link(targetPrefix + name, stagingPrefix + name) == 0
    }

    /// Carries `name` over (as `keep` does) when the current folder's file holds exactly `bytes`;
    /// returns false, and carries nothing over, when it holds anything else or cannot be read.
    /// `scratch` is where the old file is read, reused from call to call.
    public func keepIfUnchanged(_ bytes: [UInt8], name: String, scratch: inout [UInt8]) -> Bool {
        Self.file(targetPrefix + name, holds: bytes, scratch: &scratch) && keep(name: name)
    }

    /// Whether the file at `path` holds exactly `bytes`.
    static func file(_ path: String, holds bytes: [UInt8], scratch: inout [UInt8]) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, Int(info.st_size) == bytes.count else { return false }
        // One byte more than expected, to notice a file that grew since fstat.
        if scratch.count < bytes.count + 1 { scratch = [UInt8](repeating: 0, count: max(bytes.count + 1, scratch.count * 2)) }
        let total = scratch.withUnsafeMutableBytes { buffer -> Int in
            var total = 0
            while total <= bytes.count {
                let count = read(fd, buffer.baseAddress! + total, bytes.count + 1 - total)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return count < 0 ? -1 : total }
                total += count
            }
            return total
        }
        guard total == bytes.count else { return false }
        guard !bytes.isEmpty else { return true }
        return scratch.withUnsafeBytes { old in bytes.withUnsafeBytes { new in memcmp(old.baseAddress!, new.baseAddress!, new.count) == 0 } }
    }

    /// Makes the staging folder the target: flushes the new files, swaps, flushes the parent, and
    /// deletes the old contents.
    /// - Throws: an `NSError` naming the target folder (`PathError`) when the swap fails (the old
    ///   folder is then untouched).
    public func commit() throws {
        let fd = open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            if enlace_sync_file_system(fd) != 0 { fsync(fd) }
            close(fd)
        }
        let parent = target.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: target.path) {
            guard rename(staging.path, target.path) == 0 else { throw PathError.posix(errno, at: target.path) }
        } else if enlace_exchange_paths(staging.path, target.path) != 0 {
            guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else { throw PathError.posix(errno, at: target.path) }
            let aside = Self.aside(target)
            guard rename(target.path, aside.path) == 0 else { throw PathError.posix(errno, at: target.path) }
            guard rename(staging.path, target.path) == 0 else {
                let failure = errno
                rename(aside.path, target.path)
                throw PathError.posix(failure, at: target.path)
            }
            AtomicFile.syncFolder(parent)
            try? FileManager.default.removeItem(at: aside)
            return
        }
        AtomicFile.syncFolder(parent)
        // After an exchange the staging path holds the old contents.
        try? FileManager.default.removeItem(at: staging)
    }

    /// Gives up: removes the staging folder; the target is untouched.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// The folder `url` names: itself, or where it leads when it is a symbolic link (resolved
    /// whole, so a link to a link is followed too). Publishing through the link, rather than
    /// swapping a real folder in its place, keeps a web root that the link leads to current.
    public static func throughLink(_ url: URL) throws -> URL {
        var info = stat()
        guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return url }
        guard let resolved = realpath(url.path, nil) else {
            throw PathError.posix(errno, at: url.path)
        }
        defer { free(resolved) }
        return URL(fileURLWithPath: String(cString: resolved), isDirectory: true)
    }

    /// Puts back a folder that a crash left renamed aside (only on file systems without exchange).
    public static func recover(_ link: URL) {
        let target = (try? throughLink(link)) ?? link
        let aside = aside(target)
        guard FileManager.default.fileExists(atPath: aside.path) else { return }
        if FileManager.default.fileExists(atPath: target.path) {
            try? FileManager.default.removeItem(at: aside)
        } else {
            rename(aside.path, target.path)
        }
    }

    private static func aside(_ target: URL) -> URL {
        target.deletingLastPathComponent().appendingPathComponent(".enlace-old-" + target.lastPathComponent)
    }
}

/// Which file or folder a path names (device and inode): tells a swapped-in folder from the one it
/// replaced.
public struct FileIdentity: Equatable {
    /// `DEVICE:INODE`.
    public let text: String

    /// The identity of what `path` names now; nil when nothing is there.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        text = "\(info.st_dev):\(info.st_ino)"
    }
}
