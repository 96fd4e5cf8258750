// landscape NET 1d|2d: loss-landscape slices (Li, Xu, Taylor, Studer & Goldstein 2018).
//   1d [from=init|NET2] [res=51]     training and validation loss along w(α) = w_from + α·(w_now − w_from)
//                                    over α ∈ [-0.5, 1.5], both end points marked (exact: evaluated
//                                    at those weights as `eval` does)
//   2d [span=1] [res=41] [dirs=random|pca] [log] [seed=N]
//                                    training loss on the plane w_now + α·d₁ + β·d₂: random
//                                    filter-normalized directions (seeded), or the top-2 PCA
//                                    directions of the run's snapshots with the path drawn on it
// Evaluation mode throughout (dropout off, batch-norm running statistics). The 2D grid refines
// coarse-to-fine (LossSurface); each level goes to the host as a partial picture, and Ctrl-C
// keeps what is computed. The result is kept on the net for `export NET grid|directions`.
import Charts
import Diagnostics
import Foundation
import Lab
import Networks

/// The last landscape of a net, for export.
struct LandscapeRecord {
    /// "1d from init", "2d random seed=0", "2d pca".
    var kind: String
    var alphas: [Float]
    var betas: [Float]
    /// Training losses, row-major [betas × alphas] (one row for a line).
    var losses: [Double]
    var validation: [Double]?
    var d1: [Float]
    var d2: [Float]?
    /// The tensor layout the directions follow.
    var tensors: [ParameterTensor]
    var step: Int
}

extension Session {
    static let landscapeResLimit = 201
    /// Largest half-width of a plane, in units of the filter-normalized directions.
    static let landscapeSpanLimit = 1000.0

    func landscapeCommand(_ c: CommandContext) throws(RuntimeError) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        let n = try looked(net, at: c.span)
        try requireFiniteWeights(n, at: c.span)
        workspace.currentNet = net.name
        if try c.text("dims") == "1d" {
            try landscapeLine(c, n)
        } else {
            try landscapePlane(c, n)
        }
    }

    // MARK: 1d

    func landscapeLine(_ c: CommandContext, _ n: LookedNet) throws(RuntimeError) {
        let (start, fromName) = try lineStart(c, n)
        let alphas = Landscape.lineAlphas(res: try c.bounded("res", max: 1001) ?? 51)
        let control = RunControl()
        activeRun.begin(control)
        defer { activeRun.end(control) }
        let slice = Landscape.line(from: start, to: n.network, train: n.data.parts.train, validation: n.data.validation,
                                   loss: n.loss, alphas: alphas, cancel: control)
        let now = n.entry.name
        emit(.chart(.line(lineChart(slice, from: fromName, to: now, log: c.isSet("log")))))
        say(lineSummary(slice, from: fromName, to: now))
        n.entry.landscape = LandscapeRecord(kind: "1d from \(fromName)", alphas: alphas, betas: [0], losses: slice.train,
                                            validation: slice.validation, d1: zip(n.network.parameters.array, start).map { $0 - $1 },
                                            d2: nil, tensors: n.network.namedParameters, step: n.entry.run?.step ?? 0)
    }

    /// The line's start: the run's initial weights, or another net's current ones (same layout).
    func lineStart(_ c: CommandContext, _ n: LookedNet) throws(RuntimeError) -> ([Float], String) {
        let from = try c.text("from") ?? "init"
        guard from != "init" else {
            guard let run = n.entry.run, run.step > 0 else {
                throw RuntimeError("\(n.entry.name) has not trained: its weights are still the initial ones", at: c.span,
                                   hint: "train \(n.entry.name) first, or give another net: from=NET")
            }
            return (run.initial.parameters, "init")
        }
        let other = try workspace.net(from, at: c.span(of: "from"))
        guard let network = other.currentNetwork else {
            throw RuntimeError("\(from) has no weights yet", at: c.span(of: "from"), hint: "train \(from) first")
        }
        guard network.namedParameters.map(\.shape) == n.network.namedParameters.map(\.shape) else {
            throw RuntimeError("\(from) and \(n.entry.name) have different layers: a line between them has no meaning",
                               at: c.span(of: "from"), hint: "compare nets with the same definition, e.g. fork \(n.entry.name) as b")
        }
        return (network.parameters.array, from)
    }

    func lineChart(_ s: LineSlice, from: String, to: String, log: Bool) -> LineChart {
        let xs = s.alphas.map(Double.init)
        func points(_ ys: [Double]) -> [PlotPoint] { zip(xs, ys).filter { $0.1.isFinite }.map { PlotPoint(x: $0.0, y: $0.1) } }
        var series = [LineChart.Series(name: "train", points: points(s.train), color: 0)]
        var marks = [LineChart.MarkedPoint(x: 0, y: s.endpoints.train.0, label: from, color: 0),
                     LineChart.MarkedPoint(x: 1, y: s.endpoints.train.1, label: to, color: 0)]
        if let v = s.validation, let ends = s.endpoints.validation {
            series.append(.init(name: "val", points: points(v), color: 1))
            marks += [.init(x: 0, y: ends.0, label: "", color: 1), .init(x: 1, y: ends.1, label: "", color: 1)]
        }
        return LineChart(title: "\(to) loss along the line \(from) (α=0) → \(to) (α=1)" + (log ? " · log" : ""),
                         series: series, xLabel: "α", yLabel: "loss", logY: log, marks: marks)
    }

    func lineSummary(_ s: LineSlice, from: String, to: String) -> String {
        var parts = ["train loss \(fmt(s.endpoints.train.0)) at \(from), \(fmt(s.endpoints.train.1)) at \(to)"]
        if let (i, v) = s.train.enumerated().filter({ $0.element.isFinite }).min(by: { $0.element < $1.element }) {
            parts.append("lowest \(fmt(v)) at α=\(short3(Double(s.alphas[i])))")
        }
        if let v = s.endpoints.validation { parts.append("val \(fmt(v.0)) → \(fmt(v.1))") }
        let note = s.isComplete ? "" : "\nstopped by Ctrl-C: the points computed are shown"
        return "\(to): " + parts.joined(separator: " · ") + " (evaluation mode)" + note
    }
}
