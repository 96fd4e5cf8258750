import Kernels
import Search
import Testing

// The GP surrogate: the posterior interpolates its training points (variance near the noise
// there, near the prior far away), and the fit's gradient matches central differences.
#if canImport(Glibc)
import Glibc
#endif

struct GaussianProcessTests {
    static func data(_ n: Int, seed: UInt64) -> ([[Double]], [Double]) {
        var rng = RNG(seed: seed)
        let xs = (0..<n).map { _ in [rng.uniformDouble(), rng.uniformDouble()] }
        return (xs, xs.map { x in sin(6 * x[0]) + x[1] * x[1] - 0.5 })
    }

    @Test func posteriorInterpolatesTrainingPoints() throws {
        let (xs, ys) = Self.data(15, seed: 1)
        let h = GPHyperparameters(logLengthScales: [log(0.3), log(0.3)], logSignalVariance: 0, logNoiseVariance: log(1e-6))
        let gp = try #require(GaussianProcess(points: xs, values: ys, hyperparameters: h))
        let (mean, variance) = gp.predict(xs)
        for i in xs.indices {
            #expect(abs(mean[i] - ys[i]) < 1e-3, "mean \(mean[i]) vs \(ys[i])")
            #expect(variance[i] < 1e-5, "variance \(variance[i])")
        }
        let far = gp.predict([[30, 30]])
        #expect(abs(far.mean[0]) < 1e-6 && abs(far.variance[0] - 1) < 1e-6)  // the prior
    }

    @Test func fittedModelPredictsHeldOutPoints() throws {
        let (xs, ys) = Self.data(40, seed: 2)
        let gp = try #require(GaussianProcess.fitted(points: xs, values: ys))
        let (test, truth) = Self.data(20, seed: 3)
        let mean = gp.predict(test).mean
        let rmse = (zip(mean, truth).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / 20).squareRoot()
        #expect(rmse < 0.1, "rmse \(rmse)")
    }

    @Test func fitGradientMatchesCentralDifferences() throws {
        let (xs, ys) = Self.data(12, seed: 4)
        let h = GPHyperparameters(logLengthScales: [log(0.4), log(0.7)], logSignalVariance: 0.2, logNoiseVariance: log(1e-2))
        let (_, gradient) = try #require(GaussianProcess.fitObjective(points: xs, values: ys, hyperparameters: h))
        let eps = 1e-5
        for k in 0..<4 {
            func shifted(_ delta: Double) -> Double {
                var p = h
                switch k {
                case 0, 1: p.logLengthScales[k] += delta
                case 2: p.logSignalVariance += delta
                default: p.logNoiseVariance += delta
                }
                return GaussianProcess.fitObjective(points: xs, values: ys, hyperparameters: p)!.value
            }
            let numeric = (shifted(eps) - shifted(-eps)) / (2 * eps)
            #expect(abs(gradient[k] - numeric) < 1e-4 * max(1, abs(numeric)), "θ\(k): \(gradient[k]) vs \(numeric)")
        }
    }

    @Test func mismatchedInputsGiveNil() {
        let h = GPHyperparameters(logLengthScales: [0], logSignalVariance: 0, logNoiseVariance: -5)
        #expect(GaussianProcess(points: [], values: [], hyperparameters: h) == nil)
        #expect(GaussianProcess(points: [[0, 1]], values: [1], hyperparameters: h) == nil)
        #expect(GaussianProcess(points: [[0]], values: [1, 2], hyperparameters: h) == nil)
    }
}
