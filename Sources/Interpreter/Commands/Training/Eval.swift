// eval NET [on train|val|test] [confusion] [worst=K]: loss and accuracy; the locked test part is
// counted as a peek. `confusion` adds the confusion matrix of one part (val unless `on` says),
// `worst=K` the K examples predicted wrong with the most confidence, drawn (EvalDetails.swift).
import Charts
import Datasets
import Lab

struct EvalCommand: RunnableCommand {
    enum Part: String, OperandChoice { case train, val, test }

    var net: String?
    var part: Part?
    var confusion = false
    var worst: Int?

    /// At most this many examples for worst=.
    static let maxWorst = 50

    static var declaration: Declaration<EvalCommand> {
        Declaration(
            "eval", category: "Training", summary: "loss and accuracy on train and val (or the locked test part)",
            replayable: false,
            examples: ["eval a", "eval a on test", "eval s.best on test", "eval a confusion", "eval a worst=6"],
            details: "Evaluating on the test part is allowed and recorded as a \"peek\". confusion and worst= look at one "
                + "part: the validation part unless 'on' names another; a net trained with seeds= pools its seeds.",
            .net(\.net, help: "the net or a sweep's best (s.best)"),
            .slot(\.part, "part", keyword: "on", placeholder: "train|val|test", help: "the part after 'on'"),
            .flag(\.confusion, "confusion", help: "the confusion matrix: rows the true class, columns the predicted one"),
            .option(
                \.worst, "worst", .positiveInteger, max: maxWorst,
                help: "the K examples predicted wrong with the most confidence, drawn"))
    }

    func run(_ s: Session, _ c: Context<EvalCommand>) throws(RuntimeError) -> ExecutionStatus {
        let (net, trialData) = try s.sweeps.evaluatedNet(self.net, at: c.span(\.net))
        guard let dataName = net.dataName, let data = trialData ?? s.workspace.datasets[dataName],
            let network = net.currentNetwork
        else {
            throw RuntimeError(TrainingRefusal.metNoData(net: net.name), at: c.span)
        }
        if confusion || worst != nil, !data.isClassification {
            throw RuntimeError(
                EvalRefusal.needsClasses(what: confusion ? "confusion" : "worst=", data: data.name),
                at: confusion ? c.span(\.confusion) : c.span(\.worst))
        }
        let loss = net.run?.loss ?? net.setup.loss ?? (data.isClassification ? .crossEntropy : .meanSquared)
        // A net trained with seeds=N: every seed evaluated, each figure mean ± sample sd.
        let copies = [net] + net.replicas
        let networks = copies.compactMap(\.currentNetwork)
        // Under cross-validation each fold's net is measured on its own fold's train and val
        // parts (the test part is the same for all).
        let folds = net.fold != nil && networks.count == copies.count
        var rows: [[String]] = []
        func row(_ part: String, _ parts: [Dataset]) {
            let results = zip(networks, parts).map { TrainingRun.evaluate($0, on: $1, loss: loss) }
            let accuracies = results.compactMap(\.accuracy)
            let counts = Set(parts.map(\.count)).sorted()
            rows.append([
                part, counts.count == 1 ? "\(counts[0])" : "\(counts[0])–\(counts[counts.count - 1])",
                networks.count > 1 ? Spread(results.map(\.loss)).text(percent: false) : fmt(results[0].loss),
                accuracies.isEmpty ? "–" : networks.count > 1 ? Spread(accuracies).text(percent: true) : pct(accuracies[0]),
            ])
        }
        func same(_ d: Dataset) -> [Dataset] { Array(repeating: d, count: networks.count) }
        let size = part == .test ? data.parts.testCount : part == .val ? data.parts.validation.count : nil
        if let part, size == 0 {
            // Nothing to measure, and no peek to record.
            throw RuntimeError(TrainingRefusal.emptyPart(data: data.name, part: part.rawValue), at: c.span(\.part))
        }
        let trainParts = folds ? copies.compactMap { $0.run?.train } : same(data.parts.train)
        let valParts = folds ? copies.compactMap { $0.run?.validation } : same(data.parts.validation)
        // The test part is read once (one peek), for the table and any detail.
        let testParts = part == .test ? same(data.parts.test(peekedBy: "eval \(self.net ?? net.name) on test")) : []
        switch part {
        case .test?: row("test", testParts)
        case .val?: row("val", valParts)
        case .train?: row("train", trainParts)
        case nil:
            row("train", trainParts)
            if valParts.first.map({ $0.count > 0 }) == true { row("val", valParts) }
        }
        s.emit(
            .chart(
                .table(
                    Table(
                        title: "\(net.name) on \(data.name)"
                            + (networks.count > 1
                                ? " · \(networks.count) \(folds ? "folds (each its own train and val)" : "seeds"), mean ± sd"
                                : ""),
                        columns: [
                            .init("part"), .init("examples", alignment: .right), .init("loss", alignment: .right),
                            .init("accuracy", alignment: .right),
                        ], rows: rows))))
        if confusion || worst != nil {
            let chosen = part ?? (valParts.first.map { $0.count > 0 } == true ? .val : .train)
            let parts = chosen == .test ? testParts : chosen == .val ? valParts : trainParts
            let details = EvalDetails(
                net: net.name, data: data, part: chosen.rawValue, networks: networks, parts: parts,
                noun: folds ? "folds" : "seeds")
            if confusion { try details.confusion(s, at: c.span(\.confusion)) }
            if let worst { try details.worst(worst, s, at: c.span(\.worst)) }
        }
        if part == .test {
            s.sayPeek(data)
        }
        return .ok
    }
}
