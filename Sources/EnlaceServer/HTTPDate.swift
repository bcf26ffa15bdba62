import EnlaceCore
import Foundation

/// HTTP dates (RFC 9110 IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`), written and read without
/// a locale-dependent formatter.
enum HTTPDate {
    private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func string(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - day * 86_400
        let (y, m, d) = LocalDate(dayNumber: day).components
        return "\(days[((day % 7) + 7) % 7]), \(two(d)) \(months[m - 1]) \(y) \(two(time / 3600)):\(two(time / 60 % 60)):\(two(time % 60)) GMT"
    }

    /// The date of an IMF-fixdate; nil for anything else (obsolete formats are not worth the risk
    /// of a wrong 304).
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", parts[0].hasSuffix(","),
              let d = Int(parts[1]), let m = months.firstIndex(of: String(parts[2])), let y = Int(parts[3]) else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let h = Int(clock[0]), let mi = Int(clock[1]), let s = Int(clock[2]),
              (0..<24).contains(h), (0..<60).contains(mi), (0..<61).contains(s),
              let date = LocalDate(year: y, month: m + 1, day: d) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(date.dayNumber * 86_400 + h * 3600 + mi * 60 + s))
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
