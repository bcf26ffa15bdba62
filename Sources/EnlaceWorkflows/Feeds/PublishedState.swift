import Crypto
import EnlaceCalendar
import EnlaceFeeds
import EnlaceStore
import EnlaceTranslations
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The digests that tell whether publishing would publish exactly what is published already
/// (`FeedPublicationRecord`), so that `enlace feeds` can leave it as it is.
///
/// A publication is a function of the stored program and latest run, the recordings, the
/// translations, the feed tokens, the feed history, Enlace itself and the clock. The history is
/// covered by the record itself: storing history, purging or forgetting a family deletes the
/// record. The clock, and the moment the run planned from, change nothing once a publication's
/// history is stored (see `FeedPublisher.reuse`). Everything else is digested here.
enum PublishedState {
    /// Digest of the database rows a publication reads besides the history and the tokens.
    /// Computed before the publication reads them: a change after that only makes the record
    /// disagree with the database, which costs one full publication.
    static func databaseDigest(_ store: Store) throws -> String { try rowsDigest(store, tokens: false) }

    /// Digest of the feed tokens (revoked and new links change it).
    static func tokensDigest(_ store: Store) throws -> String { try rowsDigest(store, tokens: true) }

    private static func rowsDigest(_ store: Store, tokens: Bool) throws -> String {
        var hash = SHA256()
        try store.feedInputRows(tokens: tokens) { hash.update(bufferPointer: $0) }
        return hex(hash.finalize())
    }

    /// Everything a publication is made from, as one digest: `database` and `tokens` (above),
    /// every text of the translations in use (built-in and `translations/`), the feeds' time zone
    /// as libical writes it, and the running executable's identity (a new Enlace may write other
    /// bytes from the same inputs).
    static func inputs(database: String, tokens: String, catalog: TranslationCatalog, writer: FeedWriter) -> String {
        var hash = SHA256()
        func add(_ text: String) {
            var length = UInt64(text.utf8.count).littleEndian
            withUnsafeBytes(of: &length) { hash.update(bufferPointer: $0) }
            hash.update(data: Array(text.utf8))
        }
        add("enlace-feeds-1")
        add(database)
        add(tokens)
        for language in catalog.languages {
            add(language)
            let texts = catalog.texts(of: language) ?? [:]
            for key in texts.keys.sorted() {
                add(key)
                add(texts[key]!)
            }
        }
        hash.update(data: writer.timeZoneText())
        add(executableIdentity)
        return hex(hash.finalize())
    }

    /// Device, inode, size and modification time of the running executable: any rebuild or
    /// reinstall changes it.
    static let executableIdentity: String = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return "unknown executable \(UUID())" }
        return "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }()

    /// Digest of the listing of `folder`: the folder's mode, then every entry's name, mode, size,
    /// inode and modification time, by name; nil when the folder cannot be read. A file edited,
    /// replaced, added or deleted by hand changes it (an edit that keeps the size and sets the
    /// modification time back is not noticed).
    ///
    /// - Complexity: one `fstatat` per entry (about 0.1 s for 63,000 feeds).
    static func folderDigest(_ folder: URL) -> String? {
        guard let directory = opendir(folder.path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        let descriptor = dirfd(directory)
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(names.count * 80)
        append(Int64(info.st_mode), to: &bytes)
        for name in names.sorted() {
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            append(Int64(name.utf8.count), to: &bytes)
            bytes.append(contentsOf: name.utf8)
            for value in [Int64(info.st_mode), Int64(info.st_size), Int64(bitPattern: UInt64(info.st_ino)),
                          Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec)] {
                append(value, to: &bytes)
            }
        }
        return hex(SHA256.hash(data: bytes))
    }

    /// Digest of `out/feeds.csv` as written: its permission bits and bytes.
    static func listDigest(_ bytes: [UInt8], permissions: Int) -> String {
        var data: [UInt8] = []
        append(Int64(permissions), to: &data)
        data += bytes
        return hex(SHA256.hash(data: data))
    }

    /// Digest of the file at `url` as `listDigest(_:permissions:)` computes it; nil when unreadable.
    static func listDigest(file url: URL) -> String? {
        var info = stat()
        guard stat(url.path, &info) == 0, let bytes = FileManager.default.contents(atPath: url.path) else { return nil }
        return listDigest(Array(bytes), permissions: Int(info.st_mode & 0o7777))
    }

    private static func append(_ value: Int64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}

/// What a publication reported, kept with its record so that one that leaves everything as it
/// is reports the same.
struct ReportedPublication: Codable, Equatable {
    var feeds, parents, mentors, sites, events, cancelledEvents: Int
    /// The warnings about the program that publishing gave (those about `translations/` are
    /// given again by reading them).
    var warnings: [String]
    /// The owner of the example link (`FeedPublication.example`): kind and id.
    var example: [String]?
    /// The publication's moment (`FeedClock.now`): only a later or equal one may reuse it.
    var now: Int64

    init(_ publication: FeedPublication, warnings: [String], now: Int64) {
        feeds = publication.feeds
        parents = publication.parents
        mentors = publication.mentors
        sites = publication.sites
        events = publication.events
        cancelledEvents = publication.cancelledEvents
        self.warnings = warnings
        self.now = now
        example = publication.example.map { [$0.owner.kind.rawValue, $0.owner.id] }
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    init?(json: String) {
        guard let decoded = try? JSONDecoder().decode(Self.self, from: Data(json.utf8)) else { return nil }
        self = decoded
    }
}
