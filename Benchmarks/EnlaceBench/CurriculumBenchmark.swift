import ArgumentParser
import EnlaceCore
import EnlaceCurriculum
import EnlaceSolver
import EnlaceWorkflows
import Foundation

extension EnlaceBench {
    /// `enlace-bench curriculum`: the cost of planning the curriculum (spec section 10). Matches
    /// the program as a first run would (everything from the term's start is to come), then plans
    /// its curriculum `rounds` times and prints, as JSON, the median seconds of planning beside the
    /// seconds of reading, modelling and solving that `enlace match` spends before it.
    struct CurriculumBenchmark: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "curriculum",
                                                        abstract: "Time planning the curriculum against matching the same program.")

        @OptionGroup var options: BenchProgram

        @Option(help: "Rounds of planning.")
        var rounds = 5

        func run() throws {
            let started = DispatchTime.now().uptimeNanoseconds
            func seconds(since start: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
            let loaded: LoadedProgram, rules: RuleSet
            do { (loaded, rules) = try CheckedProgram.rulesForFirstRun(options.workspace) } catch { throw ValidationError(error.message) }
            let program = loaded.program
            let model = try MatchModel(program: program, rules: rules)
            let solution = Solver.solve(model, effort: .standard)
            let now = LocalDateTime(date: program.settings.termStart, minuteOfDay: 0)
            let schedule = ScheduleComposer.compose(model: model, solution: solution, unmatched: [], previous: nil, now: now)
            let matching = seconds(since: started)
            var times: [Double] = []
            var plan: CurriculumPlan?
            for _ in 0..<max(1, rounds) {
                let start = DispatchTime.now().uptimeNanoseconds
                plan = CurriculumPlanner(program: program).plan(schedule)
                times.append(seconds(since: start))
            }
            let planned = plan!.schedule
            let sessions = planned.groups.reduce(0) { $0 + $1.sessions.count }
            let taught = planned.groups.reduce(0) { $0 + $1.sessions.filter { $0.topic != nil }.count }
            let median = times.sorted()[times.count / 2]
            print("{\"parents\":\(program.parents.count),\"groups\":\(planned.groups.count),\"sessions\":\(sessions),"
                  + "\"sessions_with_topic\":\(taught),\"topics\":\(program.topics.count),\"value\":\(planned.curriculum.value),"
                  + "\"match_seconds\":\(String(format: "%.3f", matching)),\"plan_seconds\":\(String(format: "%.4f", median)),"
                  + "\"share\":\(String(format: "%.4f", median / matching))}")
        }
    }
}
