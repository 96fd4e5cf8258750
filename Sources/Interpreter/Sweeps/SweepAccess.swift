// Reaching into a finished sweep: `eval s.best [on test]` (the best trial's net, on the data it
// trained on — evaluating it on test is the sweep's one recorded peek), `export s "trials.csv"`
// (one row per trial), and `report` outside a sweep body (refused with a hint).
import Charts
import Diagnostics
import Lab
import Search

extension Sweeps {
    /// The net `eval` names: a workspace net, or `SWEEP.best` with the data its trial used.
    func evaluatedNet(_ name: String?, at span: SourceSpan) throws(RuntimeError) -> (NetEntry, DataEntry?) {
        guard let name, let dot = name.firstIndex(of: ".") else {
            return (try session.workspace.net(name, at: span), nil)
        }
        let sweepName = String(name[..<dot]), member = String(name[name.index(after: dot)...])
        guard let sweep = session.workspace.sweeps[sweepName] else {
            // The hint offers the nearest name only, not the list.
            let suggestion = suggest(sweepName, among: Array(session.workspace.sweeps.keys))
            throw RuntimeError(
                WorkspaceRefusal.unknown(name: sweepName, kind: "sweep", suggestion: suggestion, names: []), at: span)
        }
        guard member == "best" else {
            throw RuntimeError(SweepRefusal.unknownMember(sweep: sweepName, member: member), at: span)
        }
        guard let net = sweep.bestNet else {
            throw RuntimeError(SweepRefusal.noTrainedNet(sweep: sweepName, builtin: sweep.builtin), at: span)
        }
        return (net, sweep.bestData)
    }

    /// `export SWEEP "trials.csv"`: trial, status, budget, seed, objective, epochs, seconds,
    /// every parameter (empty when inactive), final train/val metrics, the failure reason, and
    /// over seeds the objective's sd and each seed's objective.
    func exportTrials(_ entry: SweepEntry, to file: String, at span: SourceSpan) throws(RuntimeError) {
        guard file.lowercased().hasSuffix(".csv") else {
            throw RuntimeError(SweepRefusal.trialsNotCSV(sweep: entry.name), at: span)
        }
        try session.write(Array(trialsCSV(entry).utf8), to: file, at: span)
        session.say("wrote \(entry.trials.count) trials of \(entry.name) to \(file)")
    }

    func trialsCSV(_ entry: SweepEntry) -> String {
        let params = entry.space.names
        // Over seeds (`sweep … seeds=N`): the objective is the mean; its sd and each seed's follow.
        let seeds = entry.trials.map(\.seedObjectives.count).max() ?? 0
        let seedColumns = seeds > 1 ? ["objective_sd"] + (0..<seeds).map { "objective_seed\($0)" } : []
        var lines = [
            (["trial", "status", "budget", "seed", "objective", "epochs", "seconds"] + params
                + ["train_loss", "train_acc", "val_loss", "val_acc", "failure"] + seedColumns).joined(separator: ",")
        ]
        for t in entry.trials {
            let f = t.final
            var fields = [
                "\(t.number)", t.status.rawValue, t.budget.map(formatBudget) ?? "", "\(t.seed)", csvNumber(t.objective),
                csvNumber(t.epochs), csvNumber(t.seconds),
            ]
            fields += params.map { t.configuration[$0]?.description ?? "" }
            fields += [
                csvNumber(f?.trainLoss), csvNumber(f?.trainAccuracy), csvNumber(f?.validationLoss),
                csvNumber(f?.validationAccuracy), csvQuoted(t.failure ?? ""),
            ]
            if seeds > 1 {
                fields.append(t.seedObjectives.count > 1 ? csvNumber(Spread(t.seedObjectives).sd) : "")
                fields += (0..<seeds).map { $0 < t.seedObjectives.count ? csvNumber(t.seedObjectives[$0]) : "" }
            }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func csvNumber(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        return "\(x)"
    }

    func csvQuoted(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
