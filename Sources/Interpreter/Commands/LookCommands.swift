// show, plot: tables and charts as output values.
import Charts
import Datasets
import Diagnostics
import Lab
import Language
import Networks

extension Session {
    func showCommand(_ c: CommandContext) throws(RuntimeError) {
        let target = try c.text("target")
        if let name = target ?? workspace.currentNet ?? workspace.currentData {
            // Nets, datasets and sweeps have names of their own: a name may be several, and shows each.
            let net = workspace.nets[name], data = workspace.datasets[name], sweep = target.flatMap { workspace.sweeps[$0] }
            if let sweep { showSweep(sweep) }
            if let net { showNet(net) }
            if let data { showData(data) }
            if net != nil || data != nil || sweep != nil { return }
            let names = workspace.allNames
            throw RuntimeError("nothing named '\(name)'", at: c.span(of: "target"),
                               hint: suggest(name, among: names).map { "did you mean '\($0)'?" }
                                   ?? (names.isEmpty ? nil : "datasets and nets: " + names.joined(separator: ", ")))
        }
        throw RuntimeError("nothing to show yet", at: c.span, hint: "create a dataset: data d = spiral n=600 classes=3")
    }

    func showNet(_ net: NetEntry) {
        guard let network = net.currentNetwork else {
            say(netSummaryLine(net))
            return
        }
        // A [C×L] input with C > 1 is converted on entry to the channels-last layout layers store.
        let entry = network.stack.inputConversion == nil ? "" : "to channels-last"
        var rows: [[String]] = [["", "input", entry, describeShape(network.inputShape), ""]]
        for (i, layer) in network.layers.enumerated() {
            rows.append(["\(i + 1)", layer.kind, layer.summary, describeShape(layer.outputShape), layer.parameterCount.formatted])
        }
        rows.append(["", "total", "", "", network.parameterCount.formatted])
        emit(.chart(.table(Table(title: "net \(net.name)",
                                 columns: [.init("#", alignment: .right), .init("layer"), .init("settings"), .init("output"),
                                           .init("parameters", alignment: .right)], rows: rows))))
        let s = net.setup
        let loss = (net.run?.loss ?? s.loss).map(\.rawValue) ?? "from the data"
        say("opt \(describe(s.optimizer)) · loss \(loss) · schedule \(scheduleText(s.schedule)) · batch \(s.batchSize) · step \(net.run?.step ?? 0)"
            + (net.dataName.map { " · data \($0)" } ?? ""))
    }

    func showData(_ d: DataEntry) {
        var rows = [["source", d.source], ["examples", d.full.count.formatted], ["example shape", describeShape(d.sampleShape)],
                    ["train / val / test", "\(d.parts.train.count) / \(d.parts.validation.count) / \(d.parts.testCount) (locked)"]]
        if let counts = d.full.classCounts() {
            rows.append(["classes", "\(counts.count): " + counts.map(String.init).joined(separator: " ")])
        }
        if let noise = d.parts.labelNoise { rows.append(["label noise", "\(noise.rows.count) training labels"]) }
        if let a = d.augmentation { rows.append(["augmentation", "shift \(a.shift) scale \(a.scale) noise \(a.noise)"]) }
        if d.parts.peeks.count > 0 { rows.append(["test peeks", "\(d.parts.peeks.count)"]) }
        emit(.chart(.table(Table(title: "data \(d.name)", columns: [.init("", alignment: .left), .init("")], rows: rows))))
        if d.sampleShape == [2], let labels = d.full.labels { emit(.chart(.heatmap(scatter(d.full, labels)))) }
    }

    /// A 2D dataset as points over a blank field.
    func scatter(_ data: Dataset, _ labels: [Int32]) -> Heatmap {
        let xs = stride(from: 0, to: data.inputs.count, by: 2).map { Double(data.inputs[$0]) }
        let ys = stride(from: 1, to: data.inputs.count, by: 2).map { Double(data.inputs[$0]) }
        let bounds = paddedBounds(xs, ys)
        let points = zip(zip(xs, ys), labels).map { p, l in Heatmap.OverlayPoint(x: p.0, y: p.1, classIndex: Int(l)) }
        return Heatmap(title: data.name, columns: 2, rows: 2, values: [Double](repeating: .nan, count: 4),
                       xMin: bounds.x.lowerBound, xMax: bounds.x.upperBound, yMin: bounds.y.lowerBound,
                       yMax: bounds.y.upperBound, coloring: .classes, points: points)
    }

