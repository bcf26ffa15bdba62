import EnlaceCore
import EnlaceIO
import EnlaceReport
import EnlaceReportPage
import EnlaceStore
import Foundation

/// `enlace report`: writes `out/report.html`, the coordinator's report of the latest run (spec
/// section 13), from the stored program and run, in the program's `report_language`. Changes
/// nothing else.
public enum ReportWorkflow {
    /// What a report run wrote.
    public struct Result: Sendable {
        /// `out/report.html`.
        public let file: URL
        /// The figures the page shows.
        public let figures: ReportFigures
        /// The page's language (`report_language`).
        public let language: ReportLanguage
        /// The size of the page in bytes.
        public let bytes: Int

        /// One JSON object for scripts (`enlace report --json`), on one line: `{"report",
        /// "language", "bytes", "families", "matched", "waiting", "groups", "mentors_leading",
        /// "mentors", "score", "bound", "waiting_groups", "curriculum", "participation"}`; the
        /// last two say whether those sections have data.
        public var json: String {
            let headline = figures.headline
            return "{\"report\":\(JSONText.string(file.path)),\"language\":\(JSONText.string(language.rawValue)),\"bytes\":\(bytes),"
                + "\"families\":\(headline.families),\"matched\":\(headline.matched),\"waiting\":\(headline.waiting),"
                + "\"groups\":\(headline.groups),\"mentors_leading\":\(headline.mentorsLeading),\"mentors\":\(headline.mentors),"
                + "\"score\":\(headline.score),\"bound\":\(headline.bound),\"waiting_groups\":\(figures.waiting.count),"
                + "\"curriculum\":\(figures.curriculum != nil),\"participation\":\(figures.participation != nil)}"
        }
    }

    /// The report's file, in `out/`.
    public static let fileName = "report.html"

    /// Writes the report of the latest run as of `now`.
    ///
    /// The waiting families' causes are `enlace explain`'s, stored with the run by `enlace match`;
    /// for a run stored without them (by an older Enlace) the run's model and solution are rebuilt
    /// (`ExplainWorkflow.load`) and every unmatched family is explained again.
    ///
    /// - Throws: when nothing was matched yet, or the file cannot be written (nothing is then
    ///   changed: the file is replaced whole).
    public static func run(_ workspace: ProgramWorkspace, now: Date) throws(WorkflowError) -> Result {
        let store = try workspace.existingStore()
        let run = try workspace.latestRun(store)
        let program: Program
        let reasons: [ParentID: WaitingReason]
        if let stored = storedReasons(run.schedule) {
            program = try workspace.storedProgram(store).0
            reasons = stored
        } else {
            let context = try ExplainWorkflow.load(workspace)
            program = context.model.program
            reasons = explainedReasons(context)
        }
        let schedule = run.schedule
        let asOf = max(WallClock.local(now, timezone: program.settings.timezone), schedule.now)
        let participation = try participation(store, schedule: schedule, asOf: asOf)
        let figures = figures(program: program, schedule: schedule, reasons: reasons, asOf: asOf, participation: participation)
        let language = program.settings.reportLanguage
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

    /// Each unmatched family's cause and reasons as the run stored them; nil when any lacks its
    /// cause (a run stored before causes were kept).
    static func storedReasons(_ schedule: Schedule) -> [ParentID: WaitingReason]? {
        var reasons: [ParentID: WaitingReason] = [:]
        for unmatched in schedule.unmatched {
            guard let cause = unmatched.cause else { return nil }
            reasons[unmatched.parent] = WaitingReason(cause: cause, reasons: unmatched.reasons)
        }
        return reasons
    }

    /// Each unmatched family's cause and reasons, explained again from the rebuilt model.
    static func explainedReasons(_ context: ExplainWorkflow.Context) -> [ParentID: WaitingReason] {
        var reasons: [ParentID: WaitingReason] = [:]
        for explanation in context.model.explainUnmatched(context.solution) {
            reasons[context.model.program.parents[explanation.parent].id] = WaitingReason(cause: explanation.cause.rawValue,
                                                                                          reasons: explanation.reasons)
        }
        return reasons
    }

    /// The figures of the latest run as of `asOf` (never before the run's own moment: its past
    /// cannot be re-opened), with `participation` from the stored attendance.
    static func figures(program: Program, schedule: Schedule, reasons: [ParentID: WaitingReason], asOf: LocalDateTime,
                        participation: ParticipationFigures?) -> ReportFigures {
        let language = LanguageTag(program.settings.reportLanguage.rawValue) ?? LanguageTag("en")!
        let curriculum = CurriculumFigures(program: program, schedule: schedule, language: language,
                                           requiredMissing: schedule.curriculum.requiredMissing)
        return ReportFigures(program: program, schedule: schedule, reasons: reasons, asOf: asOf, curriculum: curriculum,
                             participation: participation)
    }
}
