// Shared pieces of the built-in generators: argument checks (every number a user types is
// validated here and rejected with a typed error instead of trapping), the split of N samples
// into classes, and the final row shuffle that every generator applies; then the table of
// built-in generators by name with their defaults.

import Kernels

/// Limits on what a generator will build (a typo like `n=1e9` is an error, not an OOM).
public enum GeneratorLimits {
    public static let maxSamples = 5_000_000
    public static let maxClasses = 64
    public static let maxNoise: Float = 1000
}

func checkCount(_ n: Int, name: String = "n", minimum: Int = 1) throws(DataError) {
    guard n >= minimum, n <= GeneratorLimits.maxSamples else {
        throw .invalidArgument(
            name: name, value: "\(n)",
            allowed: .integer(minimum...GeneratorLimits.maxSamples))
    }
}

func checkClasses(_ classes: Int, allowed: ClosedRange<Int> = 2...GeneratorLimits.maxClasses) throws(DataError) {
    guard allowed.contains(classes) else {
        throw .invalidArgument(
            name: "classes", value: "\(classes)",
            allowed: allowed.count == 1 ? .exactly(allowed.lowerBound) : .range(allowed))
    }
}

func checkNoise(_ noise: Float, name: String = "noise") throws(DataError) {
    guard noise.isFinite, noise >= 0, noise <= GeneratorLimits.maxNoise else {
        throw .invalidArgument(
            name: name, value: "\(noise)",
            allowed: .noise(upTo: GeneratorLimits.maxNoise))
    }
}

func checkFraction(_ value: Double, name: String) throws(DataError) {
    guard value.isFinite, value >= 0, value <= 1 else {
        throw .invalidArgument(name: name, value: "\(value)", allowed: .fraction)
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
        for r in order { x.append(contentsOf: inputs[Int(r) * features..<(Int(r) + 1) * features]) }
        inputs = x
        if !labels.isEmpty { labels = order.map { labels[Int($0)] } }
        if !values.isEmpty { values = order.map { values[Int($0)] } }
    }
}

// MARK: - Built-in generators by name

// The built-in generators by name, with the defaults `data d = NAME` uses when arguments are
// omitted — one table, so the interpreter's parsing, help and "did you mean" all read from it.

/// A built-in generator and its defaults.
public struct BuiltInData: Sendable, Equatable {
    public let name: String
    public let defaultCount: Int
    /// nil where the class count is fixed by the generator (curves, MNIST-1D).
    public let defaultClasses: Int?
    /// nil where noise is not an argument (MNIST-1D uses the reference noise settings).
    public let defaultNoise: Float?
    public let summary: String

    /// Every built-in, in the order `help data` lists them.
    public static let all: [BuiltInData] =
        toys + curves + [
            BuiltInData(
                name: "mnist1d", defaultCount: 5000, defaultClasses: nil, defaultNoise: nil,
                summary: "MNIST-1D (Greydanus 2020): 40-point signals, 10 classes")
        ]

    static let toys: [BuiltInData] = [
        .init(name: "spiral", defaultCount: 600, defaultClasses: 3, defaultNoise: 0.2, summary: "interleaved spiral arms"),
        .init(name: "moons", defaultCount: 600, defaultClasses: 2, defaultNoise: 0.1, summary: "two interleaved half circles"),
        .init(name: "circles", defaultCount: 600, defaultClasses: 2, defaultNoise: 0.05, summary: "concentric rings"),
        .init(name: "xor", defaultCount: 600, defaultClasses: 2, defaultNoise: 0.05, summary: "quadrants, class by sign of x·y"),
        .init(
            name: "blobs", defaultCount: 600, defaultClasses: 3, defaultNoise: 0.15,
            summary: "gaussian clusters at random centres"),
        .init(
            name: "gauss", defaultCount: 600, defaultClasses: 2, defaultNoise: 0.3,
            summary: "gaussian clusters on the unit circle"),
    ]

    static let curves: [BuiltInData] = Curve1D.allCases.map {
        BuiltInData(
            name: $0.rawValue, defaultCount: 60, defaultClasses: nil, defaultNoise: 0.3,
            summary: "1D regression: \($0.rawValue) on [0, 1]")
    }

    public static var names: [String] { all.map(\.name) }

    public static func named(_ name: String) -> BuiltInData? {
        all.first { $0.name == name }
    }

    /// Generates `name`, filling omitted arguments from the defaults. Arguments a generator does
    /// not take (classes for a curve, noise for MNIST-1D) are errors, not silently ignored.
    public static func make(
        _ name: String, count: Int? = nil, classes: Int? = nil, noise: Float? = nil,
        seed: UInt64
    ) throws(DataError) -> Dataset {
        guard let entry = named(name) else {
            throw .invalidArgument(name: "dataset", value: name, allowed: .oneOf(names))
        }
        if let classes, entry.defaultClasses == nil {
            throw .invalidArgument(name: "classes", value: "\(classes)", allowed: .notFor(source: name))
        }
        if let noise, entry.defaultNoise == nil {
            throw .invalidArgument(name: "noise", value: "\(noise)", allowed: .notFor(source: name))
        }
        let n = count ?? entry.defaultCount
        if let toy = Toy2D(rawValue: name) {
            return try Dataset.toy(
                toy, count: n, classes: classes ?? entry.defaultClasses ?? 2,
                noise: noise ?? entry.defaultNoise ?? 0, seed: seed)
        }
        if let curve = Curve1D(rawValue: name) {
            return try Dataset.curve(curve, count: n, noise: noise ?? entry.defaultNoise ?? 0, seed: seed)
        }
        return try Dataset.mnist1D(count: n, seed: seed)
    }
}
