/// A typed identifier, so that a mentor id can never be passed where a parent id is expected.
///
/// Ids come from the coordinator's spreadsheets: case-sensitive, unique within their file, stable
/// across imports.
public protocol EntityID: Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral, Codable {
    /// The id exactly as written in the CSV file.
    var rawValue: String { get }
    /// Wraps an id read from a file.
    init(_ rawValue: String)
}

extension EntityID {
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The id of a site (a school or the district office): the first column of `sites.csv`.
public struct SiteID: EntityID {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The id of a parent mentor: the `id` column of `mentors.csv`.
public struct MentorID: EntityID {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The id of a parent or guardian: the `id` column of `parents.csv`.
public struct ParentID: EntityID {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// The id of a topic a parent wants to learn about, e.g. `biliteracy`.
public struct TopicID: EntityID {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
