import Dispatch

/// Times the solver's stages for `SolverOptions.trace`; reads no clock when there is no trace.
struct StageClock {
    let trace: (@Sendable (String) -> Void)?
    private var last: UInt64

    init(trace: (@Sendable (String) -> Void)?) {
        self.trace = trace
        last = trace == nil ? 0 : DispatchTime.now().uptimeNanoseconds
    }

    mutating func restart() {
        if trace != nil { last = DispatchTime.now().uptimeNanoseconds }
    }

    /// Nanoseconds since the last lap or restart (0 without a trace).
    func elapsed() -> UInt64 {
        trace == nil ? 0 : DispatchTime.now().uptimeNanoseconds - last
    }

    /// Prints one stage's line; the stage and its score are evaluated only with a trace.
    mutating func lap(_ stage: @autoclosure () -> String, _ score: @autoclosure () -> Int) {
        guard let trace else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        trace("\((now - last) / 1_000_000) ms  \(stage())  score \(score())")
        last = now
    }
}
