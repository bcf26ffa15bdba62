/// A calendar date in the program's time zone, stored as a day number so that date arithmetic is
/// integer arithmetic.
///
/// Day 0 is 1970-01-01 in the proleptic Gregorian calendar. Conversions use Howard Hinnant's
/// `days_from_civil` algorithm; they are exact for every year from 1 to 9999.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Days since 1970-01-01.
    public let dayNumber: Int

    /// A date from its day number (days since 1970-01-01).
    public init(dayNumber: Int) { self.dayNumber = dayNumber }

    /// A date from year, month (1–12) and day (1–31); nil if the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.dayNumber = era * 146_097 + doe - 719_468
    }

    /// Reads `YYYY-MM-DD`; nil when malformed or not a real date.
    public init?(iso text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Year, month (1–12) and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day of the week (1970-01-01 was a Thursday).
    public var weekday: Weekday {
        Weekday(rawValue: ((dayNumber % 7) + 7 + 3) % 7)!
    }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// The number of days in a month of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.dayNumber < rhs.dayNumber }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A wall-clock moment in the program's time zone, in minutes since 1970-01-01 00:00 local time.
///
/// Local minutes keep the model free of time-zone arithmetic: windows, open houses and sessions are
/// compared as the district's clocks show them. Offsets are applied only when writing outputs.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Minutes since 1970-01-01 00:00 local wall time.
    public let minutes: Int

    /// A moment from local minutes since 1970-01-01 00:00.
    public init(minutes: Int) { self.minutes = minutes }

    /// A moment from a date and a minute of that day (0 ..< 1440; larger values roll over).
    public init(date: LocalDate, minuteOfDay: Int) {
        self.minutes = date.dayNumber * 1440 + minuteOfDay
    }

    /// The local date of this moment.
    public var date: LocalDate { LocalDate(dayNumber: floorDiv(minutes, 1440)) }

    /// Minutes since local midnight (0 ..< 1440).
    public var minuteOfDay: Int { minutes - floorDiv(minutes, 1440) * 1440 }

    /// The moment `delta` minutes later.
    public func adding(minutes delta: Int) -> LocalDateTime { LocalDateTime(minutes: minutes + delta) }

    /// `YYYY-MM-DDTHH:MM`.
    public var description: String { "\(date)T\(formatMinuteOfDay(minuteOfDay))" }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool { lhs.minutes < rhs.minutes }
}

/// `HH:MM` for a minute of the day.
public func formatMinuteOfDay(_ minute: Int) -> String {
    "\(pad(minute / 60, 2)):\(pad(minute % 60, 2))"
}

func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

func floorDiv(_ a: Int, _ b: Int) -> Int {
    a >= 0 ? a / b : -((-a + b - 1) / b)
}
