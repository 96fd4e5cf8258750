// Train / validation / test splits as index lists, deterministic from the seed. `random`
// shuffles with the seed (optionally per class, to keep class proportions); `leading` takes
// rows in order (the MNIST-1D reference: first 4000 train, last 1000 test). Each part lists
// its rows in ascending order, so a part keeps the source's row order.

import Kernels

/// Fractions of the rows for each part. They must be finite, non-negative and sum to 1.
public struct SplitFractions: Sendable, Equatable {
    public var train: Double
    public var validation: Double
    public var test: Double

    public init(train: Double, validation: Double, test: Double) {
        self.train = train; self.validation = validation; self.test = test
    }

    func validate() throws(DataError) {
        try checkFraction(train, name: "train")
        try checkFraction(validation, name: "val")
        try checkFraction(test, name: "test")
        let total = train + validation + test
        guard abs(total - 1) <= 1e-6 else {
            throw .invalidArgument(name: "train+val+test", value: "\(total)", allowed: .fractionsSummingToOne)
        }
    }

    /// Row counts for n rows: train and validation rounded to nearest, test takes the rest.
    func counts(_ n: Int) -> (train: Int, validation: Int) {
        let t = min(n, Int((train * Double(n)).rounded()))
        let v = min(n - t, Int((validation * Double(n)).rounded()))
        return (t, v)
    }
}

/// Row indices of each part; disjoint, and together exactly 0..<count.
public struct Split: Sendable, Equatable {
    public let train: [Int32]
    public let validation: [Int32]
    public let test: [Int32]

    public var count: Int { train.count + validation.count + test.count }

    /// A seeded random split. With `stratifiedBy` labels, each class is split separately by
    /// the same fractions, so every part keeps the class proportions (to within rounding).
    public static func random(
        count: Int, fractions: SplitFractions, seed: UInt64,
        stratifiedBy labels: [Int32]? = nil
    ) throws(DataError) -> Split {
        guard count >= 1, count <= Int(Int32.max) else {
            throw .invalidArgument(name: "rows", value: "\(count)", allowed: .range(1...Int(Int32.max)))
        }
        try fractions.validate()
        var rng = RNG(seed: seed, stream: "split")
        guard let labels else {
            return divided(rng.permutation(count), fractions: fractions)
        }
        guard labels.count == count else {
            throw .shapeMismatch(what: .splitLabels, expected: [count], got: [labels.count])
        }
        return stratified(labels, fractions: fractions, rng: &rng)
    }

    /// The first `train` rows, the next `validation`, the rest test.
    public static func leading(count: Int, train: Int, validation: Int) throws(DataError) -> Split {
        guard count >= 0, train >= 0, validation >= 0, train + validation <= count, count <= Int(Int32.max) else {
            throw .invalidArgument(name: "train+val", value: "\(train)+\(validation)", allowed: .rows(atMost: count))
        }
        let rows = (0..<count).map { Int32($0) }
        return Split(
            train: Array(rows[0..<train]), validation: Array(rows[train..<train + validation]),
            test: Array(rows[(train + validation)...]))
    }

    private static func divided(_ order: [Int32], fractions: SplitFractions) -> Split {
        let (t, v) = fractions.counts(order.count)
        return Split(
            train: order[0..<t].sorted(), validation: order[t..<t + v].sorted(),
            test: order[(t + v)...].sorted())
    }

    private static func stratified(_ labels: [Int32], fractions: SplitFractions, rng: inout RNG) -> Split {
        var byClass: [Int32: [Int32]] = [:]
        for (row, label) in labels.enumerated() { byClass[label, default: []].append(Int32(row)) }
        var train: [Int32] = [], validation: [Int32] = [], test: [Int32] = []
        for label in byClass.keys.sorted() {
            var rows = byClass[label] ?? []
            rng.shuffle(&rows)
            let part = divided(rows, fractions: fractions)
            train += part.train; validation += part.validation; test += part.test
        }
        return Split(train: train.sorted(), validation: validation.sorted(), test: test.sorted())
    }
}

// MARK: - A split made elsewhere

extension Split {
    /// The parts a file gives, one integer per row: 0 train, 1 validation, 2 test
    /// (`data z = npy "x.npy" "y.npy" "parts.npy" split=given`). Rows keep their order.
    public static func given(parts path: String, rows n: Int) throws(DataError) -> Split {
        let array = try NPY.read(path: path)
        guard case .integers(let values) = array.storage else {
            throw .invalidArgument(name: "parts", value: "floats", allowed: .oneOf(partNames))
        }
        guard array.shape.first == n, array.shape.count == 1 || array.shape == [n, 1] else {
            throw .shapeMismatch(what: .rows(targets: path, inputs: "the inputs"), expected: [n], got: array.shape)
        }
        if let i = values.firstIndex(where: { !(0...2).contains($0) }) {
            throw .invalidArgument(name: "part[\(i)]", value: "\(values[i])", allowed: .oneOf(partNames))
        }
        return try given(values.map { Int32($0) })
    }

    /// The parts of the rows in order, each 0 train, 1 validation or 2 test (checked by the
    /// reader, which knows where each value came from). At least one row must be train.
    public static func given(_ parts: [Int32]) throws(DataError) -> Split {
        var train: [Int32] = [], validation: [Int32] = [], test: [Int32] = []
        for (i, v) in parts.enumerated() {
            switch v {
            case 0: train.append(Int32(i))
            case 1: validation.append(Int32(i))
            default: test.append(Int32(i))
            }
        }
        guard !train.isEmpty else {
            throw .invalidArgument(name: "parts", value: "no row marked 0", allowed: .oneOf(partNames))
        }
        return Split(train: train, validation: validation, test: test)
    }

    /// How a parts file names the parts.
    public static let partNames = ["0 (train)", "1 (val)", "2 (test)"]

    /// A test file given beside a train file: of `count` rows, the first `trainFileRows` came
    /// from the train file and are split at random (seeded) into train and a `validation`
    /// fraction of them; the rest, the test file's rows, are the test part in their order.
    public static func withTestFile(
        count: Int, trainFileRows: Int, validation: Double, seed: UInt64
    ) throws(DataError) -> Split {
        guard trainFileRows >= 1, trainFileRows <= count, count <= Int(Int32.max) else {
            throw .invalidArgument(name: "rows", value: "\(trainFileRows)", allowed: .range(1...max(1, count)))
        }
        try checkFraction(validation, name: "val")
        let held = min(trainFileRows - 1, Int((validation * Double(trainFileRows)).rounded()))
        var rng = RNG(seed: seed, stream: "split")
        let order = rng.permutation(trainFileRows)
        return Split(
            train: order[held...].sorted(), validation: order[..<held].sorted(),
            test: (trainFileRows..<count).map { Int32($0) })
    }
}
