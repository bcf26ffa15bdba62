import EnlaceCore
import Foundation
import GRDB

/// Converts the runs stored before `v6-typed-runs` (a `schedule.json` text per run) into rows, so
/// that continuity and feeds carry on across the upgrade. Those runs knew nothing of held
/// sessions: they are read as plans made before the term (`now` at 1970, every stint from then).
enum LegacyRuns {
    static func convert(_ db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, schedule_json FROM runs ORDER BY id") {
            let id: Int = row[0]
            let text: String = row[1]
            guard let legacy = try? JSONDecoder().decode(LegacySchedule.self, from: Data(text.utf8)) else {
                throw StoreError(description: "run \(id) holds a schedule this version cannot read; move enlace.sqlite aside and run `enlace match` again")
            }
            try db.execute(sql: "UPDATE runs SET program_name = ?, timezone = ? WHERE id = ?",
                           arguments: [legacy.program, legacy.timezone, id])
            try insertRows(legacy, run: id, db)
        }
    }

    private static func insertRows(_ legacy: LegacySchedule, run id: Int, _ db: Database) throws {
        let order = Weights.keys + legacy.score.terms.keys.filter { !Weights.keys.contains($0) }.sorted()
        for (position, key) in order.filter({ legacy.score.terms[$0] != nil }).enumerated() {
            try db.execute(sql: "INSERT INTO run_terms (run_id, position, key, value) VALUES (?, ?, ?, ?)",
                           arguments: [id, position, key, legacy.score.terms[key]])
        }
        for group in legacy.groups {
            let start = group.start.flatMap { text -> Int? in
                let parts = text.split(separator: ":").compactMap { Int($0) }
                return parts.count == 2 ? parts[0] * 60 + parts[1] : nil
            }
            try db.execute(sql: """
                INSERT INTO run_groups (run_id, group_id, mentor_id, kind, mode, site_id, weekday, start_minute, minutes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, group.id, group.mentor, group.kind, group.mode, group.site, group.weekday, start, group.minutes])
            for session in group.sessions {
                guard let start = wallTime(session.start), let end = wallTime(session.end), end > start else { continue }
                try db.execute(sql: "INSERT OR IGNORE INTO run_sessions (run_id, group_id, start_minute, end_minute) VALUES (?, ?, ?, ?)",
                               arguments: [id, group.id, start, end])
            }
            for parent in group.parents {
                try db.execute(sql: "INSERT INTO run_memberships (run_id, parent_id, group_id, from_minute) VALUES (?, ?, ?, 0)",
                               arguments: [id, parent, group.id])
            }
        }
        for entry in legacy.unmatched {
            try db.execute(sql: "INSERT INTO run_unmatched (run_id, parent_id, reasons) VALUES (?, ?, ?)",
                           arguments: [id, entry.parent, Coding.jsonArray(entry.reasons)])
        }
    }

    /// `2026-09-01T18:00:00-07:00` as local minutes (the wall time as written; the offset is the
    /// program zone's).
    static func wallTime(_ text: String) -> Int? {
        let utf8 = Array(text.utf8)
        guard utf8.count >= 16, utf8[10] == UInt8(ascii: "T"), utf8[13] == UInt8(ascii: ":"),
              let date = LocalDate(iso: String(decoding: utf8[0..<10], as: UTF8.self)),
              let hour = Int(String(decoding: utf8[11..<13], as: UTF8.self)),
              let minute = Int(String(decoding: utf8[14..<16], as: UTF8.self)),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return LocalDateTime(date: date, minuteOfDay: hour * 60 + minute).minutes
    }

    private struct LegacySchedule: Decodable {
        struct Score: Decodable { var terms: [String: Int] }
        struct Group: Decodable {
            var id: String
            var mentor: String
            var kind: String
            var mode: String
            var site: String?
            var weekday: String?
            var start: String?
            var minutes: Int
            var parents: [String]
            var sessions: [Times]
        }
        struct Times: Decodable { var start: String, end: String }
        struct Unmatched: Decodable { var parent: String, reasons: [String] }
        var program: String
        var timezone: String
        var score: Score
        var groups: [Group]
        var unmatched: [Unmatched]
    }
}
