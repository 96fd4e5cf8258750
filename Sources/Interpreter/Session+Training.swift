// What training commands share: a net's run made or refreshed for its data, the live progress
// of a run, and the line that reports how it ended.
//
// `train NET … seeds=N` trains the net and N−1 copies of it (seeds seed+1 … seed+N−1) at once on up
// to `workers` threads (the cores, capped by BASIN_THREADS). Each copy owns its network, RNG
// streams and kernel scratch, so every seed's numbers are exactly those it gets trained alone;
// only the wall time changes. Its report is the net's own line, a row per seed and their mean ± sd.
import Charts
import Datasets
import Diagnostics
import Dispatch
import Foundation
import Lab
import Language
import Networks
import Synchronization

extension Session {
    /// The seed a command gave with `seed=`, or the global one.
    func seed(_ given: Int?) -> UInt64 { given.map { UInt64($0) } ?? workspace.seed }

    /// The net's run on `dataName` (or its own / the current data), created or refreshed as needed.
    func ensureRun(_ net: NetEntry, data dataName: String?, at span: SourceSpan) throws(RuntimeError) -> TrainingRun {
        let data = try workspace.data(dataName ?? net.dataName, at: span)
        if net.network == nil || (net.dataName != data.name && net.network?.inputShape != data.sampleShape) {
            let network = try buildNetwork(net.specs, for: data, name: net.name, at: span)
            network.initialize(scheme: net.setup.initializer, seed: net.seed)
            try applyTransplants(net, to: network, at: span)
            net.network = network
            net.run = nil
        }
        if let run = net.run, net.dataName == data.name, !net.needsData {
            return run
        }
        let loss = net.setup.loss ?? (data.isClassification ? .crossEntropy : .meanSquared)
        if loss == .binaryCrossEntropy, data.full.positions > 1 {
            throw RuntimeError(
                TrainingRefusal.bceOnSequence(net: net.name, data: data.name, targets: TargetSummary(data)), at: span)
        }
        // Cross-validation: the net's fold of train+val instead of the data's own parts.
        let parts = try rethrow(at: span) { () throws -> (train: Dataset, validation: Dataset?) in
            guard let fold = net.fold else { return (data.parts.train, data.validation) }
            let f = try data.parts.fold(fold.index, of: fold.count, seed: fold.seed)
            return (f.train, f.validation)
        }
        let run: TrainingRun
        if let existing = net.run {
            try rethrow(at: span) { () throws in try existing.use(train: parts.train, validation: parts.validation) }
            run = existing
        } else {
            guard let network = net.network else { throw RuntimeError(TrainingRefusal.noWeights(net: net.name), at: span) }
            var settings = TrainingSettings()
            settings.batchSize = net.setup.batchSize
            run = try rethrow(at: span) { () throws -> TrainingRun in
                try TrainingRun(
                    network: network, train: parts.train, validation: parts.validation,
                    optimizer: net.setup.optimizer, loss: loss, settings: settings, seed: net.seed)
            }
        }
        run.loss = loss
        run.schedule = stepSchedule(net.setup.schedule, run)
        run.augmenter = try data.augmentation.map { a throws(RuntimeError) in
            try rethrow(at: span) { () throws -> Augmenter in
                try Augmenter(a, sampleShape: data.sampleShape, isSignal: data.full.isSignal, seed: net.seed)
            }
        }
        if let every = net.checkpointEvery { run.checkpoints.every = every }
        run.checkpoints.limit = net.checkpointKeep
        net.run = run
        applyFrozen(net)
        net.dataName = data.name
        net.needsData = false
        return run
    }

