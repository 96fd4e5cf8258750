// Built-in objectives with known optima, so `sweep s method=tpe objective=branin trials=100`
// runs without any training and shows how well a method searches.
//
// Branin (Branin 1972; the form in Dixon & Szegő 1978 and the Surjanovic & Bingham virtual
// library): f = a(x₂ − b x₁² + c x₁ − r)² + s(1 − t) cos x₁ + s with a = 1, b = 5.1/(4π²),
// c = 5/π, r = 6, s = 10, t = 1/(8π) on x₁ ∈ [−5, 10], x₂ ∈ [0, 15]; minimum 0.397887 at
// (−π, 12.275), (π, 2.275) and (9.42478, 2.475).
// Hartmann6 (Hartmann 1973): f = −Σᵢ αᵢ exp(−Σⱼ Aᵢⱼ (xⱼ − Pᵢⱼ)²) on [0, 1]⁶; minimum −3.32237 at
// (0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A test function with its search space and known minimum.
public struct Objective: Sendable {
    public let name: String
    public let space: SearchSpace
    public let minimum: Double
    /// Points where the minimum is attained.
    public let minimizers: [Configuration]
    let function: @Sendable ([Double]) -> Double

    /// The value at a configuration of `space`; nil if a coordinate is missing.
    public func evaluate(_ c: Configuration) -> Double? {
        var xs: [Double] = []
        for name in space.names {
            guard let x = c.number(name) else { return nil }
            xs.append(x)
        }
        return function(xs)
    }

    public static let all: [Objective] = [branin, hartmann6]

    /// The built-in objective called `name` (case-insensitive).
    public static func named(_ name: String) throws -> Objective {
        guard let o = all.first(where: { $0.name == name.lowercased() }) else {
            throw SearchError.unknownObjective(name, known: all.map(\.name))
        }
        return o
    }

    public static let branin = Objective(
        name: "branin",
        space: SearchSpace(constant: [.uniform("x1", -5, 10), .uniform("x2", 0, 15)]),
        minimum: 0.397887,
        minimizers: [
            ["x1": .number(-.pi), "x2": .number(12.275)], ["x1": .number(.pi), "x2": .number(2.275)],
            ["x1": .number(9.42478), "x2": .number(2.475)],
        ],
        function: braninFunction)

    public static let hartmann6 = Objective(
        name: "hartmann6",
        space: SearchSpace(constant: (1...6).map { .uniform("x\($0)", 0, 1) }),
        minimum: -3.32237,
        minimizers: [
            Configuration(
                Dictionary(
                    uniqueKeysWithValues: zip(
                        (1...6).map { "x\($0)" },
                        [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573].map(ParameterValue.number))))
        ],
        function: hartmann6Function)
}

@Sendable func braninFunction(_ x: [Double]) -> Double {
    let b = 5.1 / (4 * Double.pi * Double.pi), c = 5 / Double.pi, t = 1 / (8 * Double.pi)
    let u = x[1] - b * x[0] * x[0] + c * x[0] - 6
    return u * u + 10 * (1 - t) * cos(x[0]) + 10
}

let hartmannAlpha = [1.0, 1.2, 3.0, 3.2]
let hartmannA: [[Double]] = [
    [10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
    [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14],
]
let hartmannP: [[Double]] = [
    [1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
    [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381],
].map { $0.map { $0 * 1e-4 } }

@Sendable func hartmann6Function(_ x: [Double]) -> Double {
    var f = 0.0
    for i in 0..<4 {
        var s = 0.0
        for j in 0..<6 { s += hartmannA[i][j] * (x[j] - hartmannP[i][j]) * (x[j] - hartmannP[i][j]) }
        f -= hartmannAlpha[i] * exp(-s)
    }
    return f
}
