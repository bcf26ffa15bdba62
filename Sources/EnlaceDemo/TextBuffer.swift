import EnlaceCore
/// An append-only UTF-8 byte buffer for building large files.
///
/// The benchmarks generate districts of 600,000 parents (about 100 MB of CSV); appending bytes
/// to one reserved array keeps that linear and avoids a `String` per cell.
struct TextBuffer {
    private(set) var bytes: [UInt8] = []

    /// An empty buffer with room for about `capacity` bytes.
    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// Appends text as UTF-8.
    mutating func append(_ text: String) {
        var text = text
        // withUTF8 gives a contiguous view (copying at most once for bridged strings).
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends one ASCII byte.
    mutating func append(byte: UInt8) { bytes.append(byte) }

    /// Appends a non-negative integer left-padded with zeros to `width` digits.
    mutating func append(number: Int, width: Int = 1) {
        var digits = 1
        var power = 10
        while power <= number { digits += 1; power *= 10 }
        for _ in digits..<max(width, digits) { bytes.append(UInt8(ascii: "0")) }
        // Write the digits in place, last first, without a temporary array.
        let end = bytes.count + digits
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        var value = number
        for index in stride(from: end - 1, through: end - digits, by: -1) {
            bytes[index] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
    }

    /// The buffer as a `String` (the bytes are valid UTF-8 by construction).
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Writes RFC 4180 CSV: `,` separators, LF row ends (the spec accepts either; LF keeps the
/// files diff-friendly), and a cell quoted only when it holds a comma, quote or line break.
struct CSVWriter {
    private(set) var buffer: TextBuffer
    private var atRowStart = true

    /// A writer whose first row is `header`.
    init(header: [String], capacity: Int = 4096) {
        buffer = TextBuffer(capacity: capacity)
        for name in header { cell(name) }
        endRow()
    }

    /// Appends a cell, quoting it when RFC 4180 requires (`;` needs no quoting).
    mutating func cell(_ text: String) {
        separate()
        var text = text
        let needsQuotes = text.withUTF8 { bytes in
            bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        }
        guard needsQuotes else { return buffer.append(text) }
        buffer.append(byte: 0x22)
        buffer.append(text.replacingQuotes())
        buffer.append(byte: 0x22)
    }

    /// Appends a cell whose text is built in place, for hot columns that never need quotes
    /// (ids, numbers, availability).
    mutating func rawCell(_ build: (inout TextBuffer) -> Void) {
        separate()
        build(&buffer)
    }

    /// Ends the current row with LF.
    mutating func endRow() {
        buffer.append(byte: 0x0A)
        atRowStart = true
    }

    /// The file's text.
    var text: String { buffer.text }

    private mutating func separate() {
        if !atRowStart { buffer.append(byte: 0x2C) }
        atRowStart = false
    }
}

extension String {
    /// The text with every `"` doubled, as RFC 4180 writes a quote inside a quoted cell.
    fileprivate func replacingQuotes() -> String {
        guard utf8.contains(0x22) else { return self }
        var result = ""
        for character in self {
            if character == "\"" { result.append("\"\"") } else { result.append(character) }
        }
        return result
    }
}
