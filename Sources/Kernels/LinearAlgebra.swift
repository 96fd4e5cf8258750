// Double-precision dense linear algebra for small symmetric positive-definite systems (the
// Gaussian-process surrogate of the hyperparameter search): solves and inverses from a Cholesky
// factor made by `BLAS.cholesky`. Row-major, lower triangle. Basin's own loops
// (CKernels/linalg.c), in one fixed order: a `bayes` sweep proposes the same trials on every CPU.
import CKernels

extension BLAS {
    /// Solves A·X = B in place for `nrhs` right-hand sides (B row-major n×nrhs), given the lower
    /// Cholesky factor L of A (from `cholesky`). Returns false when the sizes do not fit.
    public static func choleskySolve(factor l: [Double], n: Int, _ b: inout [Double], nrhs: Int = 1) -> Bool {
        guard n > 0, nrhs > 0, l.count >= n * n, b.count >= n * nrhs else { return false }
        var column = [Double](repeating: 0, count: n)
        l.withUnsafeBufferPointer { lp in
            b.withUnsafeMutableBufferPointer { bp in
                column.withUnsafeMutableBufferPointer {
                    basin_dpotrs_lower(n, nrhs, lp.baseAddress!, bp.baseAddress!, $0.baseAddress!)
                }
            }
        }
        return true
    }

    /// A⁻¹ from the lower Cholesky factor of A, overwriting it; both triangles are filled.
    /// Returns false when the sizes do not fit or the factor has a zero on its diagonal.
    public static func choleskyInverse(_ l: inout [Double], n: Int) -> Bool {
        guard n > 0, l.count >= n * n, (0..<n).allSatisfy({ l[$0 * n + $0] != 0 }) else { return false }
        var work = [Double](repeating: 0, count: n * n)
        l.withUnsafeMutableBufferPointer { lp in
            work.withUnsafeMutableBufferPointer { basin_dpotri_lower(n, lp.baseAddress!, $0.baseAddress!) }
        }
        for i in 0..<n { for j in (i + 1)..<n { l[i * n + j] = l[j * n + i] } }
        return true
    }

    /// Solves L·x = b in place for lower-triangular L (row-major n×n).
    public static func lowerTriangularSolve(_ l: [Double], n: Int, _ b: inout [Double]) {
        guard n > 0, l.count >= n * n, b.count >= n else { return }
        l.withUnsafeBufferPointer { lp in
            b.withUnsafeMutableBufferPointer { basin_dtrsv_lower(n, lp.baseAddress!, $0.baseAddress!) }
        }
    }
}
