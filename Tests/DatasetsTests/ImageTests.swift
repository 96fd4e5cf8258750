// The `shapes` images and the image augmentations (flip, rotate, crop): what the generator
// draws, that a seed fixes it, and that each augmentation moves pixels the way it says.
import Datasets
import Kernels
import Testing

@Suite("Images: shapes and their augmentation")
struct ImageTests {
    @Test("shapes: [1×S×S] images, ten balanced classes, the same for a seed and not for another")
    func shapes() throws {
        let d = try Dataset.shapes(ShapesOptions(count: 500, size: 16, noise: 0.1, seed: 3))
        #expect(d.sampleShape == [1, 16, 16] && d.count == 500 && d.classCount == 10)
        #expect(d.classCounts() == Array(repeating: 50, count: 10))
        #expect(d.inputs.allSatisfy { $0.isFinite })
        #expect(try Dataset.shapes(ShapesOptions(count: 500, size: 16, noise: 0.1, seed: 3)) == d)
        #expect(try Dataset.shapes(ShapesOptions(count: 500, size: 16, noise: 0.1, seed: 4)).inputs != d.inputs)
        // Without noise every pixel is ink in [0, 1], and every image has some (a shape is drawn).
        let clean = try Dataset.shapes(ShapesOptions(count: 200, size: 12, noise: 0, seed: 1))
        #expect(clean.sampleShape == [1, 12, 12])
        let inside = clean.inputs.allSatisfy { (v: Float) in v >= 0 && v <= 1 }
        #expect(inside)
        for row in 0..<clean.count {
            let ink: Float = clean.inputs[(row * 144)..<((row + 1) * 144)].reduce(0, +)
            #expect(ink > 3, "image \(row) is nearly blank: \(ink)")
        }
    }

