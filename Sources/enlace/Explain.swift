import ArgumentParser
import EnlaceCore
import EnlaceProgram
import EnlaceSolver
import EnlaceStore
import Foundation

extension Enlace {
    /// `enlace explain parent|mentor ID`: why the latest run put someone where it did.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain the latest match for one parent or mentor: fitting groups, score terms, what would change it.",
            discussion: "Reads the program folder and the latest run; changes nothing.")

        enum Kind: String, ExpressibleByArgument, CaseIterable { case parent, mentor }

        @Argument(help: "parent or mentor")
        var kind: Kind

        @Argument(help: "The parent's or mentor's id.")
        var id: String

        @OptionGroup var options: ProgramOptions

        func run() throws {
            let loaded: LoadedProgram
            do { loaded = try ProgramLoader(folder: options.folder).load() } catch { throw failWithInputError(error.description) }
            let store = try Store(path: options.folder.appendingPathComponent(Store.fileName).path)
            let latest = try store.assignments(runsBack: 0)
            guard !latest.isEmpty else { throw failWithInputError("there is no match yet; run enlace match first.") }
            let previous = try store.assignments(runsBack: 1).compactMapValues(\.mentor)
            let catalog = try loadCatalog(folder: options.folder, settings: loaded.program.settings)
            let rules = try preparedRules(catalog, loaded: loaded, previous: previous)
            let model: MatchModel
            do { model = try MatchModel(program: loaded.program, rules: rules) } catch { throw failWithInputError(error.description) }
            let solution = storedSolution(latest, model)
            switch kind {
            case .parent: try explainParent(model, solution)
            case .mentor: try explainMentor(model, solution)
            }
        }

        /// The latest run's assignment as a `Solution` over today's model.
        private func storedSolution(_ latest: [ParentID: StoredAssignment], _ model: MatchModel) -> Solution {
            let groupIndex = Dictionary(model.groups.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            return model.solution(groupOfParent: model.program.parents.map { parent in
                latest[parent.id]?.group.flatMap { groupIndex[$0] }
            })
        }

        private func explainParent(_ model: MatchModel, _ solution: Solution) throws {
            guard let p = model.program.parents.firstIndex(where: { $0.id.rawValue == id }) else {
                throw failWithInputError("no parent has the id \"\(id)\" in data/parents.csv.")
            }
            let parent = model.program.parents[p]
            let explanation = model.explain(parent: p, in: solution)
            print("Parent \(parent.id): \(parent.name)")
            print("  speaks \(parent.languages.map(\.tag).joined(separator: ", ")); school \(parent.site); meets \(parent.modes.sorted().map(\.rawValue).joined(separator: " or ")); free \(parent.availability.windows.isEmpty ? "(no weekly times)" : parent.availability.description)\(parent.attendsOpenHouses ? "; goes to open houses" : "")")
            if let g = explanation.group {
                print("In group \(model.groups[g].id) with mentor \(model.program.mentors[model.groups[g].mentor].id).")
                print("  score: " + explanation.terms.filter { $0.value != 0 }.map { "\($0.key) \($0.value > 0 ? "+" : "")\($0.value)" }.joined(separator: ", "))
                for sentence in explanation.justifications { print("  - \(sentence)") }
            } else {
                print("Not matched: " + explanation.reasons.joined(separator: "; "))
            }
            if !explanation.alternatives.isEmpty {
                print("Groups this parent fits (\(explanation.alternatives.count)):")
                for alternative in explanation.alternatives.prefix(12) {
                    let group = model.groups[alternative.group]
                    print("  \(group.id)  weight \(alternative.weight)  " + (alternative.whyNot ?? "← here"))
                }
            }
            for lever in explanation.levers { print("What would change it: \(lever)") }
        }

        private func explainMentor(_ model: MatchModel, _ solution: Solution) throws {
            guard let m = model.program.mentors.firstIndex(where: { $0.id.rawValue == id }) else {
                throw failWithInputError("no mentor has the id \"\(id)\" in data/mentors.csv.")
            }
            let mentor = model.program.mentors[m]
            let byGroup = solution.parentsByGroup()
            let own = model.groupsOfMentor[m].filter { byGroup[$0] != nil }
            let seated = own.reduce(0) { $0 + byGroup[$1]!.count }
            print("Mentor \(mentor.id): \(mentor.name)")
            print("  leads \(own.count) of at most \(model.maxGroups[m]) groups; \(seated) of \(model.mentorCapacity[m]) seats taken")
            for rule in model.rules.with([.mentorCapacity, .groupsPerMentor]) {
                if let sentence = rule.rule.justify(mentor: m) { print("  - \(sentence)") }
            }
            for g in own {
                print("  \(model.groups[g].id): \(byGroup[g]!.map { model.program.parents[$0].id.rawValue }.joined(separator: ", "))")
            }
            let fitting = model.groupsOfMentor[m].map { (group: $0, parents: model.fittingParents(of: $0)) }.filter { !$0.parents.isEmpty }
            let candidates = fitting.map(\.group)
            let unmatchedFitting = Set(fitting.flatMap { $0.parents.map(Int.init).filter { solution.groupOfParent[$0] == nil } })
            print("  \(candidates.count) possible groups have families who fit; \(unmatchedFitting.count) unmatched families fit one of them.")
            if seated >= model.mentorCapacity[m] && !unmatchedFitting.isEmpty {
                print("What would change it: raising this mentor's capacity would seat unmatched families who fit.")
            }
        }
    }
}
