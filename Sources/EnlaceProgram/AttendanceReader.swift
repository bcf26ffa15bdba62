import EnlaceCore
import Foundation

/// One row of a sign-in sheet (`date, group, parent, mode`), checked for form only: whether the
/// group met that day and the parent was in it is decided against the run.
public struct SignInRow: Sendable, Equatable {
    /// The file, relative to the program folder.
    public var file: String
    /// The row's 1-based line in the file.
    public var line: Int
    /// The session's local date.
    public var date: LocalDate
    /// The group id as written (NFC).
    public var group: String
    /// The parent id as written (NFC).
    public var parent: String
    /// How the parent attended.
    public var mode: AttendanceMode
}

/// One row of a video-meeting participant report: who joined (by email) and when, to the second.
public struct ReportRow: Sendable, Equatable {
    /// The file, relative to the program folder.
    public var file: String
    /// The row's 1-based line in the file.
    public var line: Int
    /// The participant's display name, as the meeting service wrote it ("" when the report has no
    /// name column).
    public var name: String
    /// The email as written ("" for a guest who joined without signing in).
    public var email: String
    /// When the participant joined, in the program's local time.
    public var join: LocalSecond
    /// When the participant left, in the program's local time.
    public var leave: LocalSecond
    /// Join and leave as seconds since 1970 UTC: the time that really passed between them, a
    /// daylight-saving change counted.
    public var joinInstant: Int
    /// `leave` as seconds since 1970 UTC.
    public var leaveInstant: Int
}

/// `data/attendance/*.csv` read (spec section 11): every sign-in sheet and participant report.
public struct AttendanceFiles: Sendable, Equatable {
    /// The files read, relative to the program folder, sorted.
    public var files: [String] = []
    /// Every sign-in row, in file then line order.
    public var signIns: [SignInRow] = []
    /// Every participant-report row, in file then line order.
    public var reports: [ReportRow] = []

    /// No files read.
    public init() {}
}

/// Reads the attendance folder: each file is a sign-in sheet or a participant report, told apart
/// by its header (a report may start with the meeting block of an export "with meeting data").
///
/// A row that cannot be read (a date that is no date, a mode Enlace does not know, a leave before
/// its join) refuses the whole folder with its file, line and column; whether a row names a known
/// group, session or parent is the resolver's business (`AttendanceResolver`), not the reader's.
public enum AttendanceReader {
    /// The folder, relative to the program folder.
    public static let folder = "data/attendance"
    static let signInColumns = ["date", "group", "parent", "mode"]
    static let reportColumns = ["user email", "join time", "leave time"]
    /// A meeting block is a header, one row and a blank line; a participants' header further down
    /// than this is not looked for.
    static let headerSearchLines = 20

