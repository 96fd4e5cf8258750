// One trial: the sweep body run as an ordinary script in a CHILD session whose workspace starts
// with the user's datasets and variables plus the sampled values and `$budget`, so trial nets
// never clobber the user's (and a `data` line in the body stays the trial's own). The child shares
// the parent's ActiveRun, so Ctrl-C reaches the trial's training — every trial's, when several
// run at once (TrialPool.swift). The objective is read from the
// net trained last; a body error or a diverged run marks the trial failed.
import Diagnostics
import Foundation
import Lab
import Language
import Search

/// What one trial runs.
struct TrialPlan {
    let body: SweepBody
    let source: SourceFile
    let configuration: Configuration
    /// `$budget` in epochs (rounded to a whole number, at least 1, when the body reads it).
    let budget: Double?
    let seed: UInt64
    /// Hyperband: the net this configuration's previous round trained, to continue.
    var resume: NetEntry? = nil
    /// `sweep … seeds=N`: the body runs N times, with seeds seed, seed+1, …; the objective is
    /// their mean.
    var seeds = 1
    /// `sweep … cv=K`: the body runs K times with the same seed, run i's nets training on fold i
    /// of their data's train+val (`seeds` is then K); the objective is the folds' mean.
    var cv: Int? = nil
}

/// What a trial's child session carries from line to line (a top-level session has none).
final class TrialState {
    /// Hyperband: the net a promoted configuration's previous round trained; the trial's
    /// `train` of a net with that name and definition continues it (see `resumePromoted`).
    var resume: NetEntry?
    /// Epochs the resumed net had already trained (0 when nothing was resumed).
    var resumedEpochs = 0.0
    /// How the last training call ended: a diverged or stopped run ends the trial.
    var lastStop: StopReason?
    /// `sweep … cv=K`: the fold this run of the body trains its nets on.
    var fold: Fold?

    init(resume: NetEntry?) { self.resume = resume }
}

/// How one trial ended.
struct TrialOutcome {
    var status: TrialStatus = .failed
    var objective: Double?
    /// `sweep … seeds=N`: every seed's objective (the objective is their mean) and final evaluation.
    var seedObjectives: [Double] = []
    var seedFinals: [EvalRecord] = []
    /// Parameters of the net trained last (`plot SWEEP x=params`).
    var parameters: Int?
    var curve: [EvalRecord] = []
    var epochs: Double = 0
    var seconds: Double = 0
    var failure: String?
    /// The net trained last and its data, kept for `eval SWEEP.best on test`.
    var net: NetEntry?
    var data: DataEntry?
    /// Ctrl-C arrived: the trial is not kept.
    var cancelled = false
    /// Hyperband: the job continued its configuration's previous net.
    var resumed = false
}

/// The host of a trial's session: keeps outputs to itself, notes which net trained last, and
/// hands progress to the sweep.
final class TrialHost: SessionHost {
    let width: Int
    /// As the sweep's own host: a notebook's dashboard shows the running trial's curves.
    let wantsRunSnapshots: Bool
    let onProgress: (LiveUpdate) -> Void
    var lastTrained: String?
    var messages: [String] = []

    init(width: Int, wantsRunSnapshots: Bool = false, onProgress: @escaping (LiveUpdate) -> Void) {
        self.width = width
        self.wantsRunSnapshots = wantsRunSnapshots
        self.onProgress = onProgress
    }

    func emit(_ output: Output) {
        switch output {
        case .text(let t): messages.append(t)
        case .diagnostic(let d, _): messages.append(d.message)
        default: break
        }
    }
    func progress(_ update: LiveUpdate) { lastTrained = update.netName; onProgress(update) }
    func finishedProgress(_ update: LiveUpdate) { lastTrained = update.netName; onProgress(update) }
    func ask(_ question: String) -> String? { nil }
    func pause(next: String?) -> PauseReply { .resume }
}

extension Sweeps {
    /// Runs the body once with the plan's values, on this thread. `onProgress` sees the trial's
    /// live updates; `onEvaluation` every evaluation of the net being trained, in order.
    func runTrial(
        _ plan: TrialPlan, objective: SweepObjective, onProgress: @escaping (LiveUpdate) -> Void = { _ in },
        onEvaluation: ((EvalRecord) -> Void)? = nil
    ) -> TrialOutcome {
        let trial = prepareTrial(plan, objective: objective, onEvaluation: onEvaluation)
        return trial.run(progress: onProgress)
    }

