// Loss-landscape slices (Li et al. 2018): filter normalization, the 1D line's end points, the 2D
// grid's centre, PCA directions of a training path, and partial grids filled for display.
import Datasets
import Kernels
import Lab
import Networks
import TestSupport
import Testing

@Suite("Loss landscapes")
struct LandscapeTests {
    @Test("every filter of a filter-normalized direction has its weight's norm; biases are zero")
    func filterNormalization() throws {
        let run = try spiralRun()
        run.train(.steps(20))
        let net = run.network
        var rng = RNG(seed: 3, stream: "directions")
        let d = Directions.filterNormalized(net, rng: &rng)
        let w = net.parameters.array
        for t in net.namedParameters {
            guard t.role == .weight else {
                #expect(d[t.offset..<(t.offset + t.count)].allSatisfy { $0 == 0 }, "\(t.name) is not zero")
                continue
            }
            let size = t.count / t.shape[0]
            for f in 0..<t.shape[0] {
                let r = (t.offset + f * size)..<(t.offset + (f + 1) * size)
                expectClose(norm(d[r]), norm(w[r]), rtol: 1e-5)
            }
        }
    }

    @Test("the 1D line passes through both end points' losses exactly")
    func lineEndPoints() throws {
        let run = try spiralRun(validation: true)
        run.train(.steps(60))
        let alphas = Landscape.lineAlphas(res: 21)
        let slice = Landscape.line(
            from: run.initial.parameters, to: run.network, train: run.train,
            validation: run.validation, loss: .crossEntropy, alphas: alphas)
        let start = run.network.copy()
        start.parameters.assign(from: FloatBuffer(run.initial.parameters))
        let i0 = try #require(alphas.firstIndex(of: 0)), i1 = try #require(alphas.firstIndex(of: 1))
        #expect(slice.train[i0] == TrainingRun.evaluate(start, on: run.train, loss: .crossEntropy).loss)
        #expect(slice.train[i1] == run.evaluate(run.train).loss)
        #expect(slice.validation?[i1] == run.evaluate(try #require(run.validation)).loss)
        #expect(slice.isComplete && slice.train.allSatisfy(\.isFinite))
        // The computed neighbours lie close to the exact end points (the curve is continuous).
        expectClose(slice.train[i1 - 1], slice.train[i1], rtol: 0.2)
        expectClose(slice.train[i0 + 1], slice.train[i0], rtol: 0.2)
    }

    @Test("the 2D grid's centre equals the current training loss")
    func gridCentre() throws {
        let run = try spiralRun()
        run.train(.steps(40))
        let (d1, d2) = Landscape.randomPlane(run.network, seed: 1)
        let axis = Landscape.centredAxis(span: 1, count: 8)
        #expect(axis.count == 9 && axis[4] == 0)
        let grid = LossSurface(network: run.network, data: run.train, loss: .crossEntropy)
            .grid(d1: d1, d2: d2, alphas: axis, betas: axis)
        // Float32 rounding only: the first layer is precomputed for the whole slice.
        expectClose(grid[4, 4], run.evaluate(run.train).loss, rtol: 1e-5)
        #expect(grid.isComplete)
    }

    @Test("on regression data the 2D grid's centre is the mean squared error, not a label loss")
    func regressionCentre() throws {
        let data = try Dataset.curve(.sine, count: 200, noise: 0.1, seed: 1)
        let net = try Network(inputShape: [1], layers: [.dense(units: 8), .activation(.tanh), .dense(units: 1)])
        net.initialize(seed: 1)
        let run = try TrainingRun(
            network: net, train: data, validation: nil,
            optimizer: OptimizerSettings(kind: .adam, learningRate: 1e-2), loss: .meanSquared,
            settings: TrainingSettings(), seed: 1)
        run.train(.steps(100))
        let (d1, d2) = Landscape.randomPlane(run.network, seed: 1)
        let axis = Landscape.centredAxis(span: 1, count: 4)
        let grid = LossSurface(network: run.network, data: data, loss: .meanSquared)
            .grid(d1: d1, d2: d2, alphas: axis, betas: axis)
        // Float32 rounding only (the first layer is precomputed); the bug this guards against read
        // the targets' bits as class labels and gave a loss of another size altogether.
        expectClose(grid[2, 2], run.evaluate(data).loss, rtol: 1e-5)
    }

