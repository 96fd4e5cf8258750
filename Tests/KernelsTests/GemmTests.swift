// BLAS.gemm on both kernels (Basin's, on every instruction set this CPU has, and OpenBLAS's)
// against a Double reference loop, over a table of shapes: all four transpose combinations, odd
// sizes around the vector widths and tile edges (1, 3, 17, 33, 100, 129), k = 1, padded leading
// dimensions, alpha/beta values, and beta = 0 over a C full of NaN.
//
// Tolerance: Float32 sums in a different order from any other implementation's, so results
// are compared against the exact (Double) value with the classic dot-product error bound
//     |ĉ − c| ≤ γ · (|alpha| · Σ_p |a_ip|·|b_pj| + |beta · c_ij|),   γ = 2(k + 2)·u,  u = 2⁻²⁴,
// i.e. a relative error of about k·ε in the magnitude of the terms, doubled for margin (the
// +2 covers the alpha and beta roundings). Differences between kernels are the same size.
import CKernels
import Kernels
import Testing

struct GemmCase: CustomStringConvertible, Sendable {
    var transA = false, transB = false
    var m: Int, n: Int, k: Int
    var alpha: Float = 1, beta: Float = 0
    var pad = 0  // extra elements at the end of every row (lda, ldb, ldc)
    var description: String {
        "\(transA ? "T" : "N")\(transB ? "T" : "N") \(m)×\(n)×\(k) α\(alpha) β\(beta) pad\(pad)"
    }
}

/// The table: every transpose combination over odd and tile-edge sizes, then targeted cases.
let gemmCases: [GemmCase] = {
    var cases: [GemmCase] = []
    let sizes = [1, 3, 17, 33, 100, 129]
    for ta in [false, true] {
        for tb in [false, true] {
            for (i, m) in sizes.enumerated() {
                for (j, n) in sizes.enumerated() {
                    let k = sizes[(i + 2 * j + (ta ? 1 : 0) + (tb ? 3 : 0)) % sizes.count]
                    let alpha: Float = [1, 0.5, -2][(i + j) % 3]
                    let beta: Float = [0, 1, -0.75][(i + 2 * j) % 3]
                    cases.append(
                        GemmCase(
                            transA: ta, transB: tb, m: m, n: n, k: k, alpha: alpha, beta: beta,
                            pad: (i + j) % 2 == 0 ? 0 : 5))
                }
            }
            // k = 1, the MLP's shapes, a k > 256 (k blocking) and n > 480 (n blocking) case.
            cases.append(GemmCase(transA: ta, transB: tb, m: 17, n: 33, k: 1, alpha: 1, beta: 0))
            cases.append(GemmCase(transA: ta, transB: tb, m: 100, n: 10, k: 100, alpha: 1, beta: 1, pad: 3))
            cases.append(GemmCase(transA: ta, transB: tb, m: 40, n: 530, k: 300, alpha: 0.25, beta: -1, pad: 1))
        }
    }
    cases.append(GemmCase(transA: false, transB: false, m: 300, n: 700, k: 70))  // packed untransposed B
    return cases
}()

/// Row-major storage of an r×c matrix with `pad` spare elements per row, filled from `rng`
/// (spare elements hold a sentinel so that reads of them would show).
func randomMatrix(_ rows: Int, _ cols: Int, pad: Int, _ rng: inout RNG) -> (values: [Float], ld: Int) {
    let ld = cols + pad
    var v = [Float](repeating: 1e30, count: rows * ld)
    for r in 0..<rows { for c in 0..<cols { v[r * ld + c] = rng.normal() } }
    return (v, ld)
}

