// Label noise for the double-descent experiments (UDL 8.4: MNIST-1D with 15% of training labels
// randomised). Exactly round(fraction · N) rows, chosen without replacement, each get a
// different class drawn uniformly from the other K − 1, so the realised noise rate is the
// requested one. What was changed is recorded so it can be shown and undone.

import Kernels

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
            throw .invalidArgument(name: "classes", value: "\(classes)", allowed: "at least 2 for label noise")
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
        let record = LabelNoise(fraction: fraction, seed: seed, rows: rows,
                                originalLabels: rows.map { labels[Int($0)] },
                                noisyLabels: rows.map { noisy[Int($0)] })
        return (copy, record)
    }
}
