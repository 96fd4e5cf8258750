// Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio & Kégl 2011, "Algorithms for
// Hyper-Parameter Optimization", §4), with Optuna 5.0's defaults where the paper leaves a choice:
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
        /// Scott's-rule bandwidths (Optuna's multivariate rule) instead of neighbour gaps.
        public var scottBandwidth = false
        /// Equal mixture weights for all observations (the paper) instead of Optuna's ramp.
        public var flatWeights = false
        /// γ schedule: Optuna's default min(⌈0.1·n⌉, 25), or Optuna's `hyperopt_default_gamma`
        /// min(⌈0.25·√n⌉, 25) (Bergstra et al. 2013, hyperopt).
        public var hyperoptGamma = false
        public init() {}
    }

    public let space: SearchSpace
    public var options: Options
    var rng: RNG
    var prior: RandomSampler

    public init(space: SearchSpace, seed: UInt64, options: Options = Options()) {
        self.space = space
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
        guard good.count + bad.count >= max(options.startupTrials, 1) else { return prior.propose(history: history) }
        let groups = options.multivariate ? space.groups : space.parameters.indices.map { [$0] }
        var values: [String: ParameterValue] = [:]
        for group in groups where space.isActive(space.parameters[group[0]], given: values) {
            let chosen = sampleGroup(group, good: good, bad: bad)
            for (i, p) in group.enumerated() { values[space.parameters[p].name] = chosen[i] }
        }
        return Configuration(values)
    }

    /// Good and bad trials, each in trial order (older first, as the weights expect).
    func split(_ history: [Trial]) -> (good: [Trial], bad: [Trial]) {
        let done = history.filter { $0.status == .done && $0.usableObjective != nil }
            .sorted { ($0.objective!, $0.number) < ($1.objective!, $1.number) }
        let pruned = history.filter { $0.status == .pruned && $0.usableObjective != nil }
            .sorted { (-($0.budget ?? 0), $0.objective!, $0.number) < (-($1.budget ?? 0), $1.objective!, $1.number) }
        let ranked = done + pruned
        let k = options.hyperoptGamma ? Self.hyperoptGoodCount(ranked.count) : Self.goodCount(ranked.count)
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
        let l = ParzenEstimator(points: points(good, names, domains), domains: domains, settings: settings)
        let g = ParzenEstimator(points: points(bad, names, domains), domains: domains, settings: settings)
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
