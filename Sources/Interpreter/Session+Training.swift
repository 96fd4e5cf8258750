// What training commands share: a net's run made or refreshed for its data, the live progress
// of a run, and the line that reports how it ended.
import Charts
import Datasets
import Diagnostics
import Foundation
import Lab
import Language
import Networks

extension Session {
    /// The seed a command gave with `seed=`, or the global one.
    func seed(_ given: Int?) -> UInt64 { given.map { UInt64($0) } ?? workspace.seed }

    /// The net's run on `dataName` (or its own / the current data), created or refreshed as needed.
    func ensureRun(_ net: NetEntry, data dataName: String?, at span: SourceSpan) throws(RuntimeError) -> TrainingRun {
        let data = try workspace.data(dataName ?? net.dataName, at: span)
        if net.network == nil || (net.dataName != data.name && net.network?.inputShape != data.sampleShape) {
            let network = try buildNetwork(net.specs, for: data, name: net.name, at: span)
            network.initialize(scheme: net.setup.initializer, seed: net.seed)
            net.network = network
            net.run = nil
        }
        if let run = net.run, net.dataName == data.name, !net.needsData {
            return run
        }
        let loss = net.setup.loss ?? (data.isClassification ? .crossEntropy : .meanSquared)
        let run: TrainingRun
        if let existing = net.run {
            try rethrow(at: span) { () throws in try existing.use(train: data.parts.train, validation: data.validation) }
            run = existing
        } else {
            guard let network = net.network else { throw RuntimeError("\(net.name) has no weights yet", at: span) }
            var settings = TrainingSettings()
            settings.batchSize = net.setup.batchSize
            run = try rethrow(at: span) { () throws -> TrainingRun in
                try TrainingRun(network: network, train: data.parts.train, validation: data.validation,
                                optimizer: net.setup.optimizer, loss: loss, settings: settings, seed: net.seed)
            }
        }
        run.loss = loss
        run.schedule = stepSchedule(net.setup.schedule, run)
        run.augmenter = try data.augmentation.map { a throws(RuntimeError) in
            try rethrow(at: span) { () throws -> Augmenter in try Augmenter(a, sampleShape: data.sampleShape, isSignal: data.full.isSignal, seed: net.seed) }
        }
        if let every = net.checkpointEvery { run.checkpoints.every = every }
        run.checkpoints.limit = net.checkpointKeep
        net.run = run
        net.dataName = data.name
        net.needsData = false
        return run
    }

    /// Hyperband: when a promoted configuration's trial trains the net its previous round
    /// trained — same name, same layers, same setup, not trained yet in this trial — that net
    /// continues (a copy of it, so the earlier round's record stays as it was).
    func resumePromoted(_ net: NetEntry) -> (net: NetEntry, epochs: Double)? {
        guard let trial, let prior = trial.resume, prior.name == net.name, net.run == nil, let run = prior.run,
              prior.specs == net.specs, prior.setup == net.setup, prior.seed == net.seed else { return nil }
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
        let report = run.train(budget, earlyStopping: early) { [host] p in
            var update = LiveUpdate(title: title, netName: net.name, progress: p, unit: unit)
            if snapshots { update.snapshot = RunSnapshot(run) }
            last = update
            host.progress(update)
        }
        if let last { host.finishedProgress(last) }
        trial?.lastStop = report.reason
        return report
    }

    func trainReportLine(_ net: NetEntry, _ run: TrainingRun, _ r: RunReport) -> String {
        var parts = ["\(net.name): step \(run.step)" + (run.restoredStep.map { ", weights of step \($0)" } ?? "")]
        if let e = run.currentEvaluation ?? run.history.evals.last {
            parts.append("train loss \(fmt(e.trainLoss))" + (e.trainAccuracy.map { " acc \(pct($0))" } ?? ""))
            if let v = e.validationLoss { parts.append("val loss \(fmt(v))" + (e.validationAccuracy.map { " acc \(pct($0))" } ?? "")) }
        } else if let l = run.history.stepLosses.last {
            parts.append("loss \(fmt(Double(l)))")
        }
        var line = parts.joined(separator: " · ")
        switch r.reason {
        case .finished: break
        case .cancelled: line += "\nstopped by Ctrl-C after \(r.steps) steps; the weights reached are kept"
        case .earlyStopped(let best): line += "\nearly stopping: no better val loss since step \(best); restored its weights"
        case .diverged(let step, let cause):
            line += "\nstopped at step \(step): \(cause.wording)\n= help: lower the learning rate (opt \(net.name) … lr=…) or clip gradients"
        }
        return line + thinningNote(net, run)
    }

    /// When the snapshots outgrew their budget (or `keep=`) during the run: what was dropped.
    func thinningNote(_ net: NetEntry, _ run: TrainingRun) -> String {
        guard let every = run.checkpoints.thinnedTo else { return "" }
        run.checkpoints.thinnedTo = nil
        net.checkpointEvery = every
        let why = run.checkpoints.limit.map { "keep=\($0)" } ?? formatBytes(run.checkpoints.budgetBytes)
        return "\nsnapshots: \(run.checkpoints.snapshots.count) kept (\(why) was full): every other one dropped, one every \(every) steps from now on"
    }


    /// Fresh weights with the net's scheme and seed; the run (and its history) starts over.
    func reinitialize(_ net: NetEntry, at span: SourceSpan) throws(RuntimeError) {
        net.run = nil
        net.replicas = []
        guard let network = net.network else { return }
        let fresh = Network(stack: network.stack)
        fresh.initialize(scheme: net.setup.initializer, seed: net.seed)
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
