// The batcher (in-order reference semantics, shuffled epochs, drop-last, buffer filling) and
// augmentation (shapes kept, each effect on its own, invalid settings rejected).

import Datasets
import Testing

/// Row indices of the next `steps` batches.
func batches(_ b: inout Batcher, steps: Int) -> [[Int32]] {
    var out: [[Int32]] = []
    var rows = [Int32](repeating: -1, count: b.batchSize)
    for _ in 0..<steps {
        let n = rows.withUnsafeMutableBufferPointer { b.nextRows(into: $0.baseAddress!) }
        out.append(Array(rows[0..<n]))
    }
    return out
}

@Suite struct BatcherTests {
    @Test func sequentialMatchesTheReferenceLoop() throws {
        // peers: bix = (step·B) % N; x[bix:bix+B] — a numpy slice, short at the end.
        var b = try Batcher(rows: 10, batchSize: 4, order: .sequential)
        let got = batches(&b, steps: 6)
        let expected: [[Int32]] = (0..<6).map { step in
            let start = (step * 4) % 10
            return (start..<min(start + 4, 10)).map { Int32($0) }
        }
        #expect(got == expected)  // [0-3] [4-7] [8,9] [2-5] [6-9] [0-3]
        #expect(b.step == 6 && b.epoch == 2)
    }

    @Test func sequentialDividingBatchesCycle() throws {
        var b = try Batcher(rows: 4000, batchSize: 100, order: .sequential)
        let got = batches(&b, steps: 41)
        #expect(got[0] == (0..<100).map { Int32($0) })
        #expect(got[39] == (3900..<4000).map { Int32($0) })
        #expect(got[40] == got[0])
    }

    @Test func shuffledEpochsArePermutations() throws {
        var b = try Batcher(rows: 10, batchSize: 4, order: .shuffled(seed: 3))
        let got = batches(&b, steps: 6)  // two epochs of 4 + 4 + 2
        #expect(got.map(\.count) == [4, 4, 2, 4, 4, 2])
        let first = got[0...2].flatMap { $0 }, second = got[3...5].flatMap { $0 }
        #expect(Set(first) == Set(0..<10) && Set(second) == Set(0..<10))
        #expect(first != second)
        #expect(b.epoch == 2)
        var again = try Batcher(rows: 10, batchSize: 4, order: .shuffled(seed: 3))
        #expect(batches(&again, steps: 6) == got)
    }

    @Test func dropLastSkipsTheLeftovers() throws {
        var b = try Batcher(rows: 10, batchSize: 4, order: .shuffled(seed: 1), dropLast: true)
        let got = batches(&b, steps: 4)
        #expect(got.map(\.count) == [4, 4, 4, 4])
        #expect(Set(got[0] + got[1]).count == 8)
        #expect(dataError { try Batcher(rows: 3, batchSize: 4, order: .sequential, dropLast: true) } != nil)
        #expect(dataError { try Batcher(rows: 10, batchSize: 0, order: .sequential) } != nil)
        #expect(dataError { try Batcher(rows: 0, batchSize: 4, order: .sequential) } != nil)
    }

    @Test func fillCopiesRowsAndLabels() throws {
        let d = try Dataset.toy(.spiral, count: 50, classes: 3, noise: 0.1, seed: 0)
        var b = try Batcher(rows: 50, batchSize: 8, order: .shuffled(seed: 2))
        var probe = b
        let rows = batches(&probe, steps: 1)[0]
        var x = [Float](repeating: .nan, count: 16), y = [Int32](repeating: -1, count: 8)
        let n = try x.withUnsafeMutableBufferPointer { xs in
            try y.withUnsafeMutableBufferPointer { ys in try b.fill(from: d, inputs: xs.baseAddress!, labels: ys.baseAddress!) }
        }
        #expect(n == 8)
        for (k, r) in rows.enumerated() {
            #expect(x[2 * k] == d.inputs[2 * Int(r)] && x[2 * k + 1] == d.inputs[2 * Int(r) + 1])
            #expect(y[k] == d.labels![Int(r)])
        }
    }

    @Test func fillRegressionValuesAndMismatches() throws {
        let d = try Dataset.curve(.sine, count: 5, noise: 0, seed: 0)
        var b = try Batcher(rows: 5, batchSize: 5, order: .sequential)
        var x = [Float](repeating: 0, count: 5), v = [Float](repeating: 0, count: 5)
        let n = try x.withUnsafeMutableBufferPointer { xs in
            try v.withUnsafeMutableBufferPointer { vs in try b.fill(from: d, inputs: xs.baseAddress!, values: vs.baseAddress!) }
        }
        #expect(n == 5 && x == d.inputs && v == d.values!)
        var labels = [Int32](repeating: 0, count: 5)
        #expect(
            dataError {
                try x.withUnsafeMutableBufferPointer { xs in
                    try labels.withUnsafeMutableBufferPointer {
                        try b.fill(from: d, inputs: xs.baseAddress!, labels: $0.baseAddress!)
                    }
                }
            } == .needsClasses(operation: "a label batch", dataset: "sine"))
        var other = try Batcher(rows: 6, batchSize: 5, order: .sequential)
        #expect(
            dataError {
                try x.withUnsafeMutableBufferPointer { xs in
                    try v.withUnsafeMutableBufferPointer {
                        try other.fill(from: d, inputs: xs.baseAddress!, values: $0.baseAddress!)
                    }
                }
            } != nil)
    }
}

