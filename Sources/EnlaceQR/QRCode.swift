// QR codes for the links Enlace hands to families (a letter's `webcal://` feed link, the join
// page's link for another device). The symbol comes from libqrencode, a maintained encoder, behind
// the `CQRencode` system-library target; this module copies its modules into a Swift value, frees
// what the library allocated, and renders the code as one small inline SVG. The text is encoded
// as its UTF-8 bytes (libqrencode picks numeric, alphanumeric and 8-bit segments), at error
// correction level M (about 15 % of the symbol can be damaged or covered), which suits a printed
// letter folded into a backpack; the smallest version that holds the text is chosen. Rendering
// is deterministic: the same text and options give the same bytes. Debian's libqrencode is built
// with pthreads, so codes may be made on several threads at once.
import CQRencode

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A QR code symbol: a square of dark and light modules, without the quiet zone.
public struct QRCode: Sendable, Hashable {
    /// The number of modules on each side of the symbol (21 for version 1, up to 177).
    public let size: Int
    /// The QR version (1–40) the encoder chose: the smallest that holds the text.
    public let version: Int
    /// Row-major, `size * size` entries; `true` is a dark module.
    private let modules: [Bool]

    /// Encodes `text` (as UTF-8) at error correction level M.
    ///
    /// - Throws: `QRCodeError.empty` for an empty text, `.containsNul` when the text holds a NUL
    ///   character (libqrencode reads C strings), `.tooLong` when the text does not fit in the
    ///   largest QR code (about 2,331 bytes at level M), `.encoderFailed` for any other failure
    ///   the library reports.
    /// - Complexity: O(*n*²) in the symbol's side *n*.
    public init(text: String) throws(QRCodeError) {
        let byteCount = text.utf8.count
        guard byteCount > 0 else { throw .empty }
        guard !text.utf8.contains(0) else { throw .containsNul }
        errno = 0
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            let failure = errno
            throw failure == ERANGE ? .tooLong(byteCount: byteCount) : .encoderFailed(errno: Int(failure))
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        size = width
        version = Int(code.pointee.version)
        // Bit 0 is the module's colour; the other bits record what the module is used for.
        modules = data.map { $0 & 1 == 1 }
    }

    /// Whether the module in column `x`, row `y` (both from 0 at the top left) is dark.
    ///
    /// - Precondition: `0 <= x < size` and `0 <= y < size`.
    public func isDark(x: Int, y: Int) -> Bool {
        precondition((0..<size).contains(x) && (0..<size).contains(y), "module (\(x), \(y)) outside a \(size)×\(size) QR code")
        return modules[y * size + x]
    }
}

/// Why a text could not become a QR code.
public enum QRCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is empty; a QR code of nothing helps nobody.
    case empty
    /// The text contains a NUL character, which the encoder cannot take.
    case containsNul
    /// The text's UTF-8 bytes do not fit in a version 40 QR code at error correction level M.
    case tooLong(byteCount: Int)
    /// libqrencode failed for another reason (its `errno`, e.g. ENOMEM).
    case encoderFailed(errno: Int)

    /// The largest number of 8-bit bytes a QR code holds at error correction level M (version 40).
    public static let byteCapacity = 2331

    /// A sentence a coordinator can act on.
    public var description: String {
        switch self {
        case .empty:
            return "the text for the QR code is empty; give the link the code should open"
        case .containsNul:
            return "the text for the QR code contains a NUL character; remove it from the link"
        case .tooLong(let byteCount):
            return "the text for the QR code is \(byteCount) bytes long and does not fit in a QR code (at most "
                + "\(QRCodeError.byteCapacity) bytes at error correction level M); use a shorter link"
        case .encoderFailed(let code):
            return "libqrencode could not encode the text (errno \(code)); try again, and report it if it persists"
        }
    }
}
