// The one place Basin calls OpenBLAS. Row-major throughout; transposes are flags, never copies.
import COpenBLAS

public enum BLAS {
    /// C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C, all row-major.
    /// `lda`, `ldb`, `ldc` default to the row lengths of A, B, C as stored.
    @inlinable
    public static func gemm(
        transA: Bool = false, transB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int? = nil,
        b: UnsafePointer<Float>, ldb: Int? = nil,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int? = nil
    ) {
        if m == 0 || n == 0 { return }
        let la = lda ?? (transA ? m : k)
        let lb = ldb ?? (transB ? k : n)
        cblas_sgemm(
            CblasRowMajor,
            transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha,
            a, Int32(la), b, Int32(lb), beta, c, Int32(ldc ?? n))
    }

    /// Double-precision gemm, for references and the GP surrogate.
    public static func dgemm(
        transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
        alpha: Double = 1, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
        beta: Double = 0, c: UnsafeMutablePointer<Double>
    ) {
        if m == 0 || n == 0 { return }
        cblas_dgemm(
            CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(transA ? m : k), b, Int32(transB ? k : n),
            beta, c, Int32(n))
    }

    /// Threads OpenBLAS uses. Basin sets 1 for training (products of 100-sized matrices run
    /// slower on two threads) and parallelizes across independent work itself.
    public static var threads: Int {
        get { Int(basin_openblas_threads()) }
        set { basin_openblas_set_threads(Int32(max(1, newValue))) }
    }

    /// The kernel family OpenBLAS chose at load time ("Haswell", "SkylakeX", "Zen", …).
    /// `OPENBLAS_CORETYPE` in the environment overrides its choice; Basin respects it.
    public static var coreName: String { String(cString: basin_openblas_core()) }

    public static var config: String { String(cString: basin_openblas_config()) }

    /// Cholesky factorization of a symmetric positive-definite n×n matrix (row-major, lower),
    /// in place. Returns false if the matrix is not positive definite.
    public static func cholesky(_ a: inout [Double], n: Int) -> Bool {
        let info = a.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotrf(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "L")), Int32(n), p.baseAddress, Int32(n))
        }
        return info == 0
    }
}
