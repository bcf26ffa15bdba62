@testable import EnlaceCharts
import Testing

@Suite struct TicksTests {
    @Test(arguments: [
        (0, 1, 1), (1, 1, 1), (3, 1, 3), (5, 1, 5), (6, 1, 6), (7, 2, 8), (10, 2, 10), (11, 2, 12), (12, 2, 12),
        (13, 5, 15), (25, 5, 25), (30, 5, 30), (31, 10, 40), (48, 10, 50), (51, 10, 60), (60, 10, 60), (61, 20, 80),
        (100, 20, 100), (101, 20, 120), (121, 50, 150), (240, 50, 250), (999, 200, 1000), (1234, 500, 1500),
        (60000, 10000, 60000), (60001, 20000, 80000),
    ])
    func niceSteps(largest: Int, step: Int, maximum: Int) {
        let axis = CountAxis(largest: largest)
        #expect(axis.step == step)
        #expect(axis.maximum == maximum)
    }

    /// Whatever the largest value, the axis reaches it in at most six intervals of 1, 2 or 5
    /// times a power of ten, and no smaller such step would do.
    @Test func everyStepIsTheSmallestNiceOneThatFits() {
        let nice = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
        for largest in 0...5000 {
            let axis = CountAxis(largest: largest)
            #expect(nice.contains(axis.step))
            #expect(axis.maximum >= largest && axis.maximum % axis.step == 0 && axis.maximum - axis.step < max(largest, 1))
            #expect(axis.ticks.count - 1 <= 6)
            if let smaller = nice.last(where: { $0 < axis.step }) {
                #expect((largest + smaller - 1) / smaller > 6, "\(smaller) would fit \(largest)")
            }
        }
    }

    @Test func ticksRunFromZeroByTheStep() {
        #expect(CountAxis(largest: 7).ticks == [0, 2, 4, 6, 8])
        #expect(CountAxis(largest: 0).ticks == [0, 1])
    }

    @Test func numbersAreFormattedTheSameEverywhere() {
        #expect(formatted(12) == "12")
        #expect(formatted(12.25) == "12.3")
        #expect(formatted(-3.04) == "-3")
        #expect(formatted(-0.46) == "-0.5")
        #expect(formatted(0.04) == "0")
        #expect(formattedCount(0, separator: ",") == "0")
        #expect(formattedCount(999, separator: ",") == "999")
        #expect(formattedCount(1000, separator: ",") == "1,000")
        #expect(formattedCount(1_234_567, separator: "\u{202F}") == "1\u{202F}234\u{202F}567")
    }

    @Test func longLabelsAreCutAndTitlesWrapped() {
        #expect(TextWidth.fitted("Spanish", width: 100, fontSize: 10) == "Spanish")
        let cut = TextWidth.fitted("Escuela Primaria Benito Juárez García", width: 60, fontSize: 10)
        #expect(cut.hasSuffix("…") && TextWidth.of(cut, fontSize: 10) <= 60 && cut.count > 2)
        #expect(TextWidth.of("中文", fontSize: 10) == 20)
        #expect(TextWidth.wrapped("one two three four", width: 50, fontSize: 10) == ["one two", "three", "four"])
    }
}
