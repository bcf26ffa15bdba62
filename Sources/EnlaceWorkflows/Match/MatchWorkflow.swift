import CSystemCalls
import EnlaceCore
import EnlaceCurriculum
import EnlaceIO
import EnlaceReport
import EnlaceSolver
import EnlaceStore
import Foundation

/// `enlace match`: import the folder, prepare the rules once, build the model from now on, solve,
/// join the result with the held past, plan the curriculum, store the run, write the outputs.
public enum MatchWorkflow {
    /// What a match did.
    public struct Result: Sendable {
        public let schedule: Schedule
        public let parents: Int
        public let matched: Int
        /// Groups that meet from now on.
        public let groups: Int
        /// Unmatched parents per cause, in the model's order of causes, zero counts left out.
        public let blocked: [(cause: String, count: Int)]
        /// `14 families changed group: …`, nil when nothing changed or on the first run.
        public let changeSummary: String?
        /// `9 topics taught; 212 of 230 families get their first choice; …`, nil for a program
        /// without topics.
        public let curriculumSummary: String?
        /// The time planning the curriculum took (part of `seconds`).
        public let curriculumSeconds: Double
        /// Whether the model was too large to search whole (a thorough run adds nothing).
        public let isTruncated: Bool
        /// The planning moment, when it differs from the `now` asked for (an earlier `now` than the
        /// latest run's cannot re-open its past).
        public let plannedFrom: LocalDateTime
        public let seconds: Double

        /// Whether nobody fits any group (exit code 3).
        public var noneFits: Bool { matched == 0 && parents > 0 }
    }

    /// Matches the program of `workspace` as of `now`.
    ///
    /// The import is stored while the model is built and solved: they need only the files just
    /// read and the previous run, which an import does not change. Its transaction commits only
    /// once every plugin hook of the run has returned (`CommitGate`): a plugin that fails or
    /// crashes leaves the database as it was (spec section 8). Nothing else is written until the
    /// import has committed; if it fails, the match fails with its reason and writes nothing.
    public static func run(_ workspace: ProgramWorkspace, now: Date, effort: SolverOptions.Effort,
                           log: WorkflowLog) throws(WorkflowError) -> Result {
        let started = Date()
        let checked = try CheckedProgram.check(workspace, log: log)
        let gate = CommitGate()
        let storing = InBackground { try checked.storeImport(at: now, beforeCommit: gate.wait) }
        return try match(checked, now: now, started: started, effort: effort, log: log) { (commit: Bool) throws(WorkflowError) in
            gate.release(commit: commit)
            do { _ = try storing.wait() } catch { if commit { throw .wrapping(error) } }
        }
    }

    /// Matches a checked program. `imported(true)` is called once no plugin code is left to run
    /// and before anything is written: it returns once the program is stored (or throws why not);
    /// `imported(false)` when the match fails: the import must not be stored either.
    public static func match(_ checked: CheckedProgram, now: Date, started: Date, effort: SolverOptions.Effort, log: WorkflowLog,
                             imported: (_ commit: Bool) throws(WorkflowError) -> Void) throws(WorkflowError) -> Result {
        let program = checked.loaded.program
        let asked = WallClock.local(now, timezone: program.settings.timezone)
        let cut = max(asked, checked.previous?.schedule.now ?? asked)
        if cut > asked {
            log.warn("the latest match planned from \(cut); sessions before then are history, so this run plans from then too, not from \(asked).")
        }
        let composed: Composed
        do {
            composed = compose(try solve(checked, from: cut, effort: effort, log: log), checked: checked, now: cut)
        } catch {
            try imported(false)  // the import is rolled back and waited for whatever happens
            throw error
        }
        try imported(true)
        let planning = Date()
        let curriculum = planCurriculum(composed.schedule, program: program, log: log)
        let curriculumSeconds = Date().timeIntervalSince(planning)
        let schedule = curriculum.schedule
        try store(schedule, checked: checked, now: now, effort: effort)
        return Result(schedule: schedule, parents: program.parents.count, matched: composed.matched, groups: composed.groups,
                      blocked: composed.blocked, changeSummary: FamilyChanges.summary(schedule.changes),
                      curriculumSummary: curriculum.summary, curriculumSeconds: curriculumSeconds, isTruncated: composed.isTruncated, plannedFrom: cut, seconds: Date().timeIntervalSince(started))
    }

