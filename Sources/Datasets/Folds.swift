// K-fold cross-validation over a split dataset's training and validation parts together (the
// test part never enters a fold): the pooled examples are shuffled once by the seed and dealt
// into K shares as equal as can be; fold i validates on share i and trains on the other K − 1.
// Label noise stays on the training examples it was put on, wherever they land.
import Kernels

extension SplitDataset {
    /// Examples K folds share out: the training and validation parts.
    public var foldableCount: Int { train.count + validation.count }

    /// Checks that `k` folds can be made: at least 2, and no more than the examples to share.
    public func checkFolds(_ k: Int) throws(DataError) {
        let n = foldableCount
        guard k >= 2 else {
            throw .invalidArgument(name: "cv", value: "\(k)", allowed: .folds(minimum: 2))
        }
        guard k <= n else {
            throw .invalidArgument(
                name: "cv", value: "\(k)", allowed: .foldsOf(dataset: name, examples: n))
        }
    }

    /// Fold `index` (from 0) of `k`: (train, validation), named "NAME.fold2of5.train" and so on.
    public func fold(_ index: Int, of k: Int, seed: UInt64) throws(DataError) -> (train: Dataset, validation: Dataset) {
        try checkFolds(k)
        guard index >= 0, index < k else {
            throw .invalidArgument(name: "fold", value: "\(index + 1)", allowed: .range(1...k))
        }
        let pool = try train.appending(validation, name: name)
        var rng = RNG(seed: seed, stream: "folds")
        let order = rng.permutation(pool.count)
        // Share i holds positions [start(i), start(i + 1)) of the shuffled order.
        let n = pool.count
        let start = { (i: Int) in i * (n / k) + min(i, n % k) }
        let held = Array(order[start(index)..<start(index + 1)])
        let kept = Array(order[..<start(index)] + order[start(index + 1)...])
        let tag = "\(name).fold\(index + 1)of\(k)"
        return (pool.subset(kept, name: tag + ".train"), pool.subset(held, name: tag + ".val"))
    }
}

extension Dataset {
    /// This dataset's examples followed by `other`'s (same shape and kind of targets).
    func appending(_ other: Dataset, name: String) throws(DataError) -> Dataset {
        let targets: Targets
        switch (self.targets, other.targets) {
        case let (.classes(a, k), .classes(b, _)): targets = .classes(a + b, count: k)
        case let (.values(a, w), .values(b, _)): targets = .values(a + b, outputs: w)
        default: throw .shapeMismatch(what: .targets(dataset: name), expected: [targetWidth], got: [other.targetWidth])
        }
        return try Dataset(
            name: name, inputs: inputs + other.inputs, sampleShape: sampleShape, targets: targets, isSignal: isSignal,
            positions: positions, vocabulary: vocabulary)
    }
}
