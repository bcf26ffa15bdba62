import EnlaceCore
import EnlacePlugins
import EnlaceTestSupport
@testable import EnlaceSolver
import Testing

/// The model built through the plugin API against the same rules written directly.
@Suite struct PluginModelTests {
    @Test(arguments: 0..<40)
    func builtInPluginsBuildTheDirectModel(seed: Int) throws {
        var generator = TinyInstances(seed: UInt64(5000 + seed))
        let program = generator.program(mentors: generator.int(1...5), parents: generator.int(3...20))
        let previous = program.parents.map { _ in generator.int(0...2) == 0 ? generator.int(0...program.mentors.count - 1) : nil }
        let model = try MatchModel(program: program, rules: RuleSet.builtIn(program: program, previousMentor: previous))
        #expect(model.tables == DirectReference.tables(program: program, previousMentor: previous))
        #expect(model.groupSize.allSatisfy { $0 == program.settings.maxGroupSize })
        #expect(model.mentorCapacity == program.mentors.map { min($0.capacity, program.parents.count) })
    }

    /// Switching `time_fit` off lets parents join groups at any time: more fitting pairs, and a
    /// better score wherever time kept someone out (the solver is exact at this size).
    @Test func disablingAPluginChangesTheModelAndTheMatch() throws {
        let catalog = try PluginCatalog(plugins: PluginCatalog.compiledIn())
        var improved = 0
        for seed in 0..<20 {
            var generator = TinyInstances(seed: UInt64(7000 + seed))
            var program = generator.program(mentors: 3, parents: 12)
            let before = MatchModel(program: program)
            let beforeSolution = Solver.solve(before)
            program.settings.plugins = ["time_fit": ["enabled": .bool(false)]]
            let after = try MatchModel(program: program, rules: try RuleSet.prepare(catalog, program: program))
            #expect(!after.rules.rules.contains { $0.name == "time_fit" })
            let pairs = { (model: MatchModel) in model.fits.reduce(0) { $0 + $1.count } }
            #expect(pairs(after) >= pairs(before))
            let afterScore = Solver.solve(after).score
            #expect(afterScore >= beforeSolution.score, "seed \(seed)")
            if before.explainUnmatched(beforeSolution).contains(where: { $0.cause.rawValue == "time_fit" }) && afterScore > beforeSolution.score {
                improved += 1
            }
        }
        #expect(improved >= 3)
    }

    @Test func disablingATermRemovesItFromTheScore() throws {
        var generator = TinyInstances(seed: 78)
        var program = generator.program(mentors: 3, parents: 10)
        program.settings.plugins = ["group": ["enabled": .bool(false)]]
        let catalog = try PluginCatalog(plugins: PluginCatalog.compiledIn())
        let model = try MatchModel(program: program, rules: try RuleSet.prepare(catalog, program: program))
        let solution = Solver.solve(model)
        #expect(solution.terms["group"] == nil)
        #expect(model.termKeys == ["matched", "preferred_language", "open_house", "shared_topic", "continuity", "same_group"])
        #expect(model.groupWeight.allSatisfy { $0 == 0 })
    }
}

@Suite struct PluginConfigurationTests {
    let catalog = try! PluginCatalog(plugins: PluginCatalog.compiledIn())

    func settings(_ plugins: [String: [String: ParameterValue]]) -> ProgramSettings {
        var settings = ProgramSettings(name: "t", timezone: "UTC", termStart: LocalDate(iso: "2026-08-17")!, termEnd: LocalDate(iso: "2027-06-11")!)
        settings.plugins = plugins
        return settings
    }

    @Test func unknownPluginIsRefusedWithItsLineAndASuggestion() {
        let text = "name = \"t\"\n\n[plugins.time_fitt]\nenabled = false\n"
        #expect {
            _ = try PluginConfiguration.resolve(catalog, settings: settings(["time_fitt": ["enabled": .bool(false)]]), settingsText: text)
        } throws: { error in
            let error = error as! InputError
            return error.line == 3 && error.field == "plugins.time_fitt"
                && error.problem == "no plugin is named \"time_fitt\". Did you mean \"time_fit\"?"
        }
    }

    @Test func undeclaredParameterIsRefused() {
        let text = "[plugins.group_size]\nsize = 4\n"
        #expect {
            _ = try PluginConfiguration.resolve(catalog, settings: settings(["group_size": ["size": .integer(4)]]), settingsText: text)
        } throws: { error in
            let error = error as! InputError
            return error.line == 2 && error.problem == "plugin \"group_size\" has no parameter \"size\"."
                && error.fix == "remove the key; this plugin takes only enabled = true/false."
        }
    }

    @Test func enabledMustBeABool() {
        #expect {
            _ = try PluginConfiguration.resolve(catalog, settings: settings(["matched": ["enabled": .string("no")]]), settingsText: "")
        } throws: { error in
            (error as! InputError).problem == "must be true or false, not \"no\"."
        }
    }

    @Test func everyBuiltInIsOnByDefault() throws {
        let resolved = try PluginConfiguration.resolve(catalog, settings: settings([:]), settingsText: "")
        #expect(resolved.map(\.0.name) == PluginCatalog.specRules)
        #expect(resolved.allSatisfy { $0.1.enabled })
    }
}

/// A plugin whose answers break its hook's contract stops the run with its name, not a crash.
@Suite struct MisbehavingPluginTests {
    final class Broken: ConstraintPlugin {
        let name = "broken"
        let summary = "adds a parent in its filter, or gives an index, scores or keys of the wrong size"
        let role = PluginRole.hard
        let kind: Int
        init(kind: Int) { self.kind = kind }
        func prepare(_ context: PluginContext) throws -> any PreparedRule { Rule(kind: kind) }
        final class Rule: PreparedRule {
            let kind: Int
            init(kind: Int) { self.kind = kind }
            var hooks: RuleHooks { kind == 0 ? .pairFilter : kind == 1 ? .pairIndex : kind == 2 ? .pairScore : [.pairScore, .scoreKeys] }
            func filter(_ parents: inout [Int32], in group: CandidateGroup) { parents.append(Int32.max) }
            func pairIndex(groups: [CandidateGroup]) -> PairIndex { PairIndex(parentKeys: [], groupKeys: []) }
            func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) { if kind == 2 { scores.append(1) } }
            func scoreKeys() -> [Int32] { [7] }
        }
    }

    @Test(arguments: [(0, "filter(_:in:) added or reordered parents"), (1, "pairIndex(groups:) gave keys for 0 parents"),
                      (2, "score(_:in:into:) changed the length of the scores"), (3, "scoreKeys() gave keys for 1 parents; the program has 8 parents")])
    func brokenAnswersAreRefusedWithThePluginsName(kind: Int, message: String) throws {
        var generator = TinyInstances(seed: 11)
        let program = generator.program(mentors: 2, parents: 8)
        let catalog = try PluginCatalog(plugins: PluginCatalog.compiledIn() + [LoadedPlugin(plugin: Broken(kind: kind), source: .folder("Broken"))])
        let rules = try RuleSet.prepare(catalog, program: program)
        #expect {
            _ = try MatchModel(program: program, rules: rules)
        } throws: { error in
            let error = error as! InputError
            return error.field == "plugins.broken" && error.problem.hasPrefix("plugin \"broken\" (Plugins/Broken) broke the plugin contract: \(message)")
        }
    }
}
