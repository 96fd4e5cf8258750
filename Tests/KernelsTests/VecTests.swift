// The Vec reductions and row kernels against plain Swift references, over lengths around the
// vector widths (15, 16, 17) and the 1024-element blocks of the Float-to-Double sums.
// Tolerances: sum and dot add Float blocks of 1024 into a Double, so their error is about
// 1024·ε relative to Σ|terms| — tested at 1e-4 of Σ|terms|; the row kernels are exact.
import Kernels
import TestSupport
import Testing

let lengths = [0, 1, 15, 16, 17, 100, 1023, 1025, 5000]

func randomVector(_ n: Int, seed: UInt64) -> [Float] {
    var rng = RNG(seed: seed)
    return (0..<n).map { _ in rng.normal() }
}

@Suite struct VecTests {
    @Test(arguments: lengths)
    func sumAndDot(_ n: Int) {
        let x = randomVector(n, seed: 1), y = randomVector(n, seed: 2)
        let sum = x.reduce(0.0) { $0 + Double($1) }, sumAbs = x.reduce(0.0) { $0 + abs(Double($1)) }
        let dot = zip(x, y).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let dotAbs = zip(x, y).reduce(0.0) { $0 + abs(Double($1.0) * Double($1.1)) }
        expectClose(Vec.sum(n, x), sum, rtol: 0, atol: 1e-4 * sumAbs + 1e-12, "sum")
        expectClose(Vec.dot(n, x, y), dot, rtol: 0, atol: 1e-4 * dotAbs + 1e-12, "dot")
    }

    @Test(arguments: lengths.filter { $0 > 0 })
    func allFiniteFindsEveryNonFiniteValue(_ n: Int) {
        let x = randomVector(n, seed: 3)
        #expect(Vec.allFinite(n, x))
        for bad in [Float.nan, -Float.nan, .infinity, -.infinity, .signalingNaN] {
            for position in Set([0, n / 2, n - 1]) {
                var y = x
                y[position] = bad
                #expect(!Vec.allFinite(n, y), "\(bad) at \(position) of \(n)")
            }
        }
    }

    @Test func allFiniteAcceptsExtremeFiniteValues() {
        let x: [Float] = [
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
            -.leastNormalMagnitude, 0, -0.0, Float(bitPattern: 0x0000_1000),
        ]
        #expect(Vec.allFinite(x.count, x))
        #expect(Vec.allFinite(0, x))
    }

    @Test(arguments: [(1, 1), (3, 17), (100, 100), (7, 40), (5, 16), (1900, 25), (9, 10)])
    func addRowVectorAndColumnSums(_ shape: (Int, Int)) {
        let (rows, cols) = shape
        let y0 = randomVector(rows * cols, seed: 4), bias = randomVector(cols, seed: 5)
        var y = y0
        Vec.addRowVector(rows, cols, bias, &y)
        #expect(y == (0..<(rows * cols)).map { y0[$0] + bias[$0 % cols] })

        var out = bias
        Vec.accumulateColumnSums(rows, cols, y0, into: &out)
        for c in 0..<cols {
            // The kernel sums each column from 0 in row order, as this loop does, then adds it to
            // out, so the sums are exact matches.
            var sum: Float = 0
            for r in 0..<rows { sum += y0[r * cols + c] }
            #expect(out[c] == bias[c] + sum, "column \(c)")
        }
    }
}
