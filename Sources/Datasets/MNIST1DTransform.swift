// One MNIST-1D sample: `mnist1d.transform.transform` step for step, on scratch buffers that
// are allocated once per generation. Random draws per sample, in order: padding, scale,
// shift, `stretched` normals for the correlated noise, `stretched` normals for the iid noise,
// shear.

import Kernels

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
