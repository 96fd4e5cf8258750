// `basin-bench gemm`: GFLOP/s of Basin's sgemm and OpenBLAS's on the products Basin's
// workloads run (the MNIST-1D MLP's eight, the landscape grid's, the CNNs' im2col ones, and a
// large square one), then the MLP training step with each backend. One JSON line per result.
//
// Timing: each shape runs in rounds that alternate the two kernels, and the best round counts.
// The machine is shared, so times are this thread's CPU time (CLOCK_THREAD_CPUTIME_ID), which
// does not count time the thread spent descheduled; wall-clock figures are reported beside them.
import ArgumentParser
import Datasets
import Foundation
import Kernels
import Lab
import Networks

struct GemmBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gemm", abstract: "Compare Basin's sgemm with OpenBLAS per shape, and the MLP step with each.")

    @Option(help: "Milliseconds of work per kernel per round") var millis = 40
    @Option(help: "Rounds per shape (best counts)") var rounds = 5
    @Option(help: "Timed MLP steps per backend (0 skips the MLP step)") var steps = 3000
    @Flag(help: "Only the MLP step") var mlpOnly = false

    /// (transA, transB, m, n, k, what)
    static let shapes: [(Bool, Bool, Int, Int, Int, String)] = [
        (false, true, 100, 100, 40, "mlp fwd 1"), (false, true, 100, 100, 100, "mlp fwd 2"),
        (false, true, 100, 10, 100, "mlp fwd 3"),
        (true, false, 100, 40, 100, "mlp dW 1"), (true, false, 100, 100, 100, "mlp dW 2"),
        (true, false, 10, 100, 100, "mlp dW 3"),
        (false, false, 100, 100, 100, "mlp dx 2"), (false, false, 100, 100, 10, "mlp dx 3"),
        (false, true, 4000, 100, 100, "grid"), (false, true, 256, 100, 100, "grid block"),
        (false, false, 1900, 25, 5, "cnn conv1"), (false, false, 1000, 25, 75, "cnn conv2"),
        (false, false, 500, 25, 75, "cnn conv3"), (false, true, 1000, 25, 75, "cnn conv2 (W transposed)"),
        (true, false, 75, 25, 1000, "cnn conv2 dW"), (false, true, 1000, 75, 25, "cnn conv2 dcols"),
        (false, true, 25600, 16, 9, "image cnn conv1"), (false, true, 6400, 32, 144, "image cnn conv2"),
        (true, false, 9, 16, 25600, "image cnn conv1 dW (transposed)"), (true, false, 32, 144, 6400, "image cnn conv2 dW"),
        (false, false, 6400, 144, 32, "image cnn conv2 dcols"),
        (false, false, 2048, 2048, 2048, "large"),
    ]

    func run() throws {
        BLAS.threads = 1
        if !mlpOnly {
            for (ta, tb, m, n, k, what) in Self.shapes { try benchShape(ta, tb, m, n, k, what) }
        }
        if steps > 0 { try benchMLPStep() }
    }

    func benchShape(_ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int, _ what: String) throws {
        var rng = RNG(seed: 7)
        let a = FloatBuffer((0..<(m * k)).map { _ in rng.normal() })
        let b = FloatBuffer((0..<(k * n)).map { _ in rng.normal() })
        let c = FloatBuffer(count: m * n)
        let flops = 2.0 * Double(m * n * k)
        let reps = max(1, Int(Double(millis) * 1e-3 * 100e9 / flops))
        var best: [GemmKernel: (cpu: Double, wall: Double)] = [:]
        for _ in 0..<rounds {
            for kernel in GemmKernel.allCases {
                let (cpu, wall) = timed {
                    for _ in 0..<reps {
                        BLAS.gemm(
                            using: kernel, transA: ta, transB: tb, m: m, n: n, k: k,
                            a: a.base, b: b.base, c: c.base)
                    }
                }
                let old = best[kernel] ?? (.infinity, .infinity)
                best[kernel] = (min(old.cpu, cpu / Double(reps)), min(old.wall, wall / Double(reps)))
            }
        }
        let gf = { (t: Double) in flops / t * 1e-9 }
        let basin = best[.basin]!, openblas = best[.openblas]!
        print(
            jsonLine(
                [
                    ("bench", "gemm"), ("shape", what), ("trans", (ta ? "T" : "N") + (tb ? "T" : "N")),
                    ("m", m), ("n", n), ("k", k),
                    ("basin_gflops", gf(basin.cpu)), ("openblas_gflops", gf(openblas.cpu)),
                    ("speedup", openblas.cpu / basin.cpu),
                    ("basin_gflops_wall", gf(basin.wall)), ("openblas_gflops_wall", gf(openblas.wall)),
                ] + gemmFields()))
    }

    /// The MNIST-1D MLP's step (batch 100, Adam lr 1e-2, batches in order) with each matrix
    /// product kernel: Basin's (what training always runs) and OpenBLAS's (the comparison), on a
    /// plain 40→100→100→10 stack (relu) — the same eight products as the reference MLP. Blocks
    /// of 250 steps alternate between the kernels so both see the same machine load; the median
    /// step time per kernel counts.
    func benchMLPStep() throws {
        let (train, _) = try referenceData(directory: nil, shuffleInputs: false)
        let layers: [LayerSpec] = [
            .dense(units: 100), .activation(.relu), .dense(units: 100), .activation(.relu),
            .dense(units: 10),
        ]
        defer { BLAS.gemmKernel = .basin }
        let policies: [GemmKernel] = [.openblas, .basin]
        var runs: [TrainingRun] = []
        for _ in policies {
            let net = try Network(inputShape: train.sampleShape, layers: layers)
            net.initialize(scheme: .pytorchDefault, seed: 42)
            var settings = TrainingSettings()
            settings.batchSize = 100
            settings.order = .sequential
            runs.append(
                try TrainingRun(
                    network: net, train: train, validation: nil, optimizer: .adam(lr: 1e-2),
                    loss: .crossEntropy, settings: settings, seed: 42))
        }
        var cpuTimes = [[Double]](repeating: [], count: policies.count)
        var wallTimes = cpuTimes
        let block = 250, warmup = 200
        for start in stride(from: 0, to: steps + warmup, by: block) {
            for (i, policy) in policies.enumerated() {
                BLAS.gemmKernel = policy
                for s in start..<min(start + block, steps + warmup) {
                    var problem: Divergence?
                    let (cpu, wall) = timed {
                        do { try runs[i].takeStep(learningRate: 1e-2) } catch { problem = error as? Divergence }
                    }
                    if let problem { throw BenchError(description: "diverged: \(problem)") }
                    if s >= warmup { cpuTimes[i].append(cpu); wallTimes[i].append(wall) }
                }
            }
        }
        for (i, policy) in policies.enumerated() {
            BLAS.gemmKernel = policy
            print(
                jsonLine(
                    [
                        ("bench", "mlp_step"), ("gemm", policy.rawValue), ("steps", cpuTimes[i].count),
                        ("step_us_median", median(cpuTimes[i]) * 1e6), ("steps_per_s", 1 / median(cpuTimes[i])),
                        ("step_us_median_wall", median(wallTimes[i]) * 1e6),
                        ("final_loss", Double(runs[i].history.stepLosses.last ?? .nan)),
                    ] + gemmFields()))
        }
    }

    func gemmFields() -> [(String, Any)] {
        [("gemm_backend", BLAS.gemmBackend)] + environmentFields()
    }
}

/// (this thread's CPU seconds, wall seconds) spent in `body`.
func timed(_ body: () throws -> Void) rethrows -> (cpu: Double, wall: Double) {
    func now(_ clock: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
    let c0 = now(CLOCK_THREAD_CPUTIME_ID), w0 = now(CLOCK_MONOTONIC)
    try body()
    return (now(CLOCK_THREAD_CPUTIME_ID) - c0, now(CLOCK_MONOTONIC) - w0)
}
