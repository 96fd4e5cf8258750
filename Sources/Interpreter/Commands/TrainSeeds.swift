// `train NET … seeds=N`: the net and N−1 copies of it with seeds seed+1 … seed+N−1, trained at
// once on up to `workers` threads (the cores, capped by BASIN_THREADS). Each copy owns its
// network, RNG streams and kernel scratch, so every seed's numbers are exactly those it gets
// trained alone; only the wall time changes. The report is the net's own line, then one row per
// seed and their mean ± standard deviation.
import Charts
import Diagnostics
import Dispatch
import Foundation
import Networks
import Lab
import Language
import Synchronization

extension Session {
    /// The copies this `train` trains beside `net`: made at the first `seeds=N`, continued after.
    func seedCopies(_ net: NetEntry, seeds: Int?, at span: SourceSpan) throws(RuntimeError) -> [NetEntry] {
        guard let n = seeds else { return net.replicas }
        if n == net.replicas.count + 1 { return net.replicas }
        if let run = net.run, run.step > 0 {
            let had = net.replicas.count + 1
            throw RuntimeError("\(net.name) has trained with \(had) seed\(had == 1 ? "" : "s"); seeds= cannot change that now",
                               at: span, hint: "reset \(net.name), then: train \(net.name) … seeds=\(n)")
        }
        net.replicas = (1..<n).map { net.replica(seed: net.seed &+ UInt64($0)) }
        return net.replicas
    }

    /// A copy follows its net's setup (`opt`, `schedule`, … typed since the last train).
    func syncReplica(_ copy: NetEntry, with net: NetEntry) {
        copy.setup = net.setup
        copy.checkpointEvery = net.checkpointEvery
        copy.checkpointKeep = net.checkpointKeep
        guard let run = copy.run else { return }
        let s = net.setup.optimizer
        if run.optimizer.settings.kind == s.kind { run.optimizer.settings = s }
        else { run.optimizer = Optimizer(settings: s, parameterCount: run.network.parameterCount) }
        if let primary = net.run {
            run.loss = primary.loss
            run.schedule = stepSchedule(net.setup.schedule, run)
        }
    }

    /// `step`, `rewind` and `init … from` act on one net: its other seeds are dropped (said).
    func dropReplicas(_ net: NetEntry, because command: String) {
        guard !net.replicas.isEmpty else { return }
        let count = net.replicas.count
        net.replicas = []
        say("\(net.name): its \(count) other seed\(count == 1 ? "" : "s") dropped — \(command) acts on one net; train \(net.name) … seeds=N trains several again")
    }

    /// Trains every run for `budget`, `settings.workers` at a time; one progress line for all
    /// (steps done over steps planned, the first seed's curves on a dashboard). Reports by seed.
    func driveSeeds(_ runs: [(net: NetEntry, run: TrainingRun)], budget: Budget, title: String, early: Int?) -> [RunReport] {
        let shared = SeedsProgress(count: runs.count, host: host, title: title, netName: runs[0].net.name,
                                   unit: ProgressUnit(budget, stepsPerEpoch: runs[0].run.stepsPerEpoch), snapshots: host.wantsRunSnapshots)
        let next = Atomic<Int>(0)
        let box = UncheckedRuns(runs: runs, active: activeRun)
        DispatchQueue.concurrentPerform(iterations: min(runs.count, settings.workers)) { _ in
            while true {
                let i = next.add(1, ordering: .relaxed).oldValue
                guard i < box.runs.count else { return }
                let run = box.runs[i].run
                box.active.begin(run.control)
                let report = run.train(budget, earlyStopping: early) { p in shared.update(i, p, run: run) }
                box.active.end(run.control)
                shared.finish(i, report)
            }
        }
        shared.end()
        trial?.lastStop = shared.reports.compactMap { $0?.reason }.first { if case .finished = $0 { false } else { true } } ?? .finished
        return shared.reports.compactMap { $0 }  // every index ran: one report per seed
    }

