// Training-time augmentation applied to a filled batch in place (`augment d shift=3 scale=0.1
// noise=0.05`). Per row, in this order: amplitude scale, shift, gaussian noise. "1D signals"
// means `Dataset.isSignal` samples of one axis (MNIST-1D, NPY arrays), not toy points or CSV rows.
//  - scale: multiply the row by 1 + scale·u, u uniform in [−1, 1) (1D signals only);
//  - shift: move the signal by s positions, s uniform in −shift…shift (1D signals only);
//    `.circular` wraps around (np.roll, like MNIST-1D's own translation), `.zeros` fills the
//    vacated positions with 0 — the dataset mean once MNIST-1D is standardised;
//  - noise: add noise·N(0, 1) to every element (any data).
// The Augmenter owns its RNG and a one-row scratch buffer, so applying it allocates nothing.

import Kernels

public struct Augmentation: Sendable, Equatable {
    public enum ShiftMode: String, Sendable, Equatable { case circular, zeros }

    public var noise: Float
    public var shift: Int
    public var shiftMode: ShiftMode
    public var scale: Float

    public init(noise: Float = 0, shift: Int = 0, shiftMode: ShiftMode = .circular, scale: Float = 0) {
        self.noise = noise; self.shift = shift; self.shiftMode = shiftMode; self.scale = scale
    }

    /// True when applying it would change nothing.
    public var isIdentity: Bool { noise == 0 && shift == 0 && scale == 0 }

    /// Checks the settings against samples of `sampleShape` (see `Dataset.isSignal`).
    public func validate(for sampleShape: [Int], isSignal: Bool = true) throws(DataError) {
        try checkNoise(noise)
        guard scale.isFinite, scale >= 0, scale < 1 else {
            throw .invalidArgument(name: "scale", value: "\(scale)", allowed: "a number in [0, 1)")
        }
        guard shift == 0 && scale == 0 || isSignal && sampleShape.count == 1 && sampleShape[0] >= 2 else {
            throw .needsSignal(operation: shift != 0 ? "shift" : "scale", sampleShape: sampleShape)
        }
        let length = sampleShape.reduce(1, &*)
        guard shift >= 0, shift < max(length, 1) else {
            throw .invalidArgument(name: "shift", value: "\(shift)", allowed: "0 to \(max(length - 1, 0))")
        }
    }
}

public struct Augmenter: Sendable {
    public let augmentation: Augmentation
    public let featureCount: Int
    private var rng: RNG
    private var scratch: [Float]

    public init(
        _ augmentation: Augmentation, sampleShape: [Int], isSignal: Bool = true,
        seed: UInt64
    ) throws(DataError) {
        try augmentation.validate(for: sampleShape, isSignal: isSignal)
        self.augmentation = augmentation
        featureCount = sampleShape.reduce(1, &*)
        rng = RNG(seed: seed, stream: "augment")
        scratch = [Float](repeating: 0, count: featureCount)
    }

    /// Augments `rows` rows of `featureCount` values at `inputs`, in place.
    public mutating func apply(to inputs: UnsafeMutablePointer<Float>, rows: Int) {
        let a = augmentation, f = featureCount
        for r in 0..<rows {
            let x = inputs + r * f
            if a.scale > 0 {
                let factor = 1 + a.scale * (2 * rng.uniformFloat() - 1)
                for j in 0..<f { x[j] *= factor }
            }
            if a.shift > 0 { shifted(x, by: rng.int(below: 2 * a.shift + 1) - a.shift) }
            if a.noise > 0 {
                for j in 0..<f { x[j] += a.noise * rng.normal() }
            }
        }
    }

    /// Moves the row `s` positions to the right (left when negative).
    private mutating func shifted(_ x: UnsafeMutablePointer<Float>, by s: Int) {
        guard s != 0 else { return }
        let f = featureCount, circular = augmentation.shiftMode == .circular
        scratch.withUnsafeMutableBufferPointer { tmp in
            for j in 0..<f {
                let source = j - s
                if source >= 0 && source < f {
                    tmp[j] = x[source]
                } else {
                    tmp[j] = circular ? x[(source % f + f) % f] : 0
                }
            }
            guard let base = tmp.baseAddress else { return }
            x.update(from: base, count: f)
        }
    }
}
