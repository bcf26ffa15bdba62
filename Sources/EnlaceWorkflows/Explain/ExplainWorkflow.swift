import EnlaceCore
import EnlaceFeeds
import EnlacePlugins
import EnlaceSolver
import EnlaceStore
import Foundation

/// `enlace explain parent|mentor ID`: why the latest run put someone where it did, as lines of
/// text. Reads the stored program and runs (what was matched), and the program's plugins; changes
/// nothing.
public enum ExplainWorkflow {
    /// The latest run's model and solution, rebuilt from what was stored.
    struct Context {
        let model: MatchModel
        let solution: Solution
        let run: RunRecord
    }

    /// Why the latest run placed parent `id` where it did (or left them unmatched), what changed
    /// for them at that run, the topics they asked for and when each is taught, and what would
    /// change it.
    public static func parent(_ id: String, in workspace: ProgramWorkspace) throws(WorkflowError) -> [String] {
        let context = try load(workspace)
        let model = context.model
        guard let p = model.program.parents.firstIndex(where: { $0.id.rawValue == id }) else {
            throw WorkflowError("no parent has the id \"\(id)\" in the imported data/parents.csv.")
        }
        let catalog: TranslationCatalog
        do { catalog = try TranslationCatalog.forProgram(folder: workspace.folder).catalog } catch { throw .wrapping(error) }
        let reads = catalog.resolution(for: model.program.parents[p].preferredLanguage).explanation
        var lines = ParentReport(model: model, solution: context.solution, schedule: context.run.schedule, parent: p).lines
        lines.insert("  reads feeds, letters and messages in: \(reads)", at: 2)
        return lines
    }

    /// A mentor's groups, load and limits in the latest run.
    public static func mentor(_ id: String, in workspace: ProgramWorkspace) throws(WorkflowError) -> [String] {
        let context = try load(workspace)
        let model = context.model, solution = context.solution
        guard let m = model.program.mentors.firstIndex(where: { $0.id.rawValue == id }) else {
            throw WorkflowError("no mentor has the id \"\(id)\" in the imported data/mentors.csv.")
        }
        let mentor = model.program.mentors[m]
        let byGroup = solution.parentsByGroup()
        let own = model.groupsOfMentor[m].filter { byGroup[$0] != nil }
        let seated = own.reduce(0) { $0 + byGroup[$1]!.count }
        var lines = ["Mentor \(mentor.id): \(mentor.name)",
                     "  leads \(own.count) of at most \(model.maxGroups[m]) groups; \(seated) of \(model.mentorCapacity[m]) seats taken"]
        for rule in model.rules.with([.mentorCapacity, .groupsPerMentor]) {
            if let sentence = rule.rule.justify(mentor: m) { lines.append("  - \(sentence)") }
        }
        for g in own {
            lines.append("  \(model.groups[g].id): \(byGroup[g]!.map { model.program.parents[$0].id.rawValue }.joined(separator: ", "))")
        }
        let fitting = model.groupsOfMentor[m].map { (group: $0, parents: model.fittingParents(of: $0)) }.filter { !$0.parents.isEmpty }
        let unmatchedFitting = Set(fitting.flatMap { $0.parents.map(Int.init).filter { solution.groupOfParent[$0] == nil } })
        lines.append("  \(fitting.count) possible groups have families who fit; \(unmatchedFitting.count) unmatched families fit one of them.")
        if seated >= model.mentorCapacity[m] && !unmatchedFitting.isEmpty {
            lines.append("What would change it: raising this mentor's capacity would seat unmatched families who fit.")
        }
        return lines
    }

