import EnlaceCore

/// Date helpers for the sample calendars: nth weekdays and Pacific time.
///
/// The demo writes exports the way Google, Outlook and Apple do, some of them in UTC, so it needs
/// the America/Los_Angeles offset of a local time. The US rule in force since 2007 (DST from the
/// second Sunday of March, 02:00, to the first Sunday of November, 02:00) is enough for the school
/// years the demo covers; reading the system tzdata would make the output depend on the machine.
enum CalendarMath {
    /// The `ordinal`-th (1-based) `weekday` of a month, or nil when the month has fewer.
    static func nthWeekday(_ ordinal: Int, _ weekday: Weekday, year: Int, month: Int) -> LocalDate? {
        guard let first = LocalDate(year: year, month: month, day: 1) else { return nil }
        let offset = (weekday.rawValue - first.weekday.rawValue + 7) % 7
        let date = first.adding(days: offset + 7 * (ordinal - 1))
        return date.components.month == month ? date : nil
    }

    /// Every date from `first` to `last` (inclusive) that is the `ordinal`-th `weekday` of its month.
    static func monthlyDates(_ ordinal: Int, _ weekday: Weekday,
                             from first: LocalDate, through last: LocalDate) -> [LocalDate] {
        var dates: [LocalDate] = []
        var (year, month, _) = first.components
        while let monthStart = LocalDate(year: year, month: month, day: 1), monthStart <= last {
            if let date = nthWeekday(ordinal, weekday, year: year, month: month),
               first <= date, date <= last {
                dates.append(date)
            }
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return dates
    }

    /// The UTC offset of Pacific local time at `minuteOfDay` on `date`, in minutes (-420 or -480).
    ///
    /// Local times in the skipped or repeated hour resolve to standard time; the demo never
    /// schedules anything between 01:00 and 03:00.
    static func pacificOffset(_ date: LocalDate, minuteOfDay: Int) -> Int {
        let (year, _, _) = date.components
        let start = LocalDateTime(date: nthWeekday(2, .sunday, year: year, month: 3)!, minuteOfDay: 120)
        let end = LocalDateTime(date: nthWeekday(1, .sunday, year: year, month: 11)!, minuteOfDay: 60)
        let local = LocalDateTime(date: date, minuteOfDay: minuteOfDay)
        return start <= local && local < end ? -420 : -480
    }

    /// `20260910` (an iCalendar DATE).
    static func icsDate(_ date: LocalDate) -> String {
        let (y, m, d) = date.components
        return digits(y, 4) + digits(m, 2) + digits(d, 2)
    }

    /// `20260910T173000` (a local iCalendar DATE-TIME, to be qualified by a TZID).
    static func icsLocal(_ date: LocalDate, minuteOfDay: Int, second: Int = 0) -> String {
        icsDate(date) + "T" + digits(minuteOfDay / 60, 2) + digits(minuteOfDay % 60, 2) + digits(second, 2)
    }

    /// The UTC form (`20260911T003000Z`) of a Pacific local time.
    static func icsUTC(_ date: LocalDate, minuteOfDay: Int, second: Int = 0) -> String {
        let local = LocalDateTime(date: date, minuteOfDay: minuteOfDay)
        let utc = local.adding(minutes: -pacificOffset(date, minuteOfDay: minuteOfDay))
        return icsLocal(utc.date, minuteOfDay: utc.minuteOfDay, second: second) + "Z"
    }

    /// A non-negative number left-padded with zeros.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
