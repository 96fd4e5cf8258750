// Hyperband, BOHB and successive halving in a session: the HyperbandScheduler hands out
// (configuration, budget) jobs; each job is one trial whose `$budget` is the job's epochs.
// A configuration keeps its seed across promotions, and a promoted job continues the net its
// configuration trained in the previous round (`train NET … epochs=$budget` then trains up to
// $budget in all) rather than retraining from scratch as the paper's pseudo-code does: the
// schedule is the same, but a bracket costs Σ nᵢ·(rᵢ − rᵢ₋₁) epochs instead of Σ nᵢ·rᵢ. A body
// that does not train the same net the same way, or nets too large to keep (over
// `carriedBytes` in a bracket), retrain from scratch. Jobs in a bracket's last round are
// "done"; earlier ones are "pruned" unless promoted. Every job is reported to the scheduler as
// finished, so BOHB's model sees every budget. A round summary follows each round, the bracket
// table each bracket. With `workers=N` a round's jobs run N at once (TrialPool.swift); they are
// recorded and reported in job order, so the schedule, table and best match one worker's.
import Charts
import Diagnostics
import Lab
import Search

extension Sweeps {
    func runScheduled(
        _ entry: SweepEntry, _ body: SweepBody, plan: HyperbandPlan, workers: Int, source: SourceFile
    ) throws(RuntimeError) {
        entry.plan = plan
        let sampler: any Sampler =
            entry.method == "bohb"
            ? BOHBSampler(space: entry.space, seed: entry.seed)
            : RandomSampler(space: entry.space, seed: entry.seed)
        var scheduler = HyperbandScheduler(plan: plan, sampler: sampler)
        let live = SweepLive(session: session, entry: entry, totalWeight: plan.continuedBudget)
        session.say(
            live.header(
                trials: "\(plan.brackets.count) brackets, \(plan.totalConfigurations) configurations",
                budget: "\(formatBudget(plan.continuedBudget)) epochs in all as promoted configurations continue"))
        let pool = TrialPool(capacity: workers)
        var started: [(job: HyperbandJob, plan: TrialPlan, weight: Double)] = [], finished: [Int: TrialOutcome] = [:]
        var latest: [Int: LiveUpdate] = [:]
        var previous: HyperbandJob?
        // The nets of this bracket's configurations, to continue when promoted.
        var carried: [Int: NetEntry] = [:], carriedSize = 0
        let requests = session.activeRun.cancelRequests
        while true {
            // Phase 1: start the round's jobs while a worker is free (the next round's jobs exist
            // only once this round's are all reported, so a promotion always sees its net).
            while !entry.stoppedEarly, pool.hasRoom, let job = scheduler.nextJob() {
                let resume = job.round > 0 ? carried.removeValue(forKey: job.configurationID) : nil
                let plan = TrialPlan(
                    body: body, source: source, configuration: job.configuration, budget: job.budget,
                    seed: SweepEntry.trialSeed(entry.seed, configuration: job.configurationID), resume: resume)
                let bracket = entry.plan?.brackets.first { $0.s == job.bracket }
                started.append((job, plan, resume == nil ? job.budget : bracket?.increment(job.round) ?? job.budget))
                pool.start(job.id, prepareTrial(plan, objective: entry.objective))
            }
            if pool.running.isEmpty && started.isEmpty { break }
            // Phase 2: the shown progress is the oldest unreported job's (a later job's newest update
            // waits until its turn); outcomes are reported in job order.
            for event in pool.wait() {
                switch event {
                case .progress(let id, let update): latest[id] = update
                case .finished(let id, let outcome): finished[id] = outcome
                }
            }
            while let next = started.first {
                if let update = latest.removeValue(forKey: next.job.id) {
                    live.forwarder(trial: next.job.id, weight: next.weight)(update)
                }
                guard let outcome = finished.removeValue(forKey: next.job.id) else { break }
                started.removeFirst()
                if outcome.cancelled { entry.stoppedEarly = true; continue }
                let job = next.job
                if let p = previous, p.bracket != job.bracket || p.round != job.round {
                    closeRound(p, scheduler, entry, bracketOver: p.bracket != job.bracket)
                    if p.bracket != job.bracket { carried = [:]; carriedSize = 0 }
                }
                commitJob(job, next.plan, outcome, entry, weight: next.weight, live: live, scheduler: &scheduler)
                if let net = outcome.net, outcome.status == .done {
                    // Weights, gradients, two optimizer moments, and any snapshots the body asked for.
                    let size = (net.currentNetwork?.parameterCount ?? 0) * 16 + (net.run?.checkpoints.bytes ?? 0)
                    if carriedSize + size <= Self.carriedBytes { carried[job.configurationID] = net; carriedSize += size }
                }
                previous = job
            }
            if session.activeRun.cancelRequests != requests { entry.stoppedEarly = true }
        }
        if let p = previous, !entry.stoppedEarly { closeRound(p, scheduler, entry, bracketOver: true) }
        live.end()
    }