/// Runs one case through `run` and checks it against the Double reference; returns C.
@discardableResult
func checkGemm(
    _ t: GemmCase, nanC: Bool = false,
    run: (
        UnsafePointer<Float>, Int, UnsafePointer<Float>, Int,
        UnsafeMutablePointer<Float>, Int
    ) -> Void,
    _ label: String, sourceLocation: SourceLocation = #_sourceLocation
) -> [Float] {
    var rng = RNG(seed: UInt64(t.m * 10_007 + t.n * 101 + t.k))
    let a = randomMatrix(t.transA ? t.k : t.m, t.transA ? t.m : t.k, pad: t.pad, &rng)
    let b = randomMatrix(t.transB ? t.n : t.k, t.transB ? t.k : t.n, pad: t.pad, &rng)
    var c = randomMatrix(t.m, t.n, pad: t.pad, &rng)
    if nanC { c.values = c.values.map { _ in .nan } }
    let c0 = c.values
    a.values.withUnsafeBufferPointer { pa in
        b.values.withUnsafeBufferPointer { pb in
            c.values.withUnsafeMutableBufferPointer { pc in
                run(pa.baseAddress!, a.ld, pb.baseAddress!, b.ld, pc.baseAddress!, c.ld)
            }
        }
    }
    let u = Double(Float.ulpOfOne) / 2, gamma = 2 * Double(t.k + 2) * u
    var failures = 0
    for i in 0..<t.m {
        for j in 0..<t.n {
            var exact = 0.0, magnitude = 0.0
            for p in 0..<t.k {
                let x = Double(t.transA ? a.values[p * a.ld + i] : a.values[i * a.ld + p])
                let y = Double(t.transB ? b.values[j * b.ld + p] : b.values[p * b.ld + j])
                exact += x * y
                magnitude += abs(x * y)
            }
            let old = t.beta == 0 ? 0 : Double(c0[i * c.ld + j])
            let want = Double(t.alpha) * exact + Double(t.beta) * old
            let bound = gamma * (abs(Double(t.alpha)) * magnitude + abs(Double(t.beta) * old)) + 1e-30
            let got = Double(c.values[i * c.ld + j])
            if !(abs(got - want) <= bound) {
                failures += 1
                if failures <= 3 {
                    Issue.record("\(label) \(t) C[\(i),\(j)] = \(got), want \(want) ± \(bound)", sourceLocation: sourceLocation)
                }
            }
        }
        // The padding of C is never written.
        for j in t.n..<c.ld where c.values[i * c.ld + j].bitPattern != c0[i * c.ld + j].bitPattern {
            Issue.record("\(label) \(t) wrote C[\(i),\(j)] beyond n", sourceLocation: sourceLocation)
        }
    }
    return c.values
}

@Suite struct GemmTests {
    @Test(arguments: gemmCases)
    func bothKernelsMatchTheReference(_ t: GemmCase) {
        for kernel in GemmKernel.allCases {
            checkGemm(
                t,
                run: { a, lda, b, ldb, c, ldc in
                    BLAS.gemm(
                        using: kernel, transA: t.transA, transB: t.transB, m: t.m, n: t.n, k: t.k, alpha: t.alpha,
                        a: a, lda: lda, b: b, ldb: ldb, beta: t.beta, c: c, ldc: ldc)
                }, kernel.rawValue)
        }
    }

    /// The fallbacks run on big machines only when asked for: check every family this CPU has
    /// (a family the CPU lacks leaves C untouched and is skipped).
    @Test(arguments: gemmCases)
    func everyInstructionSetMatchesTheReference(_ t: GemmCase) {
        for isa in ["avx512", "avx2", "baseline"] {
            var supported = true
            var rng = RNG(seed: 9)
            let probe = randomMatrix(1, 1, pad: 0, &rng).values
            var out: [Float] = [0]
            supported = basin_sgemm_using(isa, 0, 0, 1, 1, 1, 1, probe, 1, probe, 1, 0, &out, 1) == 0
            guard supported else { continue }
            checkGemm(
                t,
                run: { a, lda, b, ldb, c, ldc in
                    _ = basin_sgemm_using(
                        isa, t.transA ? 1 : 0, t.transB ? 1 : 0, t.m, t.n, t.k, t.alpha,
                        a, lda, b, ldb, t.beta, c, ldc)
                }, isa)
        }
    }

    @Test(arguments: [
        GemmCase(m: 17, n: 33, k: 5), GemmCase(transA: true, transB: true, m: 100, n: 100, k: 40),
        GemmCase(transB: true, m: 1, n: 1, k: 1),
    ])
    func betaZeroIgnoresNaNInC(_ t: GemmCase) {
        for kernel in GemmKernel.allCases {
            let c = checkGemm(
                t, nanC: true,
                run: { a, lda, b, ldb, c, ldc in
                    BLAS.gemm(
                        using: kernel, transA: t.transA, transB: t.transB, m: t.m, n: t.n, k: t.k,
                        a: a, lda: lda, b: b, ldb: ldb, beta: 0, c: c, ldc: ldc)
                }, kernel.rawValue)
            for i in 0..<t.m {
                #expect(c[(i * (t.n + t.pad))..<(i * (t.n + t.pad) + t.n)].allSatisfy { $0.isFinite }, "\(kernel) left NaN in C")
            }
        }
    }

