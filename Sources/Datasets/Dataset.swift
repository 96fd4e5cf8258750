// The Dataset value: N samples of one shape, stored row-major in one flat [Float], with either
// class labels or regression targets. Generators, loaders and splits all produce this type; the
// batcher copies rows out of it into the training loop's buffers.

import Kernels

/// Targets of a dataset: class indices (one per sample, or one per position of a sequence), or
/// `outputs` values per sample.
public enum Targets: Sendable, Equatable {
    /// Labels in `0..<count`.
    case classes([Int32], count: Int)
    /// Row-major N × outputs.
    case values([Float], outputs: Int)

    var isClasses: Bool {
        if case .classes = self { return true }
        return false
    }
}

/// Classification or regression, with the size of the target.
public enum DatasetKind: Sendable, Equatable {
    case classification(classes: Int)
    case regression(outputs: Int)
}

/// N samples: `inputs` is row-major N × featureCount, each row a sample of `sampleShape`.
public struct Dataset: Sendable, Equatable {
    /// Largest number of classes a dataset may have (labels are `0..<classLimit`).
    public static let classLimit = 1024
    /// The most values (inputs and targets) a file may give a dataset: 2²⁸, 1 GiB as 32-bit floats.
    /// A dataset keeps all its examples and its train/val/test parts, so a dataset at this limit
    /// holds about 2 GiB; a file is refused above it (the size and the limit said) before it is
    /// converted. With BASIN_MEMORY set, a sixteenth of it in values (a quarter of the budget,
    /// counting both copies).
    public static var valueLimit: Int { min(ownValueLimit, MemoryBudget.capped(ownValueLimit * 4, fraction: 1.0 / 4) / 4) }
    /// The limit without BASIN_MEMORY.
    public static let ownValueLimit = 1 << 28
    /// Largest token vocabulary a dataset may have.
    public static let vocabularyLimit = 1 << 16

    public var name: String
    public private(set) var inputs: [Float]
    public let sampleShape: [Int]
    public private(set) var targets: Targets
    public private(set) var count: Int
    /// True when each sample is an ordered 1D signal (MNIST-1D, arrays from NPY files) rather
    /// than a vector of unrelated features (2D toys, curves, CSV columns): shift and scale
    /// augmentation only make sense for signals.
    public var isSignal: Bool
    /// Class labels per example: 1, or a label for each of `positions` sequence positions (the
    /// sorted sequence of `sort`), stored example by example ([N × positions]).
    public let positions: Int
    /// Tokens: every input is an integer in `0..<vocabulary` (the sequence tasks), which an
    /// `embed` layer looks up; nil for real-valued inputs.
    public let vocabulary: Int?

    /// Checks that inputs, shape and targets agree; labels must lie in `0..<classes`, and with a
    /// vocabulary every input must be a token in `0..<vocabulary`.
    public init(
        name: String, inputs: [Float], sampleShape: [Int], targets: Targets,
        isSignal: Bool = false, positions: Int = 1, vocabulary: Int? = nil
    ) throws(DataError) {
        guard !sampleShape.isEmpty, sampleShape.allSatisfy({ $0 > 0 }),
            let features = checkedProduct(sampleShape)
        else {
            throw .shapeMismatch(what: .sampleShape(dataset: name), expected: [1], got: sampleShape)
        }
        let n = inputs.count / features
        guard n * features == inputs.count else {
            throw .shapeMismatch(what: .inputs(dataset: name), expected: [n, features], got: [inputs.count])
        }
        guard positions >= 1, positions == 1 || targets.isClasses else {
            throw .invalidArgument(
                name: "positions", value: "\(positions)", allowed: .positions)
        }
        try Dataset.checkTargets(targets, rows: n * positions, name: name)
        if let vocabulary {
            guard vocabulary >= 1, vocabulary <= Dataset.vocabularyLimit else {
                throw .invalidArgument(name: "vocab", value: "\(vocabulary)", allowed: .range(1...Dataset.vocabularyLimit))
            }
            if let bad = inputs.firstIndex(where: { !($0 >= 0 && $0 < Float(vocabulary) && $0.rounded() == $0) }) {
                throw .invalidArgument(
                    name: "token[\(bad)]", value: "\(inputs[bad])", allowed: .integer(0...vocabulary - 1))
            }
        }
        self.positions = positions
        self.vocabulary = vocabulary
        self.name = name
        self.inputs = inputs
        self.sampleShape = sampleShape
        self.targets = targets
        self.count = n
        self.isSignal = isSignal
    }

