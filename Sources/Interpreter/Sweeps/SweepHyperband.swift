// Hyperband, BOHB and successive halving in a session: the HyperbandScheduler hands out
// (configuration, budget) jobs; each job is one trial whose `$budget` is the job's epochs.
// A configuration keeps its seed across promotions (it is retrained from scratch with the
// larger budget, as in Li et al. 2018). Jobs in a bracket's last round are "done"; earlier ones
// are "pruned" unless promoted. Every job is reported to the scheduler as finished, so BOHB's
// model sees every budget. A round summary follows each round, the bracket table each bracket.
import Charts
import Lab
import Search

extension Session {
    func runScheduled(_ entry: SweepEntry, _ body: SweepBody, _ c: CommandContext) throws(RuntimeError) {
        let plan = try hyperbandPlan(c, method: entry.method)
        entry.plan = plan
        let sampler: any Sampler = entry.method == "bohb" ? BOHBSampler(space: entry.space, seed: entry.seed)
            : RandomSampler(space: entry.space, seed: entry.seed)
        var scheduler = HyperbandScheduler(plan: plan, sampler: sampler)
        let live = SweepLive(entry: entry, host: host, totalWeight: plan.totalBudget)
        say(live.header(trials: "\(plan.brackets.count) brackets, \(plan.totalConfigurations) configurations",
                        budget: "\(formatBudget(plan.totalBudget)) epochs in all"))
        var previous: HyperbandJob?
        while let job = scheduler.nextJob() {
            if let p = previous, p.bracket != job.bracket || p.round != job.round {
                closeRound(p, scheduler, entry, bracketOver: p.bracket != job.bracket)
            }
            guard runJob(job, entry, body, c, live: live, scheduler: &scheduler) else { entry.stoppedEarly = true; break }
            previous = job
        }
        if let p = previous, !entry.stoppedEarly { closeRound(p, scheduler, entry, bracketOver: true) }
        live.end()
    }

    /// A round's summary line, and the bracket table when its bracket is over.
    func closeRound(_ job: HyperbandJob, _ s: HyperbandScheduler, _ entry: SweepEntry, bracketOver: Bool) {
        guard let plan = entry.plan, let b = plan.brackets.firstIndex(where: { $0.s == job.bracket }) else { return }
        let p = s.progress[b][job.round], rounds = plan.brackets[b].rounds
        let best = p.best.map { " · best \(fmt(entry.objective.minimized($0)))" } ?? ""
        let next = job.round + 1 < rounds.count
            ? " · the best \(rounds[job.round + 1].configurations) go on to \(epochText(rounds[job.round + 1].budget))" : ""
        say("  bracket s=\(job.bracket) round \(job.round): \(p.finished) × \(epochText(p.budget))\(best)\(next)")
        if bracketOver { emit(.chart(.table(bracketTable(s, entry)))) }
    }

    /// Runs one job and reports it; false when Ctrl-C stopped it.
    func runJob(_ job: HyperbandJob, _ entry: SweepEntry, _ body: SweepBody, _ c: CommandContext,
                live: SweepLive, scheduler: inout HyperbandScheduler) -> Bool {
        let trialPlan = TrialPlan(body: body, source: c.source, configuration: job.configuration, budget: job.budget,
                                  seed: SweepEntry.trialSeed(entry.seed, configuration: job.configurationID))
        let outcome = runTrial(trialPlan, objective: entry.objective, onProgress: live.forwarder(trial: job.id, weight: job.budget))
        if outcome.cancelled { return false }
        if job.round > 0, let i = entry.trials.lastIndex(where: { $0.configurationID == job.configurationID }) {
            entry.trials[i].promoted = true
        }
        let rounds = entry.plan?.brackets.first { $0.s == job.bracket }?.rounds.count ?? 1
        record(outcome, trialPlan, in: entry, configurationID: job.configurationID, job: job, final: job.round == rounds - 1)
        let failed = outcome.status == .failed
        scheduler.report(job.id, objective: outcome.objective.map(entry.objective.minimized), status: failed ? .failed : .done)
        live.finished(weight: job.budget)
        say(live.line(entry.trials[entry.trials.count - 1]))
        return true
    }

    /// The schedule with what has run so far: configs finished of planned, best objective.
    func bracketTable(_ s: HyperbandScheduler, _ entry: SweepEntry) -> Table {
        guard let plan = entry.plan else { return Table(columns: [], rows: []) }
        var rows: [[String]] = []
        for (b, bracket) in plan.brackets.enumerated() {
            for (r, round) in bracket.rounds.enumerated() {
                let p = s.progress[b][r]
                rows.append([r == 0 ? "s=\(bracket.s)" : "", "\(r)", "\(p.finished)/\(round.configurations)",
                             formatBudget(round.budget), p.best.map { fmt(entry.objective.minimized($0)) } ?? ""])
            }
        }
        return Table(title: "hyperband max=\(plan.maxBudget) eta=\(plan.eta)",
                     columns: [.init("bracket"), .init("round", alignment: .right), .init("configs", alignment: .right),
                               .init("epochs", alignment: .right), .init("best", alignment: .right)], rows: rows)
    }
}