    /// Every `*.csv` of `data/attendance` under `programFolder`, in file-name order; empty when the
    /// folder does not exist.
    ///
    /// - Parameter timezone: the program's zone, in which the reports' times are written.
    /// - Throws: `InputError` naming the file, line and column of the first problem.
    public static func read(programFolder: URL, timezone: String) throws(InputError) -> AttendanceFiles {
        let directory = programFolder.appendingPathComponent(folder, isDirectory: true)
        var result = AttendanceFiles()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return result }
        let zone = TimeZone(identifier: timezone)
        let csvNames = names.sorted().filter { $0.lowercased().hasSuffix(".csv") && !$0.hasPrefix(".") }
        // A term's files (a sheet or a report per month and kind) are read on every core; the
        // rows are then joined in file order, and the first problem in file order is reported.
        var perFile = [Result<AttendanceFiles, InputError>?](repeating: nil, count: csvNames.count)
        perFile.withUnsafeMutableBufferPointer { buffer in
            // Each slot is written by exactly one iteration, and read only after all are done.
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: csvNames.count) { index in
                output[index] = Result { () throws(InputError) -> AttendanceFiles in
                    let file = folder + "/" + csvNames[index]
                    var one = AttendanceFiles()
                    try read(try ParticipationFile.read(directory.appendingPathComponent(csvNames[index]), file: file), file: file,
                             zone: zone, into: &one)
                    one.files = [file]
                    return one
                }
            }
        }
        for one in perFile {
            let files = try one!.get()
            result.files += files.files
            result.signIns += files.signIns
            result.reports += files.reports
        }
        return result
    }

    /// Reads one file's bytes into `result`.
    static func read(_ bytes: [UInt8], file: String, zone: TimeZone?, into result: inout AttendanceFiles) throws(InputError) {
        let lines = HeaderScan.lines(bytes, upTo: headerSearchLines)
        if let first = lines.first(where: { !$0.cells.allSatisfy(\.isEmpty) }), Set(first.cells).isSuperset(of: signInColumns) {
            result.signIns += try signIns(try table(bytes, from: first, file: file), lineOffset: first.number - 1)
        } else if let header = lines.first(where: { Set($0.cells.map { $0.lowercased() }).isSuperset(of: reportColumns) }) {
            result.reports += try reports(try table(bytes, from: header, file: file), lineOffset: header.number - 1, zone: zone)
        } else {
            throw InputError(file: file, line: 1,
                             problem: "is neither a sign-in sheet (a header with date, group, parent, mode) nor a video-meeting participant report (a header with User Email, Join Time, Leave Time).",
                             fix: "save sign-in sheets with the columns date,group,parent,mode, and export meeting reports as CSV with the participants' emails and join and leave times; move other files out of data/attendance.")
        }
    }

    /// The CSV from the header's line on (a meeting block above it is skipped), with the lines of
    /// its problems counted from the top of the file.
    private static func table(_ bytes: [UInt8], from header: HeaderScan.Line, file: String) throws(InputError) -> CSVTable {
        do {
            return try CSVTable(bytes: header.offset == 0 ? bytes : Array(bytes[header.offset...]), file: file)
        } catch {
            var located = error
            located.line = located.line.map { $0 + header.number - 1 }
            throw located
        }
    }

    private static func signIns(_ table: CSVTable, lineOffset: Int) throws(InputError) -> [SignInRow] {
        var rows: [SignInRow] = []
        rows.reserveCapacity(table.rows.count)
        // A term's sheets repeat a few hundred dates over half a million rows: each is parsed once.
        var dates: [String: LocalDate] = [:]
        for row in table.rows {
            let line = row.line + lineOffset
            func fail(_ column: String, _ problem: String, _ fix: String) -> InputError {
                InputError(file: table.file, line: line, field: column, problem: problem, fix: fix)
            }
            let dateText = row["date"]
            let date: LocalDate
            if let known = dates[dateText] {
                date = known
            } else {
                guard let parsed = LocalDate(iso: dateText) else {
                    throw fail("date", "\"\(dateText.prefix(40))\" is not a date.", "write the session's local date as YYYY-MM-DD, e.g. 2026-09-01.")
                }
                dates[dateText] = parsed
                date = parsed
            }
            let modeText = row["mode"]
            guard let mode = AttendanceMode(rawValue: modeText) else {
                throw fail("mode", "\"\(modeText.prefix(40))\" is not a way of attending.",
                           "write in_person (came to the meeting), virtual (joined online) or recording (watched the recording).")
            }
            // Ids compare as the roster and the run store them (NFC).
            let group = IDText.nfc(row["group"]), parent = IDText.nfc(row["parent"])
            guard !group.isEmpty else { throw fail("group", "is empty.", "write the group's id, as in out/schedule.json.") }
            guard !parent.isEmpty else { throw fail("parent", "is empty.", "write the parent's id, as in data/parents.csv.") }
            rows.append(SignInRow(file: table.file, line: line, date: date, group: group, parent: parent, mode: mode))
        }
        return rows
    }

    private static func reports(_ table: CSVTable, lineOffset: Int, zone: TimeZone?) throws(InputError) -> [ReportRow] {
        func column(_ lowercased: String) -> String { table.header.first { $0.lowercased() == lowercased }! }
        let email = column("user email"), join = column("join time"), leave = column("leave time")
        let name = table.header.first { $0.lowercased().hasPrefix("name") } ?? table.header.first { $0.lowercased() == "participant" }
        var rows: [ReportRow] = []
        rows.reserveCapacity(table.rows.count)
        let instants = MeetingTime.Instants(zone: zone)
        for row in table.rows {
            let line = row.line + lineOffset
            func time(_ column: String) throws(InputError) -> LocalSecond {
                let text = row[column]
                guard let value = MeetingTime.parse(text) else {
                    throw InputError(file: table.file, line: line, field: column, problem: "\"\(text.prefix(40))\" is not a time.",
                                     fix: "export the report again with times such as 09/05/2026 10:02:11 AM (or 2026-09-05 10:02:11), in the program's time zone.")
                }
                return value
            }
            let joined = try time(join), left = try time(leave)
            let joinInstant = instants.instant(joined), leaveInstant = instants.instant(left)
            guard leaveInstant >= joinInstant else {
                throw InputError(file: table.file, line: line, field: leave, problem: "the participant leaves (\(row[leave])) before joining (\(row[join])).",
                                 fix: "export the report again from the meeting service, or correct the row's times.")
            }
            rows.append(ReportRow(file: table.file, line: line, name: name.map { row[$0] } ?? "", email: row[email], join: joined,
                                  leave: left, joinInstant: joinInstant, leaveInstant: leaveInstant))
        }
        return rows
    }
}

/// The first lines of a CSV file, split into trimmed cells without a CSV library: enough to find
/// a header below a meeting block, and where in the bytes it starts.
enum HeaderScan {
    struct Line {
        /// 1-based line number of the line's start.
        var number: Int
        /// Byte offset of the line's start.
        var offset: Int
        var cells: [String]
    }

    /// Up to `count` logical lines (a quoted cell may span lines); a leading BOM is skipped.
    static func lines(_ bytes: [UInt8], upTo count: Int) -> [Line] {
        var lines: [Line] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 1
        while index < bytes.count, lines.count < count {
            var line = Line(number: number, offset: lines.isEmpty ? 0 : index, cells: [])
            var cell: [UInt8] = [], inQuotes = false
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == 0x0A { number += 1 }
                if inQuotes {
                    if byte == UInt8(ascii: "\"") { inQuotes = false } else { cell.append(byte) }
                } else if byte == UInt8(ascii: "\"") {
                    inQuotes = true
                } else if byte == UInt8(ascii: ",") {
                    line.cells.append(trimmed(cell))
                    cell = []
                } else if byte == 0x0A {
                    break
                } else if byte != 0x0D {
                    cell.append(byte)
                }
            }
            line.cells.append(trimmed(cell))
            lines.append(line)
        }
        return lines
    }

    private static func trimmed(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }
}

/// Reading the optional files of section 11.
enum ParticipationFile {
    /// The bytes of a regular file (a pipe or a device in the folder is refused, not waited on),
    /// at most one byte more than a CSV file may have, so that `CSVTable` refuses a larger one.
    static func read(_ url: URL, file: String) throws(InputError) -> [UInt8] {
        try InputFile.read(path: url.path, file: file, limit: CSVTable.maximumBytes)
    }
}
