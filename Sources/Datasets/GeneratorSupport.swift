// Shared pieces of the built-in generators: argument checks (every number a user types is
// validated here and rejected with a typed error instead of trapping), the split of N samples
// into classes, and the final row shuffle that every generator applies.

import Kernels

/// Limits on what a generator will build (a typo like `n=1e9` is an error, not an OOM).
public enum GeneratorLimits {
    public static let maxSamples = 5_000_000
    public static let maxClasses = 64
    public static let maxNoise: Float = 1000
}

func checkCount(_ n: Int, name: String = "n", minimum: Int = 1) throws(DataError) {
    guard n >= minimum, n <= GeneratorLimits.maxSamples else {
        throw .invalidArgument(name: name, value: "\(n)",
                               allowed: "an integer from \(minimum) to \(GeneratorLimits.maxSamples)")
    }
}

func checkClasses(_ classes: Int, allowed: ClosedRange<Int> = 2...GeneratorLimits.maxClasses) throws(DataError) {
    guard allowed.contains(classes) else {
        let text = allowed.count == 1 ? "\(allowed.lowerBound)" : "\(allowed.lowerBound) to \(allowed.upperBound)"
        throw .invalidArgument(name: "classes", value: "\(classes)", allowed: text)
    }
}

func checkNoise(_ noise: Float, name: String = "noise") throws(DataError) {
    guard noise.isFinite, noise >= 0, noise <= GeneratorLimits.maxNoise else {
        throw .invalidArgument(name: name, value: "\(noise)",
                               allowed: "a finite number from 0 to \(GeneratorLimits.maxNoise)")
    }
}

func checkFraction(_ value: Double, name: String) throws(DataError) {
    guard value.isFinite, value >= 0, value <= 1 else {
        throw .invalidArgument(name: name, value: "\(value)", allowed: "a number from 0 to 1")
    }
}

/// Samples per class when `n` samples are spread over `classes`: equal shares, the remainder
/// going one each to the lowest classes (so exactly `n` samples, as balanced as possible).
func classSizes(_ n: Int, classes: Int) -> [Int] {
    (0..<classes).map { n / classes + ($0 < n % classes ? 1 : 0) }
}

/// Rows built class by class, then shuffled so that in-order batches see every class.
struct RowBuilder {
    var inputs: [Float] = []
    var labels: [Int32] = []
    var values: [Float] = []

    mutating func add(_ point: [Float], label: Int) {
        inputs.append(contentsOf: point)
        labels.append(Int32(label))
    }

    mutating func add(_ point: [Float], value: Float) {
        inputs.append(contentsOf: point)
        values.append(value)
    }

    /// Applies one random permutation to inputs and targets together.
    mutating func shuffle(rng: inout RNG, features: Int) {
        let n = max(labels.count, values.count)
        let order = rng.permutation(n)
        var x = [Float](); x.reserveCapacity(inputs.count)
        for r in order { x.append(contentsOf: inputs[Int(r) * features ..< (Int(r) + 1) * features]) }
        inputs = x
        if !labels.isEmpty { labels = order.map { labels[Int($0)] } }
        if !values.isEmpty { values = order.map { values[Int($0)] } }
    }
}
