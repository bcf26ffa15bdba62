import EnlaceCore
import EnlaceIO
import EnlaceReportPage
import EnlaceStore
import Foundation

/// `enlace report`: writes `out/report.html`, the coordinator's report of the latest run (spec
/// section 13), from the stored program and run, in the program's `report_language`. Changes
/// nothing else.
public enum ReportWorkflow {
    /// What a report run wrote.
    public struct Result: Sendable {
        public let file: URL
        public let figures: ReportFigures
        public let language: ReportLanguage
        public let bytes: Int
    }

    /// The report's file, in `out/`.
    public static let fileName = "report.html"

    /// Writes the report of the latest run as of `now`.
    ///
    /// The waiting families' causes are `enlace explain`'s: the latest run's model and solution
    /// are rebuilt (`ExplainWorkflow.load`) and every unmatched family explained once.
    ///
    /// - Throws: when nothing was matched yet, or the file cannot be written (nothing is then
    ///   changed: the file is replaced whole).
    public static func run(_ workspace: ProgramWorkspace, now: Date) throws(WorkflowError) -> Result {
        let context = try ExplainWorkflow.load(workspace)
        let figures = figures(context, now: now)
        let language = context.model.program.settings.reportLanguage
        let html = ReportPage(figures: figures, language: language).html()
        let file = workspace.outFolder.appendingPathComponent(fileName)
        let bytes = Array(html.utf8)
        do {
            // Counts and the waiting families' ids only: readable like schedule.json.
            try AtomicFile.write(bytes, to: file, permissions: 0o644)
        } catch {
            throw WorkflowError("could not write \(file.path): \(error.localizedDescription). Check that the folder is writable; the previous report, if any, is unchanged.")
        }
        return Result(file: file, figures: figures, language: language, bytes: bytes.count)
    }

    /// The figures of the latest run as of `now` (the run's own moment when `now` is earlier:
    /// its past cannot be re-opened).
    static func figures(_ context: ExplainWorkflow.Context, now: Date) -> ReportFigures {
        let program = context.model.program
        let schedule = context.run.schedule
        let asOf = max(WallClock.local(now, timezone: program.settings.timezone), schedule.now)
        var reasons: [ParentID: WaitingReason] = [:]
        for explanation in context.model.explainUnmatched(context.solution) {
            reasons[program.parents[explanation.parent].id] = WaitingReason(cause: explanation.cause.rawValue, reasons: explanation.reasons)
        }
        // Curriculum and participation figures join when the program's data for them is stored
        // (spec sections 10 and 11); until then those sections say there is no data yet.
        return ReportFigures(program: program, schedule: schedule, reasons: reasons, asOf: asOf)
    }
}
