// The kernel path: which instruction set Basin's own kernels (CKernels: the matrix product, the
// elementwise, reduction, optimizer and loss kernels) run on this process. Chosen once, from
// the CPU, or from BASIN_ISA=avx512|avx2|baseline where the CPU can run it.
//
// Same seed, same numbers: the AVX-512 and AVX2 paths compute every result bit for bit the same
// (each product element and each reduction in one fixed order, FMA on both; see gemm.h and
// kernels_body.h), and every matrix product training and evaluation use goes through Basin's
// kernel, never a library whose kernel choice depends on the CPU. The baseline path has no
// FMA, so its last bits — and after many steps its numbers — may differ; `basin --version`
// and `help seed` say which path runs.
import CKernels
import Synchronization

public enum KernelPath: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case baseline = 0, avx2 = 1, avx512 = 2

    /// The path every kernel runs in this process.
    public static var current: KernelPath { KernelPath(rawValue: Int(basin_isa_level())) ?? .baseline }
    /// The highest path this CPU can run.
    public static var cpu: KernelPath { KernelPath(rawValue: Int(basin_isa_cpu_level())) ?? .baseline }

    /// As BASIN_ISA spells it: "avx512", "avx2", "baseline".
    public var description: String { String(cString: basin_isa_name(Int32(rawValue))) }

    public init?(name: String) {
        let level = basin_isa_level_named(name)
        guard level >= 0, let path = KernelPath(rawValue: Int(level)) else { return nil }
        self = path
    }

    /// Whether results on this path are the same bits as on every other FMA path.
    public var isReproducible: Bool { self != .baseline }

    /// The paths this CPU can run, best first.
    public static var available: [KernelPath] { allCases.filter { $0 <= cpu }.reversed() }

    public static func < (a: KernelPath, b: KernelPath) -> Bool { a.rawValue < b.rawValue }

    /// Why BASIN_ISA cannot be honoured (nil when it is unset or honoured): the value and the
    /// paths that exist, or the path this CPU lacks and the ones it has.
    public static func requestProblem(environment value: String?) -> String? {
        switch basin_isa_request() {
        case -1:
            return "BASIN_ISA='\(value ?? "")' is not a kernel path; use one of: "
                + allCases.reversed().map(\.description).joined(separator: ", ")
        case -2:
            return "BASIN_ISA=\(value ?? ""): this CPU cannot run that path; it can run: "
                + available.map(\.description).joined(separator: ", ")
        default:
            return nil
        }
    }

    /// One line for `basin --version` and reports: the path in use and what it promises.
    public static var summary: String {
        let path = current
        let why = path == cpu ? "this CPU's best" : "set by BASIN_ISA; this CPU's best is \(cpu)"
        let promise =
            path.isReproducible
            ? "results are the same bits on every AVX2 or AVX-512 CPU"
            : "no FMA: results may differ in the last bits from AVX2/AVX-512 machines"
        return "kernels: \(path) (\(why)); \(promise)"
    }
}

/// One of the two matrix-product kernels Basin can run. Training and evaluation always run
/// Basin's; OpenBLAS remains the reference in tests and the comparison in `basin-bench gemm`.
public enum GemmKernel: String, Sendable, CaseIterable {
    case basin, openblas
}

private let benchKernel = Atomic<Int>(0)

extension BLAS {
    /// The kernel `gemm` runs: Basin's, unless a benchmark switches this process to OpenBLAS to
    /// compare (never set by Basin itself: OpenBLAS's results depend on the CPU).
    public static var gemmKernel: GemmKernel {
        get { benchKernel.load(ordering: .relaxed) == 0 ? .basin : .openblas }
        set { benchKernel.store(newValue == .basin ? 0 : 1, ordering: .relaxed) }
    }

    /// The instruction set of Basin's kernel in this process: "avx512", "avx2" or "baseline".
    public static var basinGemmISA: String { KernelPath.current.description }

    /// What runs matrix products, for reports: "basin-avx512", or "openblas-SkylakeX (benchmark)".
    public static var gemmBackend: String {
        gemmKernel == .basin ? "basin-" + basinGemmISA : "openblas-\(coreName) (benchmark)"
    }
}
