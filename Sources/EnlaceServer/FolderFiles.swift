import EnlaceFeeds
import Foundation
import NIOCore

/// The files of one published folder (`calendars/feeds/*.ics`, `calendars/join/*.html`) as the
/// commands that write it left them, picking up new, changed and removed files without a restart.
///
/// Publishing replaces the whole folder at once, or files in it by renaming (and a revocation
/// deletes a file), which changes the folder's inode or modification time; the token index is
/// rebuilt when either changes. Each file is described once (`PublishedFile`: tags, lengths, gzip
/// bytes) with its inode, size and modification time, and described again when any of them
/// changes.
///
/// Checking a file's stamp costs a `stat` (a walk of its path), which the server avoids: the
/// folder is checked at most every `folderCheckInterval` (100 ms in the server), and a file whose
/// stamp was checked since the folder last changed is trusted without another `stat`. So a
/// publication or a revocation is noticed within that interval (at once for a token not yet in
/// the index), and a file edited in place, which leaves its folder unchanged (Enlace never does
/// that), within `recheckInterval` (60 s). A folder modified less than two seconds before it was
/// checked is not trusted (its modification time has the file system's coarse resolution, so a
/// second change in the same tick would go unseen); while it is that young, every request checks
/// its file. With an interval of zero (the tests' default) every request checks the folder.
///
/// Bodies are kept in memory while the shared `ByteBudget` allows, gzip first (it serves
/// most calendar clients at about a tenth of the size); a body not kept is read from disk per
/// request. A background pass describes every file ahead of the requests, at start and after each
/// change of the folder. The lock is held for index lookups only: files are read and compressed
/// outside it, so every event loop keeps answering while one reads.
public final class FolderFiles: PublishedFiles, @unchecked Sendable {
    /// The folder.
    public let folder: URL
    /// The file name after the token (`.ics`, `.html`).
    public let suffix: String
    private let folderPath: String
    private let budget: ByteBudget
    private let loadsInBackground: Bool
    private let onLoaded: (@Sendable (LoadReport) -> Void)?
    private let loader = DispatchQueue(label: "enlace.serve.loader", qos: .utility)
    // Guards everything below.
    private let lock = NSLock()
    private var folderStamp: FileStamp?
    private var index = TokenIndex([])
    private var paths: [String] = []
    private var files: [PublishedFile?] = []
    private var loadPending = false
    private var nextFolderCheck = ContinuousClock.now
    private let folderCheckInterval: Duration
    private let recheckInterval: Duration
    /// Counts the folder's changes (and every `recheckInterval`); a file checked in the current
    /// epoch of a settled folder is trusted.
    private var epoch = 0
    private var nextEpoch = ContinuousClock.now
    private var folderSettled = false
    /// The epoch in which each file's stamp was last checked (-1: not yet).
    private var checked: [Int] = []

    /// What a pass over the folder did.
    public struct LoadReport: Sendable {
        /// Files in the folder.
        public var files: Int
        /// Files read and described by this pass (new or changed ones).
        public var described: Int
        /// Bytes of bodies the shared budget holds after it.
        public var keptBytes: Int
        /// How long the pass took.
        public var seconds: Double
    }

    /// - Parameters:
    ///   - loadsInBackground: whether a change of the folder starts a background pass over its
    ///     files (the server's choice; tests call `preload()` themselves).
    ///   - folderCheckInterval: how often the folder is checked for changes (see above).
    ///   - recheckInterval: how long a checked file is trusted while its folder does not change.
    ///   - onLoaded: told after each background pass that described something.
    public init(folder: URL, suffix: String, budget: ByteBudget, loadsInBackground: Bool = true,
                folderCheckInterval: Duration = .zero, recheckInterval: Duration = .seconds(60),
                onLoaded: (@Sendable (LoadReport) -> Void)? = nil) {
        self.folderCheckInterval = folderCheckInterval
        self.recheckInterval = recheckInterval
        self.folder = folder
        self.folderPath = folder.path
        self.suffix = suffix
        self.budget = budget
        self.loadsInBackground = loadsInBackground
        self.onLoaded = onLoaded
    }

