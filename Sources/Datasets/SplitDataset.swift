// A dataset divided into train, validation and a locked test part. Training code reads `train`
// and `validation` freely; the test part is only reachable through `test(peekedBy:)`, which
// records who looked and how many rows, so the interpreter can report every peek. The log is
// a shared reference: copies of a SplitDataset (a run's, the workspace's) record into one log.

import Kernels
import Synchronization

/// One look at a locked test part.
public struct Peek: Sendable, Equatable {
    /// Who read it, e.g. "eval a on test" or "sweep s best".
    public let reader: String
    public let rows: Int

    public init(reader: String, rows: Int) {
        self.reader = reader
        self.rows = rows
    }
}

/// The thread-safe record of test-part reads.
public final class PeekLog: Sendable {
    private let entries = Mutex<[Peek]>([])

    public init() {}

    public func record(_ peek: Peek) { entries.withLock { $0.append(peek) } }

    public var peeks: [Peek] { entries.withLock { $0 } }

    public var count: Int { entries.withLock { $0.count } }
}

public struct SplitDataset: Sendable {
    public let name: String
    public let split: Split
    public private(set) var train: Dataset
    public let validation: Dataset
    private let lockedTest: Dataset
    /// The training labels before any label noise (nil for regression data).
    private let cleanTrainLabels: [Int32]?
    /// The label noise currently applied to `train`, if any.
    public private(set) var labelNoise: LabelNoise?
    /// Training-time augmentation for batches of `train` (validated against its sample shape).
    public private(set) var augmentation: Augmentation?
    public let peekLog: PeekLog

    /// Divides `data` by `split`; every index must be in range and appear in one part only.
    public init(_ data: Dataset, split: Split) throws(DataError) {
        var seen = [Bool](repeating: false, count: data.count)
        for row in split.train + split.validation + split.test {
            guard row >= 0, Int(row) < data.count, !seen[Int(row)] else {
                throw .invalidArgument(
                    name: "split row", value: "\(row)",
                    allowed: .rowOnce(count: data.count))
            }
            seen[Int(row)] = true
        }
        name = data.name
        self.split = split
        train = data.subset(split.train, name: data.name + ".train")
        validation = data.subset(split.validation, name: data.name + ".val")
        lockedTest = data.subset(split.test, name: data.name + ".test")
        cleanTrainLabels = train.labels
        peekLog = PeekLog()
    }

    /// Splits `data` at random by `fractions` (see `Split.random`).
    public init(
        _ data: Dataset, fractions: SplitFractions, seed: UInt64,
        stratified: Bool = false
    ) throws(DataError) {
        let split = try Split.random(
            count: data.count, fractions: fractions, seed: seed,
            stratifiedBy: stratified ? data.labels : nil)
        try self.init(data, split: split)
    }

    /// Rows in the test part (reading the count is not a peek).
    public var testCount: Int { lockedTest.count }

    /// The test part. Every call is recorded in `peekLog` as a peek by `reader`.
    public func test(peekedBy reader: String) -> Dataset {
        peekLog.record(Peek(reader: reader, rows: lockedTest.count))
        return lockedTest
    }

    public var peeks: [Peek] { peekLog.peeks }

    /// Sets (or, with an identity augmentation, clears) the training-time augmentation.
    public mutating func setAugmentation(_ a: Augmentation) throws(DataError) {
        try a.validate(for: train.sampleShape, isSignal: train.isSignal)
        augmentation = a.isIdentity ? nil : a
    }

    /// Replaces a `fraction` of the training labels by a different random class (validation
    /// and test stay clean). Always starts from the clean labels, so calling it again replaces
    /// the previous noise rather than compounding it; a fraction of 0 removes it.
    public mutating func setLabelNoise(fraction: Double, seed: UInt64) throws(DataError) {
        guard let clean = cleanTrainLabels else {
            throw .needsClasses(operation: "label noise", dataset: name)
        }
        train.replaceLabels(clean)
        labelNoise = nil
        guard fraction > 0 else { try checkFraction(fraction, name: "labels"); return }
        let (noisy, record) = try train.withLabelNoise(fraction: fraction, seed: seed)
        train = noisy
        labelNoise = record
    }
}

