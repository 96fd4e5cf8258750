// Gaussian-process Bayesian optimization ("bayes"; Snoek, Larochelle & Adams 2012): a GP surrogate
// (GaussianProcess.swift, hyperparameters fitted by GPFit.swift) and the expected improvement
//   EI(x) = σ(x) · (z Φ(z) + φ(z)),  z = (y_best − μ(x)) / σ(x)        (Snoek 2012, eq. 2)
// maximized in two phases: (1) a screen of random points from the prior plus perturbations of the
// best trials so far; (2) local refinement of the top candidates by shrinking random steps.
// NOTE: EI is compared in log space (log σ + log h(z)), whose asymptotic form for z ≪ 0 keeps
// the ordering meaningful where EI itself underflows to 0.
// - the first `startupTrials` (10) trials come from the prior;
// - only done trials with a finite objective condition the GP (pruned and failed are ignored);
// - targets are standardized; the fit warm-starts from the previous proposal's hyperparameters;
// - with more than `maxFitPoints` trials the hyperparameters are fitted on the best half of
//   that many plus an even spread of the rest (the posterior still uses every trial), which
//   keeps a proposal under 100 ms at 200 trials.
import Kernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct GPSampler: Sampler {
    public struct Options: Sendable, Hashable {
        public var startupTrials = 10
        public var screenedCandidates = 1000
        public var refinedCandidates = 5
        public var refinementSteps = 30
        public var maxFitPoints = 80
        public init() {}
    }

    public let space: SearchSpace
    public var options: Options
    let encoding: UnitEncoding
    var rng: RNG
    var prior: RandomSampler
    /// Hyperparameters of the last fit (a warm start for the next).
    public private(set) var lastHyperparameters: GPHyperparameters?

    public init(space: SearchSpace, seed: UInt64, options: Options = Options()) {
        self.space = space
        self.options = options
        encoding = UnitEncoding(space)
        rng = RNG(seed: seed, stream: "search.gp")
        prior = RandomSampler(space: space, seed: seed)
    }

    /// Fewer trials than the start-up count cannot hold enough complete ones for a model.
    public func proposalIgnoresResults(trialsBefore count: Int) -> Bool { count < max(options.startupTrials, 2) }

    public mutating func propose(history: [Trial]) -> Configuration? {
        let done = history.filter(\.isComplete)
        guard done.count >= max(options.startupTrials, 2), let model = fitModel(done) else {
            return prior.propose(history: history)
        }
        let ys = model.values
        let best = ys.min() ?? 0
        var candidates = screen(done, ys)
        let scores = logEI(model.gp, candidates, best)
        let top = scores.indices.sorted { scores[$0] > scores[$1] }.prefix(options.refinedCandidates)
        var winner = (score: -Double.infinity, point: candidates[0])
        for i in top {
            let refined = refine(model.gp, candidates[i], scores[i], best)
            if refined.score > winner.score { winner = refined }
        }
        candidates.removeAll()
        return encoding.decode(winner.point)
    }

    /// The GP on the done trials, with standardized targets.
    mutating func fitModel(_ done: [Trial]) -> (gp: GaussianProcess, values: [Double])? {
        let points = done.map { encoding.encode($0.configuration) }
        let raw = done.map { $0.objective! }
        let mean = raw.reduce(0, +) / Double(raw.count)
        let sd = (raw.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(raw.count)).squareRoot()
        let ys = raw.map { ($0 - mean) / (sd > 1e-12 ? sd : 1) }
        let subset = fitSubset(ys)
        let d = encoding.dimension
        var starts = [
            GPHyperparameters(
                logLengthScales: Array(repeating: log(0.5), count: d), logSignalVariance: 0, logNoiseVariance: log(1e-3))
        ]
        if let last = lastHyperparameters {
            starts.insert(last, at: 0)
        } else {
            starts.append(
                GPHyperparameters(
                    logLengthScales: Array(repeating: log(0.15), count: d), logSignalVariance: 0, logNoiseVariance: log(1e-4)))
        }
        guard let h = GPFit.fit(points: subset.map { points[$0] }, values: subset.map { ys[$0] }, starts: starts),
            let gp = GaussianProcess(points: points, values: ys, hyperparameters: h)
        else { return nil }
        lastHyperparameters = h
        return (gp, ys)
    }

    /// Indices used to fit the hyperparameters: all, or the best half of `maxFitPoints` plus an even spread.
    func fitSubset(_ ys: [Double]) -> [Int] {
        let cap = max(options.maxFitPoints, 4)
        guard ys.count > cap else { return Array(ys.indices) }
        let ranked = ys.indices.sorted { ys[$0] < ys[$1] }
        let rest = Array(ranked.dropFirst(cap / 2)), k = cap - cap / 2
        return Array(ranked.prefix(cap / 2)) + (0..<k).map { rest[$0 * rest.count / k] }
    }

    /// Phase 1 candidates: prior draws, and perturbations of the five best trials.
    mutating func screen(_ done: [Trial], _ ys: [Double]) -> [[Double]] {
        var out = (0..<max(options.screenedCandidates, 1)).map { _ in encoding.encode(space.sample(using: &rng)) }
        let best = ys.indices.sorted { ys[$0] < ys[$1] }.prefix(5)
        for i in best {
            let u = encoding.encode(done[i].configuration)
            for _ in 0..<options.screenedCandidates / 10 { out.append(perturbed(u, scale: 0.1)) }
        }
        return out
    }

    /// Gaussian steps on numeric coordinates; a choice is redrawn with probability 0.2.
    mutating func perturbed(_ u: [Double], scale: Double) -> [Double] {
        var v = u
        for (i, p) in space.parameters.enumerated() {
            if case .choice(let vs) = p.domain {
                guard rng.uniformDouble() < 0.2 else { continue }
                for k in 0..<vs.count { v[encoding.offsets[i] + k] = 0 }
                v[encoding.offsets[i] + rng.int(below: vs.count)] = 1
            } else {
                v[encoding.offsets[i]] = min(max(v[encoding.offsets[i]] + scale * rng.normalDouble(), 0), 1)
            }
        }
        return encoding.snapped(v)
    }

    /// Phase 2: accept improving random steps, halving the step every 10 tries.
    mutating func refine(
        _ gp: GaussianProcess, _ start: [Double], _ score: Double, _ best: Double
    ) -> (score: Double, point: [Double]) {
        var current = (score: score, point: start), scale = 0.05
        for step in 0..<options.refinementSteps {
            if step > 0, step % 10 == 0 { scale *= 0.5 }
            let trial = perturbed(current.point, scale: scale)
            let s = logEI(gp, [trial], best)[0]
            if s > current.score { current = (s, trial) }
        }
        return current
    }

    func logEI(_ gp: GaussianProcess, _ points: [[Double]], _ best: Double) -> [Double] {
        let (mean, variance) = gp.predict(points)
        return zip(mean, variance).map { mu, v in
            let s = v.squareRoot()
            return log(s) + logH((best - mu) / s)
        }
    }
}

/// log(z Φ(z) + φ(z)); for z < −6 the asymptotic φ(z)/z² · (1 − 3/z² + 15/z⁴) avoids cancellation.
func logH(_ z: Double) -> Double {
    if z > -6 { return log(max(z * normalCDF(z) + normalPDF(z), .leastNormalMagnitude)) }
    let w = 1 / (z * z)
    return -0.5 * z * z - logSqrt2Pi + log(w) + log(1 - 3 * w + 15 * w * w)
}
