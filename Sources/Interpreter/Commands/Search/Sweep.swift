// `sweep NAME method=… { body }`: sample a configuration, run the body as a trial, record it,
// repeat. Sampled methods (random, grid, tpe, bayes) ask their sampler after each trial;
// hyperband, bohb and halving hand out (configuration, budget) jobs from a HyperbandScheduler.
// `plan` prints a Hyperband schedule and runs nothing; `objective=branin` searches a built-in
// test function with no body and no training. `workers=N` runs N trials at once with the same
// results as one (TrialPool.swift). Ctrl-C stops every running trial after its current step and
// keeps the finished trials.
import Charts
import Diagnostics
import Lab
import Language
import Networks
import Search

/// How a sweep searches: a sampler of the engine's, or a Hyperband schedule.
enum SweepMethod: OperandChoice, Equatable {
    case sampled(SearchMethod), hyperband, bohb, halving

    static var allCases: [SweepMethod] { SearchMethod.allCases.map(sampled) + [.hyperband, .bohb, .halving] }

    init?(rawValue: String) {
        guard let found = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = found
    }

    var rawValue: String {
        switch self {
        case .sampled(let m): return m.rawValue
        case .hyperband: return "hyperband"
        case .bohb: return "bohb"
        case .halving: return "halving"
        }
    }

    /// Whether budgets are scheduled (Hyperband's brackets) rather than one per trial.
    var isScheduled: Bool { if case .sampled = self { false } else { true } }
}

struct SweepCommand: RunnableCommand {
    var name = ""
    var method: SweepMethod?
    var trials: Int?
    var max = 81
    var eta = 3
    var points = 5
    var budget = 10
    var objective: String?
    var plan = false
    var workers: Int?
    var seeds = 1
    var cv: Int?
    var seed: Int?

    /// Trials at most in one sweep.
    static let maxTrials = 100_000
    /// Trials at once at most: each holds a network, its optimizer state and snapshots.
    static let maxWorkers = 64
    /// Trials of a built-in objective when trials= is not given.
    static let builtinTrials = 50
    /// Trials of a sampled sweep when trials= is not given (a grid runs its whole grid).
    static let sampledTrials = 20

    static var declaration: Declaration<SweepCommand> {
        Declaration(
            "sweep", category: "Hyperparameter search", summary: "search hyperparameters; the body runs once per trial",
            block: .optional, runsLong: true,
            examples: [
                "sweep s method=tpe trials=40 {\n  let lr ~ log(1e-4, 1e-1)\n  net t = dense 32 relu, dense 10\n  opt t adam lr=$lr\n  train t on m epochs=$budget\n}",
                "sweep d method=random trials=20 {\n  let depth ~ int(1, 3)\n  let w ~ choice(32, 64, 128) per depth\n  net t = dense $w relu x$depth, dense 10\n  train t on m epochs=$budget\n}",
                "sweep h method=hyperband max=81 eta=3 plan", "sweep b method=tpe objective=branin trials=100",
            ],
            details: "The objective is the val loss of the net trained last in the body (or 'report val_acc maximize'). "
                + "$budget is the job's epochs under hyperband, budget= otherwise. 'let w ~ int(16, 128) per depth' "
                + "samples w1 … wN, wk only when depth ≥ k; 'dense $w relu x$depth' gives layer k width $wk. "
                + "workers=N runs N trials at once (default: every core; BASIN_THREADS=1 on a shared server) and "
                + "gives the same trials, table and best as workers=1: random, grid and hyperband rounds run fully "
                + "in parallel, tpe and bayes during their 10 start-up trials, then one at a time (each proposal "
                + "needs the results before it). seeds=N runs each trial's body on N seeds and optimizes their "
                + "mean; the table shows mean ± sd and 'export s' each seed's objective. Ctrl-C stops every running "
                + "trial and keeps each finished one (with several workers that can include trials numbered after "
                + "one that was stopped).",
            .slot(\.name, "name", .name(.sweep), required: true, placeholder: "NAME", help: "a name for the sweep"),
            .option(
                \.method, "method", default: "random; hyperband with plan",
                help: "search method (bohb: TPE inside hyperband brackets; halving: one bracket)"),
            .option(
                \.trials, "trials", .positiveInteger, max: maxTrials,
                default: "\(sampledTrials); a grid runs its whole grid; \(builtinTrials) with objective=",
                help: "number of trials"),
            .option(\.max, "max", .positiveInteger, help: "hyperband: largest budget R (epochs)"),
            .option(\.eta, "eta", .positiveInteger, help: "hyperband: keep 1/eta per round"),
            .option(\.points, "points", .positiveInteger, max: GridSampler.limit, help: "grid: points per continuous range"),
            .option(\.budget, "budget", .positiveInteger, help: "$budget (epochs) for methods other than hyperband"),
            .option(\.objective, "objective", .oneOf(Objective.all.map(\.name)), help: "built-in test function (no body)"),
            .flag(\.plan, "plan", help: "print the schedule, run nothing"),
            .option(
                \.workers, "workers", .positiveInteger, max: maxWorkers, default: "the cores (BASIN_THREADS caps it)",
                help: "trials run at once; the results are the same for any count"),
            .option(
                \.seeds, "seeds", .positiveInteger, max: TrainCommand.maxSeeds,
                help: "run each trial's body on N seeds; its objective is their mean (random, grid, tpe, bayes)"),
            .option(
                \.cv, "cv", .positiveInteger, max: TrainCommand.maxSeeds,
                help: "K-fold cross-validation: each trial's body runs once per fold of train+val; its objective is their mean"),
            .seed(\.seed))
    }