// MARK: - Label noise

// Label noise for the double-descent experiments (UDL 8.4: MNIST-1D with 15% of training labels
// randomised). Exactly round(fraction · N) rows, chosen without replacement, each get a
// different class drawn uniformly from the other K − 1, so the realised noise rate is the
// requested one. What was changed is recorded so it can be shown and undone.

/// The record of one application of label noise.
public struct LabelNoise: Sendable, Equatable {
    public let fraction: Double
    public let seed: UInt64
    /// Rows whose label changed, ascending.
    public let rows: [Int32]
    /// Their labels before and after.
    public let originalLabels: [Int32]
    public let noisyLabels: [Int32]
}

extension Dataset {
    /// A copy with a `fraction` of labels replaced by a different random class, and the record.
    public func withLabelNoise(fraction: Double, seed: UInt64) throws(DataError) -> (Dataset, LabelNoise) {
        guard case let .classes(labels, classes) = targets else {
            throw .needsClasses(operation: "label noise", dataset: name)
        }
        try checkFraction(fraction, name: "labels")
        guard classes >= 2 else {
            throw .invalidArgument(name: "classes", value: "\(classes)", allowed: .classesForLabelNoise(minimum: 2))
        }
        var rng = RNG(seed: seed, stream: "label-noise")
        let changed = Int((fraction * Double(count)).rounded())
        let rows = rng.permutation(count)[0..<changed].sorted()
        var noisy = labels
        for row in rows {
            // Adding 1…K−1 modulo K never gives back the original class.
            let offset = 1 + rng.int(below: classes - 1)
            noisy[Int(row)] = Int32((Int(labels[Int(row)]) + offset) % classes)
        }
        var copy = self
        copy.replaceLabels(noisy)
        let record = LabelNoise(
            fraction: fraction, seed: seed, rows: rows,
            originalLabels: rows.map { labels[Int($0)] },
            noisyLabels: rows.map { noisy[Int($0)] })
        return (copy, record)
    }
}

// MARK: - Derived datasets

extension SplitDataset {
    /// The examples of `classes` (relabelled from 0, in order), each part drawn from the same part
    /// here — the test part stays a test part, moved unread (no peek) — with the training part
    /// cut to its first `trainLimit` examples (few-shot). Label noise and augmentation stay behind.
    /// Returns every kept example (train, val, test in that order) and its parts.
    public func restricted(
        toClasses classes: ClosedRange<Int>, trainLimit: Int?, name: String
    ) throws(DataError) -> (full: Dataset, parts: SplitDataset) {
        guard let k = train.classCount, train.positions == 1 else {
            throw .needsClasses(operation: "a class subset", dataset: self.name)
        }
        let written = "\(classes.lowerBound)..\(classes.upperBound)"
        guard classes.lowerBound >= 0, classes.upperBound < k else {
            throw .invalidArgument(name: "classes", value: written, allowed: .classRange(classes: k))
        }
        func part(_ d: Dataset, limit: Int?) -> (inputs: [Float], labels: [Int32]) {
            let f = d.featureCount
            var x: [Float] = [], y: [Int32] = []
            for (row, label) in (d.labels ?? []).enumerated() where classes.contains(Int(label)) {
                if let limit, y.count >= limit { break }
                x += d.inputs[row * f..<(row + 1) * f]
                y.append(label - Int32(classes.lowerBound))
            }
            return (x, y)
        }
        let a = part(train, limit: trainLimit), b = part(validation, limit: nil), c = part(lockedTest, limit: nil)
        guard !a.labels.isEmpty else {
            throw .invalidArgument(
                name: "classes", value: written, allowed: .classesWithTrainingExamples(dataset: self.name))
        }
        let data = try Dataset(
            name: name, inputs: a.inputs + b.inputs + c.inputs, sampleShape: train.sampleShape,
            targets: .classes(a.labels + b.labels + c.labels, count: classes.count), isSignal: train.isSignal)
        let parts = try SplitDataset(
            data, split: Split.leading(count: data.count, train: a.labels.count, validation: b.labels.count))
        return (data, parts)
    }
}
