import EnlaceFeeds
import Foundation
import Hummingbird

/// Serves the files of `calendars/feeds/` as `enlace feeds` left them, picking up regenerated and
/// revoked feeds without a restart.
///
/// `enlace feeds` publishes by replacing the whole folder at once (and `enlace feeds revoke`
/// deletes a file), which changes the folder's inode or modification time; the token index is
/// rebuilt when either changes. A feed's bytes are kept in memory with the file's inode, size and
/// modification time, and read again when any of them changes: a request costs two `stat` calls
/// and no file read. The memory this takes is the size of the feeds folder; `preload()` fills it
/// ahead of the first requests. The lock is held for the index lookup only: files are read and
/// their ETags computed outside it, so both event loops keep answering while one reads.
public final class FolderFeedSource: FeedSource, @unchecked Sendable {
    /// The feeds folder (`DIR/calendars/feeds`).
    public let folder: URL
    private let folderPath: String
    // Guards everything below.
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
        refreshIndex()
        guard let position = index.find(token) else {
            lock.unlock()
            return nil
        }
        let (path, cached) = (paths[position], cache[position])
        lock.unlock()
        guard let stamp = FileStamp(path: path), stamp.isRegularFile else { return nil }
        if let cached, cached.stamp == stamp { return cached.file }
        return load(position: position, path: path)
    }

    /// Reads every feed not yet in memory, so that the first request for each does not wait for
    /// its file. Requests are answered meanwhile.
    public func preload() {
        lock.lock()
        refreshIndex()
        let missing = paths.indices.filter { cache[$0] == nil }.map { ($0, paths[$0]) }
        lock.unlock()
        for (position, path) in missing { _ = load(position: position, path: path) }
    }

    /// How many feeds are in memory (for tests).
    var cachedCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return cache.lazy.filter { $0 != nil }.count
    }

    /// Reads the file at `position` of the index and keeps it, unless the index changed meanwhile.
    private func load(position: Int, path: String) -> FeedFile? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        // The stamp and the bytes come from the same open file: a feed replaced meanwhile is
        // either wholly the old one or wholly the new one.
        let stamp = FileStamp(info)
        guard stamp.isRegularFile, let body = Self.read(descriptor, size: stamp.size) else { return nil }
        let file = FeedFile(body: body, lastModified: stamp.date)
        lock.lock()
        if position < paths.count && paths[position] == path { cache[position] = (stamp, file) }
        lock.unlock()
        return file
    }

    /// The file's `size` bytes; nil when it holds a different number (it is never written in
    /// place, so this means a broken file system rather than a race).
    private static func read(_ descriptor: Int32, size: Int) -> ByteBuffer? {
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        var total = 0
        while total < size {
            let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: size - total) { space in
                let count = Glibc.read(descriptor, space.baseAddress, size - total)
                return max(count, 0)
            }
            if count == 0 { break }
            total += count
        }
        return total == size ? buffer : nil
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
        self.init(info)
    }

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        isRegularFile = (info.st_mode & S_IFMT) == S_IFREG
    }

    var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}
