// Training-time augmentation applied to a filled batch in place (`augment d shift=3 scale=0.1
// noise=0.05`, `augment img flip rotate=15 crop=2`). Per row, in this order: flip, rotation,
// crop (images), amplitude scale, shift (signals), gaussian noise. "1D signals" means
// `Dataset.isSignal` samples of one axis (MNIST-1D, NPY arrays), not toy points or CSV rows;
// "images" are samples of shape [C, H, W], every channel moved alike.
//  - flip: mirror left–right with probability 1/2 (torchvision's RandomHorizontalFlip);
//  - rotate: turn by an angle uniform in ±rotate degrees about the centre, bilinear, zeros
//    where the turned image has no pixel (RandomRotation);
//  - crop: pad every side with `crop` zeros and cut the original size back out at a random
//    offset, i.e. move the image by −crop…crop pixels on each axis (RandomCrop(padding=crop));
//  - scale: multiply the row by 1 + scale·u, u uniform in [−1, 1) (1D signals only);
//  - shift: move the signal by s positions, s uniform in −shift…shift (1D signals only);
//    `.circular` wraps around (np.roll, like MNIST-1D's own translation), `.zeros` fills the
//    vacated positions with 0 — the dataset mean once MNIST-1D is standardised;
//  - noise: add noise·N(0, 1) to every element (any data).
// The Augmenter owns its RNG and a one-row scratch buffer, so applying it allocates nothing.

import Kernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct Augmentation: Sendable, Equatable {
    public enum ShiftMode: String, Sendable, Equatable { case circular, zeros }

    public var noise: Float
    public var shift: Int
    public var shiftMode: ShiftMode
    public var scale: Float
    public var flip: Bool
    /// Largest rotation, in degrees.
    public var rotate: Float
    /// Largest move, in pixels, on each axis.
    public var crop: Int

    /// The largest rotation allowed: a half turn either way covers every angle.
    public static let maxRotation: Float = 180

    public init(
        noise: Float = 0, shift: Int = 0, shiftMode: ShiftMode = .circular, scale: Float = 0,
        flip: Bool = false, rotate: Float = 0, crop: Int = 0
    ) {
        self.noise = noise; self.shift = shift; self.shiftMode = shiftMode; self.scale = scale
        self.flip = flip; self.rotate = rotate; self.crop = crop
    }

    /// True when applying it would change nothing.
    public var isIdentity: Bool { noise == 0 && shift == 0 && scale == 0 && !flip && rotate == 0 && crop == 0 }

    /// What it does, as a user would write it: "flip rotate=15 crop=2 noise=0.1".
    public var description: String {
        let parts = [
            flip ? "flip" : nil, rotate > 0 ? "rotate=\(rotate)" : nil, crop > 0 ? "crop=\(crop)" : nil,
            shift > 0 ? "shift=\(shift)" : nil, scale > 0 ? "scale=\(scale)" : nil, noise > 0 ? "noise=\(noise)" : nil,
        ]
        return parts.compactMap { $0 }.joined(separator: " ")
    }

    /// Checks the settings against samples of `sampleShape` (see `Dataset.isSignal`).
    public func validate(for sampleShape: [Int], isSignal: Bool = true) throws(DataError) {
        try checkNoise(noise)
        guard scale.isFinite, scale >= 0, scale < 1 else {
            throw .invalidArgument(name: "scale", value: "\(scale)", allowed: .below(1))
        }
        guard shift == 0 && scale == 0 || isSignal && sampleShape.count == 1 && sampleShape[0] >= 2 else {
            throw .needsSignal(operation: shift != 0 ? "shift" : "scale", sampleShape: sampleShape)
        }
        let length = sampleShape.reduce(1, &*)
        guard shift >= 0, shift < max(length, 1) else {
            throw .invalidArgument(name: "shift", value: "\(shift)", allowed: .range(0...max(length - 1, 0)))
        }
        guard rotate.isFinite, rotate >= 0, rotate <= Self.maxRotation else {
            throw .invalidArgument(name: "rotate", value: "\(rotate)", allowed: .degrees(0...Int(Self.maxRotation)))
        }
        guard flip || rotate > 0 || crop != 0 else { return }
        guard sampleShape.count == 3 else {
            throw .needsImage(operation: flip ? "flip" : rotate > 0 ? "rotate" : "crop", sampleShape: sampleShape)
        }
        let side = min(sampleShape[1], sampleShape[2])
        guard crop >= 0, crop < side else {
            throw .invalidArgument(
                name: "crop", value: "\(crop)", allowed: .crop(side: side))
        }
    }
}