    /// Hyperband: when a promoted configuration's trial trains the net its previous round
    /// trained — same name, same layers, same setup, not trained yet in this trial — that net
    /// continues (a copy of it, so the earlier round's record stays as it was).
    func resumePromoted(_ net: NetEntry) -> (net: NetEntry, epochs: Double)? {
        guard let trial, let prior = trial.resume, prior.name == net.name, net.run == nil, let run = prior.run,
            prior.specs == net.specs, prior.setup == net.setup, prior.seed == net.seed
        else { return nil }
        trial.resume = nil
        let resumed = prior.duplicate(named: net.name)
        workspace.nets[net.name] = resumed
        trial.resumedEpochs = run.epoch
        return (resumed, run.epoch)
    }

    /// Runs the budget with live progress; Ctrl-C (`cancel`) stops after the current step.
    func drive(_ run: TrainingRun, budget: Budget, title: String, net: NetEntry, early: Int? = nil) -> RunReport {
        activeRun.begin(run.control)
        defer { activeRun.end(run.control) }
        let unit = ProgressUnit(budget, stepsPerEpoch: run.stepsPerEpoch)
        var last: LiveUpdate?
        let snapshots = host.wantsRunSnapshots
        let regions = snapshots ? liveRegions(net, run) : nil
        let report = run.train(budget, earlyStopping: early) { [host] p in
            var update = LiveUpdate(title: title, netName: net.name, progress: p, unit: unit)
            if snapshots { update.snapshot = RunSnapshot(run, regions: regions) }
            last = update
            host.progress(update)
        }
        if let last { host.finishedProgress(last) }
        trial?.lastStop = report.reason
        run.releaseBuffers()
        return report
    }

    /// Where the dashboard reads a 2-D classifier's decision regions while it trains (nil for
    /// any other net or data, and in a sweep's trial, whose dashboard shows the sweep instead).
    func liveRegions(_ net: NetEntry, _ run: TrainingRun) -> LiveRegions? {
        guard trial == nil, let name = net.dataName, let data = workspace.datasets[name] else { return nil }
        return LiveRegions(net: net.name, network: run.network, data: data.full, train: run.train)
    }

    func trainReportLine(_ net: NetEntry, _ run: TrainingRun, _ r: RunReport) -> String {
        var parts = ["\(net.name): step \(run.step)" + (run.restoredStep.map { ", weights of step \($0)" } ?? "")]
        if let e = run.currentEvaluation ?? run.history.evals.last {
            parts.append("train loss \(fmt(e.trainLoss))" + (e.trainAccuracy.map { " acc \(pct($0))" } ?? ""))
            if let v = e.validationLoss {
                parts.append("val loss \(fmt(v))" + (e.validationAccuracy.map { " acc \(pct($0))" } ?? ""))
            }
        } else if let l = run.history.stepLosses.last {
            parts.append("loss \(fmt(Double(l)))")
        }
        var line = parts.joined(separator: " · ")
        switch r.reason {
        case .finished: break
        case .cancelled: line += "\nstopped by Ctrl-C after \(r.steps) steps; the weights reached are kept"
        case .earlyStopped(let best): line += "\nearly stopping: no better val loss since step \(best); restored its weights"
        case .diverged(let step, let cause):
            line +=
                "\nstopped at step \(step): \(cause.wording)\n= help: lower the learning rate (opt \(net.name) … lr=…) or clip gradients"
        }
        return line + thinningNote(net, run)
    }

    /// When the snapshots outgrew their budget (or `keep=`) during the run: what was dropped.
    func thinningNote(_ net: NetEntry, _ run: TrainingRun) -> String {
        guard let every = run.checkpoints.thinnedTo else { return "" }
        run.checkpoints.thinnedTo = nil
        net.checkpointEvery = every
        let why = run.checkpoints.limit.map { "keep=\($0)" } ?? formatBytes(run.checkpoints.budgetBytes)
        return
            "\nsnapshots: \(run.checkpoints.snapshots.count) kept (\(why) was full): every other one dropped, one every \(every) steps from now on"
    }

