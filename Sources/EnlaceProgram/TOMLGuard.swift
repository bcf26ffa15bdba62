import EnlaceCore

/// Checks `enlace.toml` for inputs that crash TOMLKit's parser before the parser sees them.
///
/// TOMLKit 0.6.0 bundles toml++ 3.x, whose parser asserts (aborting the process in a debug build,
/// undefined behaviour under NDEBUG) on a date followed by `T` and no time, e.g.
/// `term_start = 2026-08-17T:00`, and on a table header whose name does not start with a bare-key
/// character or a quote, e.g. `[ñandú]`, `[#x]` or a lone `[`, and on a date followed by a space
/// and a digit that do not make a date-time (`2026-08-17 7`) (found by `scripts/fuzz settings`;
/// see docs/RELIABILITY.md).
/// Outside strings and comments, such input is refused here with its line and column.
///
/// The guard is a list of known shapes, not a proof: in child-process mode `ProgramLoader` also
/// parses the file in a child first (`SettingsIsolation`), so a shape not listed here is refused
/// as a crash of the child instead of taking `enlace` down. The guard still gives the known shapes
/// a precise message.
enum TOMLGuard {
    /// - Throws: `InputError` naming the line and column of the first value toml++ cannot survive.
    static func check(_ text: String, file: String) throws(InputError) {
        let bytes = Array(text.utf8)
        var index = 0, line = 1, lineStart = 0
        var quote: (byte: UInt8, triple: Bool)?
        // After "=" until the end of its line, and inside a value's (multi-line) arrays, "[" opens an
        // array; anywhere else it opens a table header.
        var inValue = false, arrayDepth = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
                if arrayDepth == 0 { inValue = false }
            }
            if let open = quote {
                // \x in a basic string (but a line-ending backslash still ends a line)
                if byte == 0x5C, open.byte == 0x22, index + 1 < bytes.count, bytes[index + 1] != 0x0A { index += 2; continue }
                if byte == open.byte {
                    if !open.triple { quote = nil } else if bytes.starts(with: [byte, byte, byte], at: index) {
                        quote = nil
                        index += 3
                        continue
                    }
                }
                index += 1
                continue
            }
            switch byte {
            case 0x22, 0x27:  // " or '
                let triple = bytes.starts(with: [byte, byte, byte], at: index)
                quote = (byte, triple)
                index += triple ? 3 : 1
                continue
            case 0x23:  // # starts a comment
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                continue
            case 0x3D:  // =
                inValue = true
            case 0x5B where inValue || arrayDepth > 0:
                arrayDepth += 1
            case 0x5D where arrayDepth > 0:
                arrayDepth -= 1
            case 0x5B:  // a [table] header
                var next = index + 1
                if next < bytes.count, bytes[next] == 0x5B { next += 1 }
                while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
                // toml++ checks nothing before reading the first key of a header: anything but a
                // bare-key character, a quote or the closing bracket trips its assertion.
                guard next < bytes.count, isWordByte(bytes[next]) || [0x22, 0x27, 0x5D].contains(bytes[next]),
                      bytes[next] != 0x2B else {
                    throw InputError(file: file, line: line, problem: "not valid TOML: a table header must be a name in brackets, starting with a letter, digit, \"-\" or \"_\" or a quote (column \(next - lineStart + 1)).",
                                     fix: "write the header as e.g. [weights] or [plugins.quiet_fridays], on one line.")
                }
            default:
                if let space = badSpacedDateTime(bytes, at: index) {
                    throw InputError(file: file, line: line, problem: "not valid TOML: a date followed by a space must be followed by a time such as 18:00 (column \(space - lineStart + 1)).",
                                     fix: "write a date alone, e.g. term_start = 2026-08-17, and put notes in a # comment.")
                }
                if let end = dateWithoutTime(bytes, at: index) {
                    throw InputError(file: file, line: line, problem: "not valid TOML: a date followed by \"\(Character(UnicodeScalar(bytes[end - 1])))\" must have a time after it (column \(index - lineStart + 1)).",
                                     fix: "write a date alone, e.g. term_start = 2026-08-17.")
                }
            }
            index += 1
        }
    }

    /// Whether `YYYY-MM-DD` followed by `T` or `t` and then no digit starts at `index` (after a
    /// character that cannot be part of a number); returns the index just past the `T`.
    private static func dateWithoutTime(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index + 11 <= bytes.count, index == 0 || !isWordByte(bytes[index - 1]) else { return nil }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        guard digits.allSatisfy({ isDigit(bytes[index + $0]) }), bytes[index + 4] == 0x2D, bytes[index + 7] == 0x2D,
              bytes[index + 10] == 0x54 || bytes[index + 10] == 0x74 else { return nil }
        return index + 11 < bytes.count && isDigit(bytes[index + 11]) ? nil : index + 11
    }

    /// Where the space is, when `YYYY-` starts at `index` and a space and a digit follow the token
    /// without making `YYYY-MM-DD HH:MM`: toml++ then reads a date-time and trips an assertion
    /// (`term_start = 2026-08-17 7`, `2026-08-1; 7`, `2011-x8-17 7`).
    private static func badSpacedDateTime(_ bytes: [UInt8], at index: Int) -> Int? {
        guard index + 5 <= bytes.count, index == 0 || !isWordByte(bytes[index - 1]),
              (0...3).allSatisfy({ isDigit(bytes[index + $0]) }), bytes[index + 4] == 0x2D
        else { return nil }
        var end = index + 5
        while end < bytes.count, ![0x20, 0x09, 0x0A, 0x0D, 0x23, 0x2C, 0x5D, 0x7D].contains(bytes[end]) { end += 1 }
        guard end + 1 < bytes.count, bytes[end] == 0x20, isDigit(bytes[end + 1]) else { return nil }
        let wellFormed = end - index == 10 && [5, 6, 8, 9].allSatisfy({ isDigit(bytes[index + $0]) }) && bytes[index + 7] == 0x2D
            && end + 3 < bytes.count && isDigit(bytes[end + 2]) && bytes[end + 3] == 0x3A
        return wellFormed ? nil : end
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    private static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte == 0x2D || byte == 0x2B
    }
}

extension Array where Element == UInt8 {
    fileprivate func starts(with prefix: [UInt8], at index: Int) -> Bool {
        index + prefix.count <= count && self[index..<(index + prefix.count)].elementsEqual(prefix)
    }
}