public struct Augmenter: Sendable {
    public let augmentation: Augmentation
    public let featureCount: Int
    /// An image's (channels, height, width); nil for other samples.
    let image: (channels: Int, height: Int, width: Int)?
    private var rng: RNG
    private var scratch: [Float]

    public init(
        _ augmentation: Augmentation, sampleShape: [Int], isSignal: Bool = true,
        seed: UInt64
    ) throws(DataError) {
        try augmentation.validate(for: sampleShape, isSignal: isSignal)
        self.augmentation = augmentation
        featureCount = sampleShape.reduce(1, &*)
        image = sampleShape.count == 3 ? (sampleShape[0], sampleShape[1], sampleShape[2]) : nil
        rng = RNG(seed: seed, stream: "augment")
        scratch = [Float](repeating: 0, count: featureCount)
    }

    /// Augments `rows` rows of `featureCount` values at `inputs`, in place.
    public mutating func apply(to inputs: UnsafeMutablePointer<Float>, rows: Int) {
        let a = augmentation, f = featureCount
        for r in 0..<rows {
            let x = inputs + r * f
            if let image {
                // Draws happen only for the operations asked for, so adding one changes no other's.
                if a.flip && rng.int(below: 2) == 1 { flipped(x, image) }
                if a.rotate > 0 { rotated(x, image, degrees: a.rotate * (2 * rng.uniformFloat() - 1)) }
                if a.crop > 0 {
                    let dy = rng.int(below: 2 * a.crop + 1) - a.crop, dx = rng.int(below: 2 * a.crop + 1) - a.crop
                    moved(x, image, dy: dy, dx: dx)
                }
            }
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

    /// Mirrors every channel left–right.
    private func flipped(_ x: UnsafeMutablePointer<Float>, _ g: (channels: Int, height: Int, width: Int)) {
        for row in 0..<(g.channels * g.height) {
            let line = x + row * g.width
            var (i, j) = (0, g.width - 1)
            while i < j {
                let t = line[i]
                line[i] = line[j]; line[j] = t
                i += 1; j -= 1
            }
        }
    }

    /// Moves every channel by (dy, dx) pixels, zeros coming in at the edges.
    private mutating func moved(_ x: UnsafeMutablePointer<Float>, _ g: (channels: Int, height: Int, width: Int), dy: Int, dx: Int)
    {
        guard dy != 0 || dx != 0 else { return }
        let (h, w) = (g.height, g.width)
        scratch.withUnsafeMutableBufferPointer { tmp in
            for c in 0..<g.channels {
                let plane = x + c * h * w
                for y in 0..<h {
                    for col in 0..<w {
                        let (sy, sx) = (y - dy, col - dx)
                        tmp[y * w + col] = sy >= 0 && sy < h && sx >= 0 && sx < w ? plane[sy * w + sx] : 0
                    }
                }
                guard let base = tmp.baseAddress else { return }
                plane.update(from: base, count: h * w)
            }
        }
    }

    /// Turns every channel by `degrees` (counter-clockwise as displayed, rows going down) about
    /// the image's centre: each output pixel reads the input at its pre-image, bilinearly, with
    /// zeros outside.
    private mutating func rotated(_ x: UnsafeMutablePointer<Float>, _ g: (channels: Int, height: Int, width: Int), degrees: Float)
    {
        let (h, w) = (g.height, g.width)
        let angle = Double(degrees) * .pi / 180, (cosA, sinA) = (cos(angle), sin(angle))
        let (cy, cx) = (Double(h - 1) / 2, Double(w - 1) / 2)
        scratch.withUnsafeMutableBufferPointer { tmp in
            for c in 0..<g.channels {
                let plane = x + c * h * w
                func at(_ y: Int, _ col: Int) -> Double {
                    y >= 0 && y < h && col >= 0 && col < w ? Double(plane[y * w + col]) : 0
                }
                for y in 0..<h {
                    for col in 0..<w {
                        let (ry, rx) = (Double(y) - cy, Double(col) - cx)
                        let sx = cosA * rx - sinA * ry + cx, sy = sinA * rx + cosA * ry + cy
                        let (x0, y0) = (Int(sx.rounded(.down)), Int(sy.rounded(.down)))
                        let (fx, fy) = (sx - Double(x0), sy - Double(y0))
                        let top = at(y0, x0) * (1 - fx) + at(y0, x0 + 1) * fx
                        let bottom = at(y0 + 1, x0) * (1 - fx) + at(y0 + 1, x0 + 1) * fx
                        tmp[y * w + col] = Float(top * (1 - fy) + bottom * fy)
                    }
                }
                guard let base = tmp.baseAddress else { return }
                plane.update(from: base, count: h * w)
            }
        }
    }
}
