// MNIST-1D (Greydanus 2020), generated natively. The procedure follows the `mnist1d` package
// (0.0.2, data.py / transform.py) step for step — ten hand-made 12-point templates, whitened;
// pad with 36–60 zeros; stretch to 72 points; scale ×[0.8, 1.2]; circular shift by 0–47;
// correlated noise (σ 0.25, gaussian-smoothed with σ 2) in the padding; iid noise 0.02
// everywhere; shear ±0.375; resample to 40; 500 per class, shuffled, standardised as a whole —
// with Basin's RNG in place of numpy's, so the statistics match the reference, not the numbers.

import Kernels

/// The generation arguments, defaulting to `mnist1d.data.get_dataset_args()`.
public struct MNIST1DOptions: Sendable, Equatable {
    public var count = 5000
    /// Zeros appended to the template, inclusive range (`padding=[36, 60]`).
    public var padding = 36...60
    /// Amplitude factor drawn from 1 + scaleCoefficient·[−0.5, 0.5).
    public var scaleCoefficient = 0.4
    /// Circular shift drawn from 0..<maxTranslation.
    public var maxTranslation = 48
    public var correlatedNoise = 0.25
    public var iidNoise = 0.02
    /// Shear slope drawn from shear·[−0.5, 0.5).
    public var shear = 0.75
    /// Points per final signal (`final_seq_length`).
    public var length = 40
    /// Fraction of rows (the leading ones) in the reference train part.
    public var trainFraction = 0.8
    /// Permute the `length` positions of every signal by one fixed permutation of the seed.
    public var shuffleSequence = false
    public var seed: UInt64 = 42

    public init() {}
}

public enum MNIST1D {
    /// The ten templates of `mnist1d.data.get_templates()`, before whitening.
    public static let rawTemplates: [[Double]] = [
        [5, 6, 6.5, 6.75, 7, 7, 7, 7, 6.75, 6.5, 6, 5],
        [5, 3, 3, 3.4, 3.8, 4.2, 4.6, 5, 5.4, 5.8, 5, 5],
        [5, 6, 6.5, 6.5, 6, 5.25, 4.75, 4, 3.5, 3.5, 4, 5],
        [5, 6, 6.5, 6.5, 6, 5, 5, 6, 6.5, 6.5, 6, 5],
        [5, 4.4, 3.8, 3.2, 2.6, 2.6, 5, 5, 5, 5, 5, 5],
        [5, 3, 3, 3, 3, 5, 6, 6.5, 6.5, 6, 4.5, 5],
        [5, 4, 3.5, 3.25, 3, 3, 3, 3, 3.25, 3.5, 4, 5],
        [5, 7, 7, 6.6, 6.2, 5.8, 5.4, 5, 4.6, 4.2, 5, 5],
        [5, 4, 3.5, 3.5, 4, 5, 5, 4, 3.5, 3.5, 4, 5],
        [5, 4, 3.5, 3.5, 4, 5, 5, 5, 5, 4.7, 4.3, 5],
    ]

    /// Templates as the generator uses them: each whitened (mean 0, population std 1), shifted
    /// so it starts (and ends) at 0, divided by 6.
    public static let templates: [[Double]] = rawTemplates.map { raw in
        let n = Double(raw.count)
        let mean = raw.reduce(0, +) / n
        let centred = raw.map { $0 - mean }
        let std = (centred.reduce(0) { $0 + $1 * $1 } / n).squareRoot()
        let whitened = centred.map { $0 / std }
        return whitened.map { ($0 - whitened[0]) / 6 }
    }

    public static let classCount = 10
    static let cancelCheckInterval = 4096

    /// The fixed permutation of signal positions used when `shuffleSequence` is on: position j
    /// of a shuffled signal holds position `permutation[j]` of the original.
    public static func sequencePermutation(length: Int, seed: UInt64) -> [Int32] {
        var rng = RNG(seed: seed, stream: "mnist1d.sequence")
        return rng.permutation(length)
    }

