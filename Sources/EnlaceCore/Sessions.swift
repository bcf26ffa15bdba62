// Dated sessions of candidate groups (spec section 4, "Sessions", "Blackout days", "Open houses").
//
// A weekly group meets on nominal dates chosen per calendar month by the cadence (first
// occurrence of its weekday; first and third; or every occurrence). Nominal dates outside the term
// are dropped, not moved. A nominal date on a blackout day moves to the first later same weekday
// of the same month, within the term, that is neither a blackout day, nor another nominal date,
// nor a date an earlier move of that month already took; with no such day it is dropped. Moves
// never cross a month boundary, so each month is planned on its own.
//
// An open-house group meets once per open house of its site: right after it (anchor `after`) or
// right before it (`before`), each session lasting the session length.
//
// Everything is in local wall time (`LocalDateTime`), so daylight-saving changes never shift a
// session: 18:00 is 18:00 on both sides of the change.

/// Turns the program's settings and blackout days into the dated sessions of candidate groups.
///
/// Pure: the same settings and blackouts always give the same sessions.
public struct SessionPlanner: Sendable {
    /// The settings whose term, cadence, anchor and session length are used.
    public let settings: ProgramSettings
    /// Local dates on which no session may fall.
    public let blackouts: Set<LocalDate>

    /// A planner for one program's settings and blackout days.
    public init(settings: ProgramSettings, blackouts: Set<LocalDate>) {
        self.settings = settings
        self.blackouts = blackouts
    }

    /// Sessions of a weekly group meeting on `weekday` at `startMinute` (minutes after midnight),
    /// per the settings' cadence, term and the blackout move rule; each lasts
    /// `settings.sessionMinutes`. Sorted, no two on one date.
    ///
    /// `startMinute` must be in `0..<1440`.
    ///
    /// - Complexity: O(*w* + *m*) for a term of *w* weeks spanning *m* calendar months (blackout
    ///   look-ups are hashed). The dates depend only on the weekday: see `weeklyDates(weekday:)`.
    public func weeklySessions(weekday: Weekday, startMinute: Int) -> [Session] {
        precondition((0..<1440).contains(startMinute), "start minute \(startMinute) is not in 0..<1440")
        return weeklyDates(weekday: weekday).map { date in
            let start = LocalDateTime(date: date, minuteOfDay: startMinute)
            return Session(start: start, end: start.adding(minutes: settings.sessionMinutes))
        }
    }

    /// The meeting dates of a weekly group on `weekday`, after the term and blackout rules.
    /// Ascending, no duplicates.
    ///
    /// - Complexity: O(*w* + *m*) for a term of *w* weeks spanning *m* calendar months.
    public func weeklyDates(weekday: Weekday) -> [LocalDate] {
        let termStart = settings.termStart, termEnd = settings.termEnd
        guard termStart <= termEnd else { return [] }
        var dates: [LocalDate] = []
        var (year, month, _) = termStart.components
        let last = termEnd.components
        while (year, month) <= (last.year, last.month) {
            dates += meetingDates(of: occurrences(of: weekday, year: year, month: month))
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return dates
    }

    /// Sessions of an open-house-anchored group at one site, given that site's open houses (any
    /// order). Sorted, no duplicates.
    ///
    /// One session per open house that is dated within the term and not on a blackout day (an
    /// open house is dated by its local start date; the spec only knows open houses within the
    /// term): it starts when the open house ends (anchor `after`) or ends when it starts
    /// (`before`), lasting `settings.sessionMinutes`. A session whose own date (of its start)
    /// is a blackout day or outside the term is dropped too, which matters when the session
    /// crosses midnight away from the open house's date.
    ///
    /// - Complexity: O(*n* log *n*) for *n* open houses.
    public func openHouseSessions(_ openHouses: [OpenHouse]) -> [Session] {
        let length = settings.sessionMinutes
        var sessions = Set<Session>()
        for openHouse in openHouses where isMeetingDay(openHouse.date) {
            let session = switch settings.anchor {
            case .after: Session(start: openHouse.end, end: openHouse.end.adding(minutes: length))
            case .before: Session(start: openHouse.start.adding(minutes: -length), end: openHouse.start)
            }
            if isMeetingDay(session.date) { sessions.insert(session) }
        }
        return sessions.sorted()
    }

    /// Every date of a month that falls on `weekday`, ascending (four or five of them).
    private func occurrences(of weekday: Weekday, year: Int, month: Int) -> [LocalDate] {
        guard let first = LocalDate(year: year, month: month, day: 1) else { return [] }
        let offset = (weekday.rawValue - first.weekday.rawValue + 7) % 7
        let lastDay = first.dayNumber + LocalDate.daysIn(month: month, year: year) - 1
        return stride(from: first.dayNumber + offset, through: lastDay, by: 7).map(LocalDate.init(dayNumber:))
    }

    /// The meeting dates of one month, given every occurrence of the group's weekday in it.
    ///
    /// "Another nominal date" (which a move may not land on) is read as: a nominal date of this
    /// group in this month that lies within the term. Whether nominal dates outside the term
    /// count too makes no difference: a move target must itself lie within the month and the
    /// term, so it can only ever equal an in-term nominal date of this month. As the spec words
    /// the rule, two moves may land on the same day (biweekly, with the first three Tuesdays
    /// blacked out, both nominal dates move to the fourth): the group then meets once that day.
    private func meetingDates(of occurrences: [LocalDate]) -> [LocalDate] {
        let nominal = nominalIndices(count: occurrences.count).map { occurrences[$0] }.filter(isInTerm)
        var dates = Set<LocalDate>()
        for date in nominal {
            guard blackouts.contains(date) else {
                dates.insert(date)
                continue
            }
            let target = occurrences.first { candidate in
                candidate > date && isMeetingDay(candidate) && !nominal.contains(candidate)
            }
            if let target { dates.insert(target) }
        }
        // A move may jump past a later nominal date (biweekly: first → fourth, past the third).
        return dates.sorted()
    }

    /// Positions, among a month's occurrences of the weekday, of the cadence's nominal dates.
    private func nominalIndices(count: Int) -> [Int] {
        switch settings.cadence {
        case .monthly: [0]
        case .biweekly: [0, 2]
        case .weekly: Array(0..<count)
        }
    }

    private func isInTerm(_ date: LocalDate) -> Bool {
        settings.termStart <= date && date <= settings.termEnd
    }

    private func isMeetingDay(_ date: LocalDate) -> Bool {
        isInTerm(date) && !blackouts.contains(date)
    }
}