    /// The schedule of a solved model and what the result reports of the model, so that the
    /// model (some 400 MB at 600,000 parents) is gone before the outputs are written.
    private struct Composed {
        let schedule: Schedule
        let matched: Int
        let groups: Int
        let blocked: [(cause: String, count: Int)]
        let isTruncated: Bool
    }

    /// Explains the unmatched families (the last plugin code of the run, `justify…`) and composes
    /// the schedule with the held past and the families' changes.
    private static func compose(_ solved: (model: MatchModel, solution: Solution), checked: CheckedProgram, now cut: LocalDateTime) -> Composed {
        let (model, solution) = solved
        let explanations = model.explainUnmatched(solution)
        var schedule = ScheduleComposer.compose(model: model, solution: solution, unmatched: explanations,
                                                previous: checked.previous?.schedule, now: cut)
        schedule.changes = FamilyChanges.between(previous: checked.previous?.schedule, model: model, solution: solution)
        let blocked = model.unmatchedCauses.map { cause in (cause: cause.rawValue, count: explanations.filter { $0.cause == cause }.count) }
        return Composed(schedule: schedule, matched: solution.groupOfParent.filter { $0 != nil }.count, groups: solution.openGroups.count,
                        blocked: blocked.filter { $0.count > 0 }, isTruncated: model.isTruncated)
    }

    /// Builds the model from now on and solves it.
    private static func solve(_ checked: CheckedProgram, from cut: LocalDateTime, effort: SolverOptions.Effort,
                              log: WorkflowLog) throws(WorkflowError) -> (MatchModel, Solution) {
        let program = checked.loaded.program
        let done = log.step("Matching \(program.parents.count) parents with \(program.mentors.count) mentors")
        defer { done() }
        var model: MatchModel
        do {
            model = try MatchModel(program: program, rules: checked.rules, planningFrom: cut)
        } catch {
            throw .wrapping(error, "Nothing was written.")
        }
        if checked.previous != nil {
            let groupIndex = Dictionary(model.groups.map { ($0.id, Int32($0.index)) }, uniquingKeysWith: { first, _ in first })
            model.previousGroup = checked.placements.groupID.map { $0.flatMap { groupIndex[$0] } ?? -1 }
        }
        let solution = Solver.solve(model, effort: effort)
        // What the search allocated and freed goes back to the system before the outputs, the
        // largest allocations of what is left of the run, are written.
        enlace_release_free_memory()
        return (model, solution)
    }

    /// Gives every group's sessions from now on their topics (spec section 10); held sessions keep
    /// theirs.
    private static func planCurriculum(_ schedule: Schedule, program: Program, log: WorkflowLog) -> CurriculumPlan {
        let planner = CurriculumPlanner(program: program)
        guard planner.hasTopics else { return planner.plan(schedule) }
        let done = log.step("Planning the curriculum of \(schedule.groups.count) groups")
        defer { done() }
        return planner.plan(schedule)
    }

    /// Stages the outputs, stores the run, then puts the outputs in place: a crash anywhere leaves
    /// the previous run with its outputs or (after the next start) the new run with its outputs,
    /// never one run's schedule with another's assignments.
    private static func store(_ schedule: Schedule, checked: CheckedProgram, now: Date, effort: SolverOptions.Effort) throws(WorkflowError) {
        let report = ScheduleReport(schedule: schedule)
        let curriculum = CurriculumReport(schedule: schedule, program: checked.loaded.program)
        do {
            let outputs = try AtomicFileSet.stage([("schedule.json", Array(try report.scheduleJSON().utf8), 0o644),
                                                   ("assignments.csv", Array(report.assignmentsCSV().utf8), 0o644),
                                                   ("changes.csv", Array(FamilyChanges.csv(schedule.changes).utf8), 0o644),
                                                   ("curriculum.csv", Array(try curriculum.curriculumCSV().utf8), 0o644),
                                                   ("topic-demand.csv", Array(curriculum.topicDemandCSV().utf8), 0o644)],
                                                  in: checked.workspace.outFolder, tag: "match")
            do {
                try checked.store.saveRun(RunRecord(createdAt: WallClock.isoText(now), fingerprint: checked.loaded.inputFingerprint,
                                                    settingsTOML: checked.loaded.settingsText, effort: effort.rawValue, schedule: schedule))
            } catch {
                outputs.discard()
                throw error
            }
            try outputs.commit()
        } catch {
            throw .wrapping(error)
        }
    }
}
