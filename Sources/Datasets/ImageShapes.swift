// `data img = shapes size=16`: small grayscale images of ten shapes, in MNIST-1D's spirit — a
// template per class, each example drawn at a random position, size, rotation and brightness,
// plus pixel noise. Easy for a convolution (a shape is the same few strokes wherever it lies),
// hard for a linear model or an MLP (the same stroke lands on different pixels every time).
//
// Every shape is drawn analytically: each pixel's centre is mapped back into the shape's own
// frame (−1…1, y down), its distance to the shape's strokes (or 0 inside a filled one) is
// measured there, and the ink is 1 within half a stroke width, fading to 0 over one pixel —
// anti-aliased, so a shape moved by half a pixel is a slightly different image, not the same one.
import Kernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct ShapesOptions: Sendable, Equatable {
    /// Image sides a user may ask for.
    public static let sizes = 8...64
    /// The classes, in label order.
    public static let classNames = [
        "circle", "disk", "square", "block", "triangle", "plus", "cross", "equals", "corner", "tee",
    ]

    public var count = 5000
    /// Width and height in pixels.
    public var size = 16
    /// Standard deviation of the Gaussian noise added to every pixel.
    public var noise: Float = 0.1
    public var seed: UInt64 = 0

    public init(count: Int = 5000, size: Int = 16, noise: Float = 0.1, seed: UInt64 = 0) {
        self.count = count; self.size = size; self.noise = noise; self.seed = seed
    }
}

/// A point of a shape's frame.
private struct Point {
    var x: Double, y: Double
}

/// A template: strokes (segments and circles, drawn as lines) or a filled region.
private enum Template {
    case strokes([(Point, Point)])
    case ring(radius: Double)
    case disk(radius: Double)
    case block(half: Double)

    static func segments(_ pairs: [(Double, Double, Double, Double)]) -> Template {
        .strokes(pairs.map { (Point(x: $0.0, y: $0.1), Point(x: $0.2, y: $0.3)) })
    }

    /// The ten classes, as `ShapesOptions.classNames` lists them.
    static let all: [Template] = [
        .ring(radius: 0.8),
        .disk(radius: 0.75),
        .segments([
            (-0.75, -0.75, 0.75, -0.75), (0.75, -0.75, 0.75, 0.75), (0.75, 0.75, -0.75, 0.75), (-0.75, 0.75, -0.75, -0.75),
        ]),
        .block(half: 0.7),
        .segments([(0, -0.85, 0.85, 0.7), (0.85, 0.7, -0.85, 0.7), (-0.85, 0.7, 0, -0.85)]),
        .segments([(-0.85, 0, 0.85, 0), (0, -0.85, 0, 0.85)]),
        .segments([(-0.7, -0.7, 0.7, 0.7), (-0.7, 0.7, 0.7, -0.7)]),
        .segments([(-0.8, -0.4, 0.8, -0.4), (-0.8, 0.4, 0.8, 0.4)]),
        .segments([(-0.6, -0.85, -0.6, 0.75), (-0.6, 0.75, 0.75, 0.75)]),
        .segments([(-0.8, -0.7, 0.8, -0.7), (0, -0.7, 0, 0.85)]),
    ]

    /// Distance from `p` to the ink, in the shape's units (0 inside a filled shape).
    func distance(_ p: Point) -> Double {
        let r = (p.x * p.x + p.y * p.y).squareRoot()
        switch self {
        case .ring(let radius): return abs(r - radius)
        case .disk(let radius): return max(r - radius, 0)
        case .block(let half):
            let dx = max(abs(p.x) - half, 0), dy = max(abs(p.y) - half, 0)
            return (dx * dx + dy * dy).squareRoot()
        case .strokes(let segments):
            return segments.map { Self.distance(p, $0.0, $0.1) }.min() ?? .infinity
        }
    }

    static func distance(_ p: Point, _ a: Point, _ b: Point) -> Double {
        let (dx, dy) = (b.x - a.x, b.y - a.y)
        let t = max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)))
        let (ex, ey) = (p.x - a.x - t * dx, p.y - a.y - t * dy)
        return (ex * ex + ey * ey).squareRoot()
    }
}

extension Dataset {
    /// `count` images [1 × size × size], classes balanced and shuffled; see the file's header.
    /// Per example: the shape's half-extent h is 28–40 % of the side, its rotation within ±15°,
    /// its centre anywhere that keeps it inside the image, its brightness 0.7–1.
    public static func shapes(_ o: ShapesOptions) throws(DataError) -> Dataset {
        try checkCount(o.count)
        try checkNoise(o.noise)
        guard ShapesOptions.sizes.contains(o.size) else {
            throw .invalidArgument(
                name: "size", value: "\(o.size)",
                allowed: .pixels(ShapesOptions.sizes))
        }
        guard let values = checkedProduct([o.count, o.size, o.size]), values <= Dataset.valueLimit else {
            throw .invalidArgument(
                name: "n", value: "\(o.count)",
                allowed: .images(atMost: Dataset.valueLimit / (o.size * o.size), side: o.size))
        }
        var rng = RNG(seed: o.seed, stream: "shapes")
        let side = o.size, pixels = side * side, classes = Template.all.count
        // Strokes 1.5 px wide on a 16-pixel image, in proportion on others.
        let halfWidth = 0.75 * Double(side) / 16
        var rows = RowBuilder()
        rows.inputs.reserveCapacity(values)
        var image = [Float](repeating: 0, count: pixels)
        for (k, n) in classSizes(o.count, classes: classes).enumerated() {
            for _ in 0..<n {
                let h = Double(side) * Double(rng.uniform(0.2, 0.34))
                let angle = Double(rng.uniform(-15, 15)) * .pi / 180
                let room = max(0, Double(side) / 2 - 0.9 * h - 0.5)
                let cx = Double(side) / 2 + Double(rng.uniform(-1, 1)) * room
                let cy = Double(side) / 2 + Double(rng.uniform(-1, 1)) * room
                let brightness = Double(rng.uniform(0.7, 1))
                let (cosA, sinA) = (cos(angle), sin(angle))
                for py in 0..<side {
                    for px in 0..<side {
                        // The pixel's centre in the shape's frame: un-shift, un-rotate, un-scale.
                        let (dx, dy) = (Double(px) + 0.5 - cx, Double(py) + 0.5 - cy)
                        let p = Point(x: (cosA * dx + sinA * dy) / h, y: (-sinA * dx + cosA * dy) / h)
                        let ink = max(0, min(1, halfWidth + 0.5 - Template.all[k].distance(p) * h))
                        image[py * side + px] = Float(brightness * ink)
                    }
                }
                if o.noise > 0 { for i in 0..<pixels { image[i] += o.noise * rng.normal() } }
                rows.add(image, label: k)
            }
        }
        rows.shuffle(rng: &rng, features: pixels)
        return try Dataset(
            name: "shapes", inputs: rows.inputs, sampleShape: [1, side, side], targets: .classes(rows.labels, count: classes))
    }
}
