// MNIST-1D: class balance, standardisation, shapes, determinism, the reference 4000/1000 split
// and the fixed-permutation option.

import Datasets
import Testing

@Suite struct MNIST1DTests {
    @Test func balancedAndStandardized() throws {
        let d = try Dataset.mnist1D()
        #expect(d.count == 5000 && d.sampleShape == [40] && d.inputs.count == 200_000)
        #expect(d.classCount == 10 && d.isSignal)
        #expect(d.classCounts() == [Int](repeating: 500, count: 10))
        // Standardised in Double over all 200,000 values, then cast to Float: each element
        // carries a relative rounding error ≤ 2⁻²⁴ ≈ 6e-8, so the mean is 0 and the std 1 to
        // well within 1e-5 (measured: |mean| ≈ 1e-10, |std − 1| ≈ 2e-10).
        let s = d.summary()
        #expect(abs(s.inputMean) < 1e-5)
        #expect(abs(s.inputStd - 1) < 1e-5)
        #expect(d.inputs.allSatisfy { $0.isFinite })
    }

    /// Ctrl-C while a large set is made: the generator asks every 4,096 examples and stops.
    @Test func generationStopsWhenCancelled() throws {
        var options = MNIST1DOptions()
        options.count = 20_000
        var asked = 0
        #expect(throws: DataError.cancelled(made: 8192, count: 20_000)) {
            try MNIST1D.generate(options) {
                asked += 1; return asked == 2
            }
        }
        asked = 0
        #expect(
            try MNIST1D.generate(options) {
                asked += 1; return false
            }.count == 20_000)
        #expect(asked == 20_000 / 4096)
    }

    @Test func referenceSplitIs4000And1000() throws {
        let split = try MNIST1D.generateSplit()
        #expect(split.train.count == 4000 && split.validation.count == 0 && split.testCount == 1000)
        #expect(split.train.sampleShape == [40])
        #expect(split.peeks.isEmpty)
        // Leading rows: the train part is rows 0..<4000 of the whole set, in order.
        let whole = try Dataset.mnist1D()
        #expect(Array(whole.inputs[0..<160_000]) == split.train.inputs)
    }

    @Test func sameSeedSameDataDifferentSeedDifferent() throws {
        let a = try Dataset.mnist1D(count: 500, seed: 3)
        #expect(a == (try Dataset.mnist1D(count: 500, seed: 3)))
        let b = try Dataset.mnist1D(count: 500, seed: 4)
        #expect(a.inputs != b.inputs && a.labels != b.labels)
    }

    @Test func shuffledSequenceIsAFixedPermutationOfTheSameSignals() throws {
        let plain = try Dataset.mnist1D(count: 200, seed: 5)
        let shuffled = try Dataset.mnist1D(count: 200, seed: 5, shuffleSequence: true)
        let p = MNIST1D.sequencePermutation(length: 40, seed: 5)
        #expect(Set(p) == Set(0..<40) && p != (0..<40).map { Int32($0) })
        #expect(shuffled.labels == plain.labels)
        for row in 0..<200 {
            for j in 0..<40 { #expect(shuffled.inputs[row * 40 + j] == plain.inputs[row * 40 + Int(p[j])]) }
        }
    }

    @Test func countsThatDoNotDivideByTen() throws {
        let d = try Dataset.mnist1D(count: 1003)
        #expect(d.count == 1003)
        #expect(d.classCounts() == [101, 101, 101, 100, 100, 100, 100, 100, 100, 100])
    }

    @Test func templatesMatchThePackage() {
        // get_templates(): whitened, starting at 0, divided by 6. Template 0 of the package:
        // x = (d0 − mean)/std − first, /6; spot-check two values computed with numpy.
        let t = MNIST1D.templates
        #expect(t.count == 10 && t.allSatisfy { $0.count == 12 && $0[0] == 0 && abs($0[11]) < 1e-12 })
        #expect(abs(t[0][4] - 0.4738791022072739) < 1e-9)
        #expect(abs(t[4][4] - (-0.42399915200254396)) < 1e-9)
    }

    @Test func invalidOptionsThrow() {
        var o = MNIST1DOptions()
        o.count = 0
        #expect(dataError { try MNIST1D.generate(o) } != nil)
        o = MNIST1DOptions(); o.correlatedNoise = .nan
        #expect(dataError { try MNIST1D.generate(o) } != nil)
        o = MNIST1DOptions(); o.length = 1
        #expect(dataError { try MNIST1D.generate(o) } != nil)
        o = MNIST1DOptions(); o.trainFraction = 1.5
        #expect(dataError { try MNIST1D.generateSplit(o) } != nil)
    }
}
