// TPE and GP against random search on Branin (stated margins over a few seeds), determinism from
// the seed, conditional spaces, failed trials, and the built-in objectives' known minima.
import Search
import Testing

struct SamplerTests {
    /// Median over seeds 0..<`seeds` of the simple regret (best value found − the minimum) on Branin.
    static func medianRegret(_ method: SearchMethod, seeds: Int, trials: Int) throws -> Double {
        let regrets = try (0..<seeds).map { seed -> Double in
            var sampler = try method.sampler(space: Objective.branin.space, seed: UInt64(seed))
            return runTrials(&sampler, trials: trials, evaluate: Objective.branin.evaluate).best()!.objective!
                - Objective.branin.minimum
        }.sorted()
        return regrets[seeds / 2]
    }

    // Margins (9 seeds × 60 trials, as `basin-bench search` measures over 20): random search's
    // median regret is ≈ 0.7, TPE's ≈ 0.08; the test asks for less than half of random's.
    @Test func tpeBeatsRandomOnBranin() throws {
        let random = try Self.medianRegret(.random, seeds: 9, trials: 60)
        let tpe = try Self.medianRegret(.tpe, seeds: 9, trials: 60)
        #expect(tpe < 0.5 * random, "tpe \(tpe) vs random \(random)")
        #expect(tpe < 0.2)
    }

    // 5 seeds × 40 trials: the GP's median regret is ≈ 1e-4, random's ≈ 1; asked: below a tenth.
    @Test func gpBeatsRandomOnBranin() throws {
        let random = try Self.medianRegret(.random, seeds: 5, trials: 40)
        let gp = try Self.medianRegret(.bayes, seeds: 5, trials: 40)
        #expect(gp < 0.1 * random, "gp \(gp) vs random \(random)")
        #expect(gp < 0.01)
    }

    @Test(arguments: [SearchMethod.tpe, .bayes])
    func deterministicFromTheSeed(_ method: SearchMethod) throws {
        func sweep(_ seed: UInt64) throws -> [Configuration] {
            var s = try method.sampler(space: Objective.branin.space, seed: seed)
            return runTrials(&s, trials: 14, evaluate: Objective.branin.evaluate).map(\.configuration)
        }
        #expect(try sweep(3) == sweep(3))
        #expect(try sweep(3) != sweep(4))
    }

    /// A loss that prefers depth 3, width 64 in every layer and act = relu with little dropout.
    static func layeredLoss(_ c: Configuration) -> Double? {
        let depth = c.number("depth")!
        var loss = abs(depth - 3) + (c.word("act") == "relu" ? 0 : 1) + (c.number("drop") ?? 0)
        for k in 1...Int(depth) { loss += abs((c.number("w\(k)") ?? 0) - 64) / 64 }
        return loss
    }

    @Test(arguments: [SearchMethod.tpe, .bayes])
    func conditionalSpacesStayValidAndImprove(_ method: SearchMethod) throws {
        let space = try SearchSpaceTests.layeredSpace()
        var sampler = try method.sampler(space: space, seed: 9)
        let trials = runTrials(&sampler, trials: 40, evaluate: Self.layeredLoss)
        #expect(trials.allSatisfy { space.contains($0.configuration) })
        let firstTen = trials.prefix(10).bestSoFar().last!, all = trials.bestSoFar().last!
        #expect(all < firstTen)
    }

    @Test(arguments: [SearchMethod.random, .tpe, .bayes])
    func failedTrialsDoNotStopTheSweep(_ method: SearchMethod) throws {
        var sampler = try method.sampler(space: Objective.branin.space, seed: 1)
        // Every x1 > 5 "diverges".
        let trials = runTrials(&sampler, trials: 25) { c in c.number("x1")! > 5 ? .nan : Objective.branin.evaluate(c) }
        #expect(trials.count == 25)
        #expect(trials.contains { $0.status == .failed } && trials.contains { $0.status == .done })
        #expect(trials.best().map { $0.configuration.number("x1")! <= 5 } == true)
    }

    @Test func tpeGoodCountFollowsOptuna() {
        #expect([0, 1, 10, 11, 100, 249, 250, 1000].map(TPESampler.goodCount) == [0, 1, 1, 2, 10, 25, 25, 25])
        // Optuna's hyperopt_default_gamma: min(⌈0.25·√n⌉, 25).
        #expect([0, 1, 16, 17, 100, 9216, 9217, 20000].map(TPESampler.hyperoptGoodCount) == [0, 1, 1, 2, 3, 24, 25, 25])
    }