    /// A trial's child session and host, built here (on the sweep's thread) from the workspace;
    /// `PreparedTrial.run` may then run on any thread.
    func prepareTrial(_ plan: TrialPlan, objective: SweepObjective, onEvaluation: ((EvalRecord) -> Void)? = nil) -> PreparedTrial
    {
        var streamed: [String: Int] = [:]
        weak var prepared: PreparedTrial?
        let host = TrialHost(width: session.host.width, wantsRunSnapshots: session.host.wantsRunSnapshots) { update in
            guard let trial = prepared else { return }
            trial.onProgress(update)
            guard let onEvaluation, let evals = trial.firstChild?.workspace.nets[update.netName]?.run?.history.evals else {
                return
            }
            for e in evals.dropFirst(streamed[update.netName] ?? 0) { onEvaluation(e) }
            streamed[update.netName] = evals.count
        }
        // One child session per seed, each a fresh workspace over the user's data, made when its
        // seed starts (from what is read here, on the sweep's thread) and let go when it ends.
        let inputs = TrialInputs(session: session)
        let trial = PreparedTrial(session: session, host: host, plan: plan, objective: objective) { [host] i in
            let seeded = TrialPlan(
                body: plan.body, source: plan.source, configuration: plan.configuration, budget: plan.budget,
                seed: plan.cv == nil ? plan.seed &+ UInt64(i) : plan.seed, resume: plan.resume, seeds: 1)
            let child = inputs.session(host: host, seeded)
            if let k = plan.cv { child.trial?.fold = Fold(index: i, count: k, seed: plan.seed) }
            return child
        }
        prepared = trial
        return trial
    }

    /// Runs each statement of the body; stops at the first error, divergence or Ctrl-C.
    func runBody(_ plan: TrialPlan, in child: Session) -> TrialOutcome {
        var outcome = TrialOutcome()
        let requests = session.activeRun.cancelRequests
        for statement in plan.body.statements {
            child.trial?.lastStop = nil
            do {
                try child.runTrialStatement(statement, plan)
            } catch {
                outcome.failure = error.message
                return outcome
            }
            switch child.trial?.lastStop {
            case .diverged(let step, let cause)?:
                outcome.failure = SweepRefusal.trialDiverged(step: step, cause: cause).message
                return outcome
            case .cancelled?:
                outcome.cancelled = true
                return outcome
            default:
                if session.activeRun.cancelRequests != requests { outcome.cancelled = true; return outcome }
            }
        }
        return outcome
    }

    /// The objective and curve of the net trained last.
    func measured(_ outcome: TrialOutcome, host: TrialHost, session: Session, objective: SweepObjective) -> TrialOutcome {
        var result = outcome
        guard let name = host.lastTrained, let net = session.workspace.nets[name], let run = net.run else {
            result.failure = SweepRefusal.trialTrainedNothing.message
            return result
        }
        result.curve = run.history.evals
        result.parameters = net.currentNetwork?.parameterCount
        result.epochs = run.epoch - (session.trial?.resumedEpochs ?? 0)
        result.resumed = (session.trial?.resumedEpochs ?? 0) > 0
        result.net = net
        result.data = net.dataName.flatMap { session.workspace.datasets[$0] }
        // The evaluation of the weights the net keeps (early stopping's restored ones, if any).
        guard let last = run.currentEvaluation ?? run.history.evals.last, let y = objective.value(at: last), y.isFinite else {
            let why = run.history.evals.last.map { _ in "is not finite or not measured" } ?? "was never evaluated"
            result.failure =
                "\(objective.metric) of \(name) \(why)"
                + (objective.metric.hasPrefix("val") && run.validation == nil
                    ? " (its data has no val part: split DATA 0.7 0.15 0.15)" : "")
            return result
        }
        result.objective = y
        result.status = .done
        return result
    }
}

/// What a trial's child session starts from, read on the sweep's thread: the user's datasets and
/// variables (copy-on-write values), the settings and the shared ActiveRun.
struct TrialInputs: @unchecked Sendable {
    let settings: SessionSettings
    let activeRun: ActiveRun
    let runDepth: Int
    let datasets: [String: DataEntry]
    let currentData: String?
    let variables: [String: Literal]

    init(session: Session) {
        var settings = session.settings
        settings.journalDirectory = nil
        // Trials already run side by side: a body's own seeds= runs them one at a time.
        settings.workers = 1
        self.settings = settings
        activeRun = session.activeRun
        runDepth = session.runDepth
        datasets = session.workspace.datasets
        currentData = session.workspace.currentData
        variables = session.workspace.variables
    }

    /// A fresh session over the user's datasets and variables, with the trial's values on top.
    func session(host: TrialHost, _ plan: TrialPlan) -> Session {
        let child = Session(host: host, settings: settings)
        child.activeRun = activeRun
        child.runDepth = runDepth + 1
        child.workspace.datasets = datasets
        child.workspace.currentData = currentData
        child.workspace.seed = plan.seed
        child.trial = TrialState(resume: plan.resume)
        child.workspace.variables = variables
        for (name, value) in plan.configuration.values {
            child.workspace.variables[name] = value.number.map(Literal.number) ?? .word(value.description)
        }
        if let budget = plan.budget { child.workspace.variables["budget"] = .number(max(1, budget.rounded())) }
        return child
    }
}
