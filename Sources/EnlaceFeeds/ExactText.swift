import EnlaceCore
#if canImport(Glibc)
import Glibc
#endif

/// Hashing and equality by exact UTF-8 bytes, for caches whose values are made from the bytes.
///
/// Swift's `String` hashes and compares by canonical equivalence: it normalizes non-ASCII text
/// (slow for Spanish, Vietnamese or Chinese text), and treats `é` and `e` + U+0301 as equal, though
/// libical writes different bytes for them. A cache of rendered or decoded text must tell them
/// apart, and gains speed by not normalizing.
extension String {
    /// Feeds the exact UTF-8 bytes (and their count, so that field boundaries count) to `hasher`.
    public func hashBytes(into hasher: inout Hasher) {
        let done: Void? = utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil { Array(utf8).withUnsafeBytes { hasher.combine(bytes: $0) } }
        hasher.combine(utf8.count)
    }

    /// Whether both strings hold exactly the same UTF-8 bytes.
    public func hasSameBytes(as other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        let same: Bool?? = utf8.withContiguousStorageIfAvailable { mine in
            other.utf8.withContiguousStorageIfAvailable { theirs in
                mine.count == 0 || mine.baseAddress == theirs.baseAddress
                    || memcmp(mine.baseAddress!, theirs.baseAddress!, mine.count) == 0
            }
        }
        if let same = same ?? nil { return same }
        return utf8.elementsEqual(other.utf8)
    }
}

extension Optional where Wrapped == String {
    func hashBytes(into hasher: inout Hasher) {
        switch self {
        case .none: hasher.combine(false)
        case .some(let text):
            hasher.combine(true)
            text.hashBytes(into: &hasher)
        }
    }

    func hasSameBytes(as other: String?) -> Bool {
        switch (self, other) {
        case (.none, .none): true
        case (.some(let a), .some(let b)): a.hasSameBytes(as: b)
        default: false
        }
    }
}

/// A text as a dictionary key by its exact bytes.
public struct ExactText: Hashable, Sendable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public func hash(into hasher: inout Hasher) { text.hashBytes(into: &hasher) }
    public static func == (lhs: ExactText, rhs: ExactText) -> Bool { lhs.text.hasSameBytes(as: rhs.text) }
}

extension EventContent {
    /// Whether every field is equal, texts byte for byte.
    public func hasSameBytes(as other: EventContent) -> Bool {
        start == other.start && end == other.end && uid.hasSameBytes(as: other.uid)
            && summary.hasSameBytes(as: other.summary) && description.hasSameBytes(as: other.description)
            && location.hasSameBytes(as: other.location) && meetingURL.hasSameBytes(as: other.meetingURL)
            && meetingLabel.hasSameBytes(as: other.meetingLabel)
    }
}

/// The texts of an event content (title, description, place, meeting link: everything but its
/// UID and times) as a dictionary key by their exact bytes.
public struct ExactTexts: Hashable, Sendable {
    public let content: EventContent

    public init(_ content: EventContent) { self.content = content }

    /// Hashes the short texts and only the description's length: equal keys are then found by
    /// `==`, which is quick because the events of one group share their strings' storage.
    public func hash(into hasher: inout Hasher) {
        content.summary.hashBytes(into: &hasher)
        content.location.hashBytes(into: &hasher)
        content.meetingURL.hashBytes(into: &hasher)
        hasher.combine(content.description.utf8.count)
    }

    public static func == (lhs: ExactTexts, rhs: ExactTexts) -> Bool {
        lhs.content.summary.hasSameBytes(as: rhs.content.summary)
            && lhs.content.description.hasSameBytes(as: rhs.content.description)
            && lhs.content.location.hasSameBytes(as: rhs.content.location)
            && lhs.content.meetingURL.hasSameBytes(as: rhs.content.meetingURL)
            && lhs.content.meetingLabel.hasSameBytes(as: rhs.content.meetingLabel)
    }
}
