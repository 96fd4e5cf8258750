// What a running sweep shows: a header, one table line per finished trial with the best so far,
// and the running trial's progress through `host.progress`, rescaled so the bar measures the
// whole sweep (trials for sampled methods, epochs for Hyperband) — a piped batch run then
// prints its quarter milestones once for the sweep, not once per trial.
import Charts
import Lab
import Search

final class SweepLive {
    let entry: SweepEntry
    let host: any SessionHost
    /// Trials (or epochs, for Hyperband) the sweep plans in all.
    let totalWeight: Double
    var doneWeight = 0.0
    var last: LiveUpdate?
    /// The dashboard's view of the sweep, rebuilt when a trial finishes.
    var snapshot: SweepSnapshot?
    /// Hyperband: the bracket table so far, for the dashboard.
    var brackets: Table?
    /// Quarters of the sweep already marked with a best-so-far sparkline.
    var quartersShown = 0
    let session: Session

    init(session: Session, entry: SweepEntry, totalWeight: Double) {
        self.session = session
        self.entry = entry
        self.host = session.host
        self.totalWeight = max(totalWeight, 1)
    }

    var scheduled: Bool { entry.plan != nil }

    /// The objective column: wider for "mean ± sd" over seeds.
    var objectiveWidth: Int { entry.seeds > 1 ? 16 : 9 }

    func header(trials: String, budget: String) -> String {
        let names = entry.space.parameters.map(\.name)
        let shown = names.count > 6 ? names.prefix(6).joined(separator: ", ") + ", …" : names.joined(separator: ", ")
        return "sweep \(entry.name): \(entry.method) · \(trials) · \(budget) · seed \(entry.seed)\n"
            + "\(entry.objective.maximize ? "maximizing" : "minimizing") \(entry.objective.label) over \(shown)\n"
            + (scheduled ? "trial  epochs  " : "trial  ")
            + "\(sweepPad(entry.objective.label, objectiveWidth))status    best      parameters"
    }

    /// The trial's live updates, rescaled to the whole sweep.
    func forwarder(trial: Int, weight: Double) -> (LiveUpdate) -> Void {
        { [self] u in
            let w = max(weight, 1e-9)
            let planned = Double(u.progress.planned) * totalWeight / w
            guard planned.isFinite, planned < 1e15 else { return }
            var update = u
            update.title = "sweep \(entry.name) #\(trial)"
            update.progress.planned = Int(planned)
            update.progress.done = Int(min(1, (doneWeight + u.progress.fraction * w) / totalWeight) * planned)
            update.sweep = snapshot
            last = update
            host.progress(update)
        }
    }

    /// A trial finished: its table line, the dashboard's curves, and at each quarter of the
    /// sweep a one-line best-so-far curve (what batch and line mode can show while it runs).
    func finished(weight: Double) {
        doneWeight += weight
        guard let t = entry.trials.last else { return }
        session.say(line(t))
        if host.wantsRunSnapshots {
            let planned = scheduled ? "\(entry.trials.count) jobs" : "\(entry.trials.count)/\(Int(totalWeight)) trials"
            let best = entry.best.flatMap { b in b.objective.map { " · best \(sweepNumber($0)) at #\(b.number)" } } ?? ""
            snapshot = SweepSnapshot(
                summary: "\(entry.name): \(planned)\(best)",
                byTrial: session.sweeps.bestSoFarChart(entry, overEpochs: false),
                byEpochs: session.sweeps.bestSoFarChart(entry, overEpochs: true), brackets: brackets)
        }
        let quarter = Int(4 * doneWeight / totalWeight + 1e-9)
        guard quarter > quartersShown, quarter < 4, entry.trials.count >= 8 else { return }
        quartersShown = quarter
        let best = entry.bestSoFar.map { $0 ?? .nan }
        session.emit(
            .chart(
                .sparkline(
                    Sparkline(label: "  best \(entry.objective.label) so far, \(quarter * 25)% done ", values: best, color: 1))))
    }

    /// Ends the progress bar (a piped run prints its last line once).
    func end() {
        guard var last else { return }
        last.sweep = snapshot  // the state after the last trial, not during it
        host.finishedProgress(last)
    }

    /// `#3     0.5123   done      0.4981    lr=0.00312 width=64`
    func line(_ t: TrialRecord) -> String {
        let best = entry.bestSoFar.last.flatMap { $0 }.map(sweepNumber) ?? "–"
        // A job below its bracket's last round waits for the round's ranking: pruned or promoted.
        let status = t.status == .pruned ? (t.promoted ? "promoted" : "ranked") : t.status.rawValue
        var text = sweepPad("#\(t.number)", 7)
        if scheduled { text += sweepPad(t.budget.map(formatBudget) ?? "", 8) }
        text += sweepPad(t.objectiveText, objectiveWidth) + sweepPad(status, 10) + sweepPad(best, 10)
        text += configurationText(t.configuration, entry.space)
        if let failure = t.failure { text += " · " + failure }
        return text
    }
}

/// `name=value` in declaration order, numbers to 3 significant digits.
func configurationText(_ c: Configuration, _ space: SearchSpace) -> String {
    space.parameters.compactMap { p in c[p.name].map { "\(p.name)=\(shortValue($0))" } }.joined(separator: " ")
}

func shortValue(_ v: ParameterValue) -> String {
    switch v {
    case .number(let x): return Table.number(x, significant: 3)
    case .word(let w): return w
    }
}

func sweepNumber(_ x: Double) -> String { Table.number(x, significant: 4) }

/// "1 epoch", "3 epochs", "3.906 epochs".
func epochText(_ x: Double) -> String { x == 1 ? "1 epoch" : "\(formatBudget(x)) epochs" }

func sweepPad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
}

extension Sweeps {
    /// The closing line: how many trials, how they ended, the best and what to do next.
    func sweepSummary(_ entry: SweepEntry) -> String {
        let counts = [TrialStatus.done, .pruned, .failed].compactMap { s -> String? in
            let n = entry.trials.filter { $0.status == s }.count
            return n > 0 ? "\(n) \(s.rawValue)" : nil
        }
        var text = "\(entry.name): \(entry.trials.count) trials (\(counts.joined(separator: ", ")))"
        if let best = entry.best, best.objective != nil {
            text +=
                " · best \(entry.objective.label) \(best.objectiveText) at #\(best.number): \(configurationText(best.configuration, entry.space))"
        } else {
            text += " · no trial finished"
        }
        if entry.stoppedEarly { text += "\nstopped by Ctrl-C; the finished trials are kept" }
        guard entry.best != nil else {
            let reason = entry.trials.last?.failure.map { ": the last failed with \"\($0)\"" } ?? ""
            return text + "\nnext: fix the body\(reason); 'show \(entry.name)' lists every trial"
        }
        return text + "\nnext: show \(entry.name) · eval \(entry.name).best on test (the one recorded look at the test part)"
    }
}
