// Fitting the GP's hyperparameters θ = (log ℓ₁…log ℓ_D, log σ², log σₙ²) by maximizing the log
// marginal likelihood (Rasmussen & Williams 2006, §5.4.1, eqs. 5.8 and 5.9)
//   log p(y|X,θ) = −½ yᵀK⁻¹y − ½ log|K| − (N/2) log 2π,
//   ∂/∂θⱼ = ½ tr((ααᵀ − K⁻¹) ∂K/∂θⱼ),  α = K⁻¹y,
// plus weak log-normal priors on ℓ and σ² (a MAP estimate: with a few dozen points the plain
// likelihood can run a length scale to infinity or to zero; the priors keep it in a sane range).
// For the Matérn 5/2 kernel, ∂k/∂log ℓ_d = σ² (5/3)(1 + √5 r) e^{−√5 r} · (x_d − x'_d)²/ℓ_d².
// Optimizer: Adam (Kingma & Ba 2015) on θ with box constraints, from a few starting points;
// the best final objective wins. Simple, derivative-exact and robust to a failed factorization
// (that step is rejected and the learning rate halved).
import Kernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum GPFit {
    /// Box constraints on θ (inputs in the unit cube, targets standardized).
    static let logLengthRange = (log(0.01), log(10.0))
    static let logSignalRange = (log(0.01), log(100.0))
    static let logNoiseRange = (log(1e-6), log(1.0))
    /// Prior centres and spreads on the log scale.
    static let lengthPrior = (mean: log(0.5), sd: 1.5), signalPrior = (mean: 0.0, sd: 1.5)

    /// Log marginal likelihood + log prior, and its gradient, at θ (flattened: D lengths, signal, noise).
    static func objective(_ x: [Double], _ y: [Double], _ n: Int, _ d: Int, _ theta: [Double]) -> (Double, [Double])? {
        let inverseLengths = theta[0..<d].map { exp(-$0) }
        let signal = exp(theta[d]), noise = exp(theta[d + 1])
        guard let (factor, kf) = covarianceFactor(x, n, d, inverseLengths, signal, noise) else { return nil }
        var alpha = y, inverse = factor
        guard BLAS.choleskySolve(factor: factor, n: n, &alpha), BLAS.choleskyInverse(&inverse, n: n) else { return nil }
        // Phase 1: the value.
        var value = -0.5 * Double(n) * log(2 * Double.pi)
        for i in 0..<n { value += -0.5 * y[i] * alpha[i] - log(factor[i * n + i]) }
        // Phase 2: gradient of the likelihood, with W = ααᵀ − K⁻¹ (symmetric: sum i > j twice).
        var grad = [Double](repeating: 0, count: d + 2)
        for i in 0..<n {
            let wii = alpha[i] * alpha[i] - inverse[i * n + i]
            grad[d] += 0.5 * wii * signal
            grad[d + 1] += 0.5 * wii * noise
            for j in 0..<i {
                let w = alpha[i] * alpha[j] - inverse[i * n + j]
                grad[d] += w * kf[i * n + j]
                var r2 = 0.0
                for k in 0..<d { let t = (x[i * d + k] - x[j * d + k]) * inverseLengths[k]; r2 += t * t }
                let r = r2.squareRoot()
                let common = w * signal * (5.0 / 3.0) * (1 + sqrt5 * r) * exp(-sqrt5 * r)
                for k in 0..<d { let t = (x[i * d + k] - x[j * d + k]) * inverseLengths[k]; grad[k] += common * t * t }
            }
        }
        // Phase 3: the priors.
        for k in 0..<d {
            value += logNormal(theta[k], lengthPrior);
            grad[k] -= (theta[k] - lengthPrior.mean) / (lengthPrior.sd * lengthPrior.sd)
        }
        value += logNormal(theta[d], signalPrior)
        grad[d] -= (theta[d] - signalPrior.mean) / (signalPrior.sd * signalPrior.sd)
        return (value, grad)
    }

    static func logNormal(_ t: Double, _ p: (mean: Double, sd: Double)) -> Double {
        let z = (t - p.mean) / p.sd
        return -0.5 * z * z
    }

    /// Maximizes `objective` by Adam from each start; returns the best θ found.
    static func fit(points: [[Double]], values: [Double], starts: [GPHyperparameters], iterations: Int = 60) -> GPHyperparameters?
    {
        guard let d = points.first?.count else { return nil }
        let x = points.flatMap { $0 }, n = points.count
        var best: (Double, [Double])?
        for start in starts where start.logLengthScales.count == d {
            let theta0 = start.logLengthScales + [start.logSignalVariance, start.logNoiseVariance]
            if let (v, theta) = adam(x, values, n, d, clamped(theta0, d), iterations), v > (best?.0 ?? -.infinity) {
                best = (v, theta)
            }
        }
        return best.map {
            GPHyperparameters(logLengthScales: Array($0.1[0..<d]), logSignalVariance: $0.1[d], logNoiseVariance: $0.1[d + 1])
        }
    }

    /// Adam ascent with box clamping; a step whose factorization fails is undone and the rate halved.
    static func adam(
        _ x: [Double], _ y: [Double], _ n: Int, _ d: Int, _ start: [Double], _ iterations: Int
    ) -> (Double, [Double])? {
        guard var (value, grad) = objective(x, y, n, d, start) else { return nil }
        var theta = start, best = (value, theta)
        var m = [Double](repeating: 0, count: d + 2), v = m
        var rate = 0.1
        let (b1, b2) = (0.9, 0.999)
        for t in 1...max(iterations, 1) {
            var next = theta
            for k in theta.indices {
                m[k] = b1 * m[k] + (1 - b1) * grad[k]
                v[k] = b2 * v[k] + (1 - b2) * grad[k] * grad[k]
                let mh = m[k] / (1 - pow(b1, Double(t))), vh = v[k] / (1 - pow(b2, Double(t)))
                next[k] += rate * mh / (vh.squareRoot() + 1e-8)
            }
            next = clamped(next, d)
            guard let (nv, ng) = objective(x, y, n, d, next) else { rate *= 0.5; continue }
            theta = next; value = nv; grad = ng
            if value > best.0 { best = (value, theta) }
        }
        return best
    }

    static func clamped(_ theta: [Double], _ d: Int) -> [Double] {
        theta.enumerated().map { k, t in
            let (lo, hi) = k < d ? logLengthRange : (k == d ? logSignalRange : logNoiseRange)
            return t.isFinite ? min(max(t, lo), hi) : lo
        }
    }
}

extension GaussianProcess {
    /// The fit's objective — log marginal likelihood plus the log priors — and its gradient with
    /// respect to (log ℓ₁ … log ℓ_D, log σ², log σₙ²); nil if K is not positive definite.
    public static func fitObjective(
        points: [[Double]], values: [Double], hyperparameters h: GPHyperparameters
    ) -> (value: Double, gradient: [Double])? {
        guard let d = points.first?.count, d == h.logLengthScales.count, points.count == values.count else { return nil }
        return GPFit.objective(
            points.flatMap { $0 }, values, points.count, d,
            h.logLengthScales + [h.logSignalVariance, h.logNoiseVariance])
    }

    /// A GP with hyperparameters fitted to the data (from the default starting points).
    public static func fitted(points: [[Double]], values: [Double]) -> GaussianProcess? {
        guard let d = points.first?.count else { return nil }
        let start = GPHyperparameters(
            logLengthScales: Array(repeating: log(0.5), count: d), logSignalVariance: 0, logNoiseVariance: log(1e-3))
        guard let h = GPFit.fit(points: points, values: values, starts: [start]) else { return nil }
        return GaussianProcess(points: points, values: values, hyperparameters: h)
    }
}
