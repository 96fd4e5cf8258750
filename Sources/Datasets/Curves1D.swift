// One-dimensional regression toys in the style of *Understanding Deep Learning*: x on [0, 1],
// y = f(x) + noise·N(0, 1). As in the book's bias–variance notebook (8.2), x is stratified: the
// i-th draw is uniform on [i/n, (i+1)/n), so small n still covers the interval; rows are then
// shuffled like every other generator's.

import Kernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built-in 1D regression curves, each defined on x ∈ [0, 1].
public enum Curve1D: String, CaseIterable, Sendable {
    /// sin(2πx).
    case sine
    /// exp(sin(2πx)): the "true function" of UDL's bias–variance notebook (8.2).
    case expsine
    /// A staircase of four levels −1, −1/3, 1/3, 1 (a function a ReLU net can only approximate).
    case step
    /// Piecewise linear through (0, 0), (¼, 1), (½, −½), (¾, ½), (1, 0): what a shallow ReLU
    /// network represents exactly (UDL chapter 3).
    case piecewise
    /// The cubic 10(x − 0.2)(x − 0.5)(x − 0.85).
    case poly
    /// 0.5 + x: the straight line of UDL chapter 2.
    case linear

    /// f(x) without noise.
    public func callAsFunction(_ x: Float) -> Float {
        switch self {
        case .sine: return sin(2 * Float.pi * x)
        case .expsine: return exp(sin(2 * Float.pi * x))
        case .step: return min(max((4 * x).rounded(.down), 0), 3) * (2 / 3) - 1
        case .piecewise: return Curve1D.piecewiseLinear(x)
        case .poly: return 10 * (x - 0.2) * (x - 0.5) * (x - 0.85)
        case .linear: return 0.5 + x
        }
    }

    private static let knots: [(x: Float, y: Float)] = [(0, 0), (0.25, 1), (0.5, -0.5), (0.75, 0.5), (1, 0)]

    private static func piecewiseLinear(_ x: Float) -> Float {
        guard x > knots[0].x else { return knots[0].y }
        for j in 1..<knots.count where x <= knots[j].x {
            let (a, b) = (knots[j - 1], knots[j])
            return a.y + (x - a.x) * (b.y - a.y) / (b.x - a.x)
        }
        return knots[knots.count - 1].y
    }
}

extension Dataset {
    /// `count` noisy samples of a 1D curve: inputs shape [1], targets one value per sample.
    public static func curve(
        _ curve: Curve1D, count: Int, noise: Float,
        seed: UInt64
    ) throws(DataError) -> Dataset {
        try checkCount(count)
        try checkNoise(noise)
        var rng = RNG(seed: seed, stream: "curve.\(curve.rawValue)")
        var rows = RowBuilder()
        for i in 0..<count {
            // NOTE: computed in Double so (i + u)/n stays below 1 for large n.
            let x = Float((Double(i) + rng.uniformDouble()) / Double(count))
            rows.add([x], value: curve(x) + noise * rng.normal())
        }
        rows.shuffle(rng: &rng, features: 1)
        return try Dataset(
            name: curve.rawValue, inputs: rows.inputs, sampleShape: [1],
            targets: .values(rows.values, outputs: 1))
    }
}
