// compare A B …: one table of parameters, steps, final train/val loss and accuracy, the
// generalization gap (val − train loss) and sharpness (λmax of the training-loss Hessian: the
// last `sharpness` value while the weights are unchanged, else measured now; a note says
// which), and ε-sharpness when a `sharpness NET eps=` value belongs to a net's current weights. Losses are the last evaluation's when it is at the current step, else evaluated now. Nets go in rows;
// when that table is wider than the screen it is transposed (one column per net).
import Charts
import Datasets
import Diagnostics
import Lab
import Language
import Networks

struct CompareCommand: RunnableCommand {
    /// A loss and (for classification) an accuracy at a net's current weights.
    struct Measured {
        var loss: Double
        var accuracy: Double?
    }

    /// Train and validation results of one net; nil where there is nothing to measure.
    typealias FinalMetrics = (train: Measured?, val: Measured?)

    var nets: [String] = []

    static let headers = ["net", "params", "steps", "train loss", "val loss", "train acc", "val acc", "gap", "sharpness"]

    static var declaration: Declaration<CompareCommand> {
        Declaration(
            "compare", category: "Looking", summary: "one table: params, losses, accuracies, sharpness, steps",
            replayable: false,
            examples: ["compare a b c"],
            .slots(\.nets, "nets", .name(.net), placeholder: "NET", help: "the nets to compare"))
    }

    func run(_ s: Session, _ c: Context<CompareCommand>) throws(RuntimeError) -> ExecutionStatus {
        var names = self.nets
        if names.isEmpty { names = s.workspace.nets.keys.sorted() }
        guard !names.isEmpty else {
            throw RuntimeError(LookingRefusal.nothingToCompare, at: c.span)
        }
        let nets = try names.map { name throws(RuntimeError) in try s.workspace.net(name, at: c.span) }
        // Every seed of a net trained with seeds=N; its cells are then mean ± sd.
        let seeds = nets.map { net in ([net] + net.replicas).map { Self.finalEvaluations(s, $0, at: c.span) } }
        let evaluations = seeds.map(Self.meanMetrics)
        // Sharpness of every seed too: the primary's value (its note says cached or measured), and
        // the other seeds' beside it.
        let sharpness = nets.map { s.compareSharpness($0, at: c.span) }
        let sharpnessOverSeeds = nets.indices.map { i -> Spread? in
            guard let first = sharpness[i]?.value else { return nil }
            return Spread([first] + nets[i].replicas.compactMap { s.compareSharpness($0, at: c.span)?.value })
        }
        var rows = nets.indices.map { Self.row(nets[$0], seeds[$0], sharpness: sharpnessOverSeeds[$0]) }
        var headers = Self.headers
        // ε-sharpness, when some net has one for its current weights (`sharpness NET eps=`).
        let epsilon = nets.map { net -> SharpnessRecord? in
            guard let r = net.epsilonSharpness, let network = net.currentNetwork, r.fingerprint == s.fingerprint(network) else {
                return nil
            }
            return r
        }
        if epsilon.contains(where: { $0 != nil }) {
            headers.append("ε-sharpness")
            for i in rows.indices {
                rows[i].append(epsilon[i].map { "\(short3($0.value)) % (ε \(NumberLiteral.format($0.epsilon ?? 0)))" } ?? "–")
            }
        }
        let best = Self.bestRow(evaluations)
        s.emit(.chart(.table(Self.table(rows, headers: headers, best: best, width: s.host.width))))
        if let note = Self.noiseNote(nets, seeds) { s.say(note) }
        if let note = Self.sharpnessNote(nets, sharpness) { s.say(note) }
        return .ok
    }

    /// The metrics' means over seeds (a net trained alone: its own).
    static func meanMetrics(_ seeds: [FinalMetrics]) -> FinalMetrics {
        guard seeds.count > 1 else { return seeds.first ?? (nil, nil) }
        func mean(_ parts: [Measured?]) -> Measured? {
            let found = parts.compactMap { $0 }
            guard !found.isEmpty else { return nil }
            let accuracies = found.compactMap(\.accuracy)
            return Measured(
                loss: Spread(found.map(\.loss)).mean,
                accuracy: accuracies.isEmpty ? nil : Spread(accuracies).mean)
        }
        return (mean(seeds.map(\.train)), mean(seeds.map(\.val)))
    }

