// Nice-number ticks (1, 2, 5 × 10^k), log ticks, and compact labels.
import Charts
import Testing

@Test(arguments: [(0.7, 1.0), (1.3, 2.0), (3.0, 5.0), (7.0, 10.0), (0.013, 0.02), (2400, 5000), (-1, 1), (.nan, 1)])
func niceSteps(raw: Double, nice: Double) {
    #expect(AxisScale.niceStep(raw) == nice)
}

@Test func linearTicksExtendToWholeSteps() {
    let scale = AxisScale.linear(min: 0.05, max: 2.3, targetTicks: 6)
    #expect(scale.ticks == [0, 0.5, 1, 1.5, 2, 2.5])
    #expect(scale.lower == 0 && scale.upper == 2.5)
    #expect(scale.ticks.map(scale.label) == ["0", "0.5", "1", "1.5", "2", "2.5"])
}

@Test func unextendedTicksStayInsideTheData() {
    let scale = AxisScale.linear(min: -1, max: 1, targetTicks: 2, extended: false)
    #expect(scale.lower == -1 && scale.upper == 1)
    #expect(scale.ticks == [-1, 0, 1])
}

@Test func integralAxesNeverStepBelowOne() {
    #expect(AxisScale.linear(min: 0, max: 3, targetTicks: 10, integral: true).ticks == [0, 1, 2, 3])
}

@Test func degenerateRangesGiveFiniteAxes() {
    for (lo, hi) in [(Double.nan, 1.0), (2, 2), (0, 0), (-Double.infinity, .infinity), (-1e308, 1e308), (5, -5)] {
        let scale = AxisScale.linear(min: lo, max: hi, targetTicks: 5)
        #expect(scale.lower.isFinite && scale.upper.isFinite && scale.lower < scale.upper)
        #expect(scale.ticks.count >= 2 && scale.ticks.count <= 200 && scale.ticks.allSatisfy(\.isFinite))
    }
    #expect(AxisScale.linear(min: 2, max: 2, targetTicks: 5).ticks == [1.8, 1.9, 2, 2.1, 2.2])
}

@Test func logTicksAreDecadesOrOneTwoFive() {
    #expect(AxisScale.logarithmic(min: 1e-5, max: 30, targetTicks: 4).ticks == [1e-5, 1e-3, 0.1, 10])
    let narrow = AxisScale.logarithmic(min: 0.3, max: 4, targetTicks: 6)
    #expect(narrow.lower == 0.2 && narrow.upper == 5)
    #expect(narrow.ticks == [0.2, 0.5, 1, 2, 5])
    #expect(narrow.ticks.map(narrow.label) == ["0.2", "0.5", "1", "2", "5"])
    #expect(narrow.fraction(-1).isNaN)
}

@Test(arguments: [
    (0.0, "0"), (1234, "1.23k"), (-2500, "-2.5k"), (1.5e6, "1.5M"), (0.0025, "2.5e-3"), (0.1234, "0.123"),
    (12.345, "12.3"), (1e-4, "1e-4"), (3e15, "3e15"), (9.999, "10"), (.nan, "nan"), (-.infinity, "-inf"),
])
func compactNumbers(value: Double, text: String) {
    #expect(NumberFormat.compact(value) == text)
}

@Test func labelsUseTheStepsPrecision() {
    #expect(NumberFormat.compact(0.25, step: 0.05) == "0.25")
    #expect(NumberFormat.compact(1500, step: 500) == "1.5k")
    #expect(NumberFormat.compact(0.004, step: 0.002) == "4e-3")
    #expect(NumberFormat.fixed(-0.004, decimals: 2) == "0.00")
    #expect(NumberFormat.fixed(2.345, decimals: 1) == "2.3")
}

@Test(arguments: [(42.0, "42s"), (185, "3m05s"), (7800, "2h10m"), (2e5, "2d07h"), (-1, "--"), (.nan, "--")])
func durations(seconds: Double, text: String) {
    #expect(NumberFormat.duration(seconds: seconds) == text)
}
