import CompressNIO
import Foundation
import NIOCore

/// One published file (a feed or a join page) as the server answers it, in both codings. A
/// class: an answer passes it around several times, and a copy is then one reference count.
///
/// Everything an answer needs is worked out once, when the file is read: the ETags, the header
/// fields about the file as they are sent (`fields(_:)`) and the gzip bytes (compressed then,
/// never per request while the body is kept). The bodies themselves are kept only while the
/// server's byte budget allows; a file without a kept body is read from disk (and compressed)
/// when a full answer needs it. Bodies are kept as arrays of exactly their size (a `ByteBuffer`
/// rounds its memory up to a power of two, which would waste about a third of the budget) and
/// copied into the answer's buffer, a copy that costs far less than the rest of the answer.
public final class PublishedFile: Sendable {
    /// The file's identity, size and modification time when it was read.
    let stamp: FileStamp
    /// A strong entity tag of the bytes as written (quoted, as sent in `ETag`). DTSTAMP is derived
    /// from LAST-MODIFIED, so equal events give equal bytes and an unchanged feed keeps its tag.
    public let etag: String
    /// The tag of the gzip bytes: `etag` with `-gz` inside the quotes. Each coding is its own
    /// representation with its own strong tag (RFC 9110 section 8.8.3).
    public let gzipETag: String
    /// When the file last changed (Enlace rewrites a feed only when its bytes change).
    public let lastModified: Date
    let identityFields: HeadFields
    let gzipFields: HeadFields
    /// The bytes as written, when kept in memory.
    let identityBody: [UInt8]?
    /// The gzip bytes, when kept in memory.
    let gzipBody: [UInt8]?

    /// Reads nothing: describes `bytes` (and their gzip form), keeping the bodies `keep` allows.
    init(bytes: [UInt8], gzip: [UInt8], stamp: FileStamp, keep: (identity: Bool, gzip: Bool)) {
        self.stamp = stamp
        let digest = bytes.withUnsafeBytes(Self.digest)
        etag = "\"" + digest + "\""
        gzipETag = "\"" + digest + "-gz\""
        lastModified = stamp.date
        let lastModified = HTTPDate.string(stamp.date)
        identityFields = HeadFields(etag: etag, lastModified: lastModified, encoding: nil, length: bytes.count)
        gzipFields = HeadFields(etag: gzipETag, lastModified: lastModified, encoding: "gzip", length: gzip.count)
        identityBody = keep.identity ? bytes : nil
        gzipBody = keep.gzip ? gzip : nil
    }

    /// A file held wholly in memory (for tests and `InMemoryFiles`).
    public convenience init(bytes: [UInt8], lastModified: Date) {
        self.init(bytes: bytes, gzip: Self.gzip(bytes), stamp: FileStamp(memory: bytes.count, date: lastModified),
                  keep: (identity: true, gzip: true))
    }

    /// This file with other bodies kept (same bytes, same tags).
    func keeping(identity: [UInt8]?, gzip: [UInt8]?) -> PublishedFile {
        PublishedFile(copying: self, identity: identity, gzip: gzip)
    }

    private init(copying other: PublishedFile, identity: [UInt8]?, gzip: [UInt8]?) {
        (stamp, etag, gzipETag, lastModified) = (other.stamp, other.etag, other.gzipETag, other.lastModified)
        (identityFields, gzipFields) = (other.identityFields, other.gzipFields)
        (identityBody, gzipBody) = (identity, gzip)
    }

    /// Bytes the kept bodies take.
    var keptBytes: Int { (identityBody?.count ?? 0) + (gzipBody?.count ?? 0) }

    /// The tag of the answer in `coding`.
    func etag(_ coding: ContentCoding) -> String { coding == .gzip ? gzipETag : etag }

    /// The header fields of an answer in `coding`.
    func fields(_ coding: ContentCoding) -> HeadFields { coding == .gzip ? gzipFields : identityFields }

    /// The kept body in `coding`, if any (an array shares its storage: nothing is copied).
    func body(_ coding: ContentCoding) -> [UInt8]? { coding == .gzip ? gzipBody : identityBody }

    /// `bytes` compressed with gzip at level 9.
    ///
    /// zlib is deterministic for one input, level and version, and its gzip header carries no
    /// time or name, so compressing a file again (for a file whose body is not kept) gives the
    /// same bytes, which the strong `-gz` tag promises.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var input = ByteBuffer(bytes: bytes)
        do {
            let compressed = try input.compress(with: .gzip(configuration: .init(windowSize: 15, compressionLevel: 9, memoryLevel: 8)))
            return Array(compressed.readableBytesView)
        } catch {
            // Compressing into a buffer of zlib's own bound cannot overflow; running out of memory
            // is the only other failure, and then nothing else would work either.
            fatalError("gzip failed: \(error)")
        }
    }

    /// 128 bits of two FNV-1a variants, hex: enough to tell versions of one file apart.
    static func digest(_ bytes: UnsafeRawBufferPointer) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x100_0000_01b3
            b = (b &* 0x100_0000_01b3) ^ UInt64(byte)
        }
        return [a, b].map { value in
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}

/// Where the server finds published files by token: a folder (`FolderFiles`) or, in tests, a
/// dictionary (`InMemoryFiles`).
public protocol PublishedFiles: Sendable {
    /// The file for `token`, or nil when there is none. `token` has the shape of a token
    /// (checked by the caller); implementations look it up in constant time.
    func file(token: Substring) -> PublishedFile?

    /// The body of `file` (found for `token`) in `coding`: the kept one, else read again. When
    /// the file changed meanwhile, the answer describes the new file; nil when it is gone.
    func body(of file: PublishedFile, token: Substring, coding: ContentCoding) -> (file: PublishedFile, body: [UInt8])?
}

/// A fixed set of files, every body kept: for tests.
public struct InMemoryFiles: PublishedFiles {
    private let index: TokenIndex
    private let files: [PublishedFile]

    /// Files by token.
    public init(_ files: [String: PublishedFile]) {
        let sorted = files.sorted { $0.key < $1.key }
        self.files = sorted.map(\.value)
        self.index = TokenIndex(sorted.map(\.key))
    }

    public func file(token: Substring) -> PublishedFile? {
        index.find(token).map { files[$0] }
    }

    public func body(of file: PublishedFile, token: Substring, coding: ContentCoding) -> (file: PublishedFile, body: [UInt8])? {
        file.body(coding).map { (file, $0) }
    }
}

/// The header fields about one file in one coding, as sent: `ETag` and `Last-Modified` (all a 304
/// says about the file), then `Content-Encoding` (gzip only) and `Content-Length` (a 200's).
/// Written once per file, so an answer copies bytes instead of formatting headers.
struct HeadFields: Sendable {
    /// The fields, each ending in CRLF.
    let bytes: [UInt8]
    /// How many of `bytes` are the validators (`ETag`, `Last-Modified`).
    let validatorsCount: Int

    init(etag: String, lastModified: String, encoding: String?, length: Int) {
        let validators = "ETag: \(etag)\r\nLast-Modified: \(lastModified)\r\n"
        let content = (encoding.map { "Content-Encoding: \($0)\r\n" } ?? "") + "Content-Length: \(length)\r\n"
        bytes = Array((validators + content).utf8)
        validatorsCount = validators.utf8.count
    }

    /// The fields of a 200 (`full`) or of a 304.
    func fields(full: Bool) -> ArraySlice<UInt8> { full ? bytes[...] : bytes[..<validatorsCount] }
}
