// Small numeric helpers shared by the samplers: the standard normal's density, distribution
// function and their logs in the tails, log-sum-exp, and the log mass of an interval.
// Foundation-free: only the C library's exp/log/erfc.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always) func ln(_ x: Double) -> Double { log(x) }

let logSqrt2Pi = 0.5 * log(2 * Double.pi)

/// Standard normal density φ(z).
@inline(__always) func normalPDF(_ z: Double) -> Double { exp(-0.5 * z * z - logSqrt2Pi) }

/// Standard normal distribution function Φ(z) = ½ erfc(−z/√2).
@inline(__always) func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

/// log Φ(z), accurate in both tails. For z < −20 the asymptotic series
/// Φ(z) ≈ φ(z)/|z| · (1 − 1/z² + 3/z⁴ − 15/z⁶) (Abramowitz & Stegun 26.2.12) replaces erfc,
/// which underflows near z = −38.
func logNormalCDF(_ z: Double) -> Double {
    if z > 6 { return -normalCDF(-z) }  // log(1 − ε) ≈ −ε
    if z > -20 { return log(normalCDF(z)) }
    let w = 1 / (z * z)
    return -0.5 * z * z - logSqrt2Pi - log(-z) + log(1 - w + 3 * w * w - 15 * w * w * w)
}

/// log(e^p − e^q) for p ≥ q.
@inline(__always) func logDiffExp(_ p: Double, _ q: Double) -> Double {
    q == -.infinity ? p : p + log(-expm1(q - p))
}

/// log of the standard normal mass on [a, b]. NOTE: works in the left tail by symmetry, where
/// log Φ is accurate, and uses log1p for intervals straddling 0 (as Optuna's _truncnorm does).
func logGaussMass(_ a: Double, _ b: Double) -> Double {
    if b <= 0 { return logDiffExp(logNormalCDF(b), logNormalCDF(a)) }
    if a > 0 { return logDiffExp(logNormalCDF(-a), logNormalCDF(-b)) }
    return log1p(-normalCDF(a) - normalCDF(-b))
}

/// log Σ exp(xᵢ), stable for large magnitudes; −∞ for an empty or all −∞ input.
func logSumExp(_ xs: [Double]) -> Double {
    guard let m = xs.max(), m > -.infinity else { return -.infinity }
    var s = 0.0
    for x in xs { s += exp(x - m) }
    return m + log(s)
}
