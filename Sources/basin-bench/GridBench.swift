// `basin-bench grid`: trains the reference MLP, then times the training loss at every point of
// a res×res grid over [-1, 1]² along two filter-normalized random directions, over all 4000
// training samples, on two threads. Reports the whole grid's time and the first coarse picture's.
import ArgumentParser
import Datasets
import Foundation
import Kernels
import Lab
import Networks

struct GridBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grid", abstract: "Time a res×res grid of training losses of the trained MLP.")

    @Option(help: "Directory with mnist1d_{train,test}_{x,y}.npy (default: generate natively)") var data: String?
    @Option(help: "Grid points per side") var res = 51
    @Option(help: "Training steps before the grid") var trainSteps = 6000
    @Option(help: "Threads evaluating grid points") var threads = 2
    @Option(help: "Seed of the directions") var seed: UInt64 = 0
    @Option(help: "Examples per forward pass") var chunk = 256

    func run() throws {
        BLAS.threads = 1
        let (train, _) = try referenceData(directory: data, shuffleInputs: false)
        let run = try referenceRun(.mlp, train: train)
        let net = run.network
        for _ in 0...trainSteps { try? run.takeStep(learningRate: 1e-2) }

        var rng = RNG(seed: seed, stream: "directions")
        let d1 = Directions.filterNormalized(net, rng: &rng), d2 = Directions.filterNormalized(net, rng: &rng)
        let axis = (0..<res).map { Float(-1 + 2 * Double($0) / Double(max(res - 1, 1))) }
        let surface = LossSurface(network: net, data: train, loss: .crossEntropy)
        surface.threads = threads
        surface.chunk = chunk
        let clock = ContinuousClock()
        let cpuStart = processCPUSeconds()
        let start = clock.now
        var firstPicture: Double?
        let grid = surface.grid(d1: d1, d2: d2, alphas: axis, betas: axis) { _ in
            if firstPicture == nil { firstPicture = seconds(clock.now - start) }
        }
        let total = seconds(clock.now - start)
        let cpu = processCPUSeconds() - cpuStart
        let centre = grid[res / 2, res / 2]
        let macsPerExample = 40 * 100 + 100 * 100 + 100 * 10
        let gflop = 2 * Double(macsPerExample) * Double(train.count) * Double(res * res) / 1e9
        print(
            jsonLine(
                [
                    ("bench", "grid"), ("res", res), ("points", res * res), ("samples", train.count),
                    ("seconds", total), ("first_picture_seconds", firstPicture ?? .nan), ("gflop", gflop),
                    ("cpu_seconds", cpu), ("gflop_per_cpu_s", gflop / cpu),
                    ("gflop_per_s", gflop / total), ("threads", threads), ("centre_loss", centre),
                    ("min_loss", grid.losses.min() ?? .nan), ("peak_rss_mib", peakRSSMiB()),
                ] + environmentFields()))
    }
}

/// CPU seconds used by every thread of this process (insensitive to other processes' load).
func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
