// Matrix products and small linear algebra. Row-major throughout; transposes are flags, never
// copies. Every single-precision product runs Basin's own kernel (CKernels/gemm*.c), so results
// do not depend on the CPU (KernelPath.swift); OpenBLAS is reached only for benchmarks and as a
// reference in tests. The GP's double-precision algebra is Basin's too (CKernels/linalg.c).
import CKernels
import COpenBLAS

public enum BLAS {
    /// C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C, all row-major.
    /// `lda`, `ldb`, `ldc` default to the row lengths of A, B, C as stored.
    /// Runs Basin's own kernel (or OpenBLAS where a benchmark set `gemmKernel`).
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
        gemm(
            using: gemmKernel, transA: transA, transB: transB, m: m, n: n, k: k,
            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    /// `gemm` on a kernel chosen by the caller — for tests that check one kernel against the
    /// other, and for benchmarks. Same semantics as `cblas_sgemm` either way (beta = 0 ignores C).
    @inlinable
    public static func gemm(
        using kernel: GemmKernel,
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
        let lc = ldc ?? n
        switch kernel {
        case .basin:
            basin_sgemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, la, b, lb, beta, c, lc)
        case .openblas:
            cblas_sgemm(
                CblasRowMajor,
                transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha,
                a, Int32(la), b, Int32(lb), beta, c, Int32(lc))
        }
    }

    /// Double-precision C[m×n] = A[m×k]·B[k×n], row-major, for the GP surrogate: one fixed
    /// order of operations, so the same bits on every CPU.
    public static func dgemm(
        m: Int, n: Int, k: Int, a: UnsafePointer<Double>, b: UnsafePointer<Double>,
        c: UnsafeMutablePointer<Double>
    ) {
        if m == 0 || n == 0 { return }
        basin_dgemm_nn(m, n, k, a, b, c)
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

    /// Cholesky factorization of a symmetric positive-definite n×n matrix (row-major): its lower
    /// triangle becomes L, the upper one is left as it was. Returns false if the matrix is not
    /// positive definite.
    public static func cholesky(_ a: inout [Double], n: Int) -> Bool {
        guard n > 0, a.count >= n * n else { return false }
        return a.withUnsafeMutableBufferPointer { basin_dpotrf_lower(n, $0.baseAddress!) } == 0
    }
}
