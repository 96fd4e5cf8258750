// landscape NET 1d|2d: loss-landscape slices (Li, Xu, Taylor, Studer & Goldstein 2018).
//   1d [from=init|NET2] [res=51]     training and validation loss along w(α) = w_from + α·(w_now − w_from)
//                                    over α ∈ [-0.5, 1.5], both end points marked (exact: evaluated
//                                    at those weights as `eval` does)
//   2d [span=1] [res=41] [dirs=random|pca] [log] [seed=N]
//                                    training loss on the plane w_now + α·d₁ + β·d₂: random
//                                    filter-normalized directions (seeded), or the top-2 PCA
//                                    directions of the run's snapshots with the path drawn on it
//                                    (LandscapePlane.swift)
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

struct LandscapeCommand: RunnableCommand {
    enum Dims: String, OperandChoice { case oneD = "1d", twoD = "2d" }
    enum Directions: String, OperandChoice { case random, pca }

    var net: String?
    var dims = Dims.twoD
    /// 1d: the line's start, a net's name or the word init.
    var from = "init"
    var res: Int?
    var span = 1.0
    var dirs = Directions.random
    var log = false
    var seed: Int?

    /// Points along a line when res= is not given.
    static let lineResolution = 51
    /// Points per axis of a plane when res= is not given.
    static let planeResolution = 41
    /// Most points along a line.
    static let lineResLimit = 1001
    /// Most points per axis of a plane.
    static let planeResLimit = 201
    /// Largest half-width of a plane, in units of the filter-normalized directions.
    static let spanLimit = 1000.0

    static var declaration: Declaration<LandscapeCommand> {
        Declaration(
            "landscape", category: "Looking", summary: "loss-landscape slice: a line (1d) or a filter-normalized plane (2d)",
            runsLong: true,
            examples: [
                "landscape a 1d from=init res=51", "landscape a 1d from=b", "landscape a 2d span=1 res=41",
                "landscape a 2d dirs=pca log",
            ],
            details: """
                1d: training and validation loss along w(α) = w_from + α·(w_now − w_from) for α in [-0.5, 1.5]; \
                both end points are marked and exact. 2d: training loss on the plane w_now + α·d1 + β·d2; random \
                directions are Gaussian and filter-normalized (Li et al. 2018), pca directions are the top two \
                principal directions of the snapshots (checkpoint NET every=N before training) with the path drawn. \
                The grid refines coarse-to-fine; Ctrl-C keeps what is computed. Batch norm and dropout are in \
                evaluation mode. export NET grid|directions writes the last slice.
                """,
            .net(\.net),
            .slot(\.dims, "dims", help: "a line (1d) or a plane (2d)"),
            .option(\.from, "from", .name(.net), help: "1d: start of the line, init or a net"),
            .option(
                \.res, "res", .positiveInteger,
                default: "\(lineResolution) for 1d, \(planeResolution) for 2d (odd: the centre is a grid point)",
                help: "grid points per axis"),
            .option(\.span, "span", .positiveNumber, help: "2d: half-width of the plane (pca: times the path's reach)"),
            .option(\.dirs, "dirs", help: "2d: random directions or the training path's PCA"),
            .flag(\.log, "log", help: "log scale (colours in 2d, y axis in 1d)"),
            .seed(\.seed))
    }

    func run(_ s: Session, _ c: Context<LandscapeCommand>) throws(RuntimeError) -> ExecutionStatus {
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        let n = try s.looked(net, at: c.span)
        try s.requireFiniteWeights(n, at: c.span)
        s.workspace.currentNet = net.name
        switch dims {
        case .oneD: try landscapeLine(s, c, n)
        case .twoD: try landscapePlane(s, c, n)
        }
        return .ok
    }

    /// `res=`, or the shape's default; refused above the shape's limit.
    func resolution(_ c: Context<LandscapeCommand>, default fallback: Int, max limit: Int) throws(RuntimeError) -> Int {
        guard let res else { return fallback }
        guard res <= limit else {
            throw RuntimeError(OperandRefusal.tooLarge(name: "res", value: res, limit: limit), at: c.span(\.res))
        }
        return res
    }

    // MARK: 1d