    func run(_ s: Session, _ c: Context<SweepCommand>) throws(RuntimeError) -> ExecutionStatus {
        let method = self.method ?? (plan ? .hyperband : .sampled(.random))
        if plan {
            s.say(try hyperbandPlan(method, c).text)
            return .ok
        }
        if let objective {
            try builtin(s, objective, method: method, c)
            return .ok
        }
        guard let block = c.syntax.block else {
            throw RuntimeError(SweepRefusal.noBody(sweep: name), at: c.span)
        }
        let body = try SweepBody(block, scope: s.workspace)
        let entry = SweepEntry(
            name: name, method: method.rawValue, space: body.space, objective: body.objective, seed: s.seed(seed))
        s.workspace.sweeps[name] = entry
        if let cv {
            if seeds > 1 {
                throw RuntimeError(SweepRefusal.seedsAndFolds(sweep: name, folds: cv), at: c.span(\.cv))
            }
            if cv < 2 {
                throw RuntimeError(SweepRefusal.oneFold(folds: cv), at: c.span(\.cv))
            }
            if method.isScheduled {
                throw RuntimeError(SweepRefusal.foldsScheduled(method: method.rawValue, folds: cv), at: c.span(\.cv))
            }
        }
        if method.isScheduled {
            if seeds > 1 {
                throw RuntimeError(SweepRefusal.seedsScheduled(method: method.rawValue, seeds: seeds), at: c.span(\.seeds))
            }
            try s.sweeps.runScheduled(entry, body, plan: try hyperbandPlan(method, c), workers: workerCount(s), source: c.source)
        } else {
            let sampler = try self.sampler(method, space: entry.space, seed: entry.seed, c)
            try s.sweeps.runSampled(
                entry, body, sampler: sampler, trials: trials, budget: Double(budget), seeds: seeds, cv: cv,
                workers: workerCount(s), source: c.source)
        }
        s.say(s.sweeps.sweepSummary(entry))
        return .ok
    }

    /// The schedule of `method=hyperband|bohb` (every bracket) or `halving` (the widest one).
    func hyperbandPlan(_ method: SweepMethod, _ c: Context<SweepCommand>) throws(RuntimeError) -> HyperbandPlan {
        guard method.isScheduled else {
            throw RuntimeError(SweepRefusal.planUnscheduled(method: method.rawValue), at: c.span(\.method))
        }
        return try rethrow(at: c.span(\.max)) { () throws -> HyperbandPlan in
            method == .halving
                ? try HyperbandPlan.successiveHalving(maxBudget: max, eta: eta) : try HyperbandPlan(maxBudget: max, eta: eta)
        }
    }

    func sampler(
        _ method: SweepMethod, space: SearchSpace, seed: UInt64, _ c: Context<SweepCommand>
    ) throws(RuntimeError) -> any Sampler {
        guard case .sampled(let m) = method else {
            throw RuntimeError(SweepRefusal.scheduledBuiltin(method: method.rawValue), at: c.span(\.method))
        }
        return try rethrow(at: c.span(\.points)) { () throws -> any Sampler in
            try m.sampler(space: space, seed: seed, gridPoints: points)
        }
    }

    /// `workers=N`, else the session's default (the cores); BASIN_THREADS caps both, as a
    /// shared server's limit must.
    func workerCount(_ s: Session) -> Int {
        min(workers ?? s.settings.workers, Engine.threads())
    }

    /// `objective=branin|hartmann6`: the sampler against a built-in test function.
    func builtin(_ s: Session, _ builtin: String, method: SweepMethod, _ c: Context<SweepCommand>) throws(RuntimeError) {
        if c.syntax.block != nil {
            throw RuntimeError(SweepRefusal.builtinWithBody(objective: builtin), at: c.span(\.objective))
        }
        let objective = try rethrow(at: c.span(\.objective)) { () throws -> Objective in try Objective.named(builtin) }
        let entry = SweepEntry(
            name: name, method: method.rawValue, space: objective.space, objective: SweepObjective(metric: builtin),
            seed: s.seed(seed), builtin: builtin)
        var sampler = try sampler(method, space: objective.space, seed: entry.seed, c)
        for number in 0..<(trials ?? Self.builtinTrials) {
            guard let configuration = sampler.propose(history: entry.history) else { break }
            let y = objective.evaluate(configuration)
            let ok = y?.isFinite ?? false
            entry.trials.append(
                TrialRecord(
                    number: number, configuration: configuration, budget: nil, seed: entry.seed,
                    status: ok ? .done : .failed, objective: y, configurationID: number))
        }
        s.workspace.sweeps[name] = entry
        let best = entry.best
        s.say(
            "\(name): \(method.rawValue) on \(builtin), \(entry.trials.count) trials, seed \(entry.seed) · best \(best.map { fmt($0.objective ?? .nan) } ?? "–")"
                + " (optimum \(fmt(objective.minimum)))"
                + (best.map { " at #\($0.number): " + configurationText($0.configuration, entry.space) } ?? ""))
    }
}