    /// Every documented variant still searches (beats random on Branin), deterministically.
    @Test func tpeVariantsSearchAndAreDeterministic() {
        var variants: [TPESampler.Options] = []
        for k in 0..<6 {
            var o = TPESampler.Options()
            switch k {
            case 0: o.considerEndpoints = true
            case 1: o.scottBandwidth = true
            case 2: o.flatWeights = true
            case 3: o.latinStartup = true
            case 4: o = .optuna
            default: o.hyperoptGamma = true
            }
            variants.append(o)
        }
        for options in variants {
            let runs = (0..<2).map { _ in
                var sampler: any Sampler = TPESampler(space: Objective.branin.space, seed: 7, options: options)
                return runTrials(&sampler, trials: 60, evaluate: Objective.branin.evaluate).best()!.objective!
            }
            #expect(runs[0] == runs[1])
            #expect(runs[0] - Objective.branin.minimum < 0.5, "\(options): \(runs[0])")
        }
    }

    /// Basin's two departures from Optuna's defaults (Watanabe's magic clip and EI weights) must
    /// earn their place: on seeds 0..<20 at 50 trials the median best is lower than with Optuna's
    /// defaults on both objectives. Deterministic (fixed seeds); held-out over 1,000 seeds the
    /// gaps are 0.14 (Branin) and 0.13 (Hartmann6), so this fails only if a change loses them.
    @Test func defaultsBeatOptunaDefaults() {
        for objective in Objective.all {
            func median(_ options: TPESampler.Options) -> Double {
                let bests = (0..<20).map { seed -> Double in
                    var s: any Sampler = TPESampler(space: objective.space, seed: UInt64(seed), options: options)
                    return runTrials(&s, trials: 50, evaluate: objective.evaluate).best()!.objective!
                }.sorted()
                return 0.5 * (bests[9] + bests[10])
            }
            let basin = median(TPESampler.Options()), optuna = median(.optuna)
            #expect(basin < optuna, "\(objective.name): \(basin) vs Optuna's defaults \(optuna)")
        }
    }

    @Test func builtInObjectivesHaveTheirKnownMinima() throws {
        for objective in Objective.all {
            for point in objective.minimizers {
                let y = objective.evaluate(point)!
                #expect(abs(y - objective.minimum) < 1e-4, "\(objective.name) at \(point): \(y)")
            }
        }
        #expect(try Objective.named("Branin").name == "branin")
        #expect(throws: SearchError.unknownObjective("rosenbrock", known: ["branin", "hartmann6"])) {
            try Objective.named("rosenbrock")
        }
        #expect(Objective.branin.evaluate(["x1": .number(0)]) == nil)
    }
}

/// A sweep with several workers proposes trial k before trials 0…k−1 finish only where the
/// sampler says the proposal ignores their results; these tests hold each sampler to that
/// claim: with histories of the same length but different objectives and statuses, the claimed
/// proposals are identical, and TPE's first model-based one is not.
struct ProposalIndependenceTests {
    static func histories(_ count: Int) -> [[Trial]] {
        let space = Objective.branin.space
        var random = RandomSampler(space: space, seed: 77)
        let configurations = (0..<count).map { _ in random.propose(history: [])! }
        return [
            configurations.enumerated().map { Trial(number: $0.offset, configuration: $0.element, objective: Double($0.offset)) },
            configurations.enumerated().map {
                Trial(number: $0.offset, configuration: $0.element, objective: -Double($0.offset) * 3)
            },
            configurations.enumerated().map {
                Trial(number: $0.offset, configuration: $0.element, objective: nil, status: .failed)
            },
        ]
    }

    @Test(arguments: SearchMethod.allCases)
    func claimedProposalsIgnoreResults(_ method: SearchMethod) throws {
        for count in 0..<14 {
            let first = try method.sampler(space: Objective.branin.space, seed: 3)
            guard first.proposalIgnoresResults(trialsBefore: count) else { continue }
            let proposals = try Self.histories(count).map { history -> Configuration? in
                var sampler = try method.sampler(space: Objective.branin.space, seed: 3)
                // The proposals before this one, as a sweep makes them (their history grows).
                for k in 0..<count { _ = sampler.propose(history: Array(history.prefix(k))) }
                return sampler.propose(history: history)
            }
            #expect(proposals[0] == proposals[1] && proposals[1] == proposals[2], "\(method) after \(count) trials")
        }
    }

    @Test func modelBasedProposalsAreNotClaimed() throws {
        let tpe = try SearchMethod.tpe.sampler(space: Objective.branin.space, seed: 3)
        let gp = try SearchMethod.bayes.sampler(space: Objective.branin.space, seed: 3)
        #expect(tpe.proposalIgnoresResults(trialsBefore: 9) && !tpe.proposalIgnoresResults(trialsBefore: 10))
        #expect(gp.proposalIgnoresResults(trialsBefore: 9) && !gp.proposalIgnoresResults(trialsBefore: 10))
        let random = try SearchMethod.random.sampler(space: Objective.branin.space, seed: 3)
        #expect(random.proposalIgnoresResults(trialsBefore: 1000))
    }
}
