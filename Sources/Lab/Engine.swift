// Process-wide engine settings, chosen from measurements (see README, Performance): matrix
// products of Basin's sizes (~100) run slower on two BLAS threads than on one, so Basin uses one
// BLAS thread and parallelizes across independent work (grid points, trials) itself — unless the
// user asked for a thread count explicitly, which is respected.
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

    /// What runs the products, for reports: the kernel path and what it promises.
    public static var description: String { KernelPath.summary }
}
