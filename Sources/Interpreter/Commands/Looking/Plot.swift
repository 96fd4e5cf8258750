// plot [loss|acc|boundary|fit] [NET...] [log] [x=PARAM]: training curves, or what a net does over
// its whole input space, or a sweep against one of its parameters. `boundary` evaluates a 2D
// classifier on a grid covering its data with a margin and colours each cell by the arg-max
// class, with the training points (in their true class's colour) drawn over it, so misclassified
// points stand out. `fit` draws a 1D regression's prediction curve over its input range through
// the training and validation points.
import Charts
import Datasets
import Diagnostics
import Lab
import Language
import Networks

struct PlotCommand: RunnableCommand {
    enum Kind: String, OperandChoice { case loss, acc, boundary, fit, attention, hessian, filters }

    var what = Kind.loss
    var nets: [String] = []
    var log = false
    var x: String?
    var layer: Int?
    var example = 1

    /// Grid columns of a decision-region plot; rows follow the data's aspect ratio (24–120).
    static let boundaryColumns = 120
    /// Points along a regression curve.
    static let fitSamples = 240

    static var declaration: Declaration<PlotCommand> {
        Declaration(
            "plot", category: "Looking", summary: "curves, decision regions, a regression fit, or a sweep against a parameter",
            replayable: false,
            examples: [
                "plot loss a b", "plot loss a b log", "plot acc a", "plot boundary a", "plot fit a", "plot s x=width",
                "plot attention t layer=2 example=3", "plot hessian a", "plot filters cnn",
            ],
            details: "plot SWEEP x=PARAM draws the final train (dim) and val (bright) metric of every finished trial "
                + "against PARAM — mean ± sd where trials share a value or ran with seeds= — on a log axis when the "
                + "values span more than a decade: with label noise over width, the double-descent picture. "
                + "x=params puts each trial's parameter count on the axis. "
                + "plot attention NET draws, for one validation example, how much each position (row) attends to "
                + "each position (column) in every head of an attention or transformer layer (the first one, or layer=). "
                + "plot hessian NET draws the Hessian's spectral density estimated by 40 Lanczos steps (as hessian NET). "
                + "plot filters NET draws the kernels of the first convolution (or layer=) as small images: "
                + "blue negative, white zero, red positive, on one scale.",
            .slot(\.what, "what", help: "what to plot: loss, acc, boundary, fit, attention, hessian or filters"),
            .slots(\.nets, "nets", .name(.net), placeholder: "NET", help: "the nets (or, with x=, the sweep) to draw"),
            .flag(\.log, "log", help: "log-scale y axis"),
            .option(\.x, "x", .text, help: "a sweep's parameter (or 'params', the parameter count) on the x axis"),
            .option(\.layer, "layer", .positiveInteger, help: "plot attention and filters: the layer (as 'show NET' numbers it)"),
            .option(\.example, "example", .positiveInteger, help: "plot attention: the validation example, from 1"))
    }

    func run(_ s: Session, _ c: Context<PlotCommand>) throws(RuntimeError) -> ExecutionStatus {
        var names = nets
        if let x {
            guard names.count == 1, let entry = s.workspace.sweeps[names[0]] else {
                let first = s.workspace.sweeps.keys.sorted().first
                throw RuntimeError(
                    LookingRefusal.sweepAxisNeedsOneSweep(
                        sweep: first, parameter: first.flatMap { s.workspace.sweeps[$0]?.space.names.first }),
                    at: c.span)
            }
            s.emit(.chart(.line(try s.sweeps.sweepAgainst(entry, x, at: c.span(\.x)))))
            return .ok
        }
        if names.isEmpty, let current = s.workspace.currentNet { names = [current] }
        let entries = try names.map { n throws(RuntimeError) in try s.workspace.net(n, at: c.span) }
        switch what {
        case .loss, .acc: s.emit(.chart(.line(try Self.curves(entries, accuracy: what == .acc, log: log, at: c.span))))
        case .boundary, .fit, .attention, .hessian, .filters: try inputSpace(s, entries, c)
        }
        return .ok
    }

