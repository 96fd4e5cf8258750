// train NET [on DATA] [epochs=N | steps=N] [batch=N] [early=N] [every=N] [seeds=N] [cv=K]
import Charts
import Lab

struct TrainCommand: RunnableCommand {
    var net: String?
    var data: String?
    var epochs: Int?
    var steps: Int?
    var batch: Int?
    var early: Int?
    var every: Int?
    var seeds: Int?
    var cv: Int?

    /// Epochs when neither epochs= nor steps= is given.
    static let defaultEpochs = 10
    /// Seeds at most in one `train … seeds=`: each copy holds a network, optimizer state and snapshots.
    static let maxSeeds = 64

    static var declaration: Declaration<TrainCommand> {
        Declaration(
            "train", category: "Training", summary: "train with live curves; Ctrl-C stops after the current step",
            runsLong: true,
            changes: { [.net($0.net)] },
            examples: [
                "train a on d epochs=50 batch=32", "train a steps=500", "train a epochs=200 early=10",
                "train a epochs=20 seeds=5", "train a on d epochs=20 cv=5",
            ],
            details: "seeds=N trains the net and N−1 copies with seeds seed+1 … seed+N−1 on every core (BASIN_THREADS caps "
                + "it); each seed's numbers are exactly what it gets trained alone. Later trains continue all N; "
                + "'reset NET' goes back to one. "
                + "cv=K cross-validates: the data's train and val parts are pooled (the test part never enters) and "
                + "dealt into K shares; the net and K−1 copies (same seed, same initial weights) each train on K−1 shares "
                + "and validate on the other, side by side; the val figures are then mean ± sd over the K folds.",
            .net(\.net),
            .slot(\.data, "data", .name(.data), keyword: "on", placeholder: "DATA", help: "the dataset after 'on'"),
            .option(
                \.epochs, "epochs", .positiveInteger, max: 10_000_000, default: "\(defaultEpochs), when steps= is not given",
                help: "passes over the training part"),
            .option(\.steps, "steps", .positiveInteger, max: 1_000_000_000, help: "optimizer steps (instead of epochs)"),
            .option(
                \.batch, "batch", .positiveInteger, max: 1_000_000,
                default: "\(TrainingSettings().batchSize); a batch= is kept on the net", help: "mini-batch size"),
            .option(
                \.early, "early", .positiveInteger, default: "off",
                help: "stop after N evaluations without a better val loss; restore the best weights"),
            .option(
                \.every, "every", .positiveInteger, default: "once per epoch, at most 100 evaluations per train",
                help: "evaluate every N steps"),
            .option(
                \.seeds, "seeds", .positiveInteger, max: maxSeeds, default: "1, or the count it trained with",
                help: "train N copies (seeds s … s+N−1) at once; report each and their mean ± sd"),
            .option(
                \.cv, "cv", .positiveInteger, max: maxSeeds,
                help: "K-fold cross-validation over train+val: K copies, each validating on its own fold"))
    }

    func run(_ s: Session, _ c: Context<TrainCommand>) throws(RuntimeError) -> ExecutionStatus {
        var net = try s.workspace.net(self.net, at: c.span(\.net))
        let resumed = s.resumePromoted(net)
        if let resumed { net = resumed.net }
        if let batch { net.setup.batchSize = batch }
        if let cv {
            if seeds != nil {
                throw RuntimeError(TrainingRefusal.seedsAndFolds(net: net.name, cv: cv), at: c.span(\.cv))
            }
            let entry = try s.workspace.data(data ?? net.dataName, at: c.span)
            if net.dataName != nil && net.dataName != entry.name { net.needsData = true }
            _ = try s.foldCopies(net, folds: cv, data: entry, at: c.span(\.cv))
        }
        // A sweep's cv=K runs the body once per fold: its nets train on this run's fold.
        if cv == nil, seeds == nil, let fold = s.trial?.fold, net.fold == nil, net.replicas.isEmpty, net.run == nil {
            net.fold = fold
            net.needsData = true
        }
        let run = try s.ensureRun(net, data: data, at: c.span)
        var settings = run.settings
        settings.batchSize = net.setup.batchSize
        if let every { settings.evalEvery = every }
        if settings != run.settings { try rethrow(at: c.span) { () throws in try run.update(settings: settings) } }
        if epochs != nil && steps != nil {
            throw RuntimeError(TrainingRefusal.epochsAndSteps, at: c.span)
        }
        var budget: Budget = steps.map(Budget.steps) ?? .epochs(epochs ?? Self.defaultEpochs)
        if let resumed, case .epochs(let total) = budget {
            // A resumed Hyperband job trains up to its budget in all, not that much more.
            budget = .epochs(max(0, total - Int(resumed.epochs.rounded())))
        }
        s.workspace.currentNet = net.name
        if let d = net.dataName { s.workspace.currentData = d }
        let copies = resumed == nil ? try s.seedCopies(net, seeds: seeds, at: c.span(\.seeds)) : []
        guard !copies.isEmpty else {
            let report = s.drive(run, budget: budget, title: "train \(net.name)", net: net, early: early)
            s.say(s.trainReportLine(net, run, report))
            return .ok
        }
        var runs = [(net: net, run: run)]
        for copy in copies {
            s.syncReplica(copy, with: net)
            let r = try s.ensureRun(copy, data: net.dataName, at: c.span)
            if r.settings != settings { try rethrow(at: c.span) { () throws in try r.update(settings: settings) } }
            runs.append((copy, r))
        }
        let reports = s.driveSeeds(
            runs, budget: budget, title: "train \(net.name) × \(runs.count) \(net.copiesNoun)", early: early)
        s.say(s.trainReportLine(net, run, reports[0]))
        s.emit(.chart(.table(s.seedsTable(runs, reports))))
        s.say(s.seedsSummary(runs))
        return .ok
    }
}