    /// A round's summary line, and the bracket table when its bracket is over.
    func closeRound(_ job: HyperbandJob, _ s: HyperbandScheduler, _ entry: SweepEntry, bracketOver: Bool) {
        guard let plan = entry.plan, let b = plan.brackets.firstIndex(where: { $0.s == job.bracket }) else { return }
        let p = s.progress[b][job.round], rounds = plan.brackets[b].rounds
        let best = p.best.map { " · best \(fmt(entry.objective.minimized($0)))" } ?? ""
        let next =
            job.round + 1 < rounds.count
            ? " · the best \(rounds[job.round + 1].configurations) go on to \(epochText(rounds[job.round + 1].budget))" : ""
        session.say("  bracket s=\(job.bracket) round \(job.round): \(p.finished) × \(epochText(p.budget))\(best)\(next)")
        if bracketOver { session.emit(.chart(.table(bracketTable(s, entry)))) }
    }

    /// Memory for the nets a bracket keeps to continue (beyond it, promoted jobs start over).
    static let carriedBytes = 256 << 20

    /// Records a finished job and reports it to the scheduler.
    func commitJob(
        _ job: HyperbandJob, _ trialPlan: TrialPlan, _ outcome: TrialOutcome, _ entry: SweepEntry, weight: Double,
        live: SweepLive, scheduler: inout HyperbandScheduler
    ) {
        if job.round > 0, let i = entry.trials.lastIndex(where: { $0.configurationID == job.configurationID }) {
            entry.trials[i].promoted = true
        }
        let rounds = entry.plan?.brackets.first { $0.s == job.bracket }?.rounds.count ?? 1
        record(
            outcome, trialPlan, in: entry, number: entry.trials.count, configurationID: job.configurationID, job: job,
            final: job.round == rounds - 1)
        let failed = outcome.status == .failed
        scheduler.report(job.id, objective: outcome.objective.map(entry.objective.minimized), status: failed ? .failed : .done)
        if session.host.wantsRunSnapshots { live.brackets = bracketTable(scheduler, entry, only: job.bracket) }
        live.finished(weight: weight)
    }

    /// The schedule with what has run so far: configs finished of planned, best objective
    /// (every bracket, or only the bracket `only` — the dashboard's view while it fills in).
    func bracketTable(_ s: HyperbandScheduler, _ entry: SweepEntry, only: Int? = nil) -> Table {
        guard let plan = entry.plan else { return Table(columns: [], rows: []) }
        var rows: [[String]] = []
        for (b, bracket) in plan.brackets.enumerated() where only.map({ $0 == bracket.s }) ?? true {
            for (r, round) in bracket.rounds.enumerated() {
                let p = s.progress[b][r]
                rows.append([
                    r == 0 ? "s=\(bracket.s)" : "", "\(r)", "\(p.finished)/\(round.configurations)",
                    formatBudget(round.budget), p.best.map { fmt(entry.objective.minimized($0)) } ?? "",
                ])
            }
        }
        return Table(
            title: "hyperband max=\(plan.maxBudget) eta=\(plan.eta)",
            columns: [
                .init("bracket"), .init("round", alignment: .right), .init("configs", alignment: .right),
                .init("epochs", alignment: .right), .init("best", alignment: .right),
            ], rows: rows)
    }
}
