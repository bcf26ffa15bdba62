import EnlaceCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads an input file without trusting what the path names.
///
/// `FileManager.contents(atPath:)` opens whatever is there and reads it to the end: a named pipe
/// blocks forever (`check-calendar` on a FIFO hung), a device such as `/dev/zero` never ends, and
/// a 10 GB file is read whole before any size check. Here the path is `stat`ed first and only a
/// regular file is opened, with `O_NONBLOCK` so that a pipe swapped in after the check cannot block
/// the open either; the opened file is checked again (`fstat`), and at most `limit + 1` bytes are
/// read, so the caller's own size check sees that the file is too large.
public enum InputFile {
    /// The bytes of the file at `path`, at most `limit + 1` of them.
    ///
    /// - Parameter file: the name used in messages (relative to the program folder where possible).
    /// - Throws: `InputError` when the path is missing, is not a regular file, or cannot be read.
    public static func read(path: String, file: String, limit: Int) throws(InputError) -> [UInt8] {
        var status = stat()
        guard stat(path, &status) == 0 else { throw FileProblem.reading(errno: errno, file: file) }
        try requireRegular(status, file: file)
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw FileProblem.reading(errno: errno, file: file) }
        defer { close(fd) }
        guard fstat(fd, &status) == 0 else { throw FileProblem.reading(errno: errno, file: file) }
        try requireRegular(status, file: file)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(max(Int(status.st_size), 0), limit) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= limit {
            let wanted = min(chunk.count, limit + 1 - bytes.count)
            let got = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, wanted) }
            if got < 0 {
                if errno == EINTR { continue }
                throw FileProblem.reading(errno: errno, file: file)
            }
            if got == 0 { break }
            bytes.append(contentsOf: chunk[0..<got])
        }
        return bytes
    }

    private static func requireRegular(_ status: stat, file: String) throws(InputError) {
        let kind = status.st_mode & S_IFMT
        guard kind != S_IFREG else { return }
        let what: String
        switch kind {
        case S_IFDIR: what = "a folder"
        case S_IFIFO: what = "a named pipe (FIFO)"
        case S_IFCHR, S_IFBLK: what = "a device"
        case S_IFSOCK: what = "a socket"
        default: what = "not an ordinary file"
        }
        throw InputError(file: file, problem: "is \(what), not a file; Enlace reads only ordinary files, so it does not wait on it.",
                         fix: "put the file itself at this path (copy it out of the pipe or device first).")
    }
}

/// File-system failures as messages a coordinator can act on, instead of `NSError` or `errno` text.
///
/// `enlace` calls these where a file of the program folder is read or written; other places that
/// write (outputs, feeds) can map their errors the same way with `FileProblem.message(for:path:writing:)`.
public enum FileProblem {
    /// The `InputError` for a failed read of `file` with `errno`.
    public static func reading(errno code: Int32, file: String) -> InputError {
        describe(code, file: file, writing: false) ?? InputError(
            file: file, problem: "cannot be read (\(String(cString: strerror(code)))).", fix: "check that it is an ordinary file you may read.")
    }

    /// The message for an error thrown while reading or writing `path`, e.g. by `AtomicFile` or
    /// `FileManager`: read-only folders, missing permissions and full disks get their own fix.
    public static func message(for error: any Error, path: String, writing: Bool) -> InputError {
        if let code = errno(of: error), let known = describe(code, file: path, writing: writing) { return known }
        return InputError(file: path, problem: "cannot be \(writing ? "written" : "read") (\(error.localizedDescription)).",
                          fix: writing ? "check that the folder exists and that you may write in it." : "check that the file exists and that you may read it.")
    }

    /// The `errno` behind a POSIX, Cocoa or Foundation error, when there is one.
    public static func errno(of error: any Error) -> Int32? {
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        // On Linux the underlying error may be a Swift error, not an NSError: cast to `any Error`.
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? any Error, let code = errno(of: underlying) { return code }
        guard ns.domain == NSCocoaErrorDomain else { return nil }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileWriteNoPermission, .fileReadNoPermission: return EACCES
        case .fileWriteVolumeReadOnly: return EROFS
        case .fileWriteOutOfSpace: return ENOSPC
        case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
        case .fileWriteFileExists: return EEXIST
        default: return nil
        }
    }

    private static func describe(_ code: Int32, file: String, writing: Bool) -> InputError? {
        switch code {
        case ENOENT:
            return InputError(file: file, problem: writing ? "cannot be created: its folder does not exist." : "does not exist.",
                              fix: writing ? "check the folder's path." : "check the file's path and name.")
        case EACCES, EPERM:
            return InputError(file: file, problem: "cannot be \(writing ? "written" : "read"): permission denied.",
                              fix: "run Enlace as a user who may \(writing ? "write in" : "read") the program folder, or change its permissions (e.g. chmod u+rw).")
        case EROFS:
            return InputError(file: file, problem: "cannot be written: it is on a read-only disk or share.",
                              fix: "copy the program folder to a place you can write (e.g. your home folder) and run Enlace there.")
        case ENOSPC, EDQUOT:
            return InputError(file: file, problem: "cannot be written: the disk is full (or your quota is used up).",
                              fix: "free some space on that disk, then run the command again.")
        case EISDIR:
            return InputError(file: file, problem: "is a folder, not a file.", fix: "remove or rename the folder so the file can take its place.")
        case EEXIST, ENOTDIR:
            return InputError(file: file, problem: "cannot be created as a folder: a file of that name is in the way.",
                              fix: "move or rename that file, so Enlace can make the folder.")
        case EIO:
            return InputError(file: file, problem: "cannot be \(writing ? "written" : "read"): the disk reported an input/output error.",
                              fix: "check the disk (or the network share) and copy the program folder to a healthy disk.")
        default:
            return nil
        }
    }
}
