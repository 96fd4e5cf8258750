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
    public static let all: [BuiltInData] = toys + curves + [
        BuiltInData(name: "mnist1d", defaultCount: 5000, defaultClasses: nil, defaultNoise: nil,
                    summary: "MNIST-1D (Greydanus 2020): 40-point signals, 10 classes"),
    ]

    static let toys: [BuiltInData] = [
        .init(name: "spiral", defaultCount: 600, defaultClasses: 3, defaultNoise: 0.2, summary: "interleaved spiral arms"),
        .init(name: "moons", defaultCount: 600, defaultClasses: 2, defaultNoise: 0.1, summary: "two interleaved half circles"),
        .init(name: "circles", defaultCount: 600, defaultClasses: 2, defaultNoise: 0.05, summary: "concentric rings"),
        .init(name: "xor", defaultCount: 600, defaultClasses: 2, defaultNoise: 0.05, summary: "quadrants, class by sign of x·y"),
        .init(name: "blobs", defaultCount: 600, defaultClasses: 3, defaultNoise: 0.15, summary: "gaussian clusters at random centres"),
        .init(name: "gauss", defaultCount: 600, defaultClasses: 2, defaultNoise: 0.3, summary: "gaussian clusters on the unit circle"),
    ]

    static let curves: [BuiltInData] = Curve1D.allCases.map {
        BuiltInData(name: $0.rawValue, defaultCount: 60, defaultClasses: nil, defaultNoise: 0.3,
                    summary: "1D regression: \($0.rawValue) on [0, 1]")
    }

    public static var names: [String] { all.map(\.name) }

    public static func named(_ name: String) -> BuiltInData? {
        all.first { $0.name == name }
    }

    /// Generates `name`, filling omitted arguments from the defaults. Arguments a generator does
    /// not take (classes for a curve, noise for MNIST-1D) are errors, not silently ignored.
    public static func make(_ name: String, count: Int? = nil, classes: Int? = nil, noise: Float? = nil,
                            seed: UInt64) throws(DataError) -> Dataset {
        guard let entry = named(name) else {
            throw .invalidArgument(name: "dataset", value: name, allowed: "one of " + names.joined(separator: ", "))
        }
        if let classes, entry.defaultClasses == nil {
            throw .invalidArgument(name: "classes", value: "\(classes)", allowed: "no classes= for \(name)")
        }
        if let noise, entry.defaultNoise == nil {
            throw .invalidArgument(name: "noise", value: "\(noise)", allowed: "no noise= for \(name)")
        }
        let n = count ?? entry.defaultCount
        if let toy = Toy2D(rawValue: name) {
            return try Dataset.toy(toy, count: n, classes: classes ?? entry.defaultClasses ?? 2,
                                   noise: noise ?? entry.defaultNoise ?? 0, seed: seed)
        }
        if let curve = Curve1D(rawValue: name) {
            return try Dataset.curve(curve, count: n, noise: noise ?? entry.defaultNoise ?? 0, seed: seed)
        }
        return try Dataset.mnist1D(count: n, seed: seed)
    }
}
