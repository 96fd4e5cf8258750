// The channels-last data movement against plain Swift references: im2col element by element
// (signals and images),
// col2im as a scatter-add written out naively (and as im2col's adjoint), and batched transposes.
// Every case is exact: the kernels copy, or add the same terms in the same order as the loops.
import Kernels
import Testing

@Suite struct LayoutTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var length, channels, kernel, stride, padding: Int
        var testDescription: String { "L\(length) C\(channels) k\(kernel) s\(stride) p\(padding)" }
        var geometry: ConvGeometry {
            let lo = (length + 2 * padding - kernel) / stride + 1
            return ConvGeometry(
                length: length, channels: channels, kernel: kernel, stride: stride,
                padding: padding, outputLength: lo)
        }
    }

    /// The MNIST-1D CNN's three convs, windows wider than the signal, strides past the kernel
    /// (skipped positions), and a 1×1 conv.
    static let cases = [
        Case(length: 40, channels: 1, kernel: 5, stride: 2, padding: 1),
        Case(length: 19, channels: 25, kernel: 3, stride: 2, padding: 1),
        Case(length: 10, channels: 25, kernel: 3, stride: 2, padding: 1),
        Case(length: 4, channels: 3, kernel: 6, stride: 1, padding: 2),
        Case(length: 9, channels: 2, kernel: 2, stride: 3, padding: 0),
        Case(length: 7, channels: 17, kernel: 1, stride: 2, padding: 0),
    ]

    /// A signal is an image one row high: the same pairs as an image's, with H = 1.
    @Test(arguments: cases)
    func im2colCopiesEachWindow(_ c: Case) {
        let g = c.geometry, batch = 3
        #expect(g.height == 1 && g.kernelHeight == 1 && g.outputHeight == 1)
        let x = randomVector(batch * g.width * g.channels, seed: 11)
        var cols = [Float](repeating: .nan, count: batch * g.outputPositions * g.patchSize)
        Layout.im2col(batch: batch, g, x, into: &cols)
        var want = [Float](repeating: 0, count: cols.count)
        for (to, from) in Self.imagePairs(g, batch: batch) { want[to] = x[from] }
        #expect(cols == want)
    }

    @Test(arguments: cases)
    func col2imAddsEachWindowBack(_ c: Case) {
        let g = c.geometry, batch = 3
        let dcols = randomVector(batch * g.outputPositions * g.patchSize, seed: 12)
        var dx = [Float](repeating: .nan, count: batch * g.width * g.channels)
        Layout.col2im(batch: batch, g, dcols, into: &dx)
        var want = [Float](repeating: 0, count: dx.count)
        for (from, to) in Self.imagePairs(g, batch: batch) { want[to] += dcols[from] }
        #expect(dx == want)
    }

    struct ImageCase: CustomTestStringConvertible, Sendable {
        var height, width, channels, kernel, stride, padding: Int
        var testDescription: String { "\(height)×\(width) C\(channels) k\(kernel) s\(stride) p\(padding)" }
        var geometry: ConvGeometry {
            let out = { (n: Int) in (n + 2 * padding - kernel) / stride + 1 }
            return ConvGeometry(
                height: height, width: width, channels: channels, kernel: (kernel, kernel), stride: (stride, stride),
                padding: (padding, padding), output: (out(height), out(width)))
        }
    }

    /// peer_conv2d.py's two convs, a non-square image, windows larger than the image, strides past
    /// the kernel, a 1×1 conv.
    static let imageCases = [
        ImageCase(height: 16, width: 16, channels: 1, kernel: 3, stride: 1, padding: 1),
        ImageCase(height: 8, width: 8, channels: 16, kernel: 3, stride: 1, padding: 1),
        ImageCase(height: 5, width: 7, channels: 3, kernel: 3, stride: 2, padding: 1),
        ImageCase(height: 3, width: 4, channels: 2, kernel: 6, stride: 1, padding: 2),
        ImageCase(height: 9, width: 6, channels: 2, kernel: 2, stride: 3, padding: 0),
        ImageCase(height: 4, width: 4, channels: 5, kernel: 1, stride: 2, padding: 0),
    ]

    /// The input pixel (row, column) tap (u, v) of output (i, j) reads, if inside the image.
    static func source(_ g: ConvGeometry, i: Int, j: Int, u: Int, v: Int) -> (Int, Int)? {
        let r = i * g.strideHeight - g.padHeight + u, c = j * g.strideWidth - g.padWidth + v
        return r >= 0 && r < g.height && c >= 0 && c < g.width ? (r, c) : nil
    }

    /// Every (column entry, pixel) pair im2col copies: cols index, x index.
    static func imagePairs(_ g: ConvGeometry, batch: Int) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for b in 0..<batch {
            for i in 0..<g.outputHeight {
                for j in 0..<g.outputWidth {
                    for u in 0..<g.kernelHeight {
                        for v in 0..<g.kernelWidth {
                            guard let (r, c) = source(g, i: i, j: j, u: u, v: v) else { continue }
                            for ch in 0..<g.channels {
                                let row = (b * g.outputHeight + i) * g.outputWidth + j
                                let col = (u * g.kernelWidth + v) * g.channels + ch
                                pairs.append((row * g.patchSize + col, ((b * g.height + r) * g.width + c) * g.channels + ch))
                            }
                        }
                    }
                }
            }
        }
        return pairs
    }

    @Test(arguments: imageCases)
    func im2colCopiesEachImageWindow(_ c: ImageCase) {
        let g = c.geometry, batch = 2
        let x = randomVector(batch * g.height * g.width * g.channels, seed: 15)
        var cols = [Float](repeating: .nan, count: batch * g.outputPositions * g.patchSize)
        Layout.im2col(batch: batch, g, x, into: &cols)
        var want = [Float](repeating: 0, count: cols.count)
        for (to, from) in Self.imagePairs(g, batch: batch) { want[to] = x[from] }
        #expect(cols == want)
    }

    /// col2im adds the terms of each pixel in the order the windows visit it, as this loop does.
    @Test(arguments: imageCases)
    func col2imAddsEachImageWindowBack(_ c: ImageCase) {
        let g = c.geometry, batch = 2
        let dcols = randomVector(batch * g.outputPositions * g.patchSize, seed: 16)
        var dx = [Float](repeating: .nan, count: batch * g.height * g.width * g.channels)
        Layout.col2im(batch: batch, g, dcols, into: &dx)
        var want = [Float](repeating: 0, count: dx.count)
        for (from, to) in Self.imagePairs(g, batch: batch) { want[to] += dcols[from] }
        #expect(dx == want)
    }

    @Test(arguments: [(1, 1), (5, 25), (25, 5), (3, 17), (16, 16)])
    func transposes(_ shape: (Int, Int)) {
        let (rows, cols) = shape, batch = 3, n = rows * cols
        let src = randomVector(batch * n, seed: 13), base = randomVector(batch * n, seed: 14)
        var want = [Float](repeating: 0, count: batch * n)
        for b in 0..<batch { for i in 0..<rows { for j in 0..<cols { want[b * n + j * rows + i] = src[b * n + i * cols + j] } } }
        var dst = [Float](repeating: .nan, count: batch * n)
        Layout.transpose(batch: batch, rows: rows, cols: cols, src, into: &dst)
        #expect(dst == want)
        var sum = base
        Layout.transposeAdd(batch: batch, rows: rows, cols: cols, src, into: &sum)
        #expect(sum == zip(base, want).map(+))
    }
}
