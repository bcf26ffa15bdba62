import EnlaceCore
import EnlaceIO
import EnlaceProgram
import EnlaceStore
import Foundation

/// `data/attendance/*.csv` and `data/recordings.csv` read and checked for form: the part of a
/// program folder that is resolved against the run when it is imported (spec section 11).
public struct ParticipationInputs: Sendable {
    /// Every file of data/attendance, read.
    public let attendance: AttendanceFiles
    /// data/recordings.csv, read (empty without the file).
    public let recordings: [RecordingRow]
    /// Whether the folder has `data/attendance/` (then `out/attendance-unmatched.csv` is written).
    public let hasAttendanceFolder: Bool

    /// Whether the folder holds no attendance rows and no recordings.
    public var isEmpty: Bool { attendance.signIns.isEmpty && attendance.reports.isEmpty && recordings.isEmpty }

    /// The unmatched rows' file, relative to `out/`; owner-only: it names guests and their emails.
    public static let unmatchedFile = "attendance-unmatched.csv"

    /// Reads both from the folder of `workspace`.
    static func read(_ workspace: ProgramWorkspace, settings: ProgramSettings) throws(WorkflowError) -> ParticipationInputs {
        do {
            return ParticipationInputs(
                attendance: try AttendanceReader.read(programFolder: workspace.folder, timezone: settings.timezone),
                recordings: try RecordingsReader.read(programFolder: workspace.folder),
                hasAttendanceFolder: FileManager.default.fileExists(atPath: workspace.folder.appendingPathComponent(AttendanceReader.folder).path))
        } catch {
            throw .wrapping(error, "Nothing was imported; the database is unchanged.")
        }
    }

    /// The records and links these files give against `previous` (the latest run), with sessions
    /// starting before `date` (or before the run's own now, if later) held.
    func resolve(_ loaded: LoadedProgram, previous: Schedule?, at date: Date) throws(WorkflowError) -> ResolvedParticipation {
        let settings = loaded.program.settings
        let asked = WallClock.local(date, timezone: settings.timezone)
        let resolver = AttendanceResolver(schedule: previous, cut: max(asked, previous?.now ?? asked), program: loaded.program,
                                          contacts: loaded.parentContacts, minVirtualMinutes: settings.participation.minVirtualMinutes)
        do {
            return try resolver.resolve(attendance, recordings: recordings)
        } catch {
            throw .wrapping(error, "Nothing was imported; the database is unchanged.")
        }
    }

    /// Writes `out/attendance-unmatched.csv` (0600), or removes a stale one when the folder has
    /// no `data/attendance/` any more.
    func writeUnmatched(_ resolved: ResolvedParticipation, in workspace: ProgramWorkspace) throws {
        let url = workspace.outFolder.appendingPathComponent(Self.unmatchedFile)
        guard hasAttendanceFolder else {
            try? FileManager.default.removeItem(at: url)
            return
        }
        try FileManager.default.createDirectory(at: workspace.outFolder, withIntermediateDirectories: true)
        try AtomicFile.write(ParticipationCSV.unmatched(resolved.unmatched), to: url, permissions: 0o600)
    }
}

extension ParticipationInputs {
    /// `file, line N` of every row of data/attendance/*.csv that names `parent` (sign-in sheets)
    /// or has `email` (reports, case ignored); empty when the files cannot be read.
    static func rowsNaming(parent: String, email: String?, in workspace: ProgramWorkspace) -> [String] {
        guard let files = try? AttendanceReader.read(programFolder: workspace.folder, timezone: "UTC") else { return [] }
        let folded = email.map(AttendanceResolver.folded)
        var rows = files.signIns.filter { $0.parent == parent }.map { ($0.file, $0.line) }
        if let folded, !folded.isEmpty {
            rows += files.reports.filter { AttendanceResolver.folded($0.email) == folded }.map { ($0.file, $0.line) }
        }
        return rows.sorted { $0 < $1 }.map { "\($0.0), line \($0.1)" }
    }
}
