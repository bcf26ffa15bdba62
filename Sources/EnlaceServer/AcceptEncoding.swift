/// The codings a published file is sent in.
public enum ContentCoding: Sendable, Equatable {
    /// The file's bytes as written.
    case identity
    /// The bytes compressed with gzip (`Content-Encoding: gzip`).
    case gzip
}

/// `Accept-Encoding` (RFC 9110 section 12.5.3), read for the one choice the server makes: gzip or
/// the bytes as they are.
///
/// gzip is chosen when its weight (from a `gzip` or `x-gzip` entry, else from `*`) is above zero
/// and not below the weight of an explicitly listed `identity`. So `gzip;q=0` means no gzip,
/// `identity;q=1, gzip;q=0.5` keeps identity, and a request without the field gets identity (the
/// RFC allows any coding then, but a client that says nothing may not be able to decompress).
/// An entry whose weight cannot be read is ignored rather than guessed at.
enum AcceptEncoding {
    /// Whether a request whose `Accept-Encoding` fields are `values` gets gzip.
    static func prefersGzip(_ values: [String]) -> Bool {
        var gzip: Int?, any: Int?, identity: Int?
        for value in values {
            for element in value.utf8.split(separator: comma, omittingEmptySubsequences: true) {
                guard let (coding, weight) = entry(element) else { continue }
                if equalsIgnoringCase(coding, "gzip") || equalsIgnoringCase(coding, "x-gzip") {
                    gzip = max(gzip ?? 0, weight)
                } else if equalsIgnoringCase(coding, "*") {
                    any = max(any ?? 0, weight)
                } else if equalsIgnoringCase(coding, "identity") {
                    identity = max(identity ?? 0, weight)
                }
            }
        }
        let weight = gzip ?? any ?? 0
        return weight > 0 && weight >= (identity ?? 0)
    }

    private static let comma = UInt8(ascii: ",")
    private static let semicolon = UInt8(ascii: ";")

    /// One list element: its coding and its weight in thousandths (1,000 when no `q` is given);
    /// nil when it is empty or its weight is malformed.
    private static func entry<Bytes: BidirectionalCollection>(_ element: Bytes) -> (Bytes.SubSequence, Int)? where Bytes.Element == UInt8 {
        let parts = element.split(separator: semicolon, omittingEmptySubsequences: false)
        guard let first = parts.first else { return nil }
        let coding = trimmed(first)
        guard !coding.isEmpty else { return nil }
        var weight = 1000
        for parameter in parts.dropFirst() {
            let parameter = trimmed(parameter)
            guard let equals = parameter.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            guard equalsIgnoringCase(trimmed(parameter[..<equals]), "q") else { continue }
            guard let value = qvalue(trimmed(parameter[parameter.index(after: equals)...])) else { return nil }
            weight = value
        }
        return (coding, weight)
    }

    /// A qvalue (`0`, `0.5`, `0.125`, `1`, `1.000`) in thousandths; nil for anything else.
    static func qvalue<Bytes: BidirectionalCollection>(_ text: Bytes) -> Int? where Bytes.Element == UInt8 {
        guard let first = text.first, first == UInt8(ascii: "0") || first == UInt8(ascii: "1") else { return nil }
        let rest = text.dropFirst()
        let whole = Int(first - UInt8(ascii: "0")) * 1000
        if rest.isEmpty { return whole }
        guard rest.first == UInt8(ascii: "."), rest.count <= 4 else { return nil }
        var fraction = 0, scale = 100
        for digit in rest.dropFirst() {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            fraction += Int(digit - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        guard whole + fraction <= 1000 else { return nil }
        return whole + fraction
    }

    private static func trimmed<Bytes: BidirectionalCollection>(_ bytes: Bytes) -> Bytes.SubSequence where Bytes.Element == UInt8 {
        var slice = bytes[...]
        while let first = slice.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { slice = slice.dropFirst() }
        while let last = slice.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { slice = slice.dropLast() }
        return slice
    }

    /// ASCII case-insensitive equality with a lower-case literal.
    private static func equalsIgnoringCase<Bytes: Collection>(_ bytes: Bytes, _ lower: StaticString) -> Bool where Bytes.Element == UInt8 {
        guard bytes.count == lower.utf8CodeUnitCount else { return false }
        return lower.withUTF8Buffer { expected in
            zip(bytes, expected).allSatisfy { byte, wanted in
                byte == wanted || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") && byte + 32 == wanted)
            }
        }
    }
}
