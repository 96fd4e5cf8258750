// A loss-surface point whose loss overflows is a computed point (recorded as +∞), not a gap
// left by cancellation.
import Datasets
import Kernels
import Lab
import Networks
import Testing

@Suite("Loss surface overflow")
struct SurfaceOverflowTests {
    @Test("points far out are +∞ and the grid is still complete")
    func overflowIsComputed() throws {
        let run = try spiralRun(seed: 2)
        run.train(.steps(20))
        var rng = RNG(seed: 1)
        let d = Directions.filterNormalized(run.network, rng: &rng)
        let surface = LossSurface(network: run.network, data: run.train, loss: .crossEntropy)
        let grid = surface.grid(d1: d.map { $0 * 1e30 }, d2: nil, alphas: [0, 1e10], betas: [0])
        #expect(grid.isComplete)
        #expect(grid[0, 0].isFinite, "the centre is the current loss")
        #expect(grid[1, 0] == .infinity && grid.overflowed == 1)
    }
}

/// A point whose loss is NaN was computed all the same: it is stored as +∞ (too large), so the
/// grid counts as complete and nothing reports the run as stopped by Ctrl-C.
@Suite struct SurfaceNaNTests {
    @Test func nanLossesCountAsComputed() throws {
        var rng = RNG(seed: 3)
        let x = (0..<80).map { _ in rng.normal() }
        let data = try Dataset(
            name: "t", inputs: x, sampleShape: [2], targets: .classes((0..<40).map { Int32($0 % 2) }, count: 2))
        let net = try Network(inputShape: [2], layers: [.dense(units: 4), .activation(.relu), .dense(units: 2)])
        net.initialize(scheme: .pytorchDefault, seed: 1)
        // Weights this large make the logits ±∞, and the loss ∞ − ∞ = NaN.
        for i in 0..<net.parameterCount { net.parameters.base[i] = i % 2 == 0 ? 3e38 : -3e38 }
        #expect(TrainingRun.evaluate(net, on: data, loss: .crossEntropy).loss.isNaN, "the case needs a NaN loss")
        let grid = LossSurface(network: net, data: data, loss: .crossEntropy)
            .grid(d1: [Float](repeating: 0, count: net.parameterCount), d2: nil, alphas: [0, 1], betas: [0], cancel: nil)
        #expect(grid.isComplete)
        #expect(grid.losses.allSatisfy { !$0.isNaN })
    }
}
