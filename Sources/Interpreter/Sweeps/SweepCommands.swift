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
import Search

extension Session {
    func sweepCommand(_ c: CommandContext) throws(RuntimeError) {
        let name = try c.text("name") ?? ""
        let method = try c.text("method") ?? (c.isSet("plan") ? "hyperband" : "random")
        if c.isSet("plan") {
            say(try hyperbandPlan(c, method: method).text)
            return
        }
        if let builtin = try c.text("objective") { return try builtinSweep(name, builtin, method: method, c) }
        guard let block = c.command.block else {
            throw RuntimeError("sweep \(name) needs a { body } to run, or a built-in objective=", at: c.span,
                               hint: "sweep \(name) method=random trials=8 { let lr ~ log(1e-4, 1e-1) … train t on m epochs=$budget }")
        }
        let body = try SweepBody(block, scope: workspace)
        let entry = SweepEntry(name: name, method: method, space: body.space, objective: body.objective, seed: seed(try c.int("seed")))
        workspace.sweeps[name] = entry
        if ["hyperband", "bohb", "halving"].contains(method) {
            if let seeds = try c.int("seeds"), seeds > 1 {
                throw RuntimeError("seeds= averages the trials of random, grid, tpe and bayes; \(method) promotes one net per configuration",
                                   at: c.span(of: "seeds"), hint: "use method=random or tpe with seeds=\(seeds), or train the winner with seeds=")
            }
            try runScheduled(entry, body, c)
        } else {
            try runSampled(entry, body, c)
        }
        say(sweepSummary(entry))
    }

    /// The schedule of `method=hyperband|bohb` (every bracket) or `halving` (the widest one).
    func hyperbandPlan(_ c: CommandContext, method: String) throws(RuntimeError) -> HyperbandPlan {
        guard ["hyperband", "bohb", "halving"].contains(method) else {
            throw RuntimeError("'plan' prints a hyperband schedule; method=\(method) has none", at: c.span(of: "method"),
                               hint: "sweep NAME method=hyperband max=81 eta=3 plan")
        }
        let r = try c.int("max") ?? 81, eta = try c.int("eta") ?? 3
        return try rethrowSearch(at: c.span(of: "max")) { () throws -> HyperbandPlan in
            method == "halving" ? try HyperbandPlan.successiveHalving(maxBudget: r, eta: eta) : try HyperbandPlan(maxBudget: r, eta: eta)
        }
    }

    /// Search errors carry their own hint.
    func rethrowSearch<T>(at span: SourceSpan, _ body: () throws -> T) throws(RuntimeError) -> T {
        do { return try body() } catch let e as SearchError {
            throw RuntimeError(e.description, at: span, hint: e.hint)
        } catch { throw RuntimeError("\(error)", at: span) }
    }

    func sampler(_ method: String, space: SearchSpace, seed: UInt64, _ c: CommandContext) throws(RuntimeError) -> any Sampler {
        guard let m = SearchMethod(rawValue: method) else {
            throw RuntimeError("method=\(method) schedules budgets; it needs a body that trains", at: c.span(of: "method"),
                               hint: "use random, grid, tpe or bayes with objective=")
        }
        let points = try c.bounded("points", max: GridSampler.limit) ?? 5
        return try rethrowSearch(at: c.span(of: "points")) { () throws -> any Sampler in try m.sampler(space: space, seed: seed, gridPoints: points) }
    }

