/// What the bundle method carries from one run to the next (a branch-and-bound child continues
/// its parent's): the cuts and the proximity t (0 until the first run sets it).
struct BundleState {
    var master: BundleMaster
    var t = 0.0

    /// The largest proximity t. A step moves a price by t times its subgradient, so beyond a few
    /// times the largest pair weight a larger t moves no price further; but the master's dual
    /// grows ill-conditioned with t (each SMO move shrinks as 1/t), and an unbounded t — doubled
    /// on good steps, multiplied when looking further, inherited by branch-and-bound children —
    /// grew until the master stopped moving and the bundle "converged" above what a node allowed,
    /// so that branch and bound lost a proof (docs/PERFORMANCE.md, "Matcher").
    static let largestProximity = 10_000.0

    init(mentors: Int, parents: Int) {
        master = BundleMaster(mentors: mentors, parents: parents)
    }
}

/// The constants of the bundle method's steps (`LagrangianRelaxation.runBundle`).
enum BundleTuning {
    /// A step is serious (the centre moves to it) when the value fell by at least this fraction
    /// of the decrease the model predicted: the usual small fraction, so that the centre follows
    /// every step the model got roughly right.
    static let seriousStep = 0.1
    /// A serious step that fell by this much of the prediction doubles t: the model was right
    /// that far, so it is trusted further.
    static let goodStep = 0.7
    /// The master is solved until no mentor's cut weights can gain more than this fraction of the
    /// decrease still predicted, shared among the mentors: precise enough for the prediction, no
    /// more, since early masters are discarded after one step …
    static let masterPrecision = 0.1
    /// … and never more precisely than the master's default.
    static let finestTolerance = BundleMaster.defaultTolerance
    /// A predicted decrease below this many points counts as none (convergence): scores are
    /// integers, so a quarter point cannot bring the bound past another score …
    static let negligibleDecrease = 0.25
    /// … or below this fraction of the bound, whichever is more: the master's rounding errors on
    /// large bounds.
    static let negligibleFraction = 1e-6
    /// A negligible prediction may only mean that t is too small: before concluding, the master
    /// is solved again with t this many times larger, at most `looksFurther` times.
    static let furtherFactor = 10.0
    static let looksFurther = 2
}

extension LagrangianRelaxation {
    /// Lowers the bound by a proximal bundle method (`BundleMaster`) instead of subgradient steps:
    /// every evaluation's configurations are kept as cuts, and the next prices minimise the cuts'
    /// model near the best prices so far (the stability centre), so the method does not zigzag
    /// as subgradient steps do, and knows when it has converged (the model predicts no decrease).
    /// Same arguments as `run` (no step rule); each rounding also hands over the master's
    /// heaviest configurations. The prices are left at the centre, whose value is the best bound.
    ///
    /// Serious steps (`BundleTuning.seriousStep`) move the centre, and double the proximity t
    /// when the value fell by most of the prediction; null steps only add their cuts, and halve t
    /// when the value rose above the centre's by more than the prediction (the model was trusted
    /// too far). The first t is Polyak's step towards `target`. `state` keeps the cuts and t for a
    /// later run (a new `BundleState` for a first one), which must have the same fixings or
    /// restrict the cuts to its own (`BundleMaster.restrict`). Only evaluated values become the
    /// bound, never the model's.
    ///
    /// With `roundEvery` 0 the relaxation is rounded once, when the bundle stops (converged or out
    /// of evaluations, not when the bound proves `target` optimal): the master's heaviest
    /// configurations, each with the parents of its cut, for models where a rounding costs as much
    /// as many evaluations.
    mutating func runBundle(iterations: Int, target: Int, roundEvery: Int = 8, sequentialRounding: Bool = true,
                            state: inout BundleState,
                            onConfigurations: (_ configurations: [[Int]], _ taken: [[Int32]]?) -> Int) {
        var run = BundleRun(target: Double(target), center: lambda)
        for iteration in 0..<iterations {
            run.roundedLast = false
            let (value, configurations, claims) = evaluate()
            if iteration == 0 && roundEvery == 0 { run.firstEvaluation = (configurations, taken) }
            noteEvaluation(value)
            if value == -.infinity { break }  // the node's fixings admit no configuration
            let point = lambda
            addCuts(configurations, at: point, to: &state.master)
            if roundEvery > 0 && iteration % roundEvery == 0 {
                round(configurations, iteration: iteration, sequentialRounding: sequentialRounding, master: state.master,
                      run: &run, onConfigurations)
            }
            if bestBound - run.target < 1 - Self.integralMargin { break }
            if iteration == iterations - 1 {
                run.stopped = true
                break
            }
            guard run.moveCentre(iteration: iteration, point: point, value: value, claims: claims, t: &state.t) else { break }
            guard let next = nextPrices(iteration: iteration, value: value, run: &run, state: &state) else {
                run.converged = true
                run.stopped = true
                break
            }
            lambda = next
        }
        if run.centerValue.isFinite { lambda = run.center }
        roundAtEnd(roundEvery: roundEvery, run: run, master: state.master, onConfigurations)
    }