    /// `plot boundary` and `plot fit`: one net over its whole input space.
    func inputSpace(_ s: Session, _ entries: [NetEntry], _ c: Context<PlotCommand>) throws(RuntimeError) {
        guard let net = entries.first else {
            throw RuntimeError(WorkspaceRefusal.noNet, at: c.span)
        }
        guard entries.count == 1 else {
            throw RuntimeError(LookingRefusal.oneNetAtATime(what: what.rawValue, nets: entries.map(\.name)), at: c.span)
        }
        let looked = try s.looked(net, at: c.span)
        switch what {
        case .boundary: s.emit(.chart(.heatmap(try Self.boundary(s, looked, at: c.span))))
        case .attention: try attention(s, looked, c)
        case .filters: try filters(s, looked, c)
        case .hessian:
            try s.requireFiniteWeights(looked, at: c.span)
            let r = HessianCommand.measure(s, looked, steps: HessianCommand.defaultSteps, seed: s.workspace.seed)
            HessianCommand.keep(r, on: looked, in: s)
            s.emit(.chart(.line(HessianCommand.densityChart(r, looked, step: s.stepCaption(net)))))
            s.say(HessianCommand.summary(r, looked))
        default: s.emit(.chart(.line(try Self.fit(s, looked, at: c.span))))
        }
        s.workspace.currentNet = net.name
    }

    // MARK: curves

    /// Train (dim) and validation (bright) curves per net, from the evaluation records, with
    /// branch points marked.
    static func curves(_ nets: [NetEntry], accuracy: Bool, log: Bool, at span: SourceSpan) throws(RuntimeError) -> LineChart {
        var series: [LineChart.Series] = []
        var markers: [LineChart.VerticalMarker] = []
        for (i, net) in nets.enumerated() {
            guard let run = net.run, !run.history.stepLosses.isEmpty else {
                throw RuntimeError(LookingRefusal.notTrained(net: net.name), at: span)
            }
            let seedRuns = [run] + net.replicas.compactMap(\.run)
            if seedRuns.count > 1 {
                series += seedCurves(net.name, seedRuns, accuracy: accuracy, color: i)
                continue
            }
            let evals = run.history.evals
            let train = evals.compactMap { e in
                (accuracy ? e.trainAccuracy : e.trainLoss).map { PlotPoint(x: Double(e.step), y: $0) }
            }
            let val = evals.compactMap { e in
                (accuracy ? e.validationAccuracy : e.validationLoss).map { PlotPoint(x: Double(e.step), y: $0) }
            }
            let trainPoints = train.count >= 2 || accuracy ? train : smoothedSteps(run.history.stepLosses)
            series.append(.init(name: "\(net.name) train", points: trainPoints, emphasis: .dim, color: i))
            if !val.isEmpty { series.append(.init(name: "\(net.name) val", points: val, emphasis: .bright, color: i)) }
            if let branch = run.history.branch {
                markers.append(.init(x: Double(branch.step), label: "\(net.name) ← \(branch.parent)"))
            }
        }
        return LineChart(
            title: accuracy ? "accuracy" : "loss", series: series, xLabel: "step",
            yLabel: accuracy ? "accuracy" : "loss", logY: log, markers: markers)
    }

    /// A net trained with seeds=N: the mean train curve (dim), the mean val curve (bright) and
    /// the val curve's ± one sample sd (dim, above and below), evaluation by evaluation.
    static func seedCurves(_ name: String, _ runs: [TrainingRun], accuracy: Bool, color: Int) -> [LineChart.Series] {
        let count = runs.map(\.history.evals.count).min() ?? 0
        func spread(_ value: (EvalRecord) -> Double?) -> [(x: Double, s: Spread)] {
            (0..<count).compactMap { k in
                let values = runs.compactMap { value($0.history.evals[k]) }
                return values.isEmpty ? nil : (Double(runs[0].history.evals[k].step), Spread(values))
            }
        }
        let train = spread { accuracy ? $0.trainAccuracy : $0.trainLoss }
        let val = spread { accuracy ? $0.validationAccuracy : $0.validationLoss }
        var out: [LineChart.Series] = [
            .init(
                name: "\(name) train (mean of \(runs.count))",
                points: train.map { PlotPoint(x: $0.x, y: $0.s.mean) }, emphasis: .dim, color: color)
        ]
        guard !val.isEmpty else { return out }
        out.append(
            .init(
                name: "\(name) val (mean of \(runs.count))", points: val.map { PlotPoint(x: $0.x, y: $0.s.mean) },
                emphasis: .bright, color: color))
        out.append(.band("\(name) val ± sd", val, color: color))
        return out
    }

