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