    func landscapeLine(_ s: Session, _ c: Context<LandscapeCommand>, _ n: LookedNet) throws(RuntimeError) {
        let (start, fromName) = try lineStart(s, c, n)
        let alphas = Landscape.lineAlphas(res: try resolution(c, default: Self.lineResolution, max: Self.lineResLimit))
        let control = RunControl()
        s.activeRun.begin(control)
        defer { s.activeRun.end(control) }
        let slice = Landscape.line(
            from: start, to: n.network, train: n.data.parts.train, validation: n.data.validation,
            loss: n.loss, alphas: alphas, cancel: control)
        let now = n.entry.name
        s.emit(.chart(.line(Self.lineChart(slice, from: fromName, to: now, log: log))))
        s.say(Self.lineSummary(slice, from: fromName, to: now))
        n.entry.landscape = LandscapeRecord(
            kind: "1d from \(fromName)", alphas: alphas, betas: [0], losses: slice.train,
            validation: slice.validation, d1: zip(n.network.parameters.array, start).map { $0 - $1 },
            d2: nil, tensors: n.network.namedParameters, step: n.entry.run?.step ?? 0)
    }

    /// The line's start: the run's initial weights, or another net's current ones (same layout).
    func lineStart(_ s: Session, _ c: Context<LandscapeCommand>, _ n: LookedNet) throws(RuntimeError) -> ([Float], String) {
        guard from != "init" else {
            guard let run = n.entry.run, run.step > 0 else {
                throw RuntimeError(LookingRefusal.untrained(net: n.entry.name), at: c.span)
            }
            return (run.initial.parameters, "init")
        }
        let other = try s.workspace.net(from, at: c.span(\.from))
        guard let network = other.currentNetwork else {
            throw RuntimeError(LookingRefusal.noWeights(net: from), at: c.span(\.from))
        }
        guard network.namedParameters.map(\.shape) == n.network.namedParameters.map(\.shape) else {
            throw RuntimeError(LookingRefusal.differentLayers(from: from, net: n.entry.name), at: c.span(\.from))
        }
        return (network.parameters.array, from)
    }

    static func lineChart(_ slice: LineSlice, from: String, to: String, log: Bool) -> LineChart {
        let xs = slice.alphas.map(Double.init)
        func points(_ ys: [Double]) -> [PlotPoint] { zip(xs, ys).filter { $0.1.isFinite }.map { PlotPoint(x: $0.0, y: $0.1) } }
        var series = [LineChart.Series(name: "train", points: points(slice.train), color: 0)]
        var marks = [
            LineChart.MarkedPoint(x: 0, y: slice.endpoints.train.0, label: from, color: 0),
            LineChart.MarkedPoint(x: 1, y: slice.endpoints.train.1, label: to, color: 0),
        ]
        if let v = slice.validation, let ends = slice.endpoints.validation {
            series.append(.init(name: "val", points: points(v), color: 1))
            marks += [.init(x: 0, y: ends.0, label: "", color: 1), .init(x: 1, y: ends.1, label: "", color: 1)]
        }
        return LineChart(
            title: "\(to) loss along the line \(from) (α=0) → \(to) (α=1)" + (log ? " · log" : ""),
            series: series, xLabel: "α", yLabel: "loss", logY: log, marks: marks)
    }

    /// The loss barrier between a line's ends (Frankle et al. 2020): the highest training loss
    /// at 0 ≤ α ≤ 1 above the higher of the two ends (0 when nothing between rises above them);
    /// nil without both ends.
    static func barrier(alphas: [Float], losses: [Double]) -> Double? {
        guard let i0 = alphas.firstIndex(of: 0), let i1 = alphas.firstIndex(of: 1), i0 < losses.count, i1 < losses.count
        else { return nil }
        let ends = max(losses[i0], losses[i1])
        let between = zip(alphas, losses).filter { $0.0 >= 0 && $0.0 <= 1 && !$0.1.isNaN }.map(\.1)
        return max(0, (between.max() ?? ends) - ends)
    }

    static func lineSummary(_ slice: LineSlice, from: String, to: String) -> String {
        var parts = ["train loss \(fmt(slice.endpoints.train.0)) at \(from), \(fmt(slice.endpoints.train.1)) at \(to)"]
        if let (i, v) = slice.train.enumerated().filter({ $0.element.isFinite }).min(by: { $0.element < $1.element }) {
            parts.append("lowest \(fmt(v)) at α=\(short3(Double(slice.alphas[i])))")
        }
        if from != "init", let b = barrier(alphas: slice.alphas, losses: slice.train) {
            parts.append("barrier \(fmt(b)) (\(to).barrier)")
        }
        if let v = slice.endpoints.validation { parts.append("val \(fmt(v.0)) → \(fmt(v.1))") }
        let note = slice.isComplete ? "" : "\nstopped by Ctrl-C: the points computed are shown"
        return "\(to): " + parts.joined(separator: " · ") + " (evaluation mode)" + note
    }
}
