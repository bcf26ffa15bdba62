import EnlaceCore
import Foundation

/// One row of `data/recordings.csv`, checked for form: whether the group or site had a held
/// session that day is decided against the run.
public struct RecordingRow: Sendable, Equatable {
    /// The row's 1-based line in data/recordings.csv.
    public var line: Int
    /// The link and what it is of.
    public var recording: Recording
    /// The column the target came from (`group` or `site`), for messages.
    public var targetColumn: String { if case .group = recording.target { "group" } else { "site" } }
}

/// Reads `data/recordings.csv` (spec section 11): `group, site, date, url`, one of group and site
/// filled (a site row is that site's open house on that date), and an `https://` link.
public enum RecordingsReader {
    /// The file, relative to the program folder.
    public static let file = "data/recordings.csv"
    /// The longest link accepted: far above any video service's, far below a pasted page.
    static let maximumURLBytes = 2048

    /// The rows of `data/recordings.csv` under `programFolder`, in file order; empty when there is
    /// no such file.
    ///
    /// - Throws: `InputError` naming the line and column of the first problem.
    public static func read(programFolder: URL) throws(InputError) -> [RecordingRow] {
        let url = programFolder.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        return try rows(CSVTable(bytes: try ParticipationFile.read(url, file: file), file: file))
    }

    static func rows(_ table: CSVTable) throws(InputError) -> [RecordingRow] {
        try table.requireColumns(["date", "url"])
        guard table.header.contains("group") || table.header.contains("site") else {
            throw InputError(file: file, line: 1, problem: "the header has neither a \"group\" nor a \"site\" column.",
                             fix: "use the header group,site,date,url and fill group (a group's session) or site (a site's open house) on each row.")
        }
        var rows: [RecordingRow] = []
        var seen: [Recording.Target: [LocalDate: (line: Int, url: String)]] = [:]
        for row in table.rows {
            let recording = try recording(row)
            if let earlier = seen[recording.target]?[recording.date] {
                guard earlier.url != recording.url else { continue }
                throw InputError(file: file, line: row.line, field: "url",
                                 problem: "line \(earlier.line) already gives another link for the same session (\(recording.date)).",
                                 fix: "keep one link per session: delete the row that is wrong.")
            }
            seen[recording.target, default: [:]][recording.date] = (row.line, recording.url)
            rows.append(RecordingRow(line: row.line, recording: recording))
        }
        return rows
    }

    private static func recording(_ row: CSVTable.Row) throws(InputError) -> Recording {
        func fail(_ column: String, _ problem: String, _ fix: String) -> InputError {
            InputError(file: file, line: row.line, field: column, problem: problem, fix: fix)
        }
        let group = IDText.nfc(row["group"]), site = IDText.nfc(row["site"])
        let target: Recording.Target
        switch (group.isEmpty, site.isEmpty) {
        case (false, true): target = .group(group)
        case (true, false): target = .site(SiteID(site))
        case (false, false):
            throw fail("site", "both group and site are filled.", "fill group for a group's session, or site for that site's open house, not both.")
        case (true, true):
            throw fail("group", "neither group nor site is filled.", "fill group (a group id from out/schedule.json) or site (a site id from data/sites.csv).")
        }
        let dateText = row["date"]
        guard let date = LocalDate(iso: dateText) else {
            throw fail("date", "\"\(dateText.prefix(40))\" is not a date.", "write the session's local date as YYYY-MM-DD, e.g. 2026-09-01.")
        }
        let url = row["url"]
        if let problem = problem(with: url) {
            throw fail("url", problem, "give the recording's https:// link as the video service shows it, e.g. https://video.example.org/rec/123.")
        }
        return Recording(target: target, date: date, url: url)
    }

    /// What is wrong with a recording link, nil when it is a plain `https://` link to a host.
    static func problem(with url: String) -> String? {
        let shown = "\"\(url.prefix(60))\""
        guard !url.isEmpty else { return "is empty." }
        guard url.utf8.count <= maximumURLBytes else { return "the link is \(url.utf8.count) bytes long; the limit is \(maximumURLBytes)." }
        guard url.lowercased().hasPrefix("https://") else { return "\(shown) is not an https:// link (families' calendars open only secure links)." }
        guard !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F || $0 == "\"" }) else {
            return "\(shown) contains a space, a quote or a control character."
        }
        guard let parsed = URLComponents(string: url), let host = parsed.host, !host.isEmpty else { return "\(shown) is not a link to a web address." }
        guard parsed.user == nil, parsed.password == nil else { return "\(shown) carries a user name or password, which every family's calendar would show." }
        return nil
    }
}
