import EnlaceCore

/// One occurrence of a calendar event, already in the program's local time.
struct Occurrence {
    /// When it happens.
    enum Span {
        /// An all-day occurrence: `days` dates from `first` (DTEND is exclusive, so at least 1).
        case allDay(first: LocalDate, days: Int)
        /// A timed occurrence, half-open [start, end), in program wall time.
        case timed(start: LocalDateTime, end: LocalDateTime)
    }

    var span: Span
    /// The event's SUMMARY.
    var title: String
    /// The UID, with the occurrence's recurrence id for recurring events (stable across runs).
    var sourceUID: String
    /// The index of the VEVENT it came from, among the file's top-level events.
    var ordinal: Int
}

/// Where an event sits and what it is called, for errors and warnings about it.
struct EventOrigin {
    let file: String
    let text: CalendarText
    /// Index among the file's top-level VEVENTs (nil when libical's view and the text disagree).
    let ordinal: Int?
    let uid: String
    let title: String

    /// The line of `property` in this event, else of its BEGIN:VEVENT.
    func line(_ property: String?) -> Int? {
        guard let ordinal else { return nil }
        return property.flatMap { text.line(event: ordinal, property: $0) } ?? text.line(event: ordinal)
    }

    /// An error about `property` of this event: `the event "Open House" (UID x) <problem>`.
    func error(_ property: String, _ problem: String, fix: String) -> InputError {
        InputError(file: file, line: line(property), field: property,
                   problem: "the event \"\(title)\" (UID \(uid)) \(problem)", fix: fix)
    }

    /// A warning about this event.
    func warning(_ property: String?, _ message: String) -> InputWarning {
        InputWarning(file: file, line: line(property),
                     message: (property.map { "\($0): " } ?? "") + "the event \"\(title)\" (UID \(uid)) \(message)")
    }
}

extension LocalDate {
    /// The date of a libical date or date-time, as written (no zone conversion).
    init?(wall year: Int32, _ month: Int32, _ day: Int32) {
        self.init(year: Int(year), month: Int(month), day: Int(day))
    }
}
