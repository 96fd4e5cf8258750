// A loss-surface point whose loss overflows is a computed point (recorded as +∞), not a gap
// left by cancellation.
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
