// plot boundary, plot fit: what a net does over its whole input space. `boundary` evaluates a
// 2D classifier on a grid covering its data with a margin and colours each cell by the arg-max
// class, with the training points (in their true class's colour) drawn over it, so misclassified
// points stand out. `fit` draws a 1D regression's prediction curve over its input range through
// the training and validation points.
import Charts
import Datasets
import Diagnostics
import Lab
import Networks

extension Session {
    /// Grid columns of a decision-region plot; rows follow the data's aspect ratio.
    static let boundaryColumns = 120
    /// Points along a regression curve.
    static let fitSamples = 240

    func otherPlot(_ what: String, _ nets: [NetEntry], _ c: CommandContext) throws(RuntimeError) {
        guard let net = nets.first else {
            throw RuntimeError("there is no net yet", at: c.span, hint: "define one, e.g. 'net a = dense 32 relu, dense 3'")
        }
        guard nets.count == 1 else {
            throw RuntimeError("plot \(what) draws one net at a time", at: c.span,
                               hint: nets.map { "plot \(what) \($0.name)" }.joined(separator: "; "))
        }
        let looked = try looked(net, at: c.span)
        switch what {
        case "boundary": emit(.chart(.heatmap(try boundary(looked, at: c.span))))
        case "fit": emit(.chart(.line(try fit(looked, at: c.span))))
        default: throw RuntimeError("plot \(what) is not available yet", at: c.span)
        }
        workspace.currentNet = net.name
    }

    // MARK: decision regions

    func boundary(_ n: LookedNet, at span: SourceSpan) throws(RuntimeError) -> Heatmap {
        let data = n.data
        guard data.sampleShape == [2] else {
            throw RuntimeError("plot boundary needs 2D inputs; \(data.name) has examples of \(describeShape(data.sampleShape))",
                               at: span, hint: data.sampleShape == [1] ? "plot fit \(n.entry.name)" : "plot loss \(n.entry.name)")
        }
        guard data.isClassification, let labels = data.parts.train.labels else {
            throw RuntimeError("plot boundary needs a classifier; \(n.entry.name) does regression on \(data.name)", at: span,
                               hint: "plot loss \(n.entry.name)")
        }
        let (xs, ys) = coordinates(data.parts.train.inputs)
        let all = coordinates(data.full.inputs)
        let (bx, by) = marginBounds(all.0, all.1, margin: 0.1)
        let columns = Self.boundaryColumns, rows = boundaryRows(x: bx, y: by)
        let classes = predictedClasses(n.network, columns: columns, rows: rows, x: bx, y: by)
        let points = zip(zip(xs, ys), labels).map { p, l in Heatmap.OverlayPoint(x: p.0, y: p.1, classIndex: Int(l)) }
        return Heatmap(title: "\(n.entry.name) regions · \(stepCaption(n.entry))", columns: columns, rows: rows,
                       values: classes, xMin: bx.lowerBound, xMax: bx.upperBound, yMin: by.lowerBound, yMax: by.upperBound,
                       coloring: .classes, points: points)
    }

    /// Grid rows that keep the data's aspect ratio (half-block pixels are about square), 24–120.
    func boundaryRows(x: ClosedRange<Double>, y: ClosedRange<Double>) -> Int {
        let aspect = (y.upperBound - y.lowerBound) / (x.upperBound - x.lowerBound)
        let rows = Double(Self.boundaryColumns) * aspect
        return rows.isFinite ? Int(max(24, min(Double(Self.boundaryColumns), rows.rounded()))) : 24
    }

    /// Interleaved (x, y) pairs as two coordinate lists.
    func coordinates(_ inputs: [Float]) -> ([Double], [Double]) {
        let xs = stride(from: 0, to: inputs.count - 1, by: 2).map { Double(inputs[$0]) }
        let ys = stride(from: 1, to: inputs.count, by: 2).map { Double(inputs[$0]) }
        return (xs, ys)
    }

    /// The data's extent widened by `margin` of its size on each side (never empty).
    func marginBounds(_ xs: [Double], _ ys: [Double], margin: Double) -> (ClosedRange<Double>, ClosedRange<Double>) {
        func widen(_ v: [Double]) -> ClosedRange<Double> {
            let finite = v.filter(\.isFinite)
            let lo = finite.min() ?? -1, hi = finite.max() ?? 1, m = max((hi - lo) * margin, 1e-3)
            return (lo - m)...(hi + m)
        }
        return (widen(xs), widen(ys))
    }

    /// The arg-max class at each grid point, row 0 at the bottom (one output: logit > 0 is class 1).
    func predictedClasses(_ network: Network, columns: Int, rows: Int, x: ClosedRange<Double>, y: ClosedRange<Double>) -> [Double] {
        var inputs: [Float] = []
        inputs.reserveCapacity(2 * columns * rows)
        for r in 0..<rows {
            for c in 0..<columns {
                inputs.append(Float(x.lowerBound + Double(c) / Double(columns - 1) * (x.upperBound - x.lowerBound)))
                inputs.append(Float(y.lowerBound + Double(r) / Double(rows - 1) * (y.upperBound - y.lowerBound)))
            }
        }
        let k = network.outputCount
        let out = network.predictions(inputs, count: columns * rows)
        guard k > 0, out.count == k * columns * rows else { return [] }
        return (0..<(columns * rows)).map { i in
            if k == 1 { return out[i] > 0 ? 1 : 0 }
            var best = 0
            for j in 1..<k where out[i * k + j] > out[i * k + best] { best = j }
            return Double(best)
        }
    }

    // MARK: regression fit

    func fit(_ n: LookedNet, at span: SourceSpan) throws(RuntimeError) -> LineChart {
        let data = n.data
        guard data.sampleShape == [1] else {
            throw RuntimeError("plot fit needs 1D inputs; \(data.name) has examples of \(describeShape(data.sampleShape))",
                               at: span, hint: data.sampleShape == [2] && data.isClassification
                                   ? "plot boundary \(n.entry.name)" : "plot loss \(n.entry.name)")
        }
        guard !data.isClassification, data.full.targetWidth == 1 else {
            throw RuntimeError("plot fit needs a regression net with one output; \(data.name) has "
                               + (data.full.classCount.map { "\($0) classes" } ?? "\(data.full.targetWidth) targets"),
                               at: span, hint: "plot loss \(n.entry.name)")
        }
        let xs = data.full.inputs.map(Double.init).filter(\.isFinite)
        let lo = xs.min() ?? -1, hi = xs.max() ?? 1, m = max((hi - lo) * 0.05, 1e-3)
        let grid = (0..<Self.fitSamples).map { lo - m + Double($0) / Double(Self.fitSamples - 1) * (hi - lo + 2 * m) }
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
        return LineChart(title: "\(n.entry.name) fit · \(stepCaption(n.entry))", series: series, xLabel: "x", marks: marks)
    }

    /// A 1D dataset's (x, target) points as unlabelled marks.
    func dataMarks(_ d: Dataset, color: Int) -> [LineChart.MarkedPoint] {
        guard let values = d.values else { return [] }
        return zip(d.inputs, values).map { LineChart.MarkedPoint(x: Double($0), y: Double($1), label: "", color: color) }
    }
}
