import EnlaceCore
import EnlaceIO
import EnlaceStore
import Foundation

/// `enlace participation`: imports the folder (so the attendance files just dropped in count),
/// then writes `out/participation.csv` and `out/follow-up.csv` from the latest run's held sessions
/// and the stored attendance, and sums participation up by mode, site and language.
public enum ParticipationWorkflow {
    /// What a participation run did.
    public struct Result: Sendable {
        /// Each family's participation and the follow-up list.
        public let participation: Participation
        /// The figures by mode, site and language.
        public let summary: ParticipationSummary
        /// What the import stored (attendance counts, unmatched rows).
        public let imported: ImportSummary
        /// `out/participation.csv` and `out/follow-up.csv`.
        public let files: [URL]
    }

    /// The two output files, relative to `out/`.
    public static let participationFile = "participation.csv", followUpFile = "follow-up.csv"

    /// Imports the folder of `workspace` as of `now`, then computes and writes participation.
    ///
    /// - Throws: what the import throws (nothing is then written), or when there is no match yet.
    public static func run(_ workspace: ProgramWorkspace, now: Date, log: WorkflowLog) throws(WorkflowError) -> Result {
        let imported = try ImportWorkflow.run(workspace, now: now, log: log)
        let run = try workspace.latestRun(imported.checked.store)
        let attendance: [AttendanceRecord]
        do { attendance = try imported.checked.store.attendance() } catch { throw .wrapping(error) }
        let program = imported.checked.loaded.program
        let asked = WallClock.local(now, timezone: program.settings.timezone)
        let participation = Participation(schedule: run.schedule, cut: max(asked, run.schedule.now), attendance: attendance)
        let files = try write(participation, in: workspace)
        return Result(participation: participation,
                      summary: ParticipationSummary(participation, program: program, unmatchedRows: imported.imported.unmatchedAttendance),
                      imported: imported.imported, files: files)
    }

    /// Writes both files together (a crash leaves the old pair or the new one), owner-only: they
    /// hold families' attendance.
    static func write(_ participation: Participation, in workspace: ProgramWorkspace) throws(WorkflowError) -> [URL] {
        let out = workspace.outFolder
        do {
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            let staged = try AtomicFileSet.stage([(participationFile, Array(ParticipationCSV.participation(participation.rows).utf8), 0o600),
                                                  (followUpFile, Array(ParticipationCSV.followUp(participation.followUp).utf8), 0o600)],
                                                 in: out, tag: "participation")
            try staged.commit()
        } catch {
            throw .wrapping(error)
        }
        return [out.appendingPathComponent(participationFile), out.appendingPathComponent(followUpFile)]
    }

    /// Drops, from `out/participation.csv`, `out/follow-up.csv` and `out/attendance-unmatched.csv`,
    /// the rows of families Enlace no longer holds anything about (after `forget`, also when it
    /// finishes a killed one, which keeps no id). Returns the files changed.
    static func dropRowsOfForgottenFamilies(store: Store, workspace: ProgramWorkspace) throws -> [String] {
        let files = [(participationFile, 0), (followUpFile, 0), (ParticipationInputs.unmatchedFile, 2)]
        guard files.contains(where: { FileManager.default.fileExists(atPath: workspace.outFolder.appendingPathComponent($0.0).path) }) else {
            return []
        }
        let known = try store.knownParentIDs()
        var changed: [String] = []
        for (name, column) in files {
            changed += try dropRows(of: name, in: workspace) { line in
                guard let id = CSVLine.cell(column, of: line), !id.isEmpty else { return false }
                return !known.contains(id)
            }
        }
        return changed
    }

    /// Drops the rows of `out/attendance-unmatched.csv` with the family's name or email: a family
    /// without an email of their own joins a video meeting as a guest, under their name.
    static func dropGuestRows(name: String?, email: String?, in workspace: ProgramWorkspace) throws -> [String] {
        let email = email.map(AttendanceResolver.folded).flatMap { $0.isEmpty ? nil : $0 }
        guard name != nil || email != nil else { return [] }
        return try dropRows(of: ParticipationInputs.unmatchedFile, in: workspace) { line in
            (name != nil && CSVLine.cell(3, of: line) == name) || (email != nil && CSVLine.cell(4, of: line).map(AttendanceResolver.folded) == email)
        }
    }

    /// Rewrites `out/NAME` (0600) without the rows `isDropped` picks; the header always stays.
    private static func dropRows(of name: String, in workspace: ProgramWorkspace, _ isDropped: (Substring) -> Bool) throws -> [String] {
        let url = workspace.outFolder.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.enumerated().filter { index, line in index == 0 || line.isEmpty || !isDropped(line) }.map(\.element)
        guard kept.count < lines.count else { return [] }
        try AtomicFile.write(kept.joined(separator: "\n"), to: url, permissions: 0o600)
        return ["out/\(name) (\(lines.count - kept.count) rows)"]
    }
}

/// Reading back one cell of a line Enlace wrote with `CSVCell` (no line breaks inside cells).
enum CSVLine {
    /// The unquoted text of cell `index` of `line`, nil when the line has fewer cells.
    static func cell(_ index: Int, of line: Substring) -> String? {
        var cells: [String] = [], cell = "", inQuotes = false, previous: Character = " "
        for character in line {
            if inQuotes {
                if character == "\"" { inQuotes = false } else { cell.append(character) }
            } else if character == "\"" {
                if previous == "\"" { cell.append("\"") }
                inQuotes = true
            } else if character == "," {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(character)
            }
            previous = character
            if cells.count > index { return cells[index] }
        }
        cells.append(cell)
        return index < cells.count ? cells[index] : nil
    }
}