@Suite struct AugmentationTests {
    func augmented(_ a: Augmentation, _ x: [Float], shape: [Int], seed: UInt64 = 0) throws -> [Float] {
        var aug = try Augmenter(a, sampleShape: shape, seed: seed)
        var out = x
        out.withUnsafeMutableBufferPointer { aug.apply(to: $0.baseAddress!, rows: x.count / shape.reduce(1, *)) }
        return out
    }

    @Test func keepsShapesAndIsDeterministic() throws {
        let d = try Dataset.mnist1D(count: 20)
        let a = Augmentation(noise: 0.05, shift: 3, scale: 0.1)
        let out = try augmented(a, d.inputs, shape: [40], seed: 1)
        #expect(out.count == d.inputs.count && out != d.inputs && out.allSatisfy { $0.isFinite })
        #expect(out == (try augmented(a, d.inputs, shape: [40], seed: 1)))
    }

    @Test func circularShiftRotatesZeroShiftPads() throws {
        let x: [Float] = (1...8).map(Float.init)
        for seed: UInt64 in 0..<20 {
            let rotated = try augmented(Augmentation(shift: 2), x, shape: [8], seed: seed)
            #expect(rotated.sorted() == x)  // a rotation keeps every value
            let padded = try augmented(Augmentation(shift: 2, shiftMode: .zeros), x, shape: [8], seed: seed)
            let kept = padded.filter { $0 != 0 }
            #expect(kept.count >= 6 && padded.count == 8)
            #expect(kept == kept.sorted())  // order is preserved, values shifted in from the edge
        }
    }

    @Test func scaleMultipliesEachRowByOneFactor() throws {
        let x: [Float] = [1, 2, 4, 8, 1, 1, 1, 1]
        let out = try augmented(Augmentation(scale: 0.2), x, shape: [4])
        let f0 = out[0] / x[0], f1 = out[4] / x[4]
        #expect(f0 >= 0.8 && f0 <= 1.2 && f1 >= 0.8 && f1 <= 1.2)
        for j in 0..<4 { #expect(abs(out[j] - x[j] * f0) < 1e-5) }
    }

    @Test func splitDatasetStoresAValidatedAugmentation() throws {
        var signals = try MNIST1D.generateSplit(
            {
                var o = MNIST1DOptions(); o.count = 100; return o
            }())
        try signals.setAugmentation(Augmentation(noise: 0.05, shift: 3, scale: 0.1))
        #expect(signals.augmentation?.shift == 3)
        try signals.setAugmentation(Augmentation())
        #expect(signals.augmentation == nil)
        var points = try SplitDataset(
            Dataset.toy(.moons, count: 50, noise: 0.1, seed: 0),
            fractions: SplitFractions(train: 1, validation: 0, test: 0), seed: 0)
        #expect(
            dataError { try points.setAugmentation(Augmentation(shift: 1)) } == .needsSignal(operation: "shift", sampleShape: [2])
        )
    }

    @Test func invalidSettingsThrow() {
        #expect(
            dataError { try Augmenter(Augmentation(shift: 1), sampleShape: [2, 3], seed: 0) }
                == .needsSignal(operation: "shift", sampleShape: [2, 3]))
        #expect(
            dataError { try Augmenter(Augmentation(scale: 0.1), sampleShape: [1], seed: 0) }
                == .needsSignal(operation: "scale", sampleShape: [1]))
        #expect(dataError { try Augmenter(Augmentation(shift: 40), sampleShape: [40], seed: 0) } != nil)
        #expect(dataError { try Augmenter(Augmentation(shift: -1), sampleShape: [40], seed: 0) } != nil)
        #expect(dataError { try Augmenter(Augmentation(noise: .nan), sampleShape: [2], seed: 0) } != nil)
        #expect(dataError { try Augmenter(Augmentation(scale: 1.5), sampleShape: [40], seed: 0) } != nil)
        // Gaussian noise alone works on any data, 2D toys included.
        #expect((try? Augmenter(Augmentation(noise: 0.1), sampleShape: [2], seed: 0)) != nil)
    }
}
