// The Parzen estimator of TPE (Bergstra et al. 2011, §4; Optuna 5.0's `_ParzenEstimator`): a
// mixture with one kernel per observation plus one prior kernel, a product over dimensions.
//
// Coordinates ("points"): a continuous parameter is given on its search scale (log for log
// parameters), an integer by its integer value, a choice by its index.
// - numeric dimension: kernel k is a Gaussian N(μₖ, σₖ) truncated to the (widened) search-scale
//   bounds; μₖ is the observation, σₖ the larger gap to its sorted neighbours (the bounds count
//   as neighbours; the two outermost kernels use their inner gap only), clipped to
//   [range / min(100, n + 2), range] — the "magic clip". The prior kernel is N(centre, range).
//   Integers get the kernel's mass over their bin [v − ½, v + ½] (on the log scale if log).
// - choice dimension: kernel k puts weight 1 + p/(n+1) on its observed index and p/(n+1)
//   elsewhere (p = prior weight), normalized; the prior kernel is uniform.
// - mixture weights: Optuna's default — 1 for each of the newest 25 observations, a linear ramp
//   from 1/n up to 1 for older ones — plus the prior weight, normalized.
import Kernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct ParzenEstimator {
    /// Choices Optuna documents (and the literature behind them); the defaults are Optuna 5.0's.
    struct Settings: Sendable, Hashable {
        var priorWeight = 1.0
        /// Optuna's `consider_endpoints`: when true the outermost kernels also count their gap to
        /// the bound (max of both gaps, as for inner kernels); when false they use the inner gap only.
        var considerEndpoints = false
        /// Numeric bandwidths: neighbour gaps (Bergstra et al. 2011; Optuna univariate), or
        /// Scott's rule σ = 0.2 · n^(−1/(d+4)) · range, Optuna's rule for its multivariate kernels
        /// (Falkner et al. 2018 also use a Scott-style rule in BOHB). Both are then magic-clipped.
        var scottBandwidth = false
        /// Mixture weights: Optuna's ramp for observations older than the newest 25 (false), or
        /// the paper's equal weights for all (true).
        var flatWeights = false
        /// Magic clip: σ ≥ range · max(Δ, 1/(n + 2)^α) (Watanabe 2023, §3.4; Optuna: α = 1, Δ = 0.01).
        var magicClipExponent = 1.0
        var minBandwidthFactor = 0.01
        /// Explicit observation weights (same count as the points), replacing the schedule above.
        var observationWeights: [Double]?
    }

    /// Kernels of one numeric dimension.
    struct Numeric {
        var mus: [Double], sigmas: [Double], logMass: [Double]
        var low: Double, high: Double
        /// nil: continuous; otherwise an integer dimension (log-spaced or not).
        var integerLog: Bool?
    }
    enum Dimension {
        case numeric(Numeric)
        case choice([[Double]])  // kernel × value probabilities
    }

    let logWeights: [Double]
    let dimensions: [Dimension]

    /// Fits the mixture to `points` (observation × dimension), oldest first.
    init(points: [[Double]], domains: [Domain], priorWeight: Double = 1) {
        var settings = Settings()
        settings.priorWeight = priorWeight
        self.init(points: points, domains: domains, settings: settings)
    }

    init(points: [[Double]], domains: [Domain], settings: Settings) {
        let priorWeight = settings.priorWeight
        var w =
            settings.observationWeights
            ?? (settings.flatWeights ? Array(repeating: 1.0, count: points.count) : Self.observationWeights(points.count))
        w.append(points.isEmpty ? 1 : priorWeight)
        let total = w.reduce(0, +)
        logWeights = w.map { log($0 / total) }
        dimensions = domains.enumerated().map { d, domain in
            Self.dimension(points.map { $0[d] }, domain, settings, dimensionCount: domains.count)
        }
    }

    /// Optuna's `default_weights(n)`: flat for the newest 25, a ramp from 1/n for older ones.
    static func observationWeights(_ n: Int) -> [Double] {
        guard n >= 25 else { return Array(repeating: 1, count: n) }
        let ramp = n - 25
        return (0..<ramp).map { i in
            ramp == 1 ? 1.0 / Double(n) : 1.0 / Double(n) + (1 - 1.0 / Double(n)) * Double(i) / Double(ramp - 1)
        }
            + Array(repeating: 1, count: 25)
    }

    static func dimension(_ xs: [Double], _ domain: Domain, _ settings: Settings, dimensionCount: Int) -> Dimension {
        if case .choice(let values) = domain { return choiceDimension(xs, values.count, settings.priorWeight) }
        let (low, high) = domain.scaledBounds!
        var integerLog: Bool?
        if case .integer(_, _, let log) = domain { integerLog = log }
        let mus = xs.map { integerLog == nil ? $0 : domain.scaled($0) }
        var sigmas =
            settings.scottBandwidth
            ? scottBandwidths(mus.count, dimensionCount, low, high)
            : neighbourBandwidths(
                mus, low, high, considerEndpoints: settings.considerEndpoints,
                clipExponent: settings.magicClipExponent, minFactor: settings.minBandwidthFactor)
        let all = mus + [0.5 * (low + high)]
        sigmas.append(high - low)
        // NOTE: a degenerate range (low == high) would make every σ zero; keep them positive.
        sigmas = sigmas.map { max($0, 1e-12) }
        let logMass = zip(all, sigmas).map { m, s in logGaussMass((low - m) / s, (high - m) / s) }
        return .numeric(Numeric(mus: all, sigmas: sigmas, logMass: logMass, low: low, high: high, integerLog: integerLog))
    }

    /// Kernel k: 1 + p/(n+1) on its observed index, p/(n+1) elsewhere, normalized; the prior uniform.
    static func choiceDimension(_ xs: [Double], _ c: Int, _ priorWeight: Double) -> Dimension {
        let k = xs.count + 1
        var rows = xs.map { x in
            var row = Array(repeating: priorWeight / Double(k), count: c)
            row[min(max(Int(x), 0), c - 1)] += 1
            return row
        }
        rows.append(Array(repeating: 1, count: c))
        return .choice(
            rows.map { r in
                let s = r.reduce(0, +); return r.map { $0 / s }
            })
    }

    /// σᵢ from the gaps between sorted neighbours (bounds included), clipped (Optuna, `consider_endpoints=False`).
    static func neighbourBandwidths(
        _ mus: [Double], _ low: Double, _ high: Double, considerEndpoints: Bool = false,
        clipExponent: Double = 1, minFactor: Double = 0.01
    ) -> [Double] {
        let n = mus.count
        guard n > 0 else { return [] }
        let order = mus.indices.sorted { mus[$0] < mus[$1] }
        var s: [Double] = [low]
        for i in order { s.append(mus[i]) }
        s.append(high)
        var sorted: [Double] = (1...n).map { (i: Int) -> Double in max(s[i] - s[i - 1], s[i + 1] - s[i]) }
        if n >= 2 && !considerEndpoints { sorted[0] = s[2] - s[1]; sorted[n - 1] = s[n] - s[n - 1] }
        let range = high - low, minSigma = range * max(minFactor, pow(Double(n + 2), -clipExponent))
        var sigmas = Array(repeating: 0.0, count: n)
        for (rank, i) in order.enumerated() { sigmas[i] = min(max(sorted[rank], minSigma), range) }
        return sigmas
    }

    /// Optuna's multivariate rule: σ = 0.2 · max(n, 1)^(−1/(d+4)) · range for every kernel
    /// (Scott's rule with Optuna's constant), magic-clipped like the neighbour gaps.
    static func scottBandwidths(_ n: Int, _ d: Int, _ low: Double, _ high: Double) -> [Double] {
        let range = high - low, minSigma = range / min(100, Double(n + 2))
        let sigma = 0.2 * pow(Double(max(n, 1)), -1.0 / Double(d + 4)) * range
        return Array(repeating: min(max(sigma, minSigma), range), count: n)
    }

    /// `count` points drawn from the mixture: a kernel by weight, then every dimension from it.
    func sample(count: Int, domains: [Domain], using rng: inout RNG) -> [[Double]] {
        (0..<count).map { _ in
            let k = drawKernel(&rng)
            return dimensions.enumerated().map { d, dim in Self.draw(dim, kernel: k, domains[d], &rng) }
        }
    }

    func drawKernel(_ rng: inout RNG) -> Int {
        var u = rng.uniformDouble()
        for (k, lw) in logWeights.enumerated() {
            u -= exp(lw)
            if u < 0 { return k }
        }
        return logWeights.count - 1
    }

    static func draw(_ dim: Dimension, kernel k: Int, _ domain: Domain, _ rng: inout RNG) -> Double {
        switch dim {
        case .choice(let rows):
            var u = rng.uniformDouble()
            for (i, p) in rows[k].enumerated() { u -= p; if u < 0 { return Double(i) } }
            return Double(rows[k].count - 1)
        case .numeric(let n):
            let x = truncatedNormal(n.mus[k], n.sigmas[k], n.low, n.high, &rng)
            return n.integerLog == nil ? x : domain.value(atScaled: x).number!
        }
    }

    /// Rejection sampling. Every μ lies inside [low, high] and σ ≤ high − low, so at least 34%
    /// of draws are accepted; after 64 misses (practically never) the kernel's centre is returned.
    static func truncatedNormal(_ mu: Double, _ sigma: Double, _ low: Double, _ high: Double, _ rng: inout RNG) -> Double {
        for _ in 0..<64 {
            let x = mu + sigma * rng.normalDouble()
            if x >= low && x <= high { return x }
        }
        return min(max(mu, low), high)
    }

    /// log density of the mixture at `x` (mass for integer and choice dimensions).
    func logDensity(_ x: [Double], domains: [Domain]) -> Double {
        var terms = logWeights
        for (d, dim) in dimensions.enumerated() {
            switch dim {
            case .choice(let rows):
                let i = Int(x[d])
                for k in terms.indices { terms[k] += log(rows[k][i]) }
            case .numeric(let n):
                for k in terms.indices { terms[k] += Self.logKernel(n, k, x[d], domains[d]) }
            }
        }
        return logSumExp(terms)
    }

    static func logKernel(_ n: Numeric, _ k: Int, _ x: Double, _ domain: Domain) -> Double {
        let mu = n.mus[k], s = n.sigmas[k]
        guard n.integerLog != nil else {
            let z = (x - mu) / s
            return -0.5 * z * z - logSqrt2Pi - log(s) - n.logMass[k]
        }
        let left = max(domain.scaled(x - 0.5), n.low), right = min(domain.scaled(x + 0.5), n.high)
        return logGaussMass((left - mu) / s, (right - mu) / s) - n.logMass[k]
    }
}
