// Elementwise and reduction kernels over raw Float pointers. The hot ones call CKernels (C loops
// with `restrict` and runtime AVX-512/AVX2 dispatch); the rest are plain Swift loops.
// Lengths are element counts; distinct pointer arguments must not overlap.
import CKernels

public enum Vec {
    /// The instruction set the C kernels dispatched to on this CPU.
    public static var isa: String { String(cString: basin_kernel_isa()) }

    /// y = a + b, elementwise over n (y must not overlap a or b).
    public static func sum(_ n: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        basin_add2(n, a, b, y)
    }

    /// y = a + beta·b + gamma·c, elementwise over n (c may alias b).
    public static func combine(
        _ n: Int, _ a: UnsafePointer<Float>, _ beta: Float, _ b: UnsafePointer<Float>,
        _ gamma: Float, _ c: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>
    ) {
        basin_combine3(n, a, beta, b, gamma, c, y)
    }

    /// y[i] = value
    public static func fill(_ y: UnsafeMutablePointer<Float>, _ n: Int, _ value: Float) {
        y.update(repeating: value, count: n)
    }

    /// y[i] += alpha · x[i]
    public static func axpy(_ n: Int, _ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        basin_axpy(n, alpha, x, y)
    }

    /// y[i] += x[i]
    public static func add(_ n: Int, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        basin_axpy(n, 1, x, y)
    }

    /// y[i] *= alpha
    public static func scale(_ n: Int, _ alpha: Float, _ y: UnsafeMutablePointer<Float>) {
        basin_scale(n, alpha, y)
    }

    /// Σ x[i], accumulated in Double for accuracy over long vectors.
    public static func sum(_ n: Int, _ x: UnsafePointer<Float>) -> Double {
        basin_sum(n, x)
    }

    /// Σ x[i]·y[i] in Double blocks.
    public static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Double {
        basin_dot(n, x, y)
    }

    /// Euclidean norm.
    public static func norm(_ n: Int, _ x: UnsafePointer<Float>) -> Double {
        dot(n, x, x).squareRoot()
    }

    /// True when every x[i] is finite.
    public static func allFinite(_ n: Int, _ x: UnsafePointer<Float>) -> Bool {
        basin_all_finite(n, x) != 0
    }

    /// Each row of y[rows×cols] += bias[cols].
    public static func addRowVector(_ rows: Int, _ cols: Int, _ bias: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        basin_add_row_vector(rows, cols, bias, y)
    }

    /// out[cols] += Σ_rows x[r, cols] (column sums, each formed from 0 in row order, then added to out).
    public static func accumulateColumnSums(
        _ rows: Int, _ cols: Int, _ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>
    ) {
        basin_accumulate_column_sums(rows, cols, x, out)
    }

    /// Index of the largest of x[0..<n] (first on ties).
    public static func argmax(_ n: Int, _ x: UnsafePointer<Float>) -> Int {
        var best = 0
        var value = x[0]
        for i in 1..<n where x[i] > value { value = x[i]; best = i }
        return best
    }
}
