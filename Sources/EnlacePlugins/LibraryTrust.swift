import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Which plugin libraries may run.
///
/// A program folder is data that coordinators copy, mail and share; a shared library runs code the
/// moment it is loaded (its constructors run inside `dlopen`, before any API check). So Enlace
/// loads a library only when `enlace.toml` pins it, `[plugins.NAME] library = "…"` with
/// `sha256 = "…"`, and only from a file that no one but its owner (this user, or root) may
/// change. The file is opened once: its owner and mode are checked on the open descriptor, the
/// hash is computed from it, and `dlopen` loads that same descriptor (`/proc/self/fd/N`), so the
/// file cannot be swapped between the check and the load.
public enum LibraryTrust {
    /// A library file opened and verified, ready for `dlopen(path)`; `close()` it only if it was
    /// not loaded (a loaded library keeps its descriptor, and so its path, to itself).
    struct Verified {
        /// `/proc/self/fd/N`: the verified file, whatever its path names by now.
        let path: String
        let descriptor: Int32

        func close() { _ = Glibc.close(descriptor) }
    }

    /// The SHA-256 of `bytes`, as 64 lowercase hexadecimal digits (as `sha256sum` prints it).
    public static func sha256(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The SHA-256 of the file at `path` (for `enlace plugins`, which shows what to pin); nil when
    /// it cannot be read.
    public static func sha256(ofFileAt path: String) -> String? {
        FileManager.default.contents(atPath: path).map { sha256($0) }
    }

    /// Whether `text` is a SHA-256 as `enlace.toml` writes it (64 hexadecimal digits).
    public static func isWellFormedHash(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
    }

    /// Opens `path` for loading as plugin `name`: a regular file, owned by this user or root,
    /// writable by no one else, whose SHA-256 is `expected`.
    static func open(_ path: String, plugin name: String, expected: String) throws(PluginLoadError) -> Verified {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw errno == ENOENT ? .missingLibrary(path) : .cannotOpen(path, String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = Glibc.close(descriptor)
            throw .cannotOpen(path, reason)
        }
        if let problem = unsafety(info) {
            _ = Glibc.close(descriptor)
            throw .unsafeLibrary(path, problem)
        }
        guard let bytes = readAll(descriptor, size: Int(info.st_size)) else {
            _ = Glibc.close(descriptor)
            throw .cannotOpen(path, "it could not be read")
        }
        let found = sha256(bytes)
        guard found == expected.lowercased() else {
            _ = Glibc.close(descriptor)
            throw .hashMismatch(name, path, expected: expected.lowercased(), found: found)
        }
        return Verified(path: "/proc/self/fd/\(descriptor)", descriptor: descriptor)
    }

    /// Why a file with `info` must not run, or nil when it may.
    static func unsafety(_ info: stat) -> String? {
        guard info.st_mode & S_IFMT == S_IFREG else { return "it is not a regular file" }
        if info.st_mode & 0o022 != 0 {
            return "others than its owner may change it (mode \(String(info.st_mode & 0o777, radix: 8)))"
        }
        if info.st_uid != geteuid() && info.st_uid != 0 {
            return "it belongs to another user (uid \(info.st_uid))"
        }
        return nil
    }

    private static func readAll(_ descriptor: Int32, size: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: size)
        var total = 0
        while total < size {
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + total, size - total, off_t(total)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            total += count
        }
        return bytes
    }
}
