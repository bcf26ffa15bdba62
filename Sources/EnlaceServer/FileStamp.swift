import Foundation

/// A file's identity, size and modification time: when any changes, the bytes are read again.
struct FileStamp: Equatable, Sendable {
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

    /// The stamp of bytes that live only in memory (no file behind them).
    init(memory size: Int, date: Date) {
        (device, inode, self.size, isRegularFile) = (0, 0, size, true)
        let seconds = date.timeIntervalSince1970.rounded(.down)
        self.seconds = Int(seconds)
        nanoseconds = Int((date.timeIntervalSince1970 - seconds) * 1e9)
    }

    var date: Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
}
