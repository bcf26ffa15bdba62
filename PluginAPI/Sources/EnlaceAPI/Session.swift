/// One dated meeting, half-open `[start, end)`, in local wall time.
///
/// Sessions order by start, then end.
public struct Session: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The first minute of the meeting.
    public let start: LocalDateTime
    /// The minute right after the meeting ends (excluded).
    public let end: LocalDateTime

    /// A session from its bounds; `end` must not be before `start`.
    public init(start: LocalDateTime, end: LocalDateTime) {
        precondition(start <= end, "a session cannot end (\(end)) before it starts (\(start))")
        self.start = start
        self.end = end
    }

    /// The local date the session is dated by: the date of its start.
    public var date: LocalDate { start.date }

    /// `YYYY-MM-DDTHH:MM..YYYY-MM-DDTHH:MM`.
    public var description: String { "\(start)..\(end)" }

    public static func < (lhs: Session, rhs: Session) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}
