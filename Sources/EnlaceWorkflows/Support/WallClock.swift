import EnlaceCore
import EnlaceFeeds
import Foundation

/// The one place a workflow turns the moment the CLI read ("now", or `--now`) into the program's
/// local time; the core never reads a clock.
public enum WallClock {
    /// The wall time of `date` in `timezone`, to the minute (rounded down); UTC when the zone is
    /// unknown (settings validation refuses unknown zones before any workflow runs).
    public static func local(_ date: Date, timezone: String) -> LocalDateTime {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let offset = TimeZone(identifier: timezone)?.secondsFromGMT(for: date) ?? 0
        let localSeconds = seconds + Int64(offset)
        return LocalDateTime(minutes: Int((localSeconds - (localSeconds % 60 + 60) % 60) / 60))
    }

    /// The feeds' clock for `date`: seconds since 1970 and the program's wall time.
    public static func feedClock(_ date: Date, timezone: String) -> FeedClock {
        FeedClock(now: Int64(date.timeIntervalSince1970.rounded(.down)), local: local(date, timezone: timezone))
    }

    /// `2026-08-01T12:00:00Z`, for the database's created_at columns.
    public static func isoText(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }
}