    /// The stored program and latest run, the rules prepared as that run prepared them (with the
    /// run before it), and the model from the run's planning moment.
    static func load(_ workspace: ProgramWorkspace) throws(WorkflowError) -> Context {
        let store = try workspace.existingStore()
        let run = try workspace.latestRun(store)
        let (program, settingsText) = try workspace.storedProgram(store)
        let previous: RunRecord?
        do { previous = try store.run(runsBack: 1) } catch { throw .wrapping(error) }
        let placements = PreviousPlacements(previous?.schedule, program: program)
        let catalog = try Rules.catalog(folder: workspace.folder, settings: program.settings)
        let model: MatchModel
        do {
            let rules = try RuleSet.prepare(catalog, program: program, previousMentor: placements.mentor,
                                            previousGroup: placements.group, settingsText: settingsText)
            model = try MatchModel(program: program, rules: rules, planningFrom: run.schedule.now)
        } catch {
            throw .wrapping(error)
        }
        let groupIndex = Dictionary(model.groups.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let current = run.schedule.currentMemberships
        let solution = model.solution(groupOfParent: program.parents.map { current[$0.id].flatMap { groupIndex[$0.group] } })
        return Context(model: model, solution: solution, run: run)
    }
}

/// The lines of `enlace explain parent`.
struct ParentReport {
    let model: MatchModel
    let solution: Solution
    let schedule: Schedule
    let parent: Int

    var lines: [String] {
        let parent = model.program.parents[self.parent]
        let explanation = model.explain(parent: self.parent, in: solution)
        let free = parent.availability.windows.isEmpty ? "(no weekly times)" : parent.availability.description
        var lines = ["Parent \(parent.id): \(parent.name)",
                     "  speaks \(parent.languages.map(\.tag).joined(separator: ", ")); school \(parent.site); meets "
                         + "\(parent.modes.sorted().map(\.rawValue).joined(separator: " or ")); free \(free)"
                         + (parent.attendsOpenHouses ? "; goes to open houses" : "")]
        if let g = explanation.group {
            lines.append("In group \(model.groups[g].id) with mentor \(model.program.mentors[model.groups[g].mentor].id).")
            lines.append("  score: " + explanation.terms.filter { $0.value != 0 }.map { "\($0.key) \($0.value > 0 ? "+" : "")\($0.value)" }.joined(separator: ", "))
            for sentence in explanation.justifications { lines.append("  - \(sentence)") }
        } else {
            lines.append("Not matched: " + explanation.reasons.joined(separator: "; "))
        }
        lines += history(parent.id)
        lines += topicLines
        if !explanation.alternatives.isEmpty {
            lines.append("Groups this parent fits (\(explanation.alternatives.count)):")
            for alternative in explanation.alternatives.prefix(12) {
                lines.append("  \(model.groups[alternative.group].id)  weight \(alternative.weight)  " + (alternative.whyNot ?? "← here"))
            }
        }
        lines += explanation.levers.map { "What would change it: \($0)" }
        return lines
    }

    /// The family's stints (held sessions with whom, and since when) and what changed at the run.
    private func history(_ id: ParentID) -> [String] {
        var lines: [String] = []
        for stint in schedule.memberships where stint.parent == id {
            guard let group = schedule.group(stint.group) else { continue }
            let sessions = group.sessions.filter { stint.covers($0.start) }
            let held = sessions.filter { schedule.isHeld($0) }.count
            let from = sessions.first.map { "from \($0.start.date)" } ?? ""
            if let until = stint.until {
                lines.append("  Met group \(group.id) (mentor \(group.mentor)) \(from) until \(until.date): \(held) sessions held.")
            } else {
                lines.append("  In group \(group.id) \(from): \(held) sessions held, \(sessions.count - held) to come.")
            }
        }
        if let change = schedule.changes.first(where: { $0.parent == id }) {
            let before = change.before.map { "group \($0)" } ?? "no group"
            let after = change.after.map { "group \($0)" } ?? "no group"
            lines.append("  At the run of \(schedule.now.date): \(before) → \(after), because \(change.reason.phrase); sessions before \(schedule.now) stay as they were held.")
        }
        return lines
    }
}