    @Test("PCA directions are orthonormal and the projected path ends at the origin")
    func pcaDirections() throws {
        let run = try spiralRun()
        run.checkpoints.every = 10
        run.train(.steps(80))
        let snapshots =
            [run.initial.parameters] + run.checkpoints.snapshots.filter { $0.step < 80 }.map(\.parameters)
            + [run.network.parameters.array]
        let pca = try #require(PathDirections(snapshots: snapshots))
        let a = pca.d1.map(Double.init), b = pca.d2.map(Double.init)
        expectClose(dot(a, a), 1, rtol: 1e-5)
        expectClose(dot(b, b), 1, rtol: 1e-5)
        #expect(abs(dot(a, b)) < 1e-5)
        #expect(pca.path.count == snapshots.count)
        #expect(pca.path.last?.alpha == 0 && pca.path.last?.beta == 0)
        #expect(pca.explained.0 >= pca.explained.1 && pca.explained.0 + pca.explained.1 <= 1 + 1e-9)
    }

    @Test("PCA finds the plane a synthetic path lies in")
    func pcaSynthetic() throws {
        // Offsets in span(e0, e3) with more spread along e0; the final point is the origin.
        let path: [[Float]] = [[4, 0, 0, 1, 0], [3, 0, 0, -1, 0], [2, 0, 0, 0.5, 0], [1, 0, 0, -0.5, 0], [0, 0, 0, 0, 0]]
        let pca = try #require(PathDirections(snapshots: path))
        expectClose(abs(Double(pca.d1[0])), 1, rtol: 0.05)
        #expect(abs(pca.d2[1]) < 1e-6 && abs(pca.d2[2]) < 1e-6 && abs(pca.d2[4]) < 1e-6)
        #expect(PathDirections(snapshots: [[1, 2], [1, 2]]) == nil)
    }

    @Test("Jacobi eigen-decomposition of a small symmetric matrix")
    func jacobi() {
        let m: [[Double]] = [[4, 1, 0], [1, 3, 1], [0, 1, 2]]
        let (values, vectors) = SymmetricEigen.decomposed(m)
        for (k, v) in vectors.enumerated() {
            for i in 0..<3 {
                let mv = (0..<3).reduce(0) { $0 + m[i][$1] * v[$1] }
                expectClose(mv, values[k] * v[i], atol: 1e-10)
            }
        }
        expectClose(values.reduce(0, +), 9, rtol: 1e-12)
    }

    @Test("a partial grid is filled from the coarser level for display")
    func filledPartial() {
        var losses = [Double](repeating: .nan, count: 25)
        losses[0] = 1; losses[2] = 2; losses[10] = 3; losses[12] = 4
        let g = SurfaceGrid(alphas: [0, 1, 2, 3, 4], betas: [0, 1, 2, 3, 4], losses: losses, computed: 4)
        let f = g.filled
        #expect(f[1] == 1 && f[3] == 2 && f[6] == 1 && f[13] == 4)
        #expect(f[4] == 1)  // (4, 0): not on the stride-2 or 4 lattice yet; (0, 0) at stride 8 is
        let empty = SurfaceGrid(alphas: [0, 1], betas: [0], losses: [.nan, .nan], computed: 0).filled
        #expect(empty.allSatisfy { $0.isNaN })
    }

    @Test("line alphas include both end points exactly; centred axes are odd")
    func axes() {
        let a = Landscape.lineAlphas(res: 51)
        #expect(a.contains(0) && a.contains(1) && a.first == -0.5 && a.last == 1.5)
        #expect(a == a.sorted())
        #expect(Landscape.centredAxis(span: 2, count: 41).count == 41)
    }

    func norm(_ s: ArraySlice<Float>) -> Double { s.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot() }
    func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
}