    /// One row per seed (`seedsSummary` gives their mean ± sd, as text that wraps on a narrow
    /// screen).
    func seedsTable(_ runs: [(net: NetEntry, run: TrainingRun)], _ reports: [RunReport]) -> Table {
        let evals = runs.map { $0.run.currentEvaluation ?? $0.run.history.evals.last }
        let columns: [(String, (EvalRecord) -> Double?, Bool)] = [
            ("train loss", { $0.trainLoss }, false), ("train acc", { $0.trainAccuracy }, true),
            ("val loss", { $0.validationLoss }, false), ("val acc", { $0.validationAccuracy }, true),
        ].filter { column in evals.contains { $0.flatMap(column.1) != nil } }
        let show = { (v: Double, percent: Bool) in percent ? pct(v) : fmt(v) }
        let rows = zip(runs, reports).enumerated().map { i, pair -> [String] in
            let (entry, report) = pair
            let status: String
            switch report.reason {
            case .finished: status = ""
            case .cancelled: status = "stopped"
            case .earlyStopped: status = "early stop"
            case .diverged: status = "diverged"
            }
            return ["\(entry.net.seed)", "\(entry.run.step)"] + columns.map { c in evals[i].flatMap(c.1).map { show($0, c.2) } ?? "–" } + [status]
        }
        return Table(title: "\(runs[0].net.name): \(runs.count) seeds",
                     columns: [.init("seed", alignment: .right), .init("step", alignment: .right)]
                        + columns.map { .init($0.0, alignment: .right) } + [.init("")],
                     rows: rows)
    }
}

extension Session {
    /// "a over 3 seeds, mean ± sample sd: train loss 0.21 ± 5.6e-3 · train acc 94.3% ± 1.2% · …"
    func seedsSummary(_ runs: [(net: NetEntry, run: TrainingRun)]) -> String {
        let evals = runs.compactMap { $0.run.currentEvaluation ?? $0.run.history.evals.last }
        let columns: [(String, (EvalRecord) -> Double?, Bool)] = [
            ("train loss", { $0.trainLoss }, false), ("train acc", { $0.trainAccuracy }, true),
            ("val loss", { $0.validationLoss }, false), ("val acc", { $0.validationAccuracy }, true),
        ]
        let parts = columns.compactMap { name, value, percent -> String? in
            let values = evals.compactMap(value)
            return values.isEmpty ? nil : "\(name) \(Spread(values).text(percent: percent))"
        }
        return "\(runs[0].net.name) over \(runs.count) seeds, mean ± sample sd: " + parts.joined(separator: " · ")
    }
}

/// The runs and the shared ActiveRun, handed to the training threads.
private struct UncheckedRuns: @unchecked Sendable {
    let runs: [(net: NetEntry, run: TrainingRun)]
    let active: ActiveRun
}

/// Progress of several seeds as one line: updates from any training thread, reported to the host
/// one at a time (hosts are not thread-safe) with steps summed over the seeds.
private final class SeedsProgress: @unchecked Sendable {
    let lock = NSLock()
    let host: any SessionHost
    let title: String, netName: String, unit: ProgressUnit, snapshots: Bool
    var progress: [Lab.Progress?]
    var reports: [RunReport?]
    var last: LiveUpdate?
    var snapshot: RunSnapshot?

    init(count: Int, host: any SessionHost, title: String, netName: String, unit: ProgressUnit, snapshots: Bool) {
        self.host = host
        self.title = title
        self.netName = netName
        self.unit = unit
        self.snapshots = snapshots
        progress = Array(repeating: nil, count: count)
        reports = Array(repeating: nil, count: count)
    }

    func update(_ i: Int, _ p: Lab.Progress, run: TrainingRun) {
        // The dashboard draws the first seed's curves; its snapshot is taken on its own thread.
        let taken = snapshots && i == 0 ? RunSnapshot(run) : nil
        lock.withLock {
            progress[i] = p
            if let taken { snapshot = taken }
            // The host may read the first seed's history (a trial streams its evaluations), so
            // while that seed trains only its own thread reports; the others' steps are counted.
            if i == 0 || reports[0] != nil { report() }
        }
    }

    func finish(_ i: Int, _ r: RunReport) { lock.withLock { reports[i] = r } }

    /// The first seed's figures with the seeds' average progress (a seed not started yet counts
    /// as nothing done) and pace.
    private func report() {
        guard let first = progress.compactMap({ $0 }).first else { return }
        var combined = progress[0] ?? first
        let fraction = progress.reduce(0.0) { $0 + ($1?.fraction ?? 0) } / Double(progress.count)
        combined.done = Int((fraction * Double(combined.planned)).rounded(.down))
        // The bar moves at the seeds' average pace (their summed rate over their count), so the
        // time left counts the seeds still waiting for a worker.
        combined.stepsPerSecond = progress.reduce(0) { $0 + ($1?.stepsPerSecond ?? 0) } / Double(progress.count)
        var update = LiveUpdate(title: title, netName: netName, progress: combined, unit: unit)
        update.snapshot = snapshot
        last = update
        host.progress(update)
    }

    func end() { if let last { host.finishedProgress(last) } }
}
