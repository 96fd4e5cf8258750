// `basin-bench search`: how well and how fast the samplers search. For each method and built-in
// objective, runs `seeds` sweeps of `trials` trials and reports the median best value after each
// checkpoint (50 and 100 by default) — the numbers the issue compares with Optuna 5.0's TPE.
// Then times one proposal with `history` finished trials (the ≤ 10 ms TPE / ≤ 100 ms GP target).
// BASIN_BENCH_VERBOSE=1 also prints each seed's best values.
import ArgumentParser
import Foundation
import Kernels
import Search

struct SearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Median best value of each sampler on the built-in objectives, and proposal time.")

    @Option(help: "Comma-separated methods (random, tpe, bayes)") var methods = "random,tpe,bayes"
    @Option(help: "Comma-separated objectives (branin, hartmann6)") var objectives = "branin,hartmann6"
    @Option(help: "Sweeps per method and objective (seeds K..<K+N, K = --seed-offset)") var seeds = 20
    @Option(help: "First seed (held-out seeds for choosing defaults: --seed-offset 100 --seeds 200)") var seedOffset = 0
    @Option(help: "Comma-separated trial counts to report") var checkpoints = "50,100"
    @Option(help: "Finished trials before the timed proposal") var history = 200
    @Flag(help: "Skip the quality runs; only time proposals") var timingOnly = false
    @Option(help: "TPE candidates drawn from l(x)") var tpeCandidates = 24
    @Flag(help: "TPE: independent per-parameter densities (the 2011 paper) instead of joint") var tpeIndependent = false
    @Option(help: "TPE prior weight") var tpePriorWeight = 1.0
    @Flag(help: "TPE: Optuna's consider_endpoints") var tpeConsiderEndpoints = false
    @Flag(help: "TPE: Scott's-rule bandwidths (Optuna's multivariate rule)") var tpeScott = false
    @Flag(help: "TPE: equal weights for all observations") var tpeFlatWeights = false
    @Flag(help: "TPE: hyperopt's γ schedule min(⌈0.25·√n⌉, 25)") var tpeHyperoptGamma = false
    @Flag(help: "TPE: Latin-hypercube start-up design") var tpeLatin = false
    @Flag(help: "TPE: Optuna 5.0's defaults (magic clip α=1, Δ=0.01; Optuna's weights); later flags apply on top") var tpeOptuna =
        false
    @Option(help: "TPE: improvement (EI) weights for the good set (true/false)") var tpeEiWeights: Bool?
    @Option(help: "TPE magic-clip exponent α") var tpeClipExponent: Double?
    @Option(help: "TPE magic-clip floor Δ") var tpeClipFloor: Double?
    @Option(help: "TPE γ slope β") var tpeGammaBeta = 0.1

    func run() throws {
        BLAS.threads = 1
        let methodList = try methods.split(separator: ",").map { name in
            guard let m = SearchMethod(rawValue: String(name)) else { throw ValidationError("unknown method \(name)") }
            return m
        }
        let objectiveList = try objectives.split(separator: ",").map { try Objective.named(String($0)) }
        let marks = checkpoints.split(separator: ",").compactMap { Int($0) }
        if !timingOnly {
            for objective in objectiveList {
                for method in methodList { try quality(method, objective, marks) }
            }
        }
        for method in methodList where method != .random { try timing(method, Objective.hartmann6) }
    }

    func makeSampler(_ method: SearchMethod, _ space: SearchSpace, _ seed: UInt64) throws -> any Sampler {
        guard method == .tpe else { return try method.sampler(space: space, seed: seed) }
        var options = tpeOptuna ? TPESampler.Options.optuna : TPESampler.Options()
        options.candidates = tpeCandidates
        options.multivariate = !tpeIndependent
        options.priorWeight = tpePriorWeight
        options.considerEndpoints = tpeConsiderEndpoints
        options.scottBandwidth = tpeScott
        options.flatWeights = tpeFlatWeights
        options.hyperoptGamma = tpeHyperoptGamma
        options.latinStartup = tpeLatin
        if let tpeEiWeights { options.improvementWeights = tpeEiWeights }
        if let tpeClipExponent { options.magicClipExponent = tpeClipExponent }
        if let tpeClipFloor { options.minBandwidthFactor = tpeClipFloor }
        options.gammaBeta = tpeGammaBeta
        return TPESampler(space: space, seed: seed, options: options)
    }

    /// Median (over seeds) of the best value after each checkpoint.
    func quality(_ method: SearchMethod, _ objective: Objective, _ marks: [Int]) throws {
        let trials = marks.max() ?? 100
        let clock = ContinuousClock(), start = clock.now
        var bests: [[Double]] = []
        for seed in seedOffset..<(seedOffset + seeds) {
            var sampler = try makeSampler(method, objective.space, UInt64(seed))
            let curve = runTrials(&sampler, trials: trials, evaluate: objective.evaluate).bestSoFar()
            bests.append(marks.map { curve[min($0, curve.count) - 1] })
            if ProcessInfo.processInfo.environment["BASIN_BENCH_VERBOSE"] != nil { print(seed, bests.last!) }
        }
        var fields: [(String, Any)] = [
            ("bench", "search"), ("method", method.rawValue), ("objective", objective.name), ("seeds", seeds),
        ]
        for (i, m) in marks.enumerated() { fields.append(("median_best_\(m)", median(bests.map { $0[i] }))) }
        fields.append(("seconds", seconds(clock.now - start)))
        print(jsonLine(fields))
    }

    /// Time of proposals with `history` finished random trials (median of 5).
    func timing(_ method: SearchMethod, _ objective: Objective) throws {
        var random: any Sampler = RandomSampler(space: objective.space, seed: 99)
        let trials = runTrials(&random, trials: history, evaluate: objective.evaluate)
        var times: [Double] = []
        for seed in 0..<5 {
            var sampler = try makeSampler(method, objective.space, UInt64(seed))
            let clock = ContinuousClock(), start = clock.now
            _ = sampler.propose(history: trials)
            times.append(seconds(clock.now - start) * 1000)
        }
        print(
            jsonLine([
                ("bench", "search_propose"), ("method", method.rawValue), ("objective", objective.name),
                ("dimensions", objective.space.count), ("history", history), ("median_ms", median(times)),
                ("max_ms", times.max() ?? .nan),
            ]))
    }
}