    @Test func alphaZeroOrKZeroOnlyScalesC() {
        var c: [Float] = [1, 2, .nan, 4]
        let a: [Float] = [.nan, .nan], b: [Float] = [.infinity, 1]
        BLAS.gemm(using: .basin, m: 2, n: 2, k: 1, alpha: 0, a: a, b: b, beta: 2, c: &c)
        #expect(c[0] == 2 && c[1] == 4 && c[2].isNaN && c[3] == 8)
        BLAS.gemm(using: .basin, m: 2, n: 2, k: 0, a: a, b: b, beta: 0, c: &c)
        #expect(c == [0, 0, 0, 0])
    }

    /// Same seed, same numbers: the AVX-512 and AVX2 kernels give the same bits for every case
    /// (each element accumulates over k in one order with FMA on both; see gemm.h). Exact
    /// comparison, no tolerance: any difference is a determinism bug.
    @Test(
        .enabled(if: KernelPath.cpu == .avx512, "this CPU has no AVX-512, so there is only one FMA path to run"),
        arguments: gemmCases)
    func avx512AndAVX2GiveTheSameBits(_ t: GemmCase) {
        var rng = RNG(seed: 21)
        let a = randomMatrix(t.transA ? t.k : t.m, t.transA ? t.m : t.k, pad: t.pad, &rng)
        let b = randomMatrix(t.transB ? t.n : t.k, t.transB ? t.k : t.n, pad: t.pad, &rng)
        let c0 = randomMatrix(t.m, t.n, pad: t.pad, &rng)
        var results: [[UInt32]] = []
        for isa in ["avx512", "avx2"] {
            var c = c0.values
            #expect(
                basin_sgemm_using(
                    isa, t.transA ? 1 : 0, t.transB ? 1 : 0, t.m, t.n, t.k, t.alpha,
                    a.values, a.ld, b.values, b.ld, t.beta, &c, c0.ld) == 0)
            results.append(c.map(\.bitPattern))
        }
        #expect(results[0] == results[1], "\(t): AVX-512 and AVX2 products differ")
    }

    /// The AVX paths fall back to an element-by-element FMA loop when their scratch cannot be
    /// allocated; it must give their bits too.
    @Test(.enabled(if: KernelPath.cpu >= .avx2, "this CPU has no FMA path"), arguments: gemmCases)
    func theScratchFreeFallbackGivesTheSameBits(_ t: GemmCase) {
        var rng = RNG(seed: 23)
        let a = randomMatrix(t.transA ? t.k : t.m, t.transA ? t.m : t.k, pad: t.pad, &rng)
        let b = randomMatrix(t.transB ? t.n : t.k, t.transB ? t.k : t.n, pad: t.pad, &rng)
        let c0 = randomMatrix(t.m, t.n, pad: t.pad, &rng)
        var vector = c0.values, elementwise = c0.values
        #expect(
            basin_sgemm_using(
                "avx2", t.transA ? 1 : 0, t.transB ? 1 : 0, t.m, t.n, t.k, t.alpha,
                a.values, a.ld, b.values, b.ld, t.beta, &vector, c0.ld) == 0)
        #expect(
            basin_sgemm_fma_elementwise(
                t.transA ? 1 : 0, t.transB ? 1 : 0, t.m, t.n, t.k, t.alpha,
                a.values, a.ld, b.values, b.ld, t.beta, &elementwise, c0.ld) == 0)
        #expect(vector.map(\.bitPattern) == elementwise.map(\.bitPattern), "\(t)")
    }

    /// Training and evaluation never route a product to OpenBLAS (its kernel choice depends on
    /// the CPU); only a benchmark may switch, and tests never do.
    @Test func trainingRunsBasinsKernelOnThePathInUse() {
        #expect(BLAS.gemmKernel == .basin)
        #expect(BLAS.gemmBackend == "basin-\(KernelPath.current)")
        #expect(KernelPath.current <= KernelPath.cpu)
    }
}