    func paddedBounds(_ xs: [Double], _ ys: [Double]) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        func pad(_ v: [Double]) -> ClosedRange<Double> {
            let lo = v.min() ?? -1, hi = v.max() ?? 1, m = max((hi - lo) * 0.05, 1e-6)
            return (lo - m)...(hi + m)
        }
        return (pad(xs), pad(ys))
    }

    func plotCommand(_ c: CommandContext) throws(RuntimeError) {
        let what = try c.text("what") ?? "loss"
        var names = try c.texts("nets")
        if let x = try c.text("x") {
            guard names.count == 1, let entry = workspace.sweeps[names[0]] else {
                let sweeps = workspace.sweeps.keys.sorted()
                throw RuntimeError("x= plots a sweep against one of its parameters: name one sweep", at: c.span,
                                   hint: sweeps.first.map { "plot \($0) x=\(workspace.sweeps[$0]?.space.names.first ?? "PARAM")" }
                                       ?? "run a sweep first: sweep s method=grid { let w ~ choice(8, 32, 128) … }")
            }
            return emit(.chart(.line(try sweepAgainst(entry, x, at: c.span(of: "x")))))
        }
        if names.isEmpty, let current = workspace.currentNet { names = [current] }
        let nets = try names.map { n throws(RuntimeError) in try workspace.net(n, at: c.span) }
        switch what {
        case "loss", "acc": emit(.chart(.line(try curves(nets, accuracy: what == "acc", log: c.isSet("log"), at: c.span))))
        default: try otherPlot(what, nets, c)
        }
    }

    /// Train (dim) and validation (bright) curves per net, from the evaluation records, with
    /// branch points marked.
    func curves(_ nets: [NetEntry], accuracy: Bool, log: Bool, at span: SourceSpan) throws(RuntimeError) -> LineChart {
        var series: [LineChart.Series] = []
        var markers: [LineChart.VerticalMarker] = []
        for (i, net) in nets.enumerated() {
            guard let run = net.run, !run.history.stepLosses.isEmpty else {
                throw RuntimeError("\(net.name) has not trained yet", at: span, hint: "train \(net.name) on DATA epochs=20")
            }
            let seedRuns = [run] + net.replicas.compactMap(\.run)
            if seedRuns.count > 1 {
                series += seedCurves(net.name, seedRuns, accuracy: accuracy, color: i)
                continue
            }
            let evals = run.history.evals
            let train = evals.compactMap { e in (accuracy ? e.trainAccuracy : e.trainLoss).map { PlotPoint(x: Double(e.step), y: $0) } }
            let val = evals.compactMap { e in (accuracy ? e.validationAccuracy : e.validationLoss).map { PlotPoint(x: Double(e.step), y: $0) } }
            let trainPoints = train.count >= 2 || accuracy ? train : smoothedSteps(run.history.stepLosses)
            series.append(.init(name: "\(net.name) train", points: trainPoints, emphasis: .dim, color: i))
            if !val.isEmpty { series.append(.init(name: "\(net.name) val", points: val, emphasis: .bright, color: i)) }
            if let branch = run.history.branch { markers.append(.init(x: Double(branch.step), label: "\(net.name) ← \(branch.parent)")) }
        }
        return LineChart(title: accuracy ? "accuracy" : "loss", series: series, xLabel: "step",
                         yLabel: accuracy ? "accuracy" : "loss", logY: log, markers: markers)
    }

    /// A net trained with seeds=N: the mean train curve (dim), the mean val curve (bright) and
    /// the val curve's ± one sample sd (dim, above and below), evaluation by evaluation.
    func seedCurves(_ name: String, _ runs: [TrainingRun], accuracy: Bool, color: Int) -> [LineChart.Series] {
        let count = runs.map(\.history.evals.count).min() ?? 0
        func spread(_ value: (EvalRecord) -> Double?) -> [(x: Double, s: Spread)] {
            (0..<count).compactMap { k in
                let values = runs.compactMap { value($0.history.evals[k]) }
                return values.isEmpty ? nil : (Double(runs[0].history.evals[k].step), Spread(values))
            }
        }
        let train = spread { accuracy ? $0.trainAccuracy : $0.trainLoss }
        let val = spread { accuracy ? $0.validationAccuracy : $0.validationLoss }
        var out: [LineChart.Series] = [.init(name: "\(name) train (mean of \(runs.count))",
                                             points: train.map { PlotPoint(x: $0.x, y: $0.s.mean) }, emphasis: .dim, color: color)]
        guard !val.isEmpty else { return out }
        out.append(.init(name: "\(name) val (mean of \(runs.count))", points: val.map { PlotPoint(x: $0.x, y: $0.s.mean) },
                         emphasis: .bright, color: color))
        out.append(.band("\(name) val ± sd", val, color: color))
        return out
    }

    /// Per-step mini-batch losses, smoothed (exponential moving average) for reading.
    func smoothedSteps(_ losses: [Float]) -> [PlotPoint] {
        var ema = Double(losses.first ?? 0)
        return losses.enumerated().map { i, l in
            ema = 0.9 * ema + 0.1 * Double(l)
            return PlotPoint(x: Double(i + 1), y: i == 0 ? Double(l) : ema)
        }
    }
}
