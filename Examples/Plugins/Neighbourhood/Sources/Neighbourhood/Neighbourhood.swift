import EnlaceAPI

/// "Prefer mentors from the same neighbourhood": `weight` points for every parent whose mentor has
/// the same value in a custom column (`column`, default `neighbourhood`) of parents.csv and
/// mentors.csv. A soft rule with a pair score: the matcher asks it once per candidate group for
/// all the parents who fit, and the values are compared as small integers, not strings.
public final class Neighbourhood: ConstraintPlugin {
    public let name = "neighbourhood"
    public let summary = "Points for every parent whose mentor lives in the same neighbourhood (a custom column)."
    public let role = PluginRole.soft
    public let parameters = [
        ParameterSpec("weight", .integer, default: .integer(5), help: "Points per parent with a mentor from the same neighbourhood."),
        ParameterSpec("column", .string, default: .string("neighbourhood"), help: "The column of parents.csv and mentors.csv to compare."),
    ]

    public init() {}

    public func weight(settings: ProgramSettings, parameters: PluginParameters) -> Int? { parameters.integer("weight") }

    public func prepare(_ context: PluginContext) throws -> any PreparedRule {
        let column = context.parameters.string("column")
        // Neighbourhood names as small integers, once (0 = none given).
        var codes: [String: Int] = [:]
        func code(_ value: String?) -> Int {
            guard let value = value?.lowercased(), !value.isEmpty else { return 0 }
            if let known = codes[value] { return known }
            codes[value] = codes.count + 1
            return codes.count
        }
        let parents = context.program.parents.map { code($0.attributes[column]) }
        let mentors = context.program.mentors.map { code($0.attributes[column]) }
        return Rule(program: context.program, column: column, weight: context.parameters.integer("weight"), parents: parents, mentors: mentors)
    }

    final class Rule: PreparedRule {
        let program: Program
        let column: String
        let weight: Int
        let parents: [Int]
        let mentors: [Int]
        let hooks: RuleHooks = .pairScore

        init(program: Program, column: String, weight: Int, parents: [Int], mentors: [Int]) {
            self.program = program
            self.column = column
            self.weight = weight
            self.parents = parents
            self.mentors = mentors
        }

        func score(_ parents: [Int32], in group: CandidateGroup, into scores: inout [Int]) {
            let mentor = mentors[group.mentor]
            guard mentor != 0 else { return }
            for (i, p) in parents.enumerated() where self.parents[Int(p)] == mentor { scores[i] += weight }
        }

        func justify(parent: Int, group: CandidateGroup) -> String? {
            guard mentors[group.mentor] != 0, parents[parent] == mentors[group.mentor] else { return nil }
            return "the mentor lives in the parent's neighbourhood (\(program.parents[parent].attributes[column] ?? "")): +\(weight) (neighbourhood)"
        }
    }
}

@_cdecl("enlace_plugin_Neighbourhood")
public func enlacePluginEntry() -> UnsafeMutableRawPointer { EnlacePluginAPI.export(Neighbourhood()) }

@_cdecl("enlace_plugin_Neighbourhood_abi")
public func enlacePluginABI() -> UnsafePointer<CChar> { EnlacePluginAPI.abiCString }
