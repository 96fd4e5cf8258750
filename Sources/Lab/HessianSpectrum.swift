// The Hessian's spectrum by Lanczos iteration on Hessian-vector products (the same central
// differences of full-data gradients as Sharpness.swift): m steps build an orthonormal basis
// q₁ … q_m of the Krylov space of a random start vector and the tridiagonal T = QᵀHQ; T's
// eigenvalues (Ritz values) approximate H's, the extreme ones first (Golub & Van Loan §10.1), so
// the most negative curvature — a saddle — shows after a few dozen products on any network.
// Full reorthogonalization (twice, against every q) keeps the basis orthogonal in finite
// precision, so no spurious copies of converged values appear.
//
// Each Ritz value θ with eigenvector s of T has a residual ‖Hy − θy‖ = β_m·|s_m| (y = Qs):
// an eigenvalue of H lies within it. The squared first components s₁² are the weights of the
// spectral density estimate (stochastic Lanczos quadrature with one start vector; Ghorbani et
// al. 2019 used it for neural-network Hessians): density(λ) = Σ s₁²·N(λ; θ, σ²).
import Kernels
import Networks

public struct HessianSpectrum: Sendable, Equatable {
    /// Ritz values, ascending.
    public var values: [Double]
    /// The residual bound of each: an eigenvalue of H lies within it.
    public var residuals: [Double]
    /// The density weight of each (they sum to 1).
    public var weights: [Double]
    /// Lanczos steps taken (Hessian-vector products).
    public var steps: Int
    /// Stopped by a cancel (the values are those of the steps so far).
    public var cancelled: Bool
    /// The finite-difference step ε in weight units.
    public var step: Double
    /// The mean training loss at the weights.
    public var loss: Double

    /// The spectral density at λ, each Ritz value broadened to a Gaussian of width σ.
    public func density(at lambda: Double, width sigma: Double) -> Double {
        guard sigma > 0 else { return 0 }
        var total = 0.0
        for (v, w) in zip(values, weights) {
            let z = (lambda - v) / sigma
            total += w * exp(-0.5 * z * z) / (sigma * (2 * Double.pi).squareRoot())
        }
        return total
    }
}

public enum Lanczos {
    /// Most steps one call may take.
    public static let maxSteps = 300
    /// Bytes the kept basis (a Double vector of the parameter count per step) may use.
    public static let basisBudget = 256 << 20

    /// The steps that fit `requested`, the parameter count and the basis budget.
    public static func feasibleSteps(_ requested: Int, parameters n: Int) -> Int {
        min(max(requested, 1), max(n, 1), maxSteps, max(basisBudget / (8 * max(n, 1)), 2))
    }

    /// The spectrum of the Hessian of `gradient`'s loss at its network's weights, after up to
    /// `steps` Lanczos steps (fewer when the Krylov space is exhausted, at most the parameter count).
    public static func spectrum(
        _ gradient: FullGradient, steps: Int, seed: UInt64 = 0, relativeStep: Double = Sharpness.relativeStep,
        cancel: RunControl? = nil, onStep: ((Int, Double, Double) -> Void)? = nil
    ) -> HessianSpectrum {
        let n = gradient.parameterCount
        let m = feasibleSteps(steps, parameters: n)
        let epsilon = relativeStep * max(Vec.norm(n, gradient.network.parameters.base), 1)
        var rng = RNG(seed: seed, stream: "lanczos")
        var q = DoubleVector.unit((0..<n).map { _ in Double(rng.normal()) })
        var basis: [[Double]] = []
        var alpha: [Double] = [], beta: [Double] = []
        let loss = gradient.gradient().loss
        var cancelled = false
        for j in 0..<m {
            if cancel?.isCancelled == true {
                cancelled = true
                break
            }
            basis.append(q)
            var w = Sharpness.hessianVectorProduct(gradient, q, epsilon: epsilon).product
            let a = DoubleVector.dot(q, w)
            alpha.append(a)
            for _ in 0..<2 {
                for b in basis {
                    let c = DoubleVector.dot(b, w)
                    for i in 0..<n { w[i] -= c * b[i] }
                }
            }
            let norm = DoubleVector.dot(w, w).squareRoot()
            if let onStep, j < 60 || (j + 1) % 10 == 0 {
                let ritz = tridiagonalEigen(alpha, beta)
                onStep(j + 1, ritz.values.min() ?? a, ritz.values.max() ?? a)
            }
            guard norm.isFinite, norm > 1e-10 * max(abs(a), 1), j + 1 < m else {
                beta.append(norm.isFinite ? norm : 0)
                break
            }
            beta.append(norm)
            q = w.map { $0 / norm }
        }
        let k = alpha.count
        let ritz = tridiagonalEigen(alpha, Array(beta.prefix(max(k - 1, 0))))
        let last = k > 0 && beta.count >= k ? beta[k - 1] : 0
        let order = ritz.values.indices.sorted { ritz.values[$0] < ritz.values[$1] }
        return HessianSpectrum(
            values: order.map { ritz.values[$0] },
            residuals: order.map { abs(last * (ritz.vectors[$0].last ?? 0)) },
            weights: order.map { (ritz.vectors[$0].first ?? 0) * (ritz.vectors[$0].first ?? 0) },
            steps: k, cancelled: cancelled, step: epsilon, loss: loss)
    }

    /// Eigenvalues and eigenvectors of the symmetric tridiagonal matrix with diagonal `alpha`
    /// and off-diagonal `beta` (the first alpha.count − 1 entries).
    static func tridiagonalEigen(_ alpha: [Double], _ beta: [Double]) -> (values: [Double], vectors: [[Double]]) {
        let k = alpha.count
        var t = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k {
            t[i][i] = alpha[i]
            if i + 1 < k, i < beta.count {
                t[i][i + 1] = beta[i]
                t[i + 1][i] = beta[i]
            }
        }
        return SymmetricEigen.decomposed(t)
    }
}

#if canImport(Glibc)
import Glibc
#endif