    /// random, grid, tpe, bayes: one trial per proposal, every trial given `budget=` epochs, up to
    /// `workers=` at once. Trial k is proposed only once the proposal cannot depend on results
    /// still running (always for random and grid; for tpe and bayes during their start-up
    /// trials, else when trials 0…k−1 are recorded), and outcomes are recorded in trial order —
    /// so every worker count gives the same trials, table and best as one worker.
    func runSampled(_ entry: SweepEntry, _ body: SweepBody, _ c: CommandContext) throws(RuntimeError) {
        var sampler = try sampler(entry.method, space: entry.space, seed: entry.seed, c)
        let gridSize = (sampler as? GridSampler)?.configurations.count
        let count = try c.bounded("trials", max: 100_000) ?? gridSize ?? 20
        let budget = Double(try c.int("budget") ?? 10)
        let seeds = try c.bounded("seeds", max: TrainCommand.maxSeeds) ?? 1
        entry.seeds = seeds
        let pool = TrialPool(capacity: try workers(c))
        let live = SweepLive(session: self, entry: entry, totalWeight: Double(min(count, gridSize ?? count)))
        say(live.header(trials: "\(min(count, gridSize ?? count)) trials" + (seeds > 1 ? " of \(seeds) seeds each" : ""),
                        budget: "budget \(epochText(budget))"))
        var plans: [Int: TrialPlan] = [:], finished: [Int: TrialOutcome] = [:], latest: [Int: LiveUpdate] = [:]
        var proposed = 0, committed = 0, exhausted = false
        let requests = activeRun.cancelRequests
        while true {
            // Phase 1: start trials while a worker is free and the next proposal may be made now.
            while !entry.stoppedEarly, !exhausted, proposed < count, pool.hasRoom,
                  proposed == committed || sampler.proposalIgnoresResults(trialsBefore: proposed) {
                let pending = (committed..<proposed).map { Trial(number: $0, configuration: plans[$0]!.configuration, objective: nil, status: .failed) }
                guard let configuration = sampler.propose(history: entry.history + pending) else { exhausted = true; break }
                let plan = TrialPlan(body: body, source: c.source, configuration: configuration, budget: budget,
                                     seed: SweepEntry.trialSeed(entry.seed, configuration: proposed), seeds: seeds)
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
                guard let outcome = finished.removeValue(forKey: committed), let plan = plans.removeValue(forKey: committed) else { break }
                if outcome.cancelled {
                    entry.stoppedEarly = true
                } else {
                    record(outcome, plan, in: entry, number: committed, configurationID: committed)
                    live.finished(weight: 1)
                }
                committed += 1
            }
            if activeRun.cancelRequests != requests { entry.stoppedEarly = true }
        }
        live.end()
    }

    /// `workers=N`, else the session's default (the cores); BASIN_THREADS caps both, as a
    /// shared server's limit must.
    func workers(_ c: CommandContext) throws(RuntimeError) -> Int {
        let asked = try c.bounded("workers", max: Self.maxWorkers) ?? settings.workers
        return min(asked, Engine.threads())
    }

    /// Trials at once at most: each holds a network, its optimizer state and snapshots.
    static let maxWorkers = 64

    /// Appends a trial and keeps the best trial's net.
    func record(_ outcome: TrialOutcome, _ plan: TrialPlan, in entry: SweepEntry, number: Int, configurationID: Int,
                job: HyperbandJob? = nil, final: Bool = true) {
        var status = outcome.status
        if status == .done, !final { status = .pruned }
        let trial = TrialRecord(number: number, configuration: plan.configuration, budget: plan.budget, seed: plan.seed,
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

    /// `objective=branin|hartmann6`: the sampler against a built-in test function.
    func builtinSweep(_ name: String, _ builtin: String, method: String, _ c: CommandContext) throws(RuntimeError) {
        if c.command.block != nil {
            throw RuntimeError("objective=\(builtin) is a built-in function: the sweep takes no body", at: c.span(of: "objective"))
        }
        let objective = try rethrowSearch(at: c.span(of: "objective")) { () throws -> Objective in try Objective.named(builtin) }
        let entry = SweepEntry(name: name, method: method, space: objective.space, objective: SweepObjective(metric: builtin),
                               seed: seed(try c.int("seed")), builtin: builtin)
        var sampler = try sampler(method, space: objective.space, seed: entry.seed, c)
        for number in 0..<(try c.bounded("trials", max: 100_000) ?? 50) {
            guard let configuration = sampler.propose(history: entry.history) else { break }
            let y = objective.evaluate(configuration)
            let ok = y?.isFinite ?? false
            entry.trials.append(TrialRecord(number: number, configuration: configuration, budget: nil, seed: entry.seed,
                                            status: ok ? .done : .failed, objective: y, configurationID: number))
        }
        workspace.sweeps[name] = entry
        let best = entry.best
        say("\(name): \(method) on \(builtin), \(entry.trials.count) trials, seed \(entry.seed) · best \(best.map { fmt($0.objective ?? .nan) } ?? "–")"
            + " (optimum \(fmt(objective.minimum)))" + (best.map { " at #\($0.number): " + configurationText($0.configuration, entry.space) } ?? ""))
    }
}
