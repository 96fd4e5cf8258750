import Charts
// A sweep as the workspace holds it: its search space, what it optimizes, and every trial with
// its configuration, learning curve, final metrics, seed and status. Objectives are stored as
// the user reads them (val_acc as an accuracy); `SweepObjective.minimized` turns them into the
// lower-is-better numbers the samplers see (Search/Trial.swift's convention).
import Kernels
import Lab
import Search

/// What a sweep optimizes: a metric of the net trained last in the body, and a direction.
struct SweepObjective: Equatable {
    /// val_loss, val_acc, train_loss or train_acc (`report METRIC`).
    var metric = "val_loss"
    var maximize = false

    /// The metric at one evaluation, nil when the record lacks it (no validation part).
    func value(at record: EvalRecord) -> Double? {
        switch metric {
        case "val_acc": return record.validationAccuracy
        case "train_loss": return record.trainLoss
        case "train_acc": return record.trainAccuracy
        default: return record.validationLoss
        }
    }

    /// Lower is better, as the samplers want.
    func minimized(_ y: Double) -> Double { maximize ? -y : y }

    /// "val loss ↓" for headers.
    var label: String { metric.replacingOccurrences(of: "_", with: " ") }
}

/// One trial (for hyperband: one job — a configuration at one budget).
struct TrialRecord {
    var number: Int
    var configuration: Configuration
    /// `$budget` as given (epochs); nil for built-in objectives.
    var budget: Double?
    var seed: UInt64
    var status: TrialStatus
    /// The objective as the user reads it; nil for a failed trial.
    var objective: Double?
    /// `sweep … seeds=N`: each seed's objective (`objective` is their mean) and final
    /// evaluation; empty for one seed.
    var seedObjectives: [Double] = []
    var seedFinals: [EvalRecord] = []
    /// Parameters of the net the trial trained last.
    var parameters: Int?
    /// Every evaluation of the net trained last: its val loss per evaluation is the learning curve.
    var curve: [EvalRecord] = []
    /// Epochs actually trained (the x axis of "best vs total epochs").
    var epochs: Double = 0
    var seconds: Double = 0
    /// Why it failed, in the interpreter's words.
    var failure: String?
    /// Hyperband: the configuration's id across promotions, its bracket and round.
    var configurationID: Int
    var bracket: Int?
    var round: Int?
    /// Hyperband: this job's configuration went on to a larger budget.
    var promoted = false

    /// The final evaluation's metrics.
    var final: EvalRecord? { curve.last }

    /// The objective as a table shows it: "1.234", or "1.234 ± 0.05" over seeds.
    var objectiveText: String {
        guard let y = objective else { return "–" }
        guard seedObjectives.count > 1 else { return sweepNumber(y) }
        return sweepNumber(y) + " ± " + Table.number(Spread(seedObjectives).sd, significant: 2)
    }
}

final class SweepEntry {
    let name: String
    /// random, grid, tpe, bayes, hyperband, bohb, halving.
    let method: String
    let space: SearchSpace
    let objective: SweepObjective
    let seed: UInt64
    /// The built-in test function, for `objective=branin` sweeps (no body, no training).
    let builtin: String?
    var trials: [TrialRecord] = []
    /// Hyperband: the schedule, for the bracket table.
    var plan: HyperbandPlan?
    /// The best trial's trained net and the data it trained on (`eval s.best on test`).
    var bestNet: NetEntry?
    var bestData: DataEntry?
    /// `seeds=N`: each trial's body runs on N seeds (the objective is their mean).
    var seeds = 1
    /// Stopped by Ctrl-C before its planned trials.
    var stoppedEarly = false

    init(name: String, method: String, space: SearchSpace, objective: SweepObjective, seed: UInt64, builtin: String? = nil) {
        self.name = name
        self.method = method
        self.space = space
        self.objective = objective
        self.seed = seed
        self.builtin = builtin
    }

    /// The trials as the samplers see them (minimized objectives).
    var history: [Trial] {
        trials.map { t in
            Trial(
                number: t.number, configuration: t.configuration, objective: t.objective.map(objective.minimized),
                status: t.status, budget: t.budget)
        }
    }

    /// The done trial with the best objective (earliest on ties).
    var best: TrialRecord? {
        trials.filter { $0.status == .done && $0.objective?.isFinite == true }
            .min { (objective.minimized($0.objective!), $0.number) < (objective.minimized($1.objective!), $1.number) }
    }

    /// Trials sorted best first; failed trials last, in trial order. Under Hyperband the jobs of
    /// a bracket's last round (done) come first: a pruned job's objective is at a smaller budget.
    var ranked: [TrialRecord] {
        let scored = trials.filter { $0.objective?.isFinite == true && $0.status != .failed }
        func key(_ t: TrialRecord) -> (Int, Double, Int) {
            (plan != nil && t.status != .done ? 1 : 0, objective.minimized(t.objective ?? .infinity), t.number)
        }
        return scored.sorted { key($0) < key($1) } + trials.filter { !($0.objective?.isFinite == true && $0.status != .failed) }
    }

    /// Best objective (as the user reads it) after each trial; nil before the first done trial.
    var bestSoFar: [Double?] {
        var best: Double?
        return trials.map { t in
            if t.status == .done, let y = t.objective, y.isFinite,
                best.map({ objective.minimized(y) < objective.minimized($0) }) ?? true
            {
                best = y
            }
            return best
        }
    }

    /// The per-trial seed: a pure function of the sweep's seed and the configuration.
    static func trialSeed(_ sweepSeed: UInt64, configuration id: Int) -> UInt64 {
        var rng = RNG(seed: sweepSeed, stream: "sweep.trial.\(id)")
        return rng.next() % 1_000_000_007
    }
}
