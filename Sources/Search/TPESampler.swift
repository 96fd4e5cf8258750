// Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio & Kégl 2011, "Algorithms for
// Hyper-Parameter Optimization", §4). Where the paper leaves a choice, Basin takes Optuna 5.0's
// defaults except in two places, both from Watanabe's ablation study of TPE's components (2023,
// "Tree-Structured Parzen Estimator: Understanding Its Algorithm Components and Their Roles for
// Better Empirical Performance") and both chosen on held-out seeds (see below):
// - the first `startupTrials` (10) trials are drawn from the prior;
// - split: the best γ(n) = min(⌈0.1·n⌉, 25) trials are "good" (density l), the rest "bad" (g),
//   where n counts done and pruned trials; done trials rank by objective, pruned ones after them
//   by larger budget, then objective (Optuna's `_split_trials`);
// - failed trials: Optuna ignores them; Basin (by default) adds them to the bad set, so that a
//   region where runs diverge (a too-large learning rate) is avoided rather than re-sampled;
// - 24 candidates are drawn from l(x) and the one maximizing log l(x) − log g(x) is kept
//   (maximizing l/g maximizes expected improvement under the TPE model, §4.1);
// - multivariate (Optuna 5.0's default for one objective; Falkner et al. 2018 use the same
//   product kernels in BOHB): parameters that are always active together — one *group*, see
//   `SearchSpace.groups` — share kernels, so a candidate is drawn jointly. `multivariate: false`
//   gives the paper's independent per-parameter TPE.
// - (Watanabe) magic clip σ ≥ range · max(0.03, 1/(n + 2)²) instead of Optuna's range / min(100,
//   n + 2): with few observations Optuna's floor is so wide (a seventh of the range for 5 good
//   trials) that l(x) cannot concentrate on the best region; the squared term lets it.
// - (Watanabe) "EI" weights for the good set: kernel i of l(x) weighs y* − yᵢ, where y* is the
//   best bad objective, and the prior weighs their mean; l(x) then estimates where *improvement*
//   is (Watanabe 2023, §3.3 and appendix A). g(x) keeps Optuna's weights.
// Measured with `basin-bench search --methods tpe --seed-offset 100 --seeds 1000` (seeds never
// used for the README's comparison), median best at 50 / 100 trials — Branin, Hartmann6:
//   Optuna's defaults in Basin     0.552 / 0.420   −2.936 / −3.170
//   + clip α=2, Δ=0.03             0.413 / 0.400   −3.024 / −3.200
//   + EI weights (Basin default)   0.410 / 0.400   −3.063 / −3.264
// On a real sweep — 30 seeds of `sweep s method=tpe trials=40` over an MNIST-1D MLP's lr (log),
// width (choice) and depth (int) — the median best validation loss was 1.082 with these defaults
// and 1.104 with Optuna's (16 seeds better, 12 worse).
// (other variants, measured the same way and kept as options: consider_endpoints, Scott's
// bandwidths, flat weights, hyperopt's γ, γ slope 0.15, a Latin-hypercube start-up — none helped
// on both objectives.)
// Conditional parameters: a group is sampled only when its conditions hold, and its densities
// are fitted only on the trials where it was active — the tree structure of the paper.
import Kernels

public struct TPESampler: Sampler {
    public struct Options: Sendable, Hashable {
        public var startupTrials = 10
        public var candidates = 24
        public var priorWeight = 1.0
        public var multivariate = true
        public var failedTrialsAreBad = true
        /// Optuna's `consider_endpoints` (see `ParzenEstimator.Settings`).
        public var considerEndpoints = false
        /// Optuna 5.0's defaults exactly: its magic clip (α = 1, Δ = 0.01) and its weights.
        public static var optuna: Options {
            var o = Options()
            o.improvementWeights = false
            o.magicClipExponent = 1
            o.minBandwidthFactor = 0.01
            return o
        }
        /// Scott's-rule bandwidths (Optuna's multivariate rule) instead of neighbour gaps.
        public var scottBandwidth = false
        /// Equal mixture weights for all observations (the paper) instead of Optuna's ramp.
        public var flatWeights = false
        /// γ schedule: Optuna's default min(⌈0.1·n⌉, 25), or Optuna's `hyperopt_default_gamma`
        /// min(⌈0.25·√n⌉, 25) (Bergstra et al. 2013, hyperopt).
        public var hyperoptGamma = false
        /// Start-up design: a random Latin hypercube (true) or independent prior draws (false).
        public var latinStartup = false
        /// Good-set weights ∝ how far each good trial beats the best bad one (Watanabe 2023's "EI"
        /// weighting: l(x) then estimates the improvement-weighted density).
        public var improvementWeights = true
        /// Magic-clip exponent α and floor Δ: σ ≥ range · max(Δ, 1/(n + 2)^α).
        public var magicClipExponent = 2.0
        public var minBandwidthFactor = 0.03
        /// γ(n) = min(⌈β·n⌉, 25).
        public var gammaBeta = 0.1
        public init() {}
    }

    public let space: SearchSpace
    public var options: Options
    var rng: RNG
    var prior: RandomSampler
    var startupDesign: [Configuration]?

    let seed: UInt64

    public init(space: SearchSpace, seed: UInt64, options: Options = Options()) {
        self.space = space
        self.seed = seed
        self.options = options
        rng = RNG(seed: seed, stream: "search.tpe")
        prior = RandomSampler(space: space, seed: seed)
    }

    /// Optuna's default γ(n) = min(⌈0.1·n⌉, 25): how many trials count as good.
    public static func goodCount(_ n: Int) -> Int { min((n + 9) / 10, 25) }