    /// Keeps each mentor's configuration of the last evaluation, at prices `point`, as a cut.
    private func addCuts(_ configurations: [[Int]], at point: [Double], to master: inout BundleMaster) {
        for m in subproblems.indices {
            master.add(mentor: m, parents: taken[m], weight: values[m] + taken[m].reduce(0) { $0 + point[Int($1)] },
                       groups: configurations[m])
        }
    }

    /// Rounds the evaluation's configurations (with their parents), the Lagrangian greedy's (with
    /// `sequentialRounding`) and, after the first evaluation, the master's heaviest; each may
    /// raise the target.
    private func round(_ configurations: [[Int]], iteration: Int, sequentialRounding: Bool, master: BundleMaster,
                       run: inout BundleRun, _ onConfigurations: (_ configurations: [[Int]], _ taken: [[Int32]]?) -> Int) {
        run.target = max(run.target, Double(onConfigurations(configurations, taken)))
        if sequentialRounding {
            run.target = max(run.target, Double(onConfigurations(sequentialConfigurations(), nil)))
        }
        if iteration > 0 { run.target = max(run.target, Double(onConfigurations(master.heaviestConfigurations(), nil))) }
        run.roundedLast = true
    }

    /// The next prices: the master's minimiser near the centre (looking further when the decrease
    /// it predicts is negligible); nil when the prediction stays negligible, i.e. converged.
    private func nextPrices(iteration: Int, value: Double, run: inout BundleRun, state: inout BundleState) -> [Double]? {
        // The master is solved to a precision that follows the decrease still predicted.
        let scale = iteration == 0 ? max(value - run.target, 1) : run.lastPrediction
        let tolerance = max(BundleTuning.finestTolerance, BundleTuning.masterPrecision * scale / Double(subproblems.count))
        let negligible = max(BundleTuning.negligibleDecrease, BundleTuning.negligibleFraction * abs(run.centerValue))
        var candidate = state.master.solve(center: run.center, t: state.t, tolerance: tolerance)
        run.firstEvaluation = nil
        run.lastPrediction = run.centerValue - state.master.model(at: candidate)
        // A small predicted decrease may only mean that t is too small: look further before
        // concluding that the centre is optimal.
        var further = state.t
        for _ in 0..<BundleTuning.looksFurther where run.lastPrediction < negligible && further < BundleState.largestProximity {
            further = min(BundleTuning.furtherFactor * further, BundleState.largestProximity)
            candidate = state.master.solve(center: run.center, t: further, tolerance: tolerance)
            run.lastPrediction = run.centerValue - state.master.model(at: candidate)
        }
        if run.lastPrediction < negligible { return nil }
        state.t = further
        return candidate
    }

    /// The rounding when the bundle stops. With `roundEvery` 0, the only one: the master's
    /// heaviest configurations with the parents of their cuts (they scored higher than the last
    /// evaluation's, and a second rounding is costly on the models that round once), or the one
    /// evaluation's when the master was never solved. Otherwise, at convergence, the converged
    /// master's heaviest configurations unless the last evaluation was just rounded.
    private func roundAtEnd(roundEvery: Int, run: BundleRun, master: BundleMaster,
                            _ onConfigurations: (_ configurations: [[Int]], _ taken: [[Int32]]?) -> Int) {
        if roundEvery == 0 && run.stopped {
            if let first = run.firstEvaluation {
                _ = onConfigurations(first.configurations, first.taken)
            } else {
                let heaviest = master.heaviestCuts()
                _ = onConfigurations(heaviest.map(\.groups), heaviest.map(\.parents))
            }
        } else if run.converged && !run.roundedLast {
            _ = onConfigurations(master.heaviestConfigurations(), nil)
        }
    }
}

/// One run of the bundle method (`LagrangianRelaxation.runBundle`): the best known score, the
/// stability centre and its value, the last predicted decrease, and how the run ended.
private struct BundleRun {
    var target: Double
    var center: [Double]
    var centerValue = Double.infinity
    var lastPrediction = 0.0
    var roundedLast = false, converged = false, stopped = false
    /// The first evaluation's configurations and parents, until the master is first solved.
    var firstEvaluation: (configurations: [[Int]], taken: [[Int32]])?

    init(target: Double, center: [Double]) {
        self.target = target
        self.center = center
    }

    /// Moves the centre to `point` after the first evaluation (and sets the first t, Polyak's step
    /// towards `target`, unless `t` continues an earlier run's), or after a serious step, and
    /// adjusts t; false when the first evaluation's subgradient is zero (no direction to step).
    mutating func moveCentre(iteration: Int, point: [Double], value: Double, claims: [Int], t: inout Double) -> Bool {
        if iteration == 0 {
            center = point
            centerValue = value
            guard t == 0 else { return true }
            var normSquared = 0.0
            for (p, c) in claims.enumerated() where !(c == 0 && point[p] == 0) { normSquared += (1 - Double(c)) * (1 - Double(c)) }
            guard normSquared > 0 else { return false }
            t = min(max(value - target, 1) / normSquared, BundleState.largestProximity)
            return true
        }
        let decrease = centerValue - value
        if decrease >= BundleTuning.seriousStep * lastPrediction {
            if decrease >= BundleTuning.goodStep * lastPrediction { t = min(2 * t, BundleState.largestProximity) }
            center = point
            centerValue = value
        } else if -decrease > lastPrediction {
            t /= 2
        }
        return true
    }
}