    private static func checkTargets(_ targets: Targets, rows n: Int, name: String) throws(DataError) {
        switch targets {
        case let .classes(labels, classes):
            guard classes >= 1, classes <= classLimit else {
                throw .invalidArgument(name: "classes", value: "\(classes)", allowed: .range(1...classLimit))
            }
            guard labels.count == n else {
                throw .shapeMismatch(what: .labels(dataset: name), expected: [n], got: [labels.count])
            }
            if let bad = labels.firstIndex(where: { $0 < 0 || Int($0) >= classes }) {
                throw .invalidArgument(name: "label[\(bad)]", value: "\(labels[bad])", allowed: .range(0...classes - 1))
            }
        case let .values(values, outputs):
            guard outputs >= 1, values.count == n * outputs else {
                throw .shapeMismatch(what: .targets(dataset: name), expected: [n, max(outputs, 1)], got: [values.count])
            }
        }
    }

    /// Elements per sample: the product of `sampleShape`.
    public var featureCount: Int { sampleShape.reduce(1, &*) }

    /// The same examples with each one read as `shape` (row-major, as NumPy's reshape: a CSV row
    /// of 256 pixels as [1, 16, 16]); the sizes must multiply to the features an example has.
    /// Giving a shape says the values are ordered (a signal or an image), not loose columns.
    public func reshaped(to shape: [Int]) throws(DataError) -> Dataset {
        guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }), checkedProduct(shape) == featureCount else {
            throw .shapeMismatch(what: .examples(dataset: name), expected: sampleShape, got: shape)
        }
        return try Dataset(
            name: name, inputs: inputs, sampleShape: shape, targets: targets, isSignal: true,
            positions: positions, vocabulary: vocabulary)
    }

    public var kind: DatasetKind {
        switch targets {
        case let .classes(_, classes): return .classification(classes: classes)
        case let .values(_, outputs): return .regression(outputs: outputs)
        }
    }

    /// The class count, or nil for regression data.
    public var classCount: Int? {
        if case let .classes(_, classes) = targets { return classes }
        return nil
    }

    /// Class labels, or nil for regression data.
    public var labels: [Int32]? {
        if case let .classes(labels, _) = targets { return labels }
        return nil
    }

    /// Regression targets (N × outputs), or nil for classification data.
    public var values: [Float]? {
        if case let .values(values, _) = targets { return values }
        return nil
    }

    /// Values per target row: 1 for labels, `outputs` for regression.
    public var targetWidth: Int {
        if case let .values(_, outputs) = targets { return outputs }
        return 1
    }

    /// The rows at `rows` (in that order). Indices must be in `0..<count`; they come from
    /// `Split`, which only produces valid ones.
    public func subset(_ rows: [Int32], name: String? = nil) -> Dataset {
        let f = featureCount, w = positions > 1 ? positions : targetWidth
        var x = [Float](); x.reserveCapacity(rows.count * f)
        for r in rows { x.append(contentsOf: inputs[Int(r) * f..<(Int(r) + 1) * f]) }
        var copy = self
        copy.name = name ?? self.name
        copy.inputs = x
        copy.targets = Dataset.gathered(targets, rows: rows, width: w)
        copy.count = rows.count
        return copy
    }

    private static func gathered(_ targets: Targets, rows: [Int32], width w: Int) -> Targets {
        switch targets {
        case let .classes(labels, classes) where w > 1:
            var y = [Int32](); y.reserveCapacity(rows.count * w)
            for r in rows { y.append(contentsOf: labels[Int(r) * w..<(Int(r) + 1) * w]) }
            return .classes(y, count: classes)
        case let .classes(labels, classes):
            return .classes(rows.map { labels[Int($0)] }, count: classes)
        case let .values(values, outputs):
            var y = [Float](); y.reserveCapacity(rows.count * w)
            for r in rows { y.append(contentsOf: values[Int(r) * w..<(Int(r) + 1) * w]) }
            return .values(y, outputs: outputs)
        }
    }

    /// Replaces the class labels (same count and class range), e.g. after label noise.
    mutating func replaceLabels(_ labels: [Int32]) {
        if case let .classes(_, classes) = targets { targets = .classes(labels, count: classes) }
    }

    /// The same samples with the features of every row reordered: feature j of the result is
    /// feature `permutation[j]` of the original (the fixed-permutation inductive-bias experiment).
    public func permutingFeatures(_ permutation: [Int32]) throws(DataError) -> Dataset {
        let f = featureCount
        guard permutation.count == f, Set(permutation).count == f,
            permutation.allSatisfy({ $0 >= 0 && Int($0) < f })
        else {
            throw .notAPermutation(entries: permutation.count, features: f)
        }
        var x = inputs
        for row in 0..<count {
            for j in 0..<f { x[row * f + j] = inputs[row * f + Int(permutation[j])] }
        }
        var copy = self
        copy.inputs = x
        return copy
    }
}

