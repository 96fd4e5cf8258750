// Two-dimensional classification toys (the TensorFlow-playground / cs231n / scikit-learn
// classics): spiral, moons, circles, xor, blobs and gaussian clusters. Every toy spreads n
// points over the classes as evenly as possible (`classSizes`), draws everything from one RNG
// stream named after the toy, and shuffles the rows at the end. Points lie roughly in [-1.5, 1.5]².

import Kernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The built-in 2D classification toys.
public enum Toy2D: String, CaseIterable, Sendable {
    /// cs231n's spiral, generalised to K arms: arm k sweeps angles (4π/K)·[k, k+1] while the
    /// radius grows 0→1; `noise` is the standard deviation of the angle, in radians.
    case spiral
    /// scikit-learn's make_moons (two interleaved half circles, centred); 2 classes only;
    /// `noise` is the standard deviation of gaussian jitter on both coordinates.
    case moons
    /// Concentric rings of radius (k+1)/K, evenly spaced in angle; `noise` as for moons.
    case circles
    /// Uniform points in [-1, 1]², class 1 where the signs of x and y differ; 2 classes only;
    /// `noise` jitters the points after labelling.
    case xor
    /// Gaussian clusters around K centres drawn uniformly from [-1, 1]²; `noise` is the std.
    case blobs
    /// Gaussian clusters around K centres evenly spaced on the unit circle (at 45° + 360°k/K,
    /// so two classes sit at ±(0.71, 0.71) as in the playground's "gauss"); `noise` is the std.
    case gauss

    /// The class counts this toy can make.
    public var allowedClasses: ClosedRange<Int> {
        switch self {
        case .moons, .xor: return 2...2
        default: return 2...GeneratorLimits.maxClasses
        }
    }
}

extension Dataset {
    /// A 2D toy with `count` points. Throws on n outside 1…5M, unsupported class counts, or a
    /// noise that is negative or not finite.
    public static func toy(
        _ toy: Toy2D, count: Int, classes: Int = 2, noise: Float,
        seed: UInt64
    ) throws(DataError) -> Dataset {
        try checkCount(count)
        try checkClasses(classes, allowed: toy.allowedClasses)
        try checkNoise(noise)
        var rng = RNG(seed: seed, stream: "toy.\(toy.rawValue)")
        var rows = RowBuilder()
        rows.inputs.reserveCapacity(count * 2)
        let centres = toy.centres(classes: classes, rng: &rng)
        for (k, size) in classSizes(count, classes: classes).enumerated() {
            for i in 0..<size {
                let (x, y) = toy.point(
                    klass: k, index: i, of: size, classes: classes,
                    centres: centres, noise: noise, rng: &rng)
                rows.add([x, y], label: k)
            }
        }
        rows.shuffle(rng: &rng, features: 2)
        return try Dataset(
            name: toy.rawValue, inputs: rows.inputs, sampleShape: [2],
            targets: .classes(rows.labels, count: classes))
    }
}

extension Toy2D {
    /// Cluster centres for blobs and gauss (empty for the others).
    func centres(classes: Int, rng: inout RNG) -> [(Float, Float)] {
        switch self {
        case .blobs:
            return (0..<classes).map { _ in (rng.uniform(-1, 1), rng.uniform(-1, 1)) }
        case .gauss:
            return (0..<classes).map { k in
                let a = Float.pi / 4 + 2 * Float.pi * Float(k) / Float(classes)
                return (cos(a), sin(a))
            }
        default:
            return []
        }
    }

    /// Point `index` of `size` in class `klass`.
    func point(
        klass k: Int, index i: Int, of size: Int, classes: Int,
        centres: [(Float, Float)], noise: Float, rng: inout RNG
    ) -> (Float, Float) {
        // Position along the class's curve: 0…1 inclusive, like numpy's linspace.
        let s = size > 1 ? Float(i) / Float(size - 1) : 0.5
        switch self {
        case .spiral:
            let sweep = 4 * Float.pi / Float(classes)
            let t = sweep * (Float(k) + s) + noise * rng.normal()
            return (s * sin(t), s * cos(t))
        case .moons:
            let t = Float.pi * s
            let (x, y) = k == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
            return (x - 0.5 + noise * rng.normal(), y - 0.25 + noise * rng.normal())
        case .circles:
            let r = Float(k + 1) / Float(classes), t = 2 * Float.pi * Float(i) / Float(max(size, 1))
            return (r * cos(t) + noise * rng.normal(), r * sin(t) + noise * rng.normal())
        case .xor:
            // Class 0 alternates between quadrants (+,+) and (−,−); class 1 between (+,−) and (−,+).
            let sx: Float = i % 2 == 0 ? 1 : -1
            let sy: Float = k == 0 ? sx : -sx
            let x = sx * rng.uniformFloat(), y = sy * rng.uniformFloat()
            return (x + noise * rng.normal(), y + noise * rng.normal())
        case .blobs, .gauss:
            let (cx, cy) = centres[k]
            return (cx + noise * rng.normal(), cy + noise * rng.normal())
        }
    }
}