    /// For nets trained with seeds: whether each differs from the one with the lowest mean by
    /// more than the seeds' spread, by Welch's t on the val loss (train loss without val).
    static func noiseNote(_ nets: [NetEntry], _ seeds: [[FinalMetrics]]) -> String? {
        let loss = { (m: FinalMetrics) in m.val?.loss ?? m.train?.loss ?? .nan }
        // The reference: the net with seeds whose mean loss is lowest (one seed has no spread).
        let seeded = nets.indices.filter { seeds[$0].count > 1 && Spread(seeds[$0].map(loss)).mean.isFinite }
        guard seeded.count > 1, let best = seeded.min(by: { Spread(seeds[$0].map(loss)).mean < Spread(seeds[$1].map(loss)).mean })
        else { return nil }
        let metric = seeds[best].first?.val == nil ? "train loss" : "val loss"
        let reference = Spread(seeds[best].map(loss))
        var lines: [String] = []
        for i in nets.indices where i != best && seeds[i].count > 1 {
            let other = Spread(seeds[i].map(loss))
            guard let (t, df) = Welch.test(other, reference) else { continue }
            let bar = Welch.critical95(df: df)
            let verdict = abs(t) > bar ? "beyond the noise" : "within the noise"
            lines.append(
                "  \(nets[i].name) − \(nets[best].name): \(short3(other.mean - reference.mean)) · Welch's t \(String(format: "%.2f", t)), "
                    + "df \(String(format: "%.1f", df)); 95 % needs |t| > \(String(format: "%.2f", bar)): \(verdict)")
        }
        guard !lines.isEmpty else { return nil }
        let noun = nets.allSatisfy { $0.fold != nil } ? "folds" : nets.contains { $0.fold != nil } ? "seeds or folds" : "seeds"
        return "\(metric) over \(noun), against \(nets[best].name) (lowest mean; the table shows mean ± sample sd):\n"
            + lines.joined(separator: "\n")
    }

    /// Which sharpness values were cached and which were measured for this table.
    static func sharpnessNote(_ nets: [NetEntry], _ values: [(value: Double, cached: Bool)?]) -> String? {
        let cached = nets.indices.filter { values[$0]?.cached == true }.map { nets[$0].name }
        let measured = nets.indices.filter { values[$0]?.cached == false }.map { nets[$0].name }
        guard !cached.isEmpty || !measured.isEmpty else { return nil }
        var parts: [String] = []
        if !cached.isEmpty { parts.append("from the last 'sharpness' for \(cached.joined(separator: ", "))") }
        if !measured.isEmpty { parts.append("measured now for \(measured.joined(separator: ", "))") }
        return "sharpness: top Hessian eigenvalue of the training loss; " + parts.joined(separator: ", ")
    }

    /// One net's row: every cell is text, "–" where there is nothing to show; over several
    /// seeds each figure is "mean ± sd" and the name says how many seeds.
    static func row(_ net: NetEntry, _ seeds: [FinalMetrics], sharpness: Spread?) -> [String] {
        guard let network = net.currentNetwork else { return [net.name, "–", "0", "–", "–", "–", "–", "–", "–"] }
        func cell(_ value: (FinalMetrics) -> Double?, percent: Bool = false) -> String {
            let values = seeds.compactMap(value)
            return values.isEmpty ? "–" : Spread(values).text(percent: percent)
        }
        let name = seeds.count > 1 ? "\(net.name) ×\(seeds.count)" : net.name
        return [
            name, network.parameterCount.formatted, (net.run?.step ?? 0).formatted,
            cell { $0.train?.loss }, cell { $0.val?.loss },
            cell({ $0.train?.accuracy }, percent: true), cell({ $0.val?.accuracy }, percent: true),
            cell { m in m.train.flatMap { t in m.val.map { $0.loss - t.loss } } },
            sharpness.map { $0.n > 1 ? $0.text(percent: false) : short3($0.mean) } ?? "–",
        ]
    }

    /// Train and validation loss/accuracy at the net's current weights.
    static func finalEvaluations(_ s: Session, _ net: NetEntry, at span: SourceSpan) -> FinalMetrics {
        if let e = net.run?.currentEvaluation {
            return (
                Measured(loss: e.trainLoss, accuracy: e.trainAccuracy),
                e.validationLoss.map { Measured(loss: $0, accuracy: e.validationAccuracy) }
            )
        }
        guard let n = try? s.looked(net, at: span) else { return (nil, nil) }
        let measure = { (d: Dataset) -> Measured in
            let e = TrainingRun.evaluate(n.network, on: d, loss: n.loss)
            return Measured(loss: e.loss, accuracy: e.accuracy)
        }
        return (measure(n.data.parts.train), n.data.validation.map(measure))
    }

    /// The row with the lowest validation loss (train loss without one), highlighted.
    static func bestRow(_ evaluations: [FinalMetrics]) -> Int? {
        let scores = evaluations.map { m -> Double in
            let v = m.val?.loss ?? m.train?.loss ?? .infinity
            return v.isFinite ? v : .infinity
        }
        guard scores.count > 1, let best = scores.indices.min(by: { scores[$0] < scores[$1] }), scores[best].isFinite else {
            return nil
        }
        return best
    }

    /// Nets in rows when that fits the host's width, else metrics in rows and one column per net.
    static func table(_ rows: [[String]], headers: [String], best: Int?, width: Int) -> Table {
        let widths = headers.indices.map { c in max(headers[c].count, rows.map { $0[c].count }.max() ?? 0) }
        if widths.reduce(0, +) + 2 * (widths.count - 1) <= width {
            let columns = headers.indices.map { Table.Column(headers[$0], alignment: $0 == 0 ? .left : .right) }
            return Table(title: "compare", columns: columns, rows: rows, highlightedRow: best)
        }
        let columns = [Table.Column("")] + rows.map { Table.Column($0[0], alignment: .right) }
        let transposed = headers.indices.dropFirst().map { c in [headers[c]] + rows.map { $0[c] } }
        let title = best.map { "compare (best: \(rows[$0][0]))" } ?? "compare"
        return Table(title: title, columns: columns, rows: Array(transposed))
    }
}
