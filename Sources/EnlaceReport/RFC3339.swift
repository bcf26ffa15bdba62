import EnlaceCore
import Foundation

/// Writes local wall times as RFC 3339 with the zone's offset at that moment, e.g.
/// `2026-09-01T18:00:00-07:00`, the form `schedule.json` uses.
public struct RFC3339Formatter {
    private let zone: TimeZone
    private var offsets: [Int: Int] = [:]

    /// A formatter for an IANA zone; nil when the system's time-zone data does not know it.
    public init?(timezone: String) {
        guard let zone = TimeZone(identifier: timezone) else { return nil }
        self.zone = zone
    }

    /// The offset from UTC, in seconds, of local wall time `local` (for a wall time that occurs
    /// twice when clocks fall back, the first; for one skipped when they spring forward, the
    /// offset before the change, as calendar clients do).
    public mutating func offset(of local: LocalDateTime) -> Int {
        if let cached = offsets[local.minutes] { return cached }
        let wall = TimeInterval(local.minutes * 60)
        let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall))
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - TimeInterval(guess)))
        let earlier = zone.secondsFromGMT(for: Date(timeIntervalSince1970: wall - TimeInterval(offset)))
        let result = max(offset, earlier)
        offsets[local.minutes] = result
        return result
    }

    /// `YYYY-MM-DDTHH:MM:SS±HH:MM`.
    public mutating func string(_ local: LocalDateTime) -> String {
        let offset = offset(of: local)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        return "\(local.date)T\(formatMinuteOfDay(local.minuteOfDay)):00\(sign)\(two(hours)):\(two(minutes))"
    }

    private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
