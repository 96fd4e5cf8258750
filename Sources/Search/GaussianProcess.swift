// A Gaussian-process regression model on the unit cube (Rasmussen & Williams 2006, ch. 2, 4):
// Matérn 5/2 covariance with one length scale per dimension (ARD),
//   k(x, x') = σ² (1 + √5 r + 5r²/3) exp(−√5 r),   r² = Σ_d (x_d − x'_d)² / ℓ_d²   (R&W eq. 4.17),
// observation noise σₙ², zero prior mean on standardized targets. Posterior (R&W Algorithm 2.1):
//   L = chol(K + σₙ² I),  α = K⁻¹y,  μ(x*) = k*ᵀα,  var(x*) = σ² − k*ᵀ K⁻¹ k*   (latent f, no noise).
// Shapes: N training points, D dimensions, M query points; matrices are row-major [Double].
import Kernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Kernel hyperparameters, all on the log scale (what the fit optimizes).
public struct GPHyperparameters: Sendable, Hashable {
    public var logLengthScales: [Double]
    public var logSignalVariance: Double
    public var logNoiseVariance: Double

    public init(logLengthScales: [Double], logSignalVariance: Double, logNoiseVariance: Double) {
        self.logLengthScales = logLengthScales
        self.logSignalVariance = logSignalVariance
        self.logNoiseVariance = logNoiseVariance
    }

    /// Length scales ℓ (not logs).
    public var lengthScales: [Double] { logLengthScales.map { exp($0) } }
}

let sqrt5 = 5.0.squareRoot()

/// Matérn 5/2 correlation at scaled distance r (without σ²).
@inline(__always) func matern52(_ r: Double) -> Double {
    (1 + sqrt5 * r + 5.0 / 3.0 * r * r) * exp(-sqrt5 * r)
}

/// The fitted model: training inputs, the Cholesky factor of K + σₙ²I, α and K⁻¹.
public struct GaussianProcess: Sendable {
    public let hyperparameters: GPHyperparameters
    let x: [Double]  // N×D
    let n: Int, d: Int
    let alpha: [Double]  // N
    let inverse: [Double]  // N×N, (K + σₙ²I)⁻¹
    let inverseLengths: [Double]
    let signal: Double

    /// Conditions the GP on `points` (N×D, each in [0,1]^D) and standardized `values`.
    /// Returns nil when the kernel matrix is not positive definite even with added jitter.
    public init?(points: [[Double]], values: [Double], hyperparameters h: GPHyperparameters) {
        guard let first = points.first, points.count == values.count, h.logLengthScales.count == first.count else { return nil }
        n = points.count; d = first.count
        x = points.flatMap { $0 }
        hyperparameters = h
        inverseLengths = h.lengthScales.map { 1 / $0 }
        signal = exp(h.logSignalVariance)
        guard let (factor, _) = covarianceFactor(x, n, d, inverseLengths, signal, exp(h.logNoiseVariance)) else { return nil }
        var a = values
        var inv = factor
        guard BLAS.choleskySolve(factor: factor, n: n, &a), BLAS.choleskyInverse(&inv, n: n) else { return nil }
        alpha = a; inverse = inv
    }

    /// Posterior mean and variance of the latent function at each query point (M×D).
    public func predict(_ queries: [[Double]]) -> (mean: [Double], variance: [Double]) {
        let m = queries.count
        guard m > 0 else { return ([], []) }
        // Phase 1: cross-covariances K* (M×N).
        var ks = [Double](repeating: 0, count: m * n)
        for (q, point) in queries.enumerated() {
            for i in 0..<n { ks[q * n + i] = signal * matern52(scaledDistance(point, i)) }
        }
        // Phase 2: mean = K* α; V = K* K⁻¹ (one dgemm), variance = σ² − rowwise ⟨V, K*⟩.
        var v = [Double](repeating: 0, count: m * n)
        ks.withUnsafeBufferPointer { kp in
            inverse.withUnsafeBufferPointer { ip in
                v.withUnsafeMutableBufferPointer { vp in
                    BLAS.dgemm(m: m, n: n, k: n, a: kp.baseAddress!, b: ip.baseAddress!, c: vp.baseAddress!)
                }
            }
        }
        var mean = [Double](repeating: 0, count: m), variance = [Double](repeating: 0, count: m)
        for q in 0..<m {
            var mu = 0.0, quad = 0.0
            for i in 0..<n { mu += ks[q * n + i] * alpha[i]; quad += v[q * n + i] * ks[q * n + i] }
            mean[q] = mu
            variance[q] = max(signal - quad, 1e-12 * signal)
        }
        return (mean, variance)
    }

    @inline(__always) func scaledDistance(_ point: [Double], _ i: Int) -> Double {
        var r2 = 0.0
        for k in 0..<d { let t = (point[k] - x[i * d + k]) * inverseLengths[k]; r2 += t * t }
        return r2.squareRoot()
    }
}

/// Cholesky factor of K + (σₙ² + jitter)·I for N×D inputs `x`, and the noise-free K.
/// NOTE: Matérn matrices of nearby points are ill-conditioned; if the factorization fails the
/// jitter grows tenfold from 1e-8 up to 1e-2 (relative to σ²) before giving up.
func covarianceFactor(
    _ x: [Double], _ n: Int, _ d: Int, _ inverseLengths: [Double], _ signal: Double, _ noise: Double
) -> ([Double], [Double])? {
    var kf = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
        kf[i * n + i] = signal
        for j in 0..<i {
            var r2 = 0.0
            for k in 0..<d { let t = (x[i * d + k] - x[j * d + k]) * inverseLengths[k]; r2 += t * t }
            let c = signal * matern52(r2.squareRoot())
            kf[i * n + j] = c; kf[j * n + i] = c
        }
    }
    var jitter = 1e-8 * signal
    while jitter <= 1e-2 * signal {
        var a = kf
        for i in 0..<n { a[i * n + i] += noise + jitter }
        if BLAS.cholesky(&a, n: n) { return (a, kf) }
        jitter *= 10
    }
    return nil
}
