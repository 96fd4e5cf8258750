// Which kernel runs `BLAS.gemm`: Basin's own (CKernels/gemm*.c, runtime-dispatched AVX-512 /
// AVX2 / portable) or OpenBLAS's `cblas_sgemm`.
//
// The rule compares instruction-set levels first, because that is what the measurements follow
// (single thread, Zen 5 at 4.4 GHz, `basin-bench gemm`, thread CPU time; GFLOP/s Basin vs OpenBLAS):
//   - Basin AVX-512 vs OpenBLAS "Haswell" (OPENBLAS_CORETYPE=Haswell, this project's
//     environment): Basin is 1.7–3.3× faster on every shape measured — the MLP's 100-sized
//     products (≈ 205–230 vs 104–117), the CNN's im2col products, the landscape grid's, and
//     2048³ (207–225 vs 124–130). When Basin's level is higher, Basin runs everything.
//   - Both AVX-512 (OpenBLAS "SkylakeX", i.e. OPENBLAS_CORETYPE unset on this CPU): Basin wins
//     products with op(B) = Bᵀ (1.07–1.6×: OpenBLAS's transposing copy is slower than Basin's
//     in-register one) and 17–32-wide outputs (the CNN's 25 channels, 1.15–1.9×); OpenBLAS wins
//     the rest by 6–14% (100-sized NN/TN, 10-wide outputs) and large products (2048³: 240 vs 204).
//     So Basin runs when m·n·k ≤ 2²⁷ and (transB and n > 16, or 17 ≤ n ≤ 32).
//   - Both AVX2 (Basin capped with BASIN_GEMM_ISA=avx2 vs OpenBLAS Haswell): within ±5% on
//     100-sized products, OpenBLAS ahead on large ones (130 vs 108 on 2048³), Basin ahead when a
//     dimension is ≤ 16 (m = 10: 110 vs 64; k = 10: 103 vs 92; k = 5: 68 vs 58). So Basin runs
//     when min(m, n, k) ≤ 16.
//   - Basin's portable fallback never beats OpenBLAS: OpenBLAS runs.
// `OPENBLAS_CORETYPE` is never changed; it only informs the comparison through `BLAS.coreName`.
//
// Escape hatch: BASIN_GEMM=basin|openblas|auto in the environment (read once, default auto);
// `BLAS.gemmPolicy` overrides it at run time (benchmarks compare backends in one process).
import CKernels
import Foundation
import Synchronization

/// One of the two matrix-product kernels Basin can run.
public enum GemmKernel: String, Sendable, CaseIterable {
    case basin, openblas
}

/// How `BLAS.gemm` chooses its kernel.
public enum GemmPolicy: String, Sendable, CaseIterable {
    /// By the measured rule above.
    case auto
    /// Always Basin's kernel / always OpenBLAS.
    case basin, openblas
}

/// The policy in force, as a raw value of `GemmPolicy.allCases` index; starts from BASIN_GEMM.
private let policyIndex = Atomic<Int>(
    GemmPolicy.allCases.firstIndex(of: GemmPolicy(rawValue: ProcessInfo.processInfo.environment["BASIN_GEMM"] ?? "") ?? .auto) ?? 0)

/// 2 = AVX-512, 1 = AVX2 (+FMA), 0 = anything else.
private func isaLevel(basin isa: String) -> Int {
    switch isa { case "avx512": return 2; case "avx2": return 1; default: return 0 }
}

/// OpenBLAS core names (as `openblas_get_corename` spells them) by the SIMD level of their sgemm.
private func isaLevel(openBLASCore core: String) -> Int {
    switch core.lowercased() {
    case "skylakex", "cooperlake", "sapphirerapids": return 2
    case "haswell", "zen", "excavator": return 1
    default: return 0
    }
}

/// The instruction-set comparison, made once: (Basin's level, OpenBLAS's level).
private let levels: (basin: Int, openblas: Int) = (
    isaLevel(basin: String(cString: basin_sgemm_isa())), isaLevel(openBLASCore: BLAS.coreName))

extension BLAS {
    /// The current policy: from BASIN_GEMM at start-up (auto if unset or unknown), settable.
    public static var gemmPolicy: GemmPolicy {
        get { GemmPolicy.allCases[policyIndex.load(ordering: .relaxed)] }
        set { policyIndex.store(GemmPolicy.allCases.firstIndex(of: newValue)!, ordering: .relaxed) }
    }

    /// The kernel `gemm` uses for an m×n×k product under the current policy.
    public static func gemmKernel(m: Int, n: Int, k: Int, transA: Bool = false, transB: Bool = false) -> GemmKernel {
        switch policyIndex.load(ordering: .relaxed) {
        case 1: return .basin
        case 2: return .openblas
        default:
            let (mine, theirs) = levels
            if mine > theirs { return .basin }
            if mine < theirs || mine == 0 { return .openblas }
            if mine == 2 {
                let narrow = n > 16 && n <= 32
                return m * n * k <= 1 << 27 && (narrow || (transB && n > 16)) ? .basin : .openblas
            }
            return min(m, n, k) <= 16 ? .basin : .openblas
        }
    }

    /// The instruction set of Basin's kernel on this CPU: "avx512", "avx2" or "baseline".
    public static var basinGemmISA: String { String(cString: basin_sgemm_isa()) }

    /// What runs matrix products, for reports: e.g. "basin-avx512 (auto; OpenBLAS core Haswell)",
    /// "openblas-SkylakeX (auto; some shapes → basin-avx512)", "openblas-Haswell (forced)".
    public static var gemmBackend: String {
        let basin = "basin-" + basinGemmISA, openblas = "openblas-" + coreName
        switch gemmPolicy {
        case .basin: return basin + " (forced)"
        case .openblas: return openblas + " (forced)"
        case .auto:
            let (mine, theirs) = levels
            if mine > theirs { return basin + " (auto; OpenBLAS core \(coreName))" }
            if mine == theirs && mine > 0 { return openblas + " (auto; some shapes → \(basin))" }
            return openblas + " (auto)"
        }
    }
}