    /// Per-step mini-batch losses, smoothed (exponential moving average) for reading.
    static func smoothedSteps(_ losses: [Float]) -> [PlotPoint] {
        var ema = Double(losses.first ?? 0)
        return losses.enumerated().map { i, l in
            ema = 0.9 * ema + 0.1 * Double(l)
            return PlotPoint(x: Double(i + 1), y: i == 0 ? Double(l) : ema)
        }
    }

    // MARK: decision regions

    static func boundary(_ s: Session, _ n: LookedNet, at span: SourceSpan) throws(RuntimeError) -> Heatmap {
        let data = n.data
        guard data.sampleShape == [2] else {
            throw RuntimeError(
                LookingRefusal.boundaryNeeds2D(net: n.entry.name, data: data.name, shape: data.sampleShape), at: span)
        }
        guard data.isClassification, let labels = data.parts.train.labels else {
            throw RuntimeError(LookingRefusal.boundaryNeedsClassifier(net: n.entry.name, data: data.name), at: span)
        }
        let (xs, ys) = RegionGrid.coordinates(data.parts.train.inputs)
        let grid = RegionGrid(over: data.full.inputs, columns: boundaryColumns)
        let points = zip(zip(xs, ys), labels).map { p, l in Heatmap.OverlayPoint(x: p.0, y: p.1, classIndex: Int(l)) }
        let pane = RunSnapshot.RegionPane(
            title: "\(n.entry.name) regions · \(s.stepCaption(n.entry))", columns: grid.columns, rows: grid.rows,
            classes: grid.classes(of: n.network), x: grid.x, y: grid.y, points: points)
        return pane.heatmap
    }

    // MARK: regression fit

    static func fit(_ s: Session, _ n: LookedNet, at span: SourceSpan) throws(RuntimeError) -> LineChart {
        let data = n.data
        guard data.sampleShape == [1] else {
            throw RuntimeError(
                LookingRefusal.fitNeeds1D(
                    net: n.entry.name, data: data.name, shape: data.sampleShape, classification: data.isClassification),
                at: span)
        }
        guard !data.isClassification, data.full.targetWidth == 1 else {
            throw RuntimeError(
                LookingRefusal.fitNeedsOneOutput(
                    net: n.entry.name, data: data.name, classes: data.full.classCount, targets: data.full.targetWidth),
                at: span)
        }
        let xs = data.full.inputs.map(Double.init).filter(\.isFinite)
        let lo = xs.min() ?? -1, hi = xs.max() ?? 1, m = max((hi - lo) * 0.05, 1e-3)
        let grid = (0..<fitSamples).map { lo - m + Double($0) / Double(fitSamples - 1) * (hi - lo + 2 * m) }
        let predicted = n.network.predictions(grid.map(Float.init), count: grid.count)
        let curve = zip(grid, predicted).map { PlotPoint(x: $0, y: Double($1)) }
        // The points are marks (a bold dot each, circles in SVG); the two empty series only put
        // their colours in the legend.
        var series = [LineChart.Series(name: "train", points: [], color: 0)]
        var marks = dataMarks(data.parts.train, color: 0)
        if data.parts.validation.count > 0 {
            series.append(.init(name: "val", points: [], color: 2))
            marks += dataMarks(data.parts.validation, color: 2)
        }
        series.append(.init(name: n.entry.name, points: curve, emphasis: .bright, color: 1))
        return LineChart(title: "\(n.entry.name) fit · \(s.stepCaption(n.entry))", series: series, xLabel: "x", marks: marks)
    }

    /// A 1D dataset's (x, target) points as unlabelled marks.
    static func dataMarks(_ d: Dataset, color: Int) -> [LineChart.MarkedPoint] {
        guard let values = d.values else { return [] }
        return zip(d.inputs, values).map { LineChart.MarkedPoint(x: Double($0), y: Double($1), label: "", color: color) }
    }
}
