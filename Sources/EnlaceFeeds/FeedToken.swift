import EnlaceCore

/// The secret in a feed's URL (`https://…/TOKEN.ics`).
///
/// 160 random bits written as 32 lower-case base32 characters (RFC 4648 alphabet): unguessable,
/// safe in file names and URLs on every system, and short enough for a QR code. Tokens are drawn
/// once per feed and kept in the database; only `enlace feeds revoke` replaces one.
public enum FeedToken {
    /// Characters in a token.
    public static let length = 32
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    /// A fresh token drawn from `generator`. Callers pass `SystemRandomNumberGenerator` (the
    /// operating system's secure generator); tests pass a seeded one for fixed tokens.
    public static func generate(using generator: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        // 32 draws of 5 bits each: 160 bits, no modulo bias (32 divides 2^64).
        for _ in 0..<length {
            bytes.append(alphabet[Int(generator.next() & 31)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `text` has the shape of a token (the server refuses anything else before looking up).
    public static func isWellFormed(_ text: some StringProtocol) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { alphabet.contains($0) }
    }
}

/// One row of `out/feeds.csv`.
public struct FeedListing: Sendable, Equatable {
    public var owner: FeedOwner
    public var token: String

    public init(owner: FeedOwner, token: String) {
        self.owner = owner
        self.token = token
    }

    /// The file name inside `calendars/feeds/`.
    public var fileName: String { token + ".ics" }
}

/// `out/feeds.csv`: the coordinator's mail-merge file.
public enum FeedsCSV {
    /// `kind,id,token,path,url,webcal`, one row per feed in kind then id order. `url` is
    /// `feed_base_url` + `TOKEN.ics` (spec section 7); `webcal` is the same link with the
    /// `webcal://` scheme, which opens the subscribe dialog of Apple and Outlook calendars.
    public static func text(_ listings: [FeedListing], feedBaseURL: String) -> String {
        var lines = ["kind,id,token,path,url,webcal"]
        for listing in listings.sorted(by: { $0.owner < $1.owner }) {
            let url = feedBaseURL + listing.fileName
            lines.append([listing.owner.kind.rawValue, listing.owner.id, listing.token,
                          "calendars/feeds/" + listing.fileName, url, webcal(url)].map(CSVCell.text).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `webcal://host/path` for an http(s) link; other links are kept as they are.
    public static func webcal(_ url: String) -> String {
        for scheme in ["https://", "http://"] where url.lowercased().hasPrefix(scheme) {
            return "webcal://" + url.dropFirst(scheme.count)
        }
        return url
    }
}