    /// Fresh weights with the net's scheme and seed; the run (and its history) starts over.
    func reinitialize(_ net: NetEntry, at span: SourceSpan) throws(RuntimeError) {
        net.run = nil
        net.replicas = []
        net.fold = nil
        guard let network = net.network else { return }
        let fresh = Network(stack: network.stack)
        fresh.initialize(scheme: net.setup.initializer, seed: net.seed)
        try applyTransplants(net, to: fresh, at: span)
        net.network = fresh
    }

    /// "step every=10 gamma=0.5 warmup=100" (every counts epochs).
    func scheduleText(_ s: Schedule) -> String {
        var text: String
        switch s.shape {
        case .step(let every, let gamma): text = "step every=\(every) gamma=\(short(gamma))"
        case .cosine: text = "cosine"
        default: text = "constant"
        }
        if s.warmup > 0 { text += " warmup=\(s.warmup)" }
        return text
    }

    /// The stored schedule with `step every=` converted from epochs to the run's steps.
    func stepSchedule(_ s: Schedule, _ run: TrainingRun) -> Schedule {
        guard case .step(let every, let gamma) = s.shape else { return s }
        return Schedule(.step(every: every * run.stepsPerEpoch, gamma: gamma), warmup: s.warmup)
    }

    func dataSummaryLine(_ d: DataEntry) -> String {
        let kind = d.full.classCount.map { "\($0) classes" } ?? "regression, \(d.full.targetWidth) output(s)"
        return "\(d.name): \(d.full.count) examples of \(describeShape(d.sampleShape)), \(kind); "
            + "train \(d.parts.train.count) / val \(d.parts.validation.count) / test \(d.parts.testCount) (locked)"
    }

    /// Nets training on a dataset pick up its new parts at their next `train`.
    func dropRuns(using data: String) {
        for net in workspace.nets.values where net.dataName == data { net.needsData = true }
    }
}

// MARK: - Seeds

extension Session {
    /// The copies this `train` trains beside `net`: made at the first `seeds=N`, continued after.
    func seedCopies(_ net: NetEntry, seeds: Int?, at span: SourceSpan) throws(RuntimeError) -> [NetEntry] {
        guard let n = seeds else { return net.replicas }
        if let fold = net.fold {
            throw RuntimeError(TrainingRefusal.seedsOnFolds(net: net.name, folds: fold.count, seeds: n), at: span)
        }
        if n == net.replicas.count + 1 { return net.replicas }
        if let run = net.run, run.step > 0 {
            throw RuntimeError(
                TrainingRefusal.seedsFixed(net: net.name, had: net.replicas.count + 1, seeds: n), at: span)
        }
        net.replicas = (1..<n).map { net.replica(seed: net.seed &+ UInt64($0)) }
        return net.replicas
    }

    /// `train … cv=K`: the net becomes fold 1 of K over its data's train+val, with K−1 copies
    /// (same seed, so the same initial weights) for folds 2…K; a later train continues them.
    func foldCopies(_ net: NetEntry, folds k: Int, data: DataEntry, at span: SourceSpan) throws(RuntimeError) -> [NetEntry] {
        if let fold = net.fold, fold.count == k { return net.replicas }
        if let run = net.run, run.step > 0 {
            throw RuntimeError(
                TrainingRefusal.foldsFixed(net: net.name, folds: net.fold?.count, data: net.dataName, cv: k), at: span)
        }
        if !net.replicas.isEmpty && net.fold == nil {
            throw RuntimeError(
                TrainingRefusal.foldsOnSeeds(net: net.name, seeds: net.replicas.count + 1, cv: k), at: span)
        }
        try rethrow(at: span) { () throws in try data.parts.checkFolds(k) }
        let seed = net.seed
        net.fold = Fold(index: 0, count: k, seed: seed)
        net.needsData = true
        net.replicas = (1..<k).map { i in
            let copy = net.replica(seed: seed)
            copy.fold = Fold(index: i, count: k, seed: seed)
            return copy
        }
        return net.replicas
    }

