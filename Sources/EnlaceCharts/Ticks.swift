/// A count axis from zero with "nice" ticks: steps of 1, 2 or 5 times a power of ten, the smallest
/// such step that needs at most `maximumIntervals` intervals (six unless told) to reach the largest
/// value. Readers read 0, 20, 40, 60 at a glance; 0, 17, 34, 51 they have to work out. Six rather
/// than five keeps 120 on an axis of 0 to 120 by 20 instead of 0 to 150 by 50, a fifth of the
/// width wasted.
struct CountAxis: Equatable {
    /// The distance between ticks, at least 1 (the data are counts).
    let step: Int
    /// The axis end: the first multiple of `step` at or above the largest value (`step` when that
    /// value is 0, so an all-zero chart still has an axis).
    let maximum: Int

    /// - Precondition: `largest >= 0`, `maximumIntervals >= 1`, and `largest` below `Int.max / 10`.
    init(largest: Int, maximumIntervals: Int = 6) {
        precondition(largest >= 0 && maximumIntervals >= 1, "a count axis needs a non-negative largest value")
        var magnitude = 1
        var step = 1
        search: while true {
            for multiplier in [1, 2, 5] {
                step = multiplier * magnitude
                if (largest + step - 1) / step <= maximumIntervals { break search }
            }
            magnitude *= 10
        }
        self.step = step
        self.maximum = max(step, (largest + step - 1) / step * step)
    }

    /// The tick values from 0 to `maximum`.
    var ticks: [Int] { Array(stride(from: 0, through: maximum, by: step)) }
}
