// Double-precision dense linear algebra for small symmetric positive-definite systems (the
// Gaussian-process surrogate of the hyperparameter search): solves and inverses from a Cholesky
// factor made by `BLAS.cholesky`. LAPACK (OpenBLAS's LAPACKE), row-major, lower triangle.
import COpenBLAS

extension BLAS {
    /// Solves A·X = B in place for `nrhs` right-hand sides (B row-major n×nrhs), given the lower
    /// Cholesky factor L of A (from `cholesky`). Returns false on a LAPACK error.
    public static func choleskySolve(factor l: [Double], n: Int, _ b: inout [Double], nrhs: Int = 1) -> Bool {
        guard n > 0, l.count >= n * n, b.count >= n * nrhs else { return false }
        let info = l.withUnsafeBufferPointer { lp in
            b.withUnsafeMutableBufferPointer { bp in
                LAPACKE_dpotrs(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), Int32(nrhs),
                               lp.baseAddress, Int32(n), bp.baseAddress, Int32(nrhs))
            }
        }
        return info == 0
    }

    /// A⁻¹ from the lower Cholesky factor of A, overwriting it; both triangles are filled.
    /// Returns false on a LAPACK error.
    public static func choleskyInverse(_ l: inout [Double], n: Int) -> Bool {
        guard n > 0, l.count >= n * n else { return false }
        let info = l.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotri(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), p.baseAddress, Int32(n))
        }
        guard info == 0 else { return false }
        for i in 0..<n { for j in (i + 1)..<n { l[i * n + j] = l[j * n + i] } }
        return true
    }

    /// Solves L·x = b in place for lower-triangular L (row-major n×n).
    public static func lowerTriangularSolve(_ l: [Double], n: Int, _ b: inout [Double]) {
        guard n > 0, l.count >= n * n, b.count >= n else { return }
        l.withUnsafeBufferPointer { lp in
            b.withUnsafeMutableBufferPointer { bp in
                cblas_dtrsv(CblasRowMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n), lp.baseAddress, Int32(n), bp.baseAddress, 1)
            }
        }
    }
}
