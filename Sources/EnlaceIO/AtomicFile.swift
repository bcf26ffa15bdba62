import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader (or a crash) never sees half of one: the bytes go to a temporary
/// file in the same folder, which is flushed to disk and renamed over the target; then the folder
/// itself is flushed so the rename survives a power cut.
public enum AtomicFile {
    /// Prefix of temporary files; leftovers from a killed process are removed by `removeLeftovers`.
    public static let temporaryPrefix = ".enlace-tmp-"

    /// Replaces `url` with `bytes`, creating parent folders as needed.
    ///
    /// - Parameter permissions: POSIX mode of the new file (0o600 for files with contact details).
    /// - Throws: `CocoaError`, or an `NSError` naming `url` (`PathError`), when the folder is not
    ///   writable or the disk is full.
    public static func write(_ bytes: some Collection<UInt8>, to url: URL, permissions: Int = 0o644) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(temporaryPrefix + url.lastPathComponent + "-\(getpid())")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode_t(permissions))
        guard fd >= 0 else { throw PathError.posix(errno, at: url.path) }
        var failure: Int32 = 0
        let array = Array(bytes)
        array.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0 && rename(temporary.path, url.path) != 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary.path)
            throw PathError.posix(failure, at: url.path)
        }
        syncFolder(folder)
    }

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to url: URL, permissions: Int = 0o644) throws {
        try write(Array(text.utf8), to: url, permissions: permissions)
    }

    /// Whether `url` already holds exactly `bytes` (so rewriting it can be skipped and web servers
    /// keep their ETags).
    public static func holds(_ bytes: [UInt8], at url: URL) -> Bool {
        guard let data = FileManager.default.contents(atPath: url.path) else { return false }
        return data.count == bytes.count && data.elementsEqual(bytes)
    }

    /// Deletes what a killed process left in `folder`: temporary files and folders
    /// (`.enlace-tmp-…-PID`) whose process is gone. Those of a live process are left alone, so a
    /// command starting while another writes does not pull files from under it.
    public static func removeLeftovers(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasPrefix(temporaryPrefix) && !isLive(name) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Whether the process whose id ends `name` (`…-PID`) is still running.
    static func isLive(_ name: String) -> Bool {
        guard let dash = name.lastIndex(of: "-"), let pid = pid_t(name[name.index(after: dash)...]), pid > 0 else { return false }
        if pid == getpid() { return true }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// Flushes `folder`'s entries (a rename or a new file in it) to disk.
    public static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
