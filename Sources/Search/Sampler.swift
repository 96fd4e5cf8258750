// The sampler interface every search method implements, the random sampler, and the loop that
// runs a sampler against an objective (built-in test functions need nothing else).
//
// A sampler is a value holding its own RNG stream: the n-th proposal is a pure function of the
// seed, the history it is shown and the proposals made before it, so a sweep replays exactly.
import Kernels

/// Proposes the next configuration from the trials finished so far.
public protocol Sampler {
    var space: SearchSpace { get }
    /// The next configuration to try, or nil when the sampler has nothing left (a finished grid).
    /// `history` holds finished trials in trial order; the sampler minimizes their objectives.
    mutating func propose(history: [Trial]) -> Configuration?

    /// Whether the proposal after `count` trials reads nothing of their results (only how many
    /// there are), so it can be made while they still run: a sweep with several workers starts
    /// a trial early only then, which keeps its trials those of one worker.
    func proposalIgnoresResults(trialsBefore count: Int) -> Bool
}

extension Sampler {
    public func proposalIgnoresResults(trialsBefore count: Int) -> Bool { false }
}

/// Independent draws from the prior: uniform on each parameter's search scale.
public struct RandomSampler: Sampler {
    public let space: SearchSpace
    var rng: RNG

    public init(space: SearchSpace, seed: UInt64) {
        self.space = space
        rng = RNG(seed: seed, stream: "search.random")
    }

    public mutating func propose(history: [Trial]) -> Configuration? {
        space.sample(using: &rng)
    }

    public func proposalIgnoresResults(trialsBefore count: Int) -> Bool { true }
}

/// A sweep method by name, as `sweep … method=NAME` spells it.
public enum SearchMethod: String, Sendable, CaseIterable {
    case random, grid, tpe, bayes

    /// A sampler for this method. Grid uses `gridPoints` per continuous range.
    public func sampler(space: SearchSpace, seed: UInt64, gridPoints: Int = 5) throws -> any Sampler {
        switch self {
        case .random: RandomSampler(space: space, seed: seed)
        case .grid: try GridSampler(space: space, pointsPerRange: gridPoints)
        case .tpe: TPESampler(space: space, seed: seed)
        case .bayes: GPSampler(space: space, seed: seed)
        }
    }
}

/// Runs `trials` sequential trials of `sampler` on `evaluate`, which returns the objective
/// (nil or non-finite marks the trial failed; the loop goes on). Stops early if the sampler
/// runs out (a finished grid).
public func runTrials<S: Sampler>(_ sampler: inout S, trials: Int, evaluate: (Configuration) -> Double?) -> [Trial] {
    var history: [Trial] = []
    history.reserveCapacity(max(trials, 0))
    for number in 0..<max(trials, 0) {
        guard let configuration = sampler.propose(history: history) else { break }
        let y = evaluate(configuration)
        let ok = y.map(\.isFinite) ?? false
        history.append(Trial(number: number, configuration: configuration, objective: y, status: ok ? .done : .failed))
    }
    return history
}

/// `runTrials` for an existential sampler (what `SearchMethod.sampler` returns).
public func runTrials(_ sampler: inout any Sampler, trials: Int, evaluate: (Configuration) -> Double?) -> [Trial] {
    func open<S: Sampler>(_ s: S) -> ([Trial], S) {
        var s = s
        let history = runTrials(&s, trials: trials, evaluate: evaluate)
        return (history, s)
    }
    let (history, advanced) = open(sampler)
    sampler = advanced
    return history
}
