// Elementwise and reduction kernels over raw Float pointers: plain loops the compiler
// vectorizes. Lengths are element counts; all pointers may alias only where documented.

public enum Vec {
    /// y[i] = value
    @inlinable public static func fill(_ y: UnsafeMutablePointer<Float>, _ n: Int, _ value: Float) {
        y.update(repeating: value, count: n)
    }

    /// y[i] += alpha · x[i]
    @inlinable public static func axpy(_ n: Int, _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        for i in 0..<n { y[i] += alpha * x[i] }
    }

    /// y[i] += x[i]
    @inlinable public static func add(_ n: Int, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        for i in 0..<n { y[i] += x[i] }
    }

    /// y[i] *= alpha
    @inlinable public static func scale(_ n: Int, _ alpha: Float, _ y: UnsafeMutablePointer<Float>) {
        for i in 0..<n { y[i] *= alpha }
    }

    /// Σ x[i], accumulated in Double for accuracy over long vectors.
    @inlinable public static func sum(_ n: Int, _ x: UnsafePointer<Float>) -> Double {
        // NOTE: 8 Float partial sums vectorize; folding blocks into Double keeps long sums exact enough.
        var total = 0.0
        var i = 0
        while i < n {
            let end = min(n, i + 4096)
            var s: Float = 0
            for j in i..<end { s += x[j] }
            total += Double(s)
            i = end
        }
        return total
    }

    /// Σ x[i]·y[i] in Double blocks.
    @inlinable public static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Double {
        var total = 0.0
        var i = 0
        while i < n {
            let end = min(n, i + 4096)
            var s: Float = 0
            for j in i..<end { s += x[j] * y[j] }
            total += Double(s)
            i = end
        }
        return total
    }

    /// Euclidean norm.
    @inlinable public static func norm(_ n: Int, _ x: UnsafePointer<Float>) -> Double {
        dot(n, x, x).squareRoot()
    }

    /// True when every x[i] is finite.
    @inlinable public static func allFinite(_ n: Int, _ x: UnsafePointer<Float>) -> Bool {
        // A NaN or infinity makes the sum of x·0 NaN; one pass, vectorizable.
        var acc: Float = 0
        for i in 0..<n { acc += x[i] * 0 }
        return acc == 0
    }

    /// Each row of y[rows×cols] += bias[cols].
    @inlinable public static func addRowVector(_ rows: Int, _ cols: Int, _ bias: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let row = y + r * cols
            for c in 0..<cols { row[c] += bias[c] }
        }
    }

    /// out[cols] += Σ_rows x[r, cols] (column sums, accumulated into out).
    @inlinable public static func accumulateColumnSums(_ rows: Int, _ cols: Int, _ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            let row = x + r * cols
            for c in 0..<cols { out[c] += row[c] }
        }
    }

    /// Index of the largest of x[0..<n] (first on ties).
    @inlinable public static func argmax(_ n: Int, _ x: UnsafePointer<Float>) -> Int {
        var best = 0
        var value = x[0]
        for i in 1..<n where x[i] > value { value = x[i]; best = i }
        return best
    }
}
