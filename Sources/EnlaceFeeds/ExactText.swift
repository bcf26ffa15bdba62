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
        uid.hasSameBytes(as: other.uid) && start == other.start && end == other.end && hasSameTexts(as: other)
    }

    /// Whether a subscriber sees the same event: the same times, kind, texts (byte for byte),
    /// LANGUAGE, ORGANIZER and TRANSP, whatever the UID and the unpublished fields.
    public func showsSame(as other: EventContent) -> Bool {
        start == other.start && end == other.end && hasSamePublishedTexts(as: other)
    }

    /// Whether everything but the UID and times is equal, byte for byte.
    func hasSameTexts(as other: EventContent) -> Bool {
        hasSamePublishedTexts(as: other) && group.hasSameBytes(as: other.group)
            && (mentor?.rawValue).hasSameBytes(as: other.mentor?.rawValue)
    }

    private func hasSamePublishedTexts(as other: EventContent) -> Bool {
        kind == other.kind && transparent == other.transparent
            && summary.hasSameBytes(as: other.summary) && description.hasSameBytes(as: other.description)
            && location.hasSameBytes(as: other.location) && meetingURL.hasSameBytes(as: other.meetingURL)
            && meetingLabel.hasSameBytes(as: other.meetingLabel) && language.hasSameBytes(as: other.language)
            && (organizer?.name).hasSameBytes(as: other.organizer?.name)
            && (organizer?.email).hasSameBytes(as: other.organizer?.email)
    }
}

/// The texts of an event content (everything but its UID and times: title, description, place,
/// meeting link, kind, language, organizer, TRANSP and the group it belongs to) as a dictionary
/// key by their exact bytes.
public struct ExactTexts: Hashable, Sendable {
    public let content: EventContent

    public init(_ content: EventContent) { self.content = content }

    /// Hashes the short texts and only the description's length: equal keys are then found by
    /// `==`, which is quick because the events of one group share their strings' storage.
    public func hash(into hasher: inout Hasher) {
        content.summary.hashBytes(into: &hasher)
        content.location.hashBytes(into: &hasher)
        content.meetingURL.hashBytes(into: &hasher)
        content.language.hashBytes(into: &hasher)
        content.group.hashBytes(into: &hasher)
        hasher.combine(content.description.utf8.count)
    }

    public static func == (lhs: ExactTexts, rhs: ExactTexts) -> Bool {
        lhs.content.hasSameTexts(as: rhs.content)
    }
}
