/// A weekly window of availability, `TU 18:00-20:00`, half-open: [start, end).
public struct WeeklyWindow: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The day the window falls on.
    public let day: Weekday
    /// Start, in minutes after local midnight.
    public let start: Int
    /// End, in minutes after local midnight; greater than `start`, at most 1440 (24:00).
    public let end: Int

    /// A window; the caller guarantees `0 <= start < end <= 1440`.
    public init(day: Weekday, start: Int, end: Int) {
        precondition(0 <= start && start < end && end <= 1440, "invalid window \(start)-\(end)")
        self.day = day
        self.start = start
        self.end = end
    }

    /// Whether `[from, to)` on `day` lies inside this window.
    public func contains(day: Weekday, from: Int, to: Int) -> Bool {
        day == self.day && start <= from && to <= end
    }

    /// `TU 18:00-20:00`.
    public var description: String {
        "\(day.code) \(formatMinuteOfDay(start))-\(formatMinuteOfDay(end))"
    }

    public static func < (lhs: WeeklyWindow, rhs: WeeklyWindow) -> Bool {
        (lhs.day, lhs.start, lhs.end) < (rhs.day, rhs.start, rhs.end)
    }
}

/// Why an availability cell could not be read; `description` is a sentence a coordinator can act on.
public struct WindowParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending part of the cell.
    public let fragment: String
    /// What is wrong and how to write it instead.
    public let description: String
}

/// A person's weekly availability: windows sorted by day and start, those of one day that overlap or
/// touch merged (as the spec requires).
public struct Availability: Hashable, Sendable, CustomStringConvertible {
    /// The merged windows, sorted.
    public let windows: [WeeklyWindow]

    /// Sorts and merges `windows`.
    public init(_ windows: [WeeklyWindow]) {
        var merged: [WeeklyWindow] = []
        for window in windows.sorted() {
            if let last = merged.last, last.day == window.day, window.start <= last.end {
                merged[merged.count - 1] = WeeklyWindow(day: last.day, start: last.start,
                                                        end: max(last.end, window.end))
            } else {
                merged.append(window)
            }
        }
        self.windows = merged
    }

    /// Reads a cell such as `TU 18:00-20:00; SA 09:00-12:00`. An empty cell is no availability.
    ///
    /// - Throws: `WindowParseError` naming the first fragment that is not a valid window.
    public init(parsing cell: String) throws(WindowParseError) {
        var windows: [WeeklyWindow] = []
        for fragment in cell.split(separator: ";") {
            let text = fragment.trimmingSpaces()
            if text.isEmpty { continue }
            windows.append(try Availability.parseWindow(text))
        }
        self.init(windows)
    }

    /// Whether `[from, to)` on `day` lies inside one window.
    ///
    /// - Complexity: O(number of windows).
    public func contains(day: Weekday, from: Int, to: Int) -> Bool {
        windows.contains { $0.contains(day: day, from: from, to: to) }
    }

    /// Whether the dated interval `[start, end)` lies inside one window (it must not cross midnight).
    public func contains(start: LocalDateTime, end: LocalDateTime) -> Bool {
        guard start.date == end.adding(minutes: -1).date, end > start else { return false }
        return contains(day: start.date.weekday, from: start.minuteOfDay,
                        to: start.minuteOfDay + (end.minutes - start.minutes))
    }

    /// The windows joined the way a cell writes them.
    public var description: String { windows.map(\.description).joined(separator: "; ") }

    private static func parseWindow(_ text: String) throws(WindowParseError) -> WeeklyWindow {
        let example = "write it as DAY HH:MM-HH:MM, e.g. TU 18:00-20:00"
        let pieces = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard pieces.count == 2 else {
            throw WindowParseError(fragment: text, description: "\"\(text)\" is not a window; \(example)")
        }
        guard let day = Weekday(code: pieces[0]) else {
            throw WindowParseError(fragment: text,
                description: "\"\(pieces[0])\" is not a day; use one of MO TU WE TH FR SA SU (\(example))")
        }
        let times = pieces[1].split(separator: "-", omittingEmptySubsequences: false)
        guard times.count == 2, let start = parseClock(times[0]), let end = parseClock(times[1]) else {
            throw WindowParseError(fragment: text,
                description: "\"\(pieces[1])\" is not a time range; use 24-hour times HH:MM-HH:MM (\(example))")
        }
        guard end > start else {
            throw WindowParseError(fragment: text,
                description: "\"\(text)\" ends before it starts; a window must end after its start on the same day, e.g. \(day.code) \(formatMinuteOfDay(min(start, end)))-\(formatMinuteOfDay(max(start, end == start ? start + 60 : end)))")
        }
        return WeeklyWindow(day: day, start: start, end: end)
    }

    /// `HH:MM` (00:00–24:00) to minutes after midnight.
    static func parseClock(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]), m < 60 else { return nil }
        let minutes = h * 60 + m
        return minutes <= 1440 ? minutes : nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    ///
    /// Walks Unicode scalars: `"\r\n"` is one `Character`, equal to neither `"\r"` nor `"\n"`,
    /// so a walk by `Character` would keep a trailing CRLF.
    public func trimmingSpaces() -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
