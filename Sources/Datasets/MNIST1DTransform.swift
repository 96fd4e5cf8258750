// One MNIST-1D sample: `mnist1d.transform.transform` step for step, on scratch buffers that
// are allocated once per generation. Random draws per sample, in order: padding, scale,
// shift, `stretched` normals for the correlated noise, `stretched` normals for the iid noise,
// shear.

import Kernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct MNIST1DTransform {
    let options: MNIST1DOptions
    /// Points after the stretch: template_len + the largest padding (12 + 60 = 72).
    let stretched: Int
    let kernel = SignalOps.gaussianKernel(sigma: 2)
    var padded: [Double]
    var a: [Double]
    var b: [Double]
    var final: [Double]

    init(options: MNIST1DOptions) {
        self.options = options
        stretched = 12 + options.padding.upperBound
        padded = [Double](repeating: 0, count: stretched)
        a = [Double](repeating: 0, count: stretched)
        b = [Double](repeating: 0, count: stretched)
        final = [Double](repeating: 0, count: options.length)
    }

    /// Writes one transformed (not yet standardised) signal of `options.length` points.
    mutating func apply(template: [Double], rng: inout RNG, into signal: inout [Float]) {
        let o = options
        // Pad: the template plus 1e-8 (so the mask below can tell it from the padding),
        // followed by p zeros, p uniform in the padding range (inclusive).
        let p = o.padding.lowerBound + rng.int(below: o.padding.count)
        let m = template.count + p
        for i in 0..<stretched { padded[i] = i < template.count ? template[i] + 1e-8 : 0 }
        // Stretch to `stretched` points, scale, shift.
        let scale = 1 + o.scaleCoefficient * (rng.uniformDouble() - 0.5)
        let shift = o.maxTranslation > 0 ? rng.int(below: o.maxTranslation) : 0
        padded.withUnsafeBufferPointer { src in
            a.withUnsafeMutableBufferPointer { SignalOps.interpolate(UnsafeBufferPointer(rebasing: src[0..<m]), into: $0) }
        }
        for i in 0..<stretched { a[i] *= scale }
        a.withUnsafeBufferPointer { src in b.withUnsafeMutableBufferPointer { SignalOps.roll(src, by: shift, into: $0) } }
        addNoise(rng: &rng)
        // Shear, then resample to the final length.
        let shearCoefficient = o.shear * (rng.uniformDouble() - 0.5)
        b.withUnsafeMutableBufferPointer { SignalOps.shear($0, coefficient: shearCoefficient) }
        b.withUnsafeBufferPointer { src in final.withUnsafeMutableBufferPointer { SignalOps.interpolate(src, into: $0) } }
        for i in 0..<o.length { signal[i] = Float(final[i]) }
    }

    /// Where the shifted signal `b` is exactly 0 (the padding), replace it by smoothed gaussian
    /// noise; then add iid gaussian noise everywhere. Uses `a` as scratch.
    private mutating func addNoise(rng: inout RNG) {
        for i in 0..<stretched { padded[i] = options.correlatedNoise * rng.normalDouble() }
        padded.withUnsafeBufferPointer { src in
            a.withUnsafeMutableBufferPointer { SignalOps.smooth(src, kernel: kernel, into: $0) }
        }
        for i in 0..<stretched {
            if b[i] == 0 { b[i] = a[i] }
            b[i] += options.iidNoise * rng.normalDouble()
        }
    }
}

// MARK: - Signal operations

// The 1D signal operations MNIST-1D is built from, written to match numpy/scipy semantics:
// linear resampling on linspace(0, 1) grids (scipy.interpolate.interp1d, kind="linear"), a
// gaussian smoothing filter (scipy.ndimage.gaussian_filter1d: truncate 4σ, mode "reflect"), a
// circular shift (np.roll) and a linear shear. All work in Double on caller-owned buffers.

enum SignalOps {
    /// Resamples `source` (M points on linspace(0, 1, M)) to `target.count` points on
    /// linspace(0, 1, N) by linear interpolation. M ≥ 2, N ≥ 2.
    static func interpolate(_ source: UnsafeBufferPointer<Double>, into target: UnsafeMutableBufferPointer<Double>) {
        let m = source.count, n = target.count
        let step = Double(m - 1) / Double(n - 1)
        for i in 0..<n {
            let position = Double(i) * step
            let j = min(Int(position), m - 2)
            let fraction = position - Double(j)
            // NOTE: a + f·(b − a) keeps runs of exact zeros exactly zero, which the MNIST-1D
            // padding mask (x != 0) relies on.
            target[i] = source[j] + fraction * (source[j + 1] - source[j])
        }
    }

    /// Normalised gaussian weights exp(−x²/2σ²) for x in −r…r, r = Int(4σ + 0.5) (scipy's rule).
    static func gaussianKernel(sigma: Double) -> [Double] {
        let radius = Int(4 * sigma + 0.5)
        var weights = (-radius...radius).map { exp(-0.5 * Double($0 * $0) / (sigma * sigma)) }
        let total = weights.reduce(0, +)
        for i in weights.indices { weights[i] /= total }
        return weights
    }

    /// Index into 0..<n under scipy's "reflect" boundary (d c b a | a b c d | d c b a).
    @inline(__always)
    static func reflected(_ index: Int, _ n: Int) -> Int {
        var i = index
        while i < 0 || i >= n {
            if i < 0 { i = -i - 1 }
            if i >= n { i = 2 * n - i - 1 }
        }
        return i
    }

    /// target[i] = Σ_k kernel[k] · source[reflect(i + k − r)]: a symmetric kernel, so
    /// correlation and convolution agree.
    static func smooth(
        _ source: UnsafeBufferPointer<Double>, kernel: [Double],
        into target: UnsafeMutableBufferPointer<Double>
    ) {
        let n = source.count, radius = kernel.count / 2
        for i in 0..<n {
            var sum = 0.0
            for k in 0..<kernel.count { sum += kernel[k] * source[reflected(i + k - radius, n)] }
            target[i] = sum
        }
    }

    /// np.roll(x, shift): target[(i + shift) mod n] = source[i].
    static func roll(
        _ source: UnsafeBufferPointer<Double>, by shift: Int,
        into target: UnsafeMutableBufferPointer<Double>
    ) {
        let n = source.count
        let s = ((shift % n) + n) % n
        for i in 0..<n { target[(i + s) % n] = source[i] }
    }

    /// x − coefficient · linspace(−0.5, 0.5, n), in place.
    static func shear(_ x: UnsafeMutableBufferPointer<Double>, coefficient: Double) {
        let n = x.count
        guard n > 1 else { return }
        for i in 0..<n { x[i] -= coefficient * (-0.5 + Double(i) / Double(n - 1)) }
    }
}
