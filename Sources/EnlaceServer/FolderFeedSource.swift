import EnlaceFeeds
import Foundation

/// Serves the files of `calendars/feeds/` as `enlace feeds` left them, picking up regenerated and
/// revoked feeds without a restart.
///
/// `enlace feeds` replaces files by rename and deletes revoked ones, and both change the folder's
/// modification time; the token index is rebuilt when it changes. A feed's bytes are cached
/// with the file's size and modification time, and re-read when either changes.
public final class FolderFeedSource: FeedSource, @unchecked Sendable {
    /// The feeds folder (`DIR/calendars/feeds`).
    public let folder: URL
    // Guards everything below; requests are short, so one lock is plenty.
    private let lock = NSLock()
    private var folderStamp: timespec?
    private var index = TokenIndex([])
    private var cache: [String: (stamp: FileStamp, file: FeedFile)] = [:]

    public init(folder: URL) {
        self.folder = folder
    }

    public func feed(token: String) -> FeedFile? {
        lock.lock()
        defer { lock.unlock() }
        refreshIndex()
        guard let known = index.find(token) else { return nil }
        let path = folder.appendingPathComponent(known + ".ics").path
        guard let stamp = FileStamp(path: path) else { return nil }
        if let cached = cache[known], cached.stamp == stamp { return cached.file }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let file = FeedFile(bytes: Array(data), lastModified: stamp.date)
        cache[known] = (stamp, file)
        return file
    }

    private func refreshIndex() {
        var info = stat()
        guard stat(folder.path, &info) == 0 else {
            index = TokenIndex([])
            cache = [:]
            folderStamp = nil
            return
        }
        if let stamp = folderStamp, stamp.tv_sec == info.st_mtim.tv_sec, stamp.tv_nsec == info.st_mtim.tv_nsec { return }
        folderStamp = info.st_mtim
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let tokens = names.filter { $0.hasSuffix(".ics") }.map { String($0.dropLast(4)) }.filter { FeedToken.isWellFormed($0) }
        index = TokenIndex(tokens)
        let live = Set(tokens)
        cache = cache.filter { live.contains($0.key) }
    }
}

/// A file's size and modification time: when either changes, the bytes are read again.
struct FileStamp: Equatable {
    let size: Int
    let seconds: Int
    let nanoseconds: Int

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        size = Int(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
    }

    var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}