    /// The whole standardised set: `count` rows, shape [length], labels 0–9, rows shuffled.
    /// `isCancelled` is asked every `cancelCheckInterval` examples (Ctrl-C on a large set).
    public static func generate(
        _ options: MNIST1DOptions = MNIST1DOptions(),
        isCancelled: () -> Bool = { false }
    ) throws(DataError) -> Dataset {
        try validate(options)
        var rng = RNG(seed: options.seed, stream: "mnist1d")
        var transform = MNIST1DTransform(options: options)
        var rows = RowBuilder()
        rows.inputs.reserveCapacity(options.count * options.length)
        var signal = [Float](repeating: 0, count: options.length)
        var made = 0
        for (label, size) in classSizes(options.count, classes: classCount).enumerated() {
            for _ in 0..<size {
                transform.apply(template: templates[label], rng: &rng, into: &signal)
                rows.add(signal, label: label)
                made += 1
                if made % cancelCheckInterval == 0, isCancelled() { throw .cancelled(made: made, count: options.count) }
            }
        }
        rows.shuffle(rng: &rng, features: options.length)
        var data = try Dataset(
            name: "mnist1d", inputs: standardized(rows.inputs), sampleShape: [options.length],
            targets: .classes(rows.labels, count: classCount), isSignal: true)
        if options.shuffleSequence {
            data = try data.permutingFeatures(sequencePermutation(length: options.length, seed: options.seed))
        }
        return data
    }

    /// The reference layout: the leading `trainFraction` of rows train, the rest test, no
    /// validation part (4000/1000 for the defaults), with the test part locked.
    public static func generateSplit(_ options: MNIST1DOptions = MNIST1DOptions()) throws(DataError) -> SplitDataset {
        let data = try generate(options)
        let trainCount = Int(Double(data.count) * options.trainFraction)
        return try SplitDataset(data, split: Split.leading(count: data.count, train: trainCount, validation: 0))
    }

    /// (x − mean) / std over every element at once, as make_dataset does (population std).
    static func standardized(_ x: [Float]) -> [Float] {
        let (mean, std) = meanAndStd(x)
        let scale = std > 0 ? 1 / std : 1
        return x.map { Float((Double($0) - mean) * scale) }
    }

    static func validate(_ o: MNIST1DOptions) throws(DataError) {
        try checkCount(o.count)
        guard o.padding.lowerBound >= 0, o.padding.upperBound <= 10_000 else {
            throw .invalidArgument(name: "padding", value: "\(o.padding)", allowed: .rangeWithin(0...10_000))
        }
        guard o.scaleCoefficient.isFinite, o.scaleCoefficient >= 0, o.scaleCoefficient < 2 else {
            throw .invalidArgument(name: "scale", value: "\(o.scaleCoefficient)", allowed: .below(2))
        }
        guard o.maxTranslation >= 0, o.maxTranslation <= 10_000 else {
            throw .invalidArgument(name: "shift", value: "\(o.maxTranslation)", allowed: .range(0...10_000))
        }
        for (name, value) in [("corr_noise", o.correlatedNoise), ("iid_noise", o.iidNoise), ("shear", o.shear)] {
            guard value.isFinite, value >= 0, value <= 1000 else {
                throw .invalidArgument(name: name, value: "\(value)", allowed: .finite(upTo: 1000))
            }
        }
        guard o.length >= 2, o.length <= 10_000 else {
            throw .invalidArgument(name: "length", value: "\(o.length)", allowed: .range(2...10_000))
        }
        try checkFraction(o.trainFraction, name: "train")
    }
}

extension Dataset {
    /// MNIST-1D with the reference arguments, `count` samples (500 per class for 5000).
    public static func mnist1D(
        count: Int = 5000, seed: UInt64 = 42,
        shuffleSequence: Bool = false
    ) throws(DataError) -> Dataset {
        var options = MNIST1DOptions()
        options.count = count
        options.seed = seed
        options.shuffleSequence = shuffleSequence
        return try MNIST1D.generate(options)
    }
}
