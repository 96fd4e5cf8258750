// train, step, eval, reset, fork, checkpoint, rewind.
import Charts
import Foundation
import Datasets
import Diagnostics
import Lab
import Language
import Networks

extension Session {
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

    func trainCommand(_ c: CommandContext) throws(RuntimeError) {
        var net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        let resumed = resumePromoted(net)
        if let resumed { net = resumed.net }
        if let batch = try c.bounded("batch", max: 1_000_000) { net.setup.batchSize = batch }
        let run = try ensureRun(net, data: try c.text("data"), at: c.span)
        var settings = run.settings
        settings.batchSize = net.setup.batchSize
        if let every = try c.int("every") { settings.evalEvery = every }
        if settings != run.settings { try rethrow(at: c.span) { () throws in try run.update(settings: settings) } }
        let epochs = try c.bounded("epochs", max: 10_000_000), steps = try c.bounded("steps", max: 1_000_000_000)
        if epochs != nil && steps != nil {
            throw RuntimeError("give epochs= or steps=, not both", at: c.span)
        }
        var budget: Budget = steps.map(Budget.steps) ?? .epochs(epochs ?? 10)
        if let resumed, case .epochs(let total) = budget {
            // A resumed Hyperband job trains up to its budget in all, not that much more.
            budget = .epochs(max(0, total - Int(resumed.epochs.rounded())))
        }
        workspace.currentNet = net.name
        if let d = net.dataName { workspace.currentData = d }
        let copies = resumed == nil ? try seedCopies(net, c) : []
        guard !copies.isEmpty else {
            let report = drive(run, budget: budget, title: "train \(net.name)", net: net, early: try c.int("early"))
            say(trainReportLine(net, run, report))
            return
        }
        var runs = [(net: net, run: run)]
        for copy in copies {
            syncReplica(copy, with: net)
            let r = try ensureRun(copy, data: net.dataName, at: c.span)
            if r.settings != settings { try rethrow(at: c.span) { () throws in try r.update(settings: settings) } }
            runs.append((copy, r))
        }
        let reports = driveSeeds(runs, budget: budget, title: "train \(net.name) × \(runs.count) seeds", early: try c.int("early"))
        say(trainReportLine(net, run, reports[0]))
        emit(.chart(.table(seedsTable(runs, reports))))
        say(seedsSummary(runs))
    }

    /// Hyperband: when a promoted configuration's trial trains the net its previous round
    /// trained — same name, same layers, same setup, not trained yet in this trial — that net
    /// continues (a copy of it, so the earlier round's record stays as it was).
    func resumePromoted(_ net: NetEntry) -> (net: NetEntry, epochs: Double)? {
        guard let prior = resumeCandidate, prior.name == net.name, net.run == nil, let run = prior.run,
              prior.specs == net.specs, prior.setup == net.setup, prior.seed == net.seed else { return nil }
        resumeCandidate = nil
        let resumed = prior.duplicate(named: net.name)
        workspace.nets[net.name] = resumed
        resumedEpochs = run.epoch
        return (resumed, run.epoch)
    }

    /// Runs the budget with live progress; Ctrl-C (`cancel`) stops after the current step.
    func drive(_ run: TrainingRun, budget: Budget, title: String, net: NetEntry, early: Int? = nil) -> RunReport {
        activeRun.begin(run.control)
        defer { activeRun.end(run.control) }
        let unit = { if case .epochs = budget { return "epochs" } else { return "steps" } }()
        var last: LiveUpdate?
        let snapshots = host.wantsRunSnapshots
        let report = run.train(budget, earlyStopping: early) { [host] p in
            var update = LiveUpdate(title: title, netName: net.name, progress: p, unit: unit, stepsPerEpoch: run.stepsPerEpoch)
            if snapshots { update.snapshot = RunSnapshot(run) }
            last = update
            host.progress(update)
        }
        if let last { host.finishedProgress(last) }
        lastStop = report.reason
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
        case .diverged(let step, let detail):
            line += "\nstopped at step \(step): \(detail)\n= help: lower the learning rate (opt \(net.name) … lr=…) or clip gradients"
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

    func stepCommand(_ c: CommandContext) throws(RuntimeError) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        dropReplicas(net, because: "step")
        let run = try ensureRun(net, data: nil, at: c.span)
        let n = try c.bounded("count", max: 1_000_000_000) ?? 1
        workspace.currentNet = net.name
        let report = drive(run, budget: .steps(n), title: "step \(net.name)", net: net)
        let loss = run.history.stepLosses.last.map { fmt(Double($0)) } ?? "–"
        var line = "\(net.name): step \(run.step) · batch loss \(loss) · lr \(short(run.optimizer.settings.learningRate))"
        if case .diverged(let step, let detail) = report.reason { line += "\nstopped at step \(step): \(detail)" }
        if case .cancelled = report.reason { line += "\nstopped by Ctrl-C after \(report.steps) steps" }
        say(line + thinningNote(net, run))
    }