    public func file(token: Substring) -> PublishedFile? {
        guard let found = lookUp(token) else { return nil }
        if found.trusted, let known = found.file { return known }
        guard let stamp = FileStamp(path: found.path), stamp.isRegularFile else { return nil }
        if let known = found.file, known.stamp == stamp {
            markChecked(found.position, found.path, epoch: found.epoch)
            return known
        }
        let loaded = load(position: found.position, path: found.path, keepIdentity: true)?.file
        if loaded != nil { markChecked(found.position, found.path, epoch: found.epoch) }
        return loaded
    }

    public func body(of file: PublishedFile, token: Substring, coding: ContentCoding) -> (file: PublishedFile, body: [UInt8])? {
        if let body = file.body(coding) { return (file, body) }
        guard let found = lookUp(token), let read = Self.read(found.path) else { return nil }
        if read.stamp == file.stamp {
            return (file, coding == .gzip ? PublishedFile.gzip(read.bytes) : read.bytes)
        }
        let loaded = describe(read, keepIdentity: true)
        store(loaded.file, position: found.position, path: found.path)
        return (loaded.file, coding == .gzip ? loaded.gzip : read.bytes)
    }

    /// Describes every file not yet described (or changed), keeping gzip bodies while the budget
    /// allows; then keeps plain bodies with what the budget has left. Requests are answered
    /// meanwhile.
    @discardableResult
    public func preload() -> LoadReport {
        let started = ContinuousClock.now
        lock.lock()
        refreshIndex()
        let work = Array(zip(paths.indices, paths))
        lock.unlock()
        var described = 0
        for (position, path) in work {
            guard let stamp = FileStamp(path: path), stamp.isRegularFile, cached(position, path)?.stamp != stamp else { continue }
            if load(position: position, path: path, keepIdentity: false) != nil { described += 1 }
        }
        for (position, path) in work {
            guard let known = cached(position, path), known.identityBody == nil, budget.fits(known.stamp.size),
                  let read = Self.read(path), read.stamp == known.stamp, budget.reserve(read.bytes.count) else { continue }
            if !attach(read.bytes, to: known, position: position, path: path) { budget.release(read.bytes.count) }
        }
        let elapsed = started.duration(to: .now)
        return LoadReport(files: work.count, described: described, keptBytes: budget.usedBytes,
                          seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// How many files are described, and how many bodies are kept (for tests).
    var counts: (described: Int, identityBodies: Int, gzipBodies: Int) {
        lock.lock()
        defer { lock.unlock() }
        let described = files.compactMap { $0 }
        return (described.count, described.filter { $0.identityBody != nil }.count, described.filter { $0.gzipBody != nil }.count)
    }

    // MARK: - Index

    /// What the index holds for a token: its place, path and description, the epoch of the
    /// lookup, and whether the description can be trusted without checking the file.
    private struct Found {
        let position: Int
        let path: String
        let file: PublishedFile?
        let epoch: Int
        let trusted: Bool
    }

    /// The token's entry; the folder is checked first when `folderCheckInterval` has passed, and
    /// when the token is not in the index.
    private func lookUp(_ token: Substring) -> Found? {
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        var refreshed = false
        if now >= nextFolderCheck {
            refreshIndex()
            (nextFolderCheck, refreshed) = (now.advanced(by: folderCheckInterval), true)
        }
        if now >= nextEpoch { (epoch, nextEpoch) = (epoch + 1, now.advanced(by: recheckInterval)) }
        var position = index.find(token)
        if position == nil && !refreshed {
            refreshIndex()
            position = index.find(token)
        }
        guard let position else { return nil }
        return Found(position: position, path: paths[position], file: files[position], epoch: epoch,
                     trusted: folderSettled && checked[position] == epoch)
    }

    /// Records that the file at `position` was found current in `epoch`.
    private func markChecked(_ position: Int, _ path: String, epoch: Int) {
        lock.lock()
        if position < paths.count && paths[position] == path { checked[position] = epoch }
        lock.unlock()
    }

    private func cached(_ position: Int, _ path: String) -> PublishedFile? {
        lock.lock()
        defer { lock.unlock() }
        return position < paths.count && paths[position] == path ? files[position] : nil
    }

    /// Rebuilds the index when the folder changed (the lock is held).
    private func refreshIndex() {
        let stamp = FileStamp(path: folderPath)
        folderSettled = stamp.map { time(nil) - $0.seconds >= 2 } ?? false
        if stamp == folderStamp { return }
        folderStamp = stamp
        epoch += 1
        let names = stamp == nil ? [] : (try? FileManager.default.contentsOfDirectory(atPath: folderPath)) ?? []
        let tokens = names.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.filter { FeedToken.isWellFormed($0) }.sorted()
        // Keep what is described for tokens still there (the stamps decide whether it is current).
        var kept: [String: PublishedFile] = [:]
        for (position, token) in index.tokens.enumerated() {
            guard let file = files[position] else { continue }
            kept[token] = file
        }
        index = TokenIndex(tokens)
        paths = tokens.map { folderPath + "/" + $0 + suffix }
        files = tokens.map { kept.removeValue(forKey: $0) }
        checked = Array(repeating: -1, count: tokens.count)
        for gone in kept.values { budget.release(gone.keptBytes) }
        if loadsInBackground && !tokens.isEmpty && !loadPending {
            loadPending = true
            loader.async { [self] in
                lock.lock()
                loadPending = false
                lock.unlock()
                let report = preload()
                if report.described > 0 { onLoaded?(report) }
            }
        }
    }

    // MARK: - Reading

    /// Reads, describes and stores the file at `position` of the index.
    private func load(position: Int, path: String, keepIdentity: Bool) -> (file: PublishedFile, gzip: [UInt8])? {
        guard let read = Self.read(path) else { return nil }
        let loaded = describe(read, keepIdentity: keepIdentity)
        store(loaded.file, position: position, path: path)
        return loaded
    }

    /// The description of `read`, with the bodies the budget takes (gzip first).
    private func describe(_ read: (stamp: FileStamp, bytes: [UInt8]), keepIdentity: Bool) -> (file: PublishedFile, gzip: [UInt8]) {
        let gzip = PublishedFile.gzip(read.bytes)
        let keepGzip = budget.reserve(gzip.count)
        let keepPlain = keepIdentity && budget.reserve(read.bytes.count)
        return (PublishedFile(bytes: read.bytes, gzip: gzip, stamp: read.stamp, keep: (keepPlain, keepGzip)), gzip)
    }

    /// Puts `file` at `position` unless the index changed meanwhile, and gives back the budget of
    /// the description it replaces (or of `file`, when it is not kept).
    private func store(_ file: PublishedFile, position: Int, path: String) {
        lock.lock()
        let current = position < paths.count && paths[position] == path
        let dropped = current ? files[position] : nil
        if current { files[position] = file }
        lock.unlock()
        budget.release(current ? dropped?.keptBytes ?? 0 : file.keptBytes)
    }

    /// Adds the plain body `bytes` (reserved by the caller) to `known`, still at `position`;
    /// false when another description took its place meanwhile.
    private func attach(_ bytes: [UInt8], to known: PublishedFile, position: Int, path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard position < paths.count, paths[position] == path, let now = files[position],
              now.stamp == known.stamp, now.identityBody == nil, now.keptBytes == known.keptBytes else { return false }
        files[position] = known.keeping(identity: bytes, gzip: known.gzipBody)
        return true
    }

    /// The file's stamp and bytes, both from one open file: a file replaced meanwhile is either
    /// wholly the old one or wholly the new one. Nil when it is gone or not a regular file.
    static func read(_ path: String) -> (stamp: FileStamp, bytes: [UInt8])? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let stamp = FileStamp(info)
        guard stamp.isRegularFile, let bytes = read(descriptor, size: stamp.size) else { return nil }
        return (stamp, bytes)
    }

    /// The file's `size` bytes; nil when it holds a different number (files are never written in
    /// place, so this means a broken file system rather than a race).
    private static func read(_ descriptor: Int32, size: Int) -> [UInt8]? {
        var total = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { space, count in
            while total < size {
                let got = Glibc.read(descriptor, space.baseAddress! + total, size - total)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { break }
                total += got
            }
            count = total
        }
        return total == size ? bytes : nil
    }
}