extension Sweeps {
    /// random, grid, tpe, bayes: one trial per proposal, every trial given `budget=` epochs, up to
    /// `workers=` at once. Trial k is proposed only once the proposal cannot depend on results
    /// still running (always for random and grid; for tpe and bayes during their start-up
    /// trials, else when trials 0…k−1 are recorded), and outcomes are recorded in trial order —
    /// so every worker count gives the same trials, table and best as one worker.
    func runSampled(
        _ entry: SweepEntry, _ body: SweepBody, sampler: any Sampler, trials: Int?, budget: Double, seeds: Int,
        cv: Int? = nil, workers: Int, source: SourceFile
    ) throws(RuntimeError) {
        let seeds = cv ?? seeds
        var sampler = sampler
        let gridSize = (sampler as? GridSampler)?.configurations.count
        let count = trials ?? gridSize ?? SweepCommand.sampledTrials
        entry.seeds = seeds
        let pool = TrialPool(capacity: workers)
        let live = SweepLive(session: session, entry: entry, totalWeight: Double(min(count, gridSize ?? count)))
        session.say(
            live.header(
                trials: "\(min(count, gridSize ?? count)) trials"
                    + (seeds > 1 ? " of \(seeds) \(cv == nil ? "seeds" : "folds (cross-validation)") each" : ""),
                budget: "budget \(epochText(budget))"))
        var plans: [Int: TrialPlan] = [:], finished: [Int: TrialOutcome] = [:], latest: [Int: LiveUpdate] = [:]
        var proposed = 0, committed = 0, exhausted = false
        let requests = session.activeRun.cancelRequests
        while true {
            // Phase 1: start trials while a worker is free and the next proposal may be made now.
            while !entry.stoppedEarly, !exhausted, proposed < count, pool.hasRoom,
                proposed == committed || sampler.proposalIgnoresResults(trialsBefore: proposed)
            {
                let pending = (committed..<proposed).map {
                    Trial(number: $0, configuration: plans[$0]!.configuration, objective: nil, status: .failed)
                }
                guard let configuration = sampler.propose(history: entry.history + pending) else { exhausted = true; break }
                let plan = TrialPlan(
                    body: body, source: source, configuration: configuration, budget: budget,
                    seed: SweepEntry.trialSeed(entry.seed, configuration: proposed), seeds: seeds, cv: cv)
                plans[proposed] = plan
                pool.start(proposed, prepareTrial(plan, objective: entry.objective))
                proposed += 1
            }
            if pool.running.isEmpty && committed == proposed { break }
            // Phase 2: the shown progress is the oldest unrecorded trial's (a later trial's newest
            // update waits until its turn); outcomes are recorded in trial order.
            for event in pool.wait() {
                switch event {
                case .progress(let number, let update): latest[number] = update
                case .finished(let number, let outcome): finished[number] = outcome
                }
            }
            while true {
                if let update = latest.removeValue(forKey: committed) { live.forwarder(trial: committed, weight: 1)(update) }
                guard let outcome = finished.removeValue(forKey: committed), let plan = plans.removeValue(forKey: committed)
                else { break }
                if outcome.cancelled {
                    entry.stoppedEarly = true
                } else {
                    record(outcome, plan, in: entry, number: committed, configurationID: committed)
                    live.finished(weight: 1)
                }
                committed += 1
            }
            if session.activeRun.cancelRequests != requests { entry.stoppedEarly = true }
        }
        live.end()
    }

    /// Appends a trial and keeps the best trial's net.
    func record(
        _ outcome: TrialOutcome, _ plan: TrialPlan, in entry: SweepEntry, number: Int, configurationID: Int,
        job: HyperbandJob? = nil, final: Bool = true
    ) {
        var status = outcome.status
        if status == .done, !final { status = .pruned }
        let trial = TrialRecord(
            number: number, configuration: plan.configuration, budget: plan.budget, seed: plan.seed,
            status: status, objective: outcome.objective, seedObjectives: outcome.seedObjectives,
            seedFinals: outcome.seedFinals, parameters: outcome.parameters,
            curve: outcome.curve, epochs: outcome.epochs,
            seconds: outcome.seconds, failure: outcome.failure, configurationID: configurationID,
            bracket: job?.bracket, round: job?.round)
        entry.trials.append(trial)
        if status == .done, entry.best?.number == trial.number {
            entry.bestNet = outcome.net
            entry.bestData = outcome.data
        }
    }
}
