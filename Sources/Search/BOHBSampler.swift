// BOHB's model-based proposals inside Hyperband brackets (Falkner, Klein & Hutter 2018, "BOHB:
// Robust and Efficient Hyperparameter Optimization at Scale", Algorithm 2):
// - the model is fitted on the LARGEST budget that has at least d + 3 complete observations
//   (BOHB's N_min = d + 1, plus two so both densities have points; d = number of parameters);
// - until some budget has that many, and for a fraction ρ = 1/3 of proposals always, the
//   configuration is drawn from the prior (BOHB's guarantee of Hyperband's worst case);
// - otherwise TPE (TPESampler.swift, multivariate, no start-up phase) proposes from the trials at
//   that budget. BOHB itself uses a multivariate KDE on the best 15% with Scott's bandwidths;
//   TPE's neighbour-gap bandwidths and γ(n) = ⌈0.1·n⌉ split are used here — one density
//   estimator for the whole of Basin.
import Kernels

public struct BOHBSampler: Sampler {
    public let space: SearchSpace
    public var randomFraction = 1.0 / 3.0
    var tpe: TPESampler
    var prior: RandomSampler
    var rng: RNG

    public init(space: SearchSpace, seed: UInt64) {
        self.space = space
        var options = TPESampler.Options()
        options.startupTrials = 0
        tpe = TPESampler(space: space, seed: seed, options: options)
        prior = RandomSampler(space: space, seed: seed)
        rng = RNG(seed: seed, stream: "search.bohb")
    }

    /// Fewest complete trials at one budget before it can carry a model.
    public var minimumObservations: Int { space.count + 3 }

    public mutating func propose(history: [Trial]) -> Configuration? {
        let explore = rng.uniformDouble() < randomFraction
        guard !explore, let budget = modelBudget(history) else { return prior.propose(history: history) }
        return tpe.propose(history: history.filter { $0.budget == budget && $0.status != .pruned })
    }

    /// The largest budget with enough complete observations, if any.
    public func modelBudget(_ history: [Trial]) -> Double? {
        var counts: [Double: Int] = [:]
        for t in history where t.isComplete { counts[t.budget ?? 0, default: 0] += 1 }
        return counts.filter { $0.value >= minimumObservations }.keys.max()
    }
}