    /// A copy follows its net's setup (`opt`, `schedule`, … typed since the last train).
    func syncReplica(_ copy: NetEntry, with net: NetEntry) {
        copy.setup = net.setup
        copy.checkpointEvery = net.checkpointEvery
        copy.checkpointKeep = net.checkpointKeep
        guard let run = copy.run else { return }
        let s = net.setup.optimizer
        if run.optimizer.settings.kind == s.kind {
            run.optimizer.settings = s
        } else {
            run.optimizer = Optimizer(settings: s, parameterCount: run.network.parameterCount)
        }
        if let primary = net.run {
            run.loss = primary.loss
            run.schedule = stepSchedule(net.setup.schedule, run)
        }
    }

    /// `step`, `rewind` and `init … from` act on one net: its other seeds are dropped (said).
    func dropReplicas(_ net: NetEntry, because command: String) {
        guard !net.replicas.isEmpty else { return }
        let count = net.replicas.count, folds = net.fold != nil
        net.replicas = []
        // Its fold's data goes too: from now on it is one net on its data's own parts.
        if folds { net.fold = nil; net.needsData = true }
        say(
            "\(net.name): its \(count) other \(folds ? "fold" : "seed")\(count == 1 ? "" : "s") dropped — \(command) acts on one net; "
                + (folds
                    ? "it trains on its data's own train part from now on; train \(net.name) … cv=K cross-validates again"
                    : "train \(net.name) … seeds=N trains several again"))
    }

    /// Trains every run for `budget`, `settings.workers` at a time; one progress line for all
    /// (steps done over steps planned, the first seed's curves on a dashboard). Reports by seed.
    func driveSeeds(_ runs: [(net: NetEntry, run: TrainingRun)], budget: Budget, title: String, early: Int?) -> [RunReport] {
        let shared = SeedsProgress(
            count: runs.count, host: host, title: title, netName: runs[0].net.name,
            unit: ProgressUnit(budget, stepsPerEpoch: runs[0].run.stepsPerEpoch), snapshots: host.wantsRunSnapshots,
            regions: host.wantsRunSnapshots ? liveRegions(runs[0].net, runs[0].run) : nil)
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
                run.releaseBuffers()
                shared.finish(i, report)
            }
        }
        shared.end()
        trial?.lastStop =
            shared.reports.compactMap { $0?.reason }.first { if case .finished = $0 { false } else { true } } ?? .finished
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
            return [entry.net.fold.map { "\($0.index + 1)" } ?? "\(entry.net.seed)", "\(entry.run.step)"]
                + columns.map { c in evals[i].flatMap(c.1).map { show($0, c.2) } ?? "–" } + [status]
        }
        let folds = runs[0].net.fold != nil
        return Table(
            title: "\(runs[0].net.name): \(runs.count) \(runs[0].net.copiesNoun)"
                + (folds ? " (each validates on its own share of train+val)" : ""),
            columns: [.init(folds ? "fold" : "seed", alignment: .right), .init("step", alignment: .right)]
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
        let what = runs[0].net.fold == nil ? "seeds" : "folds (cross-validation)"
        if evals.isEmpty {
            return "\(runs[0].net.name): stopped before any of its \(runs.count) \(what) was evaluated"
        }
        // Stopped by Ctrl-C, some copies may not have been evaluated yet: the figures are the others'.
        let counted = evals.count == runs.count ? "\(runs.count)" : "\(evals.count) of \(runs.count)"
        let unmeasured =
            evals.count == runs.count ? "" : " (\(runs.count - evals.count) stopped before their first evaluation)"
        return "\(runs[0].net.name) over \(counted) \(what)\(unmeasured), mean ± sample sd: " + parts.joined(separator: " · ")
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
    let regions: LiveRegions?

    init(
        count: Int, host: any SessionHost, title: String, netName: String, unit: ProgressUnit, snapshots: Bool,
        regions: LiveRegions?
    ) {
        self.regions = regions
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
        let taken = snapshots && i == 0 ? RunSnapshot(run, regions: regions) : nil
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