/// The product of `shape`, or nil if it overflows `Int`.
func checkedProduct(_ shape: [Int]) -> Int? {
    var product = 1
    for d in shape {
        let (p, overflow) = product.multipliedReportingOverflow(by: d)
        if overflow || d < 0 { return nil }
        product = p
    }
    return product
}

// MARK: - Summary statistics

// Summary statistics of a dataset for the `show` table: size, shape, class balance, and the
// mean / standard deviation of inputs (overall and per feature) and of regression targets.
// Sums run in Double so a 200k-element dataset summarises without Float drift.

/// What `show d` prints about a dataset.
public struct DatasetSummary: Sendable, Equatable {
    public let name: String
    public let rows: Int
    public let sampleShape: [Int]
    public let kind: DatasetKind
    /// Samples per class (classification only).
    public let classCounts: [Int]?
    /// Mean, population standard deviation, minimum and maximum over every input element.
    public let inputMean: Double
    public let inputStd: Double
    public let inputMin: Float
    public let inputMax: Float
    /// Per-feature mean and population standard deviation over the rows.
    public let featureMeans: [Double]
    public let featureStds: [Double]
    /// Mean and standard deviation of regression targets (nil for classification).
    public let targetMean: Double?
    public let targetStd: Double?
}

/// Mean and population standard deviation of `values` (two passes, in Double).
public func meanAndStd(_ values: [Float]) -> (mean: Double, std: Double) {
    guard !values.isEmpty else { return (0, 0) }
    var sum = 0.0
    for v in values { sum += Double(v) }
    let mean = sum / Double(values.count)
    var squares = 0.0
    for v in values { let d = Double(v) - mean; squares += d * d }
    return (mean, (squares / Double(values.count)).squareRoot())
}

extension Dataset {
    /// The summary statistics shown by `show`.
    public func summary() -> DatasetSummary {
        let overall = meanAndStd(inputs)
        let perFeature = featureStatistics()
        var target: (mean: Double, std: Double)?
        if let values { target = meanAndStd(values) }
        return DatasetSummary(
            name: name, rows: count, sampleShape: sampleShape, kind: kind,
            classCounts: classCounts(), inputMean: overall.mean, inputStd: overall.std,
            inputMin: inputs.min() ?? 0, inputMax: inputs.max() ?? 0,
            featureMeans: perFeature.means, featureStds: perFeature.stds,
            targetMean: target?.mean, targetStd: target?.std)
    }

    /// Samples per class, or nil for regression data.
    public func classCounts() -> [Int]? {
        guard case let .classes(labels, classes) = targets else { return nil }
        var counts = [Int](repeating: 0, count: classes)
        for label in labels { counts[Int(label)] += 1 }
        return counts
    }

    /// Per-feature mean and population standard deviation (two passes over the rows).
    public func featureStatistics() -> (means: [Double], stds: [Double]) {
        let f = featureCount
        var means = [Double](repeating: 0, count: f)
        var squares = [Double](repeating: 0, count: f)
        guard count > 0 else { return (means, squares) }
        for row in 0..<count {
            for j in 0..<f { means[j] += Double(inputs[row * f + j]) }
        }
        for j in 0..<f { means[j] /= Double(count) }
        for row in 0..<count {
            for j in 0..<f {
                let d = Double(inputs[row * f + j]) - means[j]
                squares[j] += d * d
            }
        }
        return (means, squares.map { ($0 / Double(count)).squareRoot() })
    }
}
