import EnlaceCore
import Foundation

/// A wall-clock time to the second in the program's zone, as seconds since 1970-01-01 00:00 of
/// that zone (`LocalDateTime.minutes × 60` plus seconds): how meeting reports date a join or a leave.
public typealias LocalSecond = Int

/// Reads the join and leave times of video-meeting participant reports (spec section 11).
///
/// Meeting services write local times in the account's zone, in US form or ISO form:
/// `09/05/2026 10:02:11 AM`, `9/5/2026 10:02 AM`, `09/05/2026 22:02:11`, `2026-09-05 22:02:11`
/// or `2026-09-05T22:02`. Parsed byte by byte: a term's reports hold half a million rows.
public enum MeetingTime {
    /// The local second `text` names, or nil when it is not one of the forms above.
    public static func parse(_ text: some StringProtocol) -> LocalSecond? {
        var reader = Reader(bytes: Array(text.utf8))
        reader.skipSpaces()
        guard let date = reader.date() else { return nil }
        guard reader.skip(UInt8(ascii: " ")) || reader.skip(UInt8(ascii: "T")) else { return nil }
        reader.skipSpaces()
        guard var hour = reader.number(maxDigits: 2), reader.skip(UInt8(ascii: ":")),
              let minute = reader.number(maxDigits: 2), minute < 60 else { return nil }
        var second = 0
        if reader.skip(UInt8(ascii: ":")) {
            guard let value = reader.number(maxDigits: 2), value < 60 else { return nil }
            second = value
        }
        reader.skipSpaces()
        if let pm = reader.meridiem() {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        reader.skipSpaces()
        guard reader.atEnd, hour < 24 else { return nil }
        return (LocalDateTime(date: date, minuteOfDay: hour * 60 + minute).minutes) * 60 + second
    }

    /// A local time of `zone` as seconds since 1970 UTC, so that the time between two of them
    /// counts a daylight-saving change; UTC when the zone is unknown.
    public static func instant(_ local: LocalSecond, zone: TimeZone?) -> Int {
        guard let zone else { return local }
        return local - offset(of: local, in: zone)
    }

    /// The zone's offset from UTC at a local time (for a time that occurs twice, the first).
    static func offset(of local: LocalSecond, in zone: TimeZone) -> Int {
        let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local)))
        return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - guess)))
    }

    /// `instant(_:zone:)` for many times of one zone: the offset of each local hour is asked of
    /// the zone once (a term's reports hold a million times, and the zone's answer takes
    /// microseconds), except in an hour where it changes, which is computed time by time.
    final class Instants {
        private let zone: TimeZone?
        /// The offset of each local hour that has a single one, by the hour's number since 1970.
        private var hours: [Int: Int] = [:]

        init(zone: TimeZone?) { self.zone = zone }

        func instant(_ local: LocalSecond) -> Int {
            guard let zone else { return local }
            let hour = local >= 0 ? local / 3600 : (local - 3599) / 3600
            if let offset = hours[hour] { return local - offset }
            let first = MeetingTime.offset(of: hour * 3600, in: zone)
            guard first == MeetingTime.offset(of: hour * 3600 + 3599, in: zone) else {
                return local - MeetingTime.offset(of: local, in: zone)
            }
            hours[hour] = first
            return local - first
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func skip(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func skipSpaces() {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        }

        mutating func number(maxDigits: Int) -> Int? {
            var value = 0, digits = 0
            while index < bytes.count, digits < maxDigits, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            return digits == 0 ? nil : value
        }

        /// `MM/DD/YYYY` (one or two digits for month and day) or `YYYY-MM-DD`.
        mutating func date() -> LocalDate? {
            guard let first = number(maxDigits: 4) else { return nil }
            if skip(UInt8(ascii: "/")) {
                guard let day = number(maxDigits: 2), skip(UInt8(ascii: "/")), let year = number(maxDigits: 4), year >= 1000 else { return nil }
                return LocalDate(year: year, month: first, day: day)
            }
            guard first >= 1000, skip(UInt8(ascii: "-")), let month = number(maxDigits: 2), skip(UInt8(ascii: "-")),
                  let day = number(maxDigits: 2) else { return nil }
            return LocalDate(year: first, month: month, day: day)
        }

        /// `AM`/`PM` in any case (`a.m.` too): true for PM, nil when there is none.
        mutating func meridiem() -> Bool? {
            guard index < bytes.count else { return nil }
            let letter = bytes[index] | 0x20
            guard letter == UInt8(ascii: "a") || letter == UInt8(ascii: "p") else { return nil }
            var probe = index + 1
            if probe < bytes.count, bytes[probe] == UInt8(ascii: ".") { probe += 1 }
            guard probe < bytes.count, bytes[probe] | 0x20 == UInt8(ascii: "m") else { return nil }
            probe += 1
            if probe < bytes.count, bytes[probe] == UInt8(ascii: ".") { probe += 1 }
            index = probe
            return letter == UInt8(ascii: "p")
        }
    }
}