    func evalCommand(_ c: CommandContext) throws(RuntimeError) {
        let (net, trialData) = try evaluatedNet(c)
        guard let dataName = net.dataName, let data = trialData ?? workspace.datasets[dataName], let network = net.currentNetwork else {
            throw RuntimeError("\(net.name) has not met any data yet", at: c.span, hint: "train it first: train \(net.name) on DATA")
        }
        let loss = net.run?.loss ?? net.setup.loss ?? (data.isClassification ? .crossEntropy : .meanSquared)
        // A net trained with seeds=N: every seed evaluated, each figure mean ± sample sd.
        let networks = [network] + net.replicas.compactMap(\.currentNetwork)
        var rows: [[String]] = []
        func row(_ part: String, _ d: Dataset) {
            let results = networks.map { TrainingRun.evaluate($0, on: d, loss: loss) }
            let accuracies = results.compactMap(\.accuracy)
            rows.append([part, "\(d.count)",
                         networks.count > 1 ? Spread(results.map(\.loss)).text(percent: false) : fmt(results[0].loss),
                         accuracies.isEmpty ? "–" : networks.count > 1 ? Spread(accuracies).text(percent: true) : pct(accuracies[0])])
        }
        let part = try c.text("part")
        let size = part == "test" ? data.parts.testCount : part == "val" ? data.parts.validation.count : nil
        if let part, size == 0 {
            // Nothing to measure, and no peek to record.
            throw RuntimeError("\(data.name) has no \(part) part (0 examples)", at: c.span(of: "part"),
                               hint: "split \(data.name) train=0.7 val=0.15 test=0.15")
        }
        switch part {
        case "test"?:
            row("test", data.parts.test(peekedBy: "eval \(try c.text("net") ?? net.name) on test"))
        case "val"?: row("val", data.parts.validation)
        case "train"?: row("train", data.parts.train)
        default:
            row("train", data.parts.train)
            if data.parts.validation.count > 0 { row("val", data.parts.validation) }
        }
        emit(.chart(.table(Table(title: "\(net.name) on \(data.name)" + (networks.count > 1 ? " · \(networks.count) seeds, mean ± sd" : ""),
                                 columns: [.init("part"), .init("examples", alignment: .right), .init("loss", alignment: .right),
                                           .init("accuracy", alignment: .right)], rows: rows))))
        if try c.text("part") == "test" {
            say("peek \(data.parts.peeks.count) at \(data.name)'s locked test part (recorded; 'show \(data.name)' counts them)")
        }
    }

    func resetCommand(_ c: CommandContext) throws(RuntimeError) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        net.seed = try seed(c)
        try reinitialize(net, at: c.span)
        workspace.currentNet = net.name
        say("\(net.name): fresh weights (seed \(net.seed)), history cleared")
    }

    func forkCommand(_ c: CommandContext) throws(RuntimeError) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        guard let newName = try c.text("new") else { throw RuntimeError("fork needs 'as NEW'", at: c.span) }
        guard newName != net.name else {
            throw RuntimeError("a fork needs a new name; '\(newName)' is the net being forked", at: c.span(of: "new"),
                               hint: "for example: fork \(net.name) as \(net.name)2")
        }
        let replaces = workspace.nets[newName] != nil
        if net.run == nil, let step = try c.int("step") {
            throw RuntimeError("\(net.name) has not trained yet: there is no snapshot at step \(step)", at: c.span(of: "step"),
                               hint: "checkpoint \(net.name) every=100, then train it")
        }
        var forked: TrainingRun?
        if let run = net.run {
            let step = try c.int("step")
            forked = try rethrow(at: c.span(of: "step")) { () throws -> TrainingRun in try run.fork(at: step) }
            forked?.history.branch = (net.name, forked?.step ?? 0)
        }
        let child = net.duplicate(named: newName, run: forked)
        workspace.nets[newName] = child
        workspace.currentNet = newName
        say("\(newName): forked from \(net.name) at step \(child.run?.step ?? 0)"
            + (replaces ? " (replacing the previous \(newName))" : ""))
    }

    func checkpointCommand(_ c: CommandContext) throws(RuntimeError) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        let every = try c.int("every") ?? 100
        let keep = try c.bounded("keep", max: 1_000_000)
        net.checkpointEvery = every
        net.checkpointKeep = keep
        net.run?.checkpoints.every = every
        net.run?.checkpoints.limit = keep
        workspace.currentNet = net.name
        let limit = keep.map { "at most \($0) kept, " } ?? ""
        say("\(net.name): a snapshot every \(every) steps (\(limit)within \(formatBytes(CheckpointLog().budgetBytes)); "
            + "when full, every other one is dropped and the interval doubles)")
    }

    func rewindCommand(_ c: CommandContext) throws(RuntimeError) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        guard let run = net.run else { throw RuntimeError("\(net.name) has not trained yet", at: c.span) }
        let step = try c.int("step") ?? run.checkpoints.steps.last ?? 0
        try rethrow(at: c.span(of: "step")) { () throws in try run.rewind(to: step) }
        dropReplicas(net, because: "rewind")
        workspace.currentNet = net.name
        say("\(net.name): back at step \(run.step)")
    }

    func fmt(_ v: Double) -> String { Table.number(v, significant: 4) }
    func pct(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }
}
