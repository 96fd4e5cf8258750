// eval NET [on train|val|test]: loss and accuracy; the locked test part is counted as a peek.
import Charts
import Datasets
import Lab

struct EvalCommand: RunnableCommand {
    enum Part: String, OperandChoice { case train, val, test }

    var net: String?
    var part: Part?

    static var declaration: Declaration<EvalCommand> {
        Declaration(
            "eval", category: "Training", summary: "loss and accuracy on train and val (or the locked test part)",
            replayable: false,
            examples: ["eval a", "eval a on test", "eval s.best on test"],
            details: "Evaluating on the test part is allowed and recorded as a \"peek\".",
            .net(\.net, help: "the net or a sweep's best (s.best)"),
            .slot(\.part, "part", keyword: "on", placeholder: "train|val|test", help: "the part after 'on'"))
    }

    func run(_ s: Session, _ c: Context<EvalCommand>) throws(RuntimeError) -> ExecutionStatus {
        let (net, trialData) = try s.sweeps.evaluatedNet(self.net, at: c.span(\.net))
        guard let dataName = net.dataName, let data = trialData ?? s.workspace.datasets[dataName],
            let network = net.currentNetwork
        else {
            throw RuntimeError(TrainingRefusal.metNoData(net: net.name), at: c.span)
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
        switch part {
        case .test?: row("test", same(data.parts.test(peekedBy: "eval \(self.net ?? net.name) on test")))
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
        if part == .test {
            s.say("peek \(data.parts.peeks.count) at \(data.name)'s locked test part (recorded; 'show \(data.name)' counts them)")
        }
        return .ok
    }
}