    /// Optuna's `hyperopt_default_gamma`: min(⌈0.25·√n⌉, 25).
    public static func hyperoptGoodCount(_ n: Int) -> Int { min(Int((0.25 * Double(n).squareRoot()).rounded(.up)), 25) }

    public mutating func propose(history: [Trial]) -> Configuration? {
        let (good, bad) = split(history)
        guard good.count + bad.count >= max(options.startupTrials, 1) else { return startupProposal(history) }
        let groups = options.multivariate ? space.groups : space.parameters.indices.map { [$0] }
        var values: [String: ParameterValue] = [:]
        for group in groups where space.isActive(space.parameters[group[0]], given: values) {
            let chosen = sampleGroup(group, good: good, bad: bad)
            for (i, p) in group.enumerated() { values[space.parameters[p].name] = chosen[i] }
        }
        return Configuration(values)
    }

    /// Start-up proposals (fewer trials than `startupTrials`) read only the trial count.
    public func proposalIgnoresResults(trialsBefore count: Int) -> Bool { count < max(options.startupTrials, 1) }

    /// A start-up proposal: the next row of the Latin hypercube while rows remain, else a prior draw.
    mutating func startupProposal(_ history: [Trial]) -> Configuration? {
        guard options.latinStartup, options.startupTrials > 0 else { return prior.propose(history: history) }
        if startupDesign == nil {
            var designRNG = RNG(seed: seed, stream: "search.tpe.startup")
            startupDesign = space.latinHypercube(options.startupTrials, using: &designRNG)
        }
        guard let design = startupDesign, history.count < design.count else { return prior.propose(history: history) }
        return design[history.count]
    }

    /// Good and bad trials, each in trial order (older first, as the weights expect).
    func split(_ history: [Trial]) -> (good: [Trial], bad: [Trial]) {
        let done = history.filter { $0.status == .done && $0.usableObjective != nil }
            .sorted { ($0.objective!, $0.number) < ($1.objective!, $1.number) }
        let pruned = history.filter { $0.status == .pruned && $0.usableObjective != nil }
            .sorted { (-($0.budget ?? 0), $0.objective!, $0.number) < (-($1.budget ?? 0), $1.objective!, $1.number) }
        let ranked = done + pruned
        let k =
            options.hyperoptGamma
            ? Self.hyperoptGoodCount(ranked.count)
            : options.gammaBeta == 0.1
                ? Self.goodCount(ranked.count)
                : min(Int((options.gammaBeta * Double(ranked.count)).rounded(.up)), 25)
        var bad = Array(ranked.dropFirst(k))
        if options.failedTrialsAreBad { bad += history.filter { $0.usableObjective == nil } }
        return (ranked.prefix(k).sorted { $0.number < $1.number }, bad.sorted { $0.number < $1.number })
    }

    /// One joint draw for the parameters of `group`: fit l and g on the trials where the group was
    /// active, draw candidates from l, keep the argmax of log l − log g.
    mutating func sampleGroup(_ group: [Int], good: [Trial], bad: [Trial]) -> [ParameterValue] {
        let domains = group.map { space.parameters[$0].domain }
        let names = group.map { space.parameters[$0].name }
        var settings = ParzenEstimator.Settings()
        settings.priorWeight = options.priorWeight
        settings.considerEndpoints = options.considerEndpoints
        settings.scottBandwidth = options.scottBandwidth
        settings.flatWeights = options.flatWeights
        settings.magicClipExponent = options.magicClipExponent
        settings.minBandwidthFactor = options.minBandwidthFactor
        let g = ParzenEstimator(points: points(bad, names, domains), domains: domains, settings: settings)
        var goodSettings = settings
        if options.improvementWeights {
            let active = good.filter { t in names.allSatisfy { t.configuration[$0] != nil } }
            let threshold = bad.compactMap(\.usableObjective).min()
            if let threshold, !active.isEmpty {
                let w = active.map { max(threshold - $0.usableObjective!, 1e-12) }
                goodSettings.observationWeights = w
                goodSettings.priorWeight = options.priorWeight * w.reduce(0, +) / Double(w.count)
            }
        }
        let l = ParzenEstimator(points: points(good, names, domains), domains: domains, settings: goodSettings)
        let candidates = l.sample(count: max(options.candidates, 1), domains: domains, using: &rng)
        var best = candidates[0], bestScore = -Double.infinity
        for x in candidates {
            let score = l.logDensity(x, domains: domains) - g.logDensity(x, domains: domains)
            if score > bestScore { best = x; bestScore = score }
        }
        return zip(best, domains).map { x, d in d.value(atCoordinate: x) }
    }

    /// Coordinates of the trials where every parameter of the group is present.
    func points(_ trials: [Trial], _ names: [String], _ domains: [Domain]) -> [[Double]] {
        trials.compactMap { t in
            let xs = zip(names, domains).compactMap { n, d in t.configuration[n].flatMap { d.coordinate(of: $0) } }
            return xs.count == names.count ? xs : nil
        }
    }
}

extension Domain {
    /// The Parzen coordinate of a value: search scale for continuous, the integer itself for
    /// integers, the index for a choice; nil if the value does not belong to the domain.
    func coordinate(of v: ParameterValue) -> Double? {
        switch (self, v) {
        case (.choice, _): index(of: v).map(Double.init)
        case (.integer, .number(let x)): x
        case (_, .number(let x)): scaled(x)
        default: nil
        }
    }

    /// The value at a Parzen coordinate (inverse of `coordinate(of:)`).
    func value(atCoordinate x: Double) -> ParameterValue {
        switch self {
        case .integer: .number(x)
        case .choice: value(atScaled: x)
        default: value(atScaled: x)
        }
    }
}