    /// The classes differ in what is drawn, not only where: the mean clean image of one class is
    /// far from every other's (a disk has ink in its middle, a circle does not).
    @Test("shapes: each class's mean image differs from every other's")
    func classesDiffer() throws {
        let d = try Dataset.shapes(ShapesOptions(count: 2000, size: 16, noise: 0, seed: 2))
        let labels = try #require(d.labels)
        var means = [[Double]](repeating: [Double](repeating: 0, count: 256), count: 10)
        for (row, label) in labels.enumerated() {
            for i in 0..<256 { means[Int(label)][i] += Double(d.inputs[row * 256 + i]) / 200 }
        }
        for a in 0..<10 {
            for b in (a + 1)..<10 {
                let distance = zip(means[a], means[b]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
                #expect(distance > 0.3, "\(ShapesOptions.classNames[a]) and \(ShapesOptions.classNames[b]): \(distance)")
            }
        }
        // The disk is filled: its mean centre is brighter than the circle's.
        let centre = [7 * 16 + 7, 7 * 16 + 8, 8 * 16 + 7, 8 * 16 + 8]
        let disk: Double = centre.map { means[1][$0] }.reduce(0, +), circle: Double = centre.map { means[0][$0] }.reduce(0, +)
        #expect(disk > circle + 0.5, "disk \(disk), circle \(circle)")
    }

    @Test("shapes: sizes and counts outside the limits are refused")
    func shapesLimits() {
        #expect(throws: DataError.invalidArgument(name: "size", value: "7", allowed: .pixels(8...64))) {
            try Dataset.shapes(ShapesOptions(count: 10, size: 7))
        }
        #expect(throws: DataError.self) { try Dataset.shapes(ShapesOptions(count: 0)) }
        #expect(throws: DataError.self) { try Dataset.shapes(ShapesOptions(count: 10, noise: .nan)) }
        #expect(throws: DataError.invalidArgument(name: "n", value: "70000", allowed: .images(atMost: 65536, side: 64))) {
            try Dataset.shapes(ShapesOptions(count: 70_000, size: 64))
        }
    }

    func augmented(_ a: Augmentation, _ x: [Float], shape: [Int], seed: UInt64) throws -> [Float] {
        var aug = try Augmenter(a, sampleShape: shape, seed: seed)
        var out = x
        out.withUnsafeMutableBufferPointer { aug.apply(to: $0.baseAddress!, rows: x.count / shape.reduce(1, *)) }
        return out
    }

    /// Two channels of a 3×4 image with distinct values.
    static let image: [Float] = (0..<24).map { Float($0 + 1) }

    static func mirrored(_ x: [Float], height: Int, width: Int) -> [Float] {
        (0..<x.count).map { i in
            let (plane, rest) = (i / (height * width), i % (height * width))
            return x[plane * height * width + (rest / width) * width + (width - 1 - rest % width)]
        }
    }

    @Test("flip mirrors every channel left–right, about half of the time")
    func flip() throws {
        var flipped = 0
        for seed: UInt64 in 0..<40 {
            let out = try augmented(Augmentation(flip: true), Self.image, shape: [2, 3, 4], seed: seed)
            if out == Self.image { continue }
            #expect(out == Self.mirrored(Self.image, height: 3, width: 4), "seed \(seed)")
            flipped += 1
        }
        // Binomial(40, 1/2): 10…30 holds with probability > 0.998.
        #expect(flipped >= 10 && flipped <= 30, "\(flipped) of 40 flipped")
    }

    @Test("crop moves every channel by the same −crop…crop pixels, zeros coming in")
    func crop() throws {
        let (h, w) = (3, 4)
        var moves = Set<[Int]>()
        for seed: UInt64 in 0..<60 {
            let out = try augmented(Augmentation(crop: 1), Self.image, shape: [2, h, w], seed: seed)
            // The move that explains every pixel of both channels.
            let explaining = (-1...1).flatMap { dy in (-1...1).map { dx in [dy, dx] } }.filter { m in
                (0..<2).allSatisfy { c in
                    (0..<h).allSatisfy { y in
                        (0..<w).allSatisfy { x in
                            let (sy, sx) = (y - m[0], x - m[1])
                            let want: Float = sy >= 0 && sy < h && sx >= 0 && sx < w ? Self.image[c * h * w + sy * w + sx] : 0
                            return out[c * h * w + y * w + x] == want
                        }
                    }
                }
            }
            #expect(explaining.count == 1, "seed \(seed): \(out)")
            if let m = explaining.first { moves.insert(m) }
        }
        #expect(moves.count == 9, "moves seen: \(moves)")
    }

    @Test("rotate turns about the centre: a quarter turn of a square image is exact, small turns keep the ink")
    func rotate() throws {
        // A bar along the top row of a 5×5 image; any angle within ±90° keeps its centre pixel lit.
        var bar = [Float](repeating: 0, count: 25)
        for x in 0..<5 { bar[2 * 5 + x] = 1 }  // the middle row
        for seed: UInt64 in 0..<20 {
            let out = try augmented(Augmentation(rotate: 30), bar, shape: [1, 5, 5], seed: seed)
            let centre: Float = out[12]
            #expect(abs(centre - 1) < 1e-6, "the centre stays: \(centre)")
            let inRange = out.allSatisfy { (v: Float) in v >= -1e-6 && v <= 1 + 1e-6 }
            #expect(inRange, "bilinear stays within the values")
            #expect(out != bar || seed == 0, "seed \(seed) did not turn")
        }
        // At most 180°: the middle row can become the middle column (a quarter turn) exactly.
        var upright = false
        for seed: UInt64 in 0..<200 where !upright {
            let out = try augmented(Augmentation(rotate: 180), bar, shape: [1, 5, 5], seed: seed)
            let column: [Float] = (0..<5).map { out[$0 * 5 + 2] }
            upright = column.allSatisfy { abs($0 - 1) < 0.02 }
        }
        #expect(upright, "some turn near ±90° puts the bar upright")
    }

    @Test("image augmentations are refused on other data, and past the image's size")
    func refusals() {
        #expect(throws: DataError.needsImage(operation: "flip", sampleShape: [40])) {
            try Augmentation(flip: true).validate(for: [40])
        }
        #expect(throws: DataError.needsImage(operation: "rotate", sampleShape: [2, 40])) {
            try Augmentation(rotate: 10).validate(for: [2, 40])
        }
        #expect(throws: DataError.invalidArgument(name: "crop", value: "4", allowed: .crop(side: 4))) {
            try Augmentation(crop: 4).validate(for: [1, 4, 9])
        }
        #expect(throws: DataError.invalidArgument(name: "rotate", value: "200.0", allowed: .degrees(0...180))) {
            try Augmentation(rotate: 200).validate(for: [1, 4, 4])
        }
        #expect(Augmentation(flip: true, rotate: 15, crop: 2).description == "flip rotate=15.0 crop=2")
    }
}
