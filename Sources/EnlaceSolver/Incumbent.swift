import EnlaceCore

/// The best schedule found so far, and the rounding that turns the relaxation's configurations
/// into schedules (stage 3 of the essay in Solver.swift): a rounding that scores higher becomes
/// the incumbent, so every later stage searches for something better than it.
struct Incumbent {
    let model: MatchModel
    /// Whether every rounding is assigned exactly, ignoring the relaxation's parents as seeds
    /// (`SolverOptions.exactRelaxation`).
    let exact: Bool
    /// The schedule.
    private(set) var state: SearchState
    /// Its weighted score.
    private(set) var score: Int
    /// Configurations already rounded without seeds: rounding is deterministic, so the same
    /// configurations again (branch-and-bound children often keep their parent's) give the same
    /// schedule and are skipped.
    private var rounded = Set<[[Int]]>()
    /// The relaxation's roundings (`roundTimed`) and, with a trace, the nanoseconds they took.
    private(set) var roundings = 0
    private(set) var roundingNanoseconds: UInt64 = 0
    private var roundingClock: StageClock

    init(_ state: SearchState, exact: Bool, trace: (@Sendable (String) -> Void)?) {
        model = state.model
        self.exact = exact
        self.state = state
        score = state.model.weightedScore(state.groupOfParent)
        roundingClock = StageClock(trace: trace)
    }

    /// Each parent's mentor in the schedule (nil: unmatched).
    var mentorOfParent: [Int?] { state.groupOfParent.map { $0.map { model.groups[$0].mentor } } }

    /// Makes `start`, a schedule of this model, the incumbent.
    mutating func replace(with start: Solution) {
        for g in state.openGroups.sorted() { state.close(g) }
        for g in start.openGroups { state.open(g) }
        for (p, g) in start.groupOfParent.enumerated() { if let g { state.assign(p, to: g) } }
        score = model.weightedScore(state.groupOfParent)
    }

    /// Turns configurations (each mentor's groups, model indices) into a schedule
    /// (`SearchState.openConfigurations`), which becomes the incumbent if it scores higher.
    /// Returns the best score.
    mutating func round(_ configurations: [[Int]], seeds: [[Int32]]? = nil) -> Int {
        let seeds = exact ? nil : seeds
        if seeds == nil {
            guard rounded.insert(configurations).inserted else { return score }
        }
        var trial = SearchState(model: model)
        trial.openConfigurations(configurations, seededWith: seeds)
        let trialScore = model.weightedScore(trial.groupOfParent)
        if trialScore > score {
            state = trial
            score = trialScore
        }
        return score
    }

    /// `round`, counted and timed for the trace: the relaxation's own roundings, with the
    /// parents each mentor took as seeds.
    mutating func roundTimed(_ configurations: [[Int]], _ taken: [[Int32]]?) -> Int {
        roundingClock.restart()
        defer { roundingNanoseconds += roundingClock.elapsed() }
        roundings += 1
        return round(configurations, seeds: taken)
    }

    /// Stage 4: the local search (`SearchState.improve`).
    mutating func improve(rounds: Int, maxEvaluations: Int) {
        state.improve(rounds: rounds, maxEvaluations: maxEvaluations)
        score = model.weightedScore(state.groupOfParent)
    }

    /// The schedule as a solution with `bound`, its score and terms recomputed from scratch.
    func solution(bound: Int) -> Solution {
        // Every stage keeps parents apart already; this makes it a property of the result.
        var state = state
        state.separateKeptApart()
        let (total, terms) = model.score(groupOfParent: state.groupOfParent)
        return Solution(openGroups: state.openGroups.sorted(), groupOfParent: state.groupOfParent,
                        score: total, terms: terms, bound: bound)
    }
}

extension SearchState {
    /// Opens the mentors' configurations from the relaxation, lets the greedy open further groups
    /// for parents still unmatched, and assigns exactly.
    ///
    /// Without `taken` the configurations' groups are first filled by an exact assignment. With
    /// it (each mentor's parents in the relaxation, model indices; a parent claimed by several
    /// mentors goes to the first), each of those parents goes into the mentor's open group it
    /// weighs most in that has room, which saves that assignment (the costly step on mid-sized
    /// models). The seeds only steer the greedy: the final assignment is optimal for the groups
    /// open, whatever they were.
    mutating func openConfigurations(_ configurations: [[Int]], seededWith taken: [[Int32]]? = nil) {
        for groups in configurations {
            for g in groups where canOpen(g) { open(g) }
        }
        if let taken {
            seed(taken)
        } else {
            reassignExactly()
        }
        openGreedily()
        reassignExactly()
    }

    /// Puts each of the mentors' parents (`taken`, by mentor) not yet placed into that mentor's
    /// open group with room that the parent weighs most in.
    private mutating func seed(_ taken: [[Int32]]) {
        for (m, parents) in taken.enumerated() {
            for p32 in parents where groupOfParent[Int(p32)] == nil {
                var choice: (weight: Int32, group: Int)?
                for g in openOfMentor[m] where room(g) > 0 {
                    guard let i = MatchModel.position(of: p32, in: model.fits[g]) else { continue }
                    let w = model.pairWeights[g][i]
                    if choice == nil || w > choice!.weight { choice = (w, g) }
                }
                if let choice { assign(Int(p32), to: choice.group) }
            }
        }
    }
}
