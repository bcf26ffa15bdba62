import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who may list and read a published folder (`calendars/feeds`, `calendars/join`).
///
/// A file's name is its family's secret link, so the folder must not be listable by other local
/// users; a web server running as another user must still read a file it is asked for by name.
/// The standard modes do both: the folder 0711 (others may pass through it, not list it) and the
/// files 0644. A district whose web server reads the files through a group sets e.g. folder 0710
/// and files 0640 (with the group set on the folder); docs/FEEDS.md shows the nginx case.
public struct PublishedFolderModes: Sendable, Equatable {
    /// The folder's permission bits.
    public var folder: mode_t
    /// Each file's permission bits.
    public var file: mode_t

    /// Folder 0711, files 0644.
    public static let standard = PublishedFolderModes(folder: 0o711, file: 0o644)

    /// Modes as numbers (e.g. `0o711`, `0o644`), taken as they are.
    public init(folder: mode_t, file: mode_t) {
        self.folder = folder
        self.file = file
    }

    /// Modes written in octal (`"0711"`, `"711"`); nil when either is not a mode of at most
    /// 0777, or when the owner could not read and write the files or enter the folder (the
    /// commands that publish would then fail on their own folder).
    public init?(folder: String, file: String) {
        guard let folderMode = Self.parse(folder), let fileMode = Self.parse(file),
              folderMode & 0o700 == 0o700, fileMode & 0o600 == 0o600 else { return nil }
        self.init(folder: folderMode, file: fileMode)
    }

    private static func parse(_ text: String) -> mode_t? {
        guard !text.isEmpty, text.count <= 4, let value = mode_t(text, radix: 8), value <= 0o777 else { return nil }
        return value
    }

    /// Sets the modes on `folder` and on the regular files directly in it (the process's umask
    /// plays no part). Symbolic links are left alone, never followed. Call it on a staging folder
    /// before it is published, so no one ever sees the folder with other modes.
    /// - Throws: an `NSError` naming `folder` (`PathError`) when it cannot be read or a mode cannot
    ///   be set.
    public func apply(to folder: URL) throws {
        let path = folder.path
        guard chmod(path, self.folder) == 0 else { throw PathError.posix(errno, at: path) }
        guard let directory = opendir(path) else { throw PathError.posix(errno, at: path) }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { throw PathError.posix(errno, at: path) }
            guard info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o7777 != self.file else { continue }
            guard fchmodat(descriptor, name, self.file, 0) == 0 else { throw PathError.posix(errno, at: path) }
        }
    }
}
