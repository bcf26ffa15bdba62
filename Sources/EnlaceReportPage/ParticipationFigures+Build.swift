import EnlaceCore

extension ParticipationFigures {
    /// How a family took part in a held session (spec section 11's `mode`).
    public enum Mode: Sendable, Hashable {
        /// `in_person`.
        case inPerson
        /// `virtual`: the video meeting.
        case online
        /// `recording`: watched the session's recording.
        case recording
    }

    /// One family's place at one held session, and how they took part; nil when they missed it.
    public struct Seat: Sendable, Hashable {
        /// The session's local date.
        public var date: LocalDate
        /// How the family took part, nil when they did not.
        public var mode: Mode?

        /// Creates a seat.
        public init(date: LocalDate, mode: Mode?) {
            self.date = date
            self.mode = mode
        }
    }

    /// Participation month by month from every family's place at every held session (one seat
    /// per family and session, as `out/participation.csv` counts `held`), with `followUp` the
    /// families of `out/follow-up.csv`.
    ///
    /// Months run from the first held session's to the last one's, every month between included
    /// (a month without sessions shows as empty rather than disappearing).
    ///
    /// - Complexity: O(seats + months).
    public init(seats: [Seat], followUp: Int) {
        var byMonth: [Int: Month] = [:]
        var attended = 0
        for seat in seats {
            let (year, month, _) = seat.date.components
            let key = year * 12 + month - 1
            var entry = byMonth[key] ?? Month(year: year, month: month, inPerson: 0, online: 0, recording: 0)
            switch seat.mode {
            case .inPerson: entry.inPerson += 1
            case .online: entry.online += 1
            case .recording: entry.recording += 1
            case nil: break
            }
            if seat.mode != nil { attended += 1 }
            byMonth[key] = entry
        }
        var months: [Month] = []
        if let first = byMonth.keys.min(), let last = byMonth.keys.max() {
            months = (first...last).map { byMonth[$0] ?? Month(year: $0 / 12, month: $0 % 12 + 1, inPerson: 0, online: 0, recording: 0) }
        }
        self.init(months: months, held: seats.count, attended: attended, followUp: followUp)
    }
}
