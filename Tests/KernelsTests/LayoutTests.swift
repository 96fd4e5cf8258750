// The channels-last data movement against plain Swift references: im2col element by element,
// col2im as a scatter-add written out naively (and as im2col's adjoint), and batched transposes.
// Every case is exact: the kernels copy, or add the same terms in the same order as the loops.
import Kernels
import Testing

@Suite struct LayoutTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var length, channels, kernel, stride, padding: Int
        var testDescription: String { "L\(length) C\(channels) k\(kernel) s\(stride) p\(padding)" }
        var geometry: Conv1DGeometry {
            let lo = (length + 2 * padding - kernel) / stride + 1
            return Conv1DGeometry(
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

    /// The input position tap k of output t reads, if inside the signal.
    static func source(_ g: Conv1DGeometry, t: Int, k: Int) -> Int? {
        let i = t * g.stride - g.padding + k
        return i >= 0 && i < g.length ? i : nil
    }

    @Test(arguments: cases)
    func im2colCopiesEachWindow(_ c: Case) {
        let g = c.geometry, batch = 3, kc = g.kernel * g.channels
        let x = randomVector(batch * g.length * g.channels, seed: 11)
        var cols = [Float](repeating: .nan, count: batch * g.outputLength * kc)
        Layout.im2col(batch: batch, g, x, into: &cols)
        var want = [Float](repeating: 0, count: cols.count)
        for b in 0..<batch {
            for t in 0..<g.outputLength {
                for k in 0..<g.kernel {
                    for ch in 0..<g.channels {
                        if let i = Self.source(g, t: t, k: k) {
                            want[(b * g.outputLength + t) * kc + k * g.channels + ch] = x[(b * g.length + i) * g.channels + ch]
                        }
                    }
                }
            }
        }
        #expect(cols == want)
    }

    @Test(arguments: cases)
    func col2imAddsEachWindowBack(_ c: Case) {
        let g = c.geometry, batch = 3, kc = g.kernel * g.channels
        let dcols = randomVector(batch * g.outputLength * kc, seed: 12)
        var dx = [Float](repeating: .nan, count: batch * g.length * g.channels)
        Layout.col2im(batch: batch, g, dcols, into: &dx)
        var want = [Float](repeating: 0, count: dx.count)
        for b in 0..<batch {
            for t in 0..<g.outputLength {
                for k in 0..<g.kernel {
                    for ch in 0..<g.channels {
                        if let i = Self.source(g, t: t, k: k) {
                            want[(b * g.length + i) * g.channels + ch] +=
                                dcols[(b * g.outputLength + t) * kc + k * g.channels + ch]
                        }
                    }
                }
            }
        }
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
