// Process-wide engine settings. Basin parallelizes across independent work itself — sweep
// trials, seeds, loss-surface points, full-batch gradient lanes — on `threads()` threads (the
// cores, capped by BASIN_THREADS), each product on one thread: products of Basin's sizes (~100)
// run slower split over two. OpenBLAS, which only benchmarks and tests still call, gets one
// thread unless OPENBLAS_NUM_THREADS says otherwise. The kernel path (`KernelPath`) and its
// refusals are reported here for the executable.
import Foundation
import Kernels

public enum Engine {
    /// One BLAS thread unless `OPENBLAS_NUM_THREADS` (or `OMP_NUM_THREADS`) is set.
    public static func configureThreads(environment: [String: String]) {
        let explicit = ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"].contains { !(environment[$0] ?? "").isEmpty }
        if !explicit { BLAS.threads = 1 }
    }

    /// Why BASIN_ISA in `environment` cannot be honoured, for a refusal at start; nil when fine.
    public static func kernelPathProblem(environment: [String: String]) -> String? {
        KernelPath.requestProblem(environment: environment["BASIN_ISA"])
    }

    /// Threads Basin may keep busy with independent work (trials, seeds, grid points): the
    /// number of cores, capped by BASIN_THREADS (a shared classroom server sets 1 per student).
    /// An unusable BASIN_THREADS is refused at start (`threadsProblem`); here it is ignored.
    public static func threads(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        processors: Int = ProcessInfo.processInfo.activeProcessorCount
    ) -> Int {
        let cores = max(1, processors)
        guard let text = environment["BASIN_THREADS"], let cap = Int(text), cap >= 1 else { return cores }
        return min(cores, cap)
    }

    /// Why BASIN_THREADS cannot be used, for a refusal at start; nil when unset or fine.
    public static func threadsProblem(environment: [String: String]) -> String? {
        guard let text = environment["BASIN_THREADS"], !text.isEmpty else { return nil }
        if let n = Int(text), n >= 1 { return nil }
        return "BASIN_THREADS='\(text)' is not a thread count; use a whole number of at least 1 (1 on a shared server)"
    }

    /// Why BASIN_MEMORY cannot be used, for a refusal at start; nil when unset or fine.
    public static func memoryProblem(environment: [String: String]) -> String? {
        MemoryBudget.problem(environment: environment)
    }

    /// What runs the products, for reports: the kernel path and what it promises.
    public static var description: String { KernelPath.summary }
}
