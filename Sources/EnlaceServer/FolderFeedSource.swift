import EnlaceFeeds
import Foundation

/// Serves the files of `calendars/feeds/` as `enlace feeds` left them, picking up regenerated and
/// revoked feeds without a restart.
///
/// `enlace feeds` publishes by replacing the whole folder at once (and `enlace feeds revoke`
/// deletes a file), which changes the folder's inode or modification time; the token index is
/// rebuilt when either changes. A feed's bytes are kept in memory with the file's inode, size and
/// modification time, and re-read when any of them changes: a request costs two `stat` calls and
/// no file read.
public final class FolderFeedSource: FeedSource, @unchecked Sendable {
    /// The feeds folder (`DIR/calendars/feeds`).
    public let folder: URL
    private let folderPath: String
    // Guards everything below; a request holds it for two stats and a lookup.
    private let lock = NSLock()
    private var folderStamp: FileStamp?
    private var index = TokenIndex([])
    private var paths: [String] = []
    private var cache: [(stamp: FileStamp, file: FeedFile)?] = []

    public init(folder: URL) {
        self.folder = folder
        self.folderPath = folder.path
    }

    public func feed(token: Substring) -> FeedFile? {
        lock.lock()
        defer { lock.unlock() }
        refreshIndex()
        guard let position = index.find(token) else { return nil }
        let path = paths[position]
        guard let stamp = FileStamp(path: path), stamp.isRegularFile else { return nil }
        if let cached = cache[position], cached.stamp == stamp { return cached.file }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let file = FeedFile(bytes: Array(data), lastModified: stamp.date)
        cache[position] = (stamp, file)
        return file
    }

    private func refreshIndex() {
        guard let stamp = FileStamp(path: folderPath) else {
            (folderStamp, index, paths, cache) = (nil, TokenIndex([]), [], [])
            return
        }
        if stamp == folderStamp { return }
        folderStamp = stamp
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folderPath)) ?? []
        let tokens = names.filter { $0.hasSuffix(".ics") }.map { String($0.dropLast(4)) }.filter { FeedToken.isWellFormed($0) }.sorted()
        // Keep what is cached for tokens that are still there (the stamps decide if it is current).
        var kept: [String: (stamp: FileStamp, file: FeedFile)] = [:]
        for (position, token) in index.tokens.enumerated() {
            if let cached = cache[position] { kept[String(decoding: token, as: UTF8.self)] = cached }
        }
        index = TokenIndex(tokens)
        paths = tokens.map { folderPath + "/" + $0 + ".ics" }
        cache = tokens.map { kept[$0] }
    }
}

/// A file's identity, size and modification time: when any changes, the bytes are read again.
struct FileStamp: Equatable {
    let device: UInt64
    let inode: UInt64
    let size: Int
    let seconds: Int
    let nanoseconds: Int
    let isRegularFile: Bool

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
    }

    var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}
