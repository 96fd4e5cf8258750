// hist NET weights|grads|acts [layer=N] [bins=B]: one small histogram per layer (small
// multiples), or one layer's with `layer=` (numbered as `show NET` numbers them).
//
// - weights: each parametric layer's weight matrices or filters (biases left out: at
//   initialization they are all zero and would drown the picture in one spike); a layer with
//   only normalization parameters shows those.
// - grads: the same tensors' gradients from the last training step, or on a fresh batch of up
//   to 256 training examples when the net has not trained (the title says which).
// - acts: each layer's output on up to 256 training examples in evaluation mode; the small
//   multiples skip a layer whose output goes straight into an activation (the panel titled
//   "2 dense 32 relu" is the activation's output), and flatten and dropout (in evaluation mode
//   their output is their input).
//
// Ranges: shared by all panels when every layer's largest |value| is within 10× of the others,
// so widths compare directly; otherwise each panel gets its own range (a shared one would squash
// the narrow layers into a single bar). The chart's title says which.
//
// hist NET weights|grads over=time [layer=N]: from the per-layer statistics a run records at
// every evaluation (Lab/LayerHistograms.swift), a "distribution over steps" view, as
// TensorBoard's histogram dashboard: one heatmap per layer with the evaluation steps along x,
// the value along y and the share of the layer's values in each bin as colour (an empty bin is
// blank, so the reach of the tails shows). The recorded 32-bin histograms have their own range
// at each step; they are re-binned onto one range per layer. Without layer=, at most four
// layers (first, last and evenly between).
import Charts
import Diagnostics
import Lab
import Networks

struct HistCommand: RunnableCommand {
    enum What: String, OperandChoice { case weights, grads, acts }
    enum Over: String, OperandChoice { case time }

    var net: String?
    var what = What.weights
    var layer: Int?
    var over: Over?
    var bins: Int?

    /// One histogram's values: a layer's index and title.
    struct LayerValues {
        let index: Int
        let title: String
        let values: [Double]
    }

    /// Largest ratio of per-layer spreads for which the panels share one range.
    static let sharedRangeRatio = 10.0
    /// Layers drawn over time without layer=.
    static let overTimePanels = 4
    /// Value bins of an over-time heatmap.
    static let overTimeBins = 24

    static var declaration: Declaration<HistCommand> {
        Declaration(
            "hist", category: "Looking", summary: "histograms of weights, gradients or activations per layer",
            replayable: false,
            examples: ["hist a weights layer=2", "hist a grads", "hist a weights over=time"],
            .net(\.net),
            .slot(\.what, "what", help: "weights, grads or acts"),
            .option(\.layer, "layer", .positiveInteger, help: "only this layer (default: small multiples)"),
            .option(\.over, "over", help: "distribution over steps"),
            .option(\.bins, "bins", .positiveInteger, max: 1000, help: "histogram bins"))
    }

    func run(_ s: Session, _ c: Context<HistCommand>) throws(RuntimeError) -> ExecutionStatus {
        if over != nil {
            try overTime(s, c)
            return .ok
        }
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        let n = try s.looked(net, at: c.span)
        let layer = try layerIndex(c, n.network, netName: net.name)
        let (sets, caption, detail) = try values(s, n, single: layer, at: c.span)
        s.workspace.currentNet = net.name
        if let layer {
            guard let set = sets.first(where: { $0.index == layer }) else { throw noValues(n.network, layer, sets, c) }
            let title = ["\(net.name) \(set.title) \(what.rawValue)", caption, detail].compactMap { $0 }.joined(separator: " · ")
            s.emit(
                .chart(
                    .histogram(
                        Histogram(
                            title: title, binning: set.values, bins: bins ?? Self.singleBins(width: s.host.width),
                            color: 0))))
            return .ok
        }
        let shared = Self.sharesRange(sets)
        let title = ["\(net.name) \(what.rawValue)", caption, shared ? "shared range" : "per-layer ranges", detail]
        let grid = HistogramGrid(
            title: title.compactMap { $0 }.joined(separator: " · "),
            binning: sets.map { ($0.title, $0.values) },
            bins: bins ?? Self.panelBins(panels: sets.count, width: s.host.width),
            sharedRange: shared)
        s.emit(.chart(.histograms(grid)))
        return .ok
    }

    /// The values of each layer to draw, when they are from ("step 420") and on what (acts).
    func values(
        _ s: Session, _ n: LookedNet, single: Int?,
        at span: SourceSpan
    ) throws(RuntimeError) -> ([LayerValues], String, String?) {
        switch what {
        case .grads:
            let g = try s.gradients(n, at: span)
            return (Self.tensorValues(s, n.network, g.values), g.caption, nil)
        case .acts:
            let train = n.data.parts.train
            let outputs = n.network.layerOutputs(on: train, limit: Session.probeExamples)
            guard !outputs.isEmpty else {
                throw RuntimeError(LookingRefusal.cannotRun(net: n.entry.name, data: n.data.name), at: span)
            }
            let detail = "\(min(Session.probeExamples, train.count)) examples"
            return (Self.activationValues(s, n.network, outputs, all: single != nil), s.stepCaption(n.entry), detail)
        case .weights:
            return (Self.tensorValues(s, n.network, n.network.parameters.array), s.stepCaption(n.entry), nil)
        }
    }

    /// Each parametric layer's weight tensors (all its tensors when it has no weight role) in `flat`.
    static func tensorValues(_ s: Session, _ network: Network, _ flat: [Float]) -> [LayerValues] {
        flat.withUnsafeBufferPointer { values in
            network.parametricLayers.map { i in
                LayerValues(
                    index: i, title: s.layerTitle(network, i),
                    values: network.histogramValues(layer: i, in: values).map(Double.init))
            }
        }
    }

    /// Layer outputs; without `all`, outputs that feed straight into an activation are skipped,
    /// and so are flatten and dropout, whose outputs repeat their inputs in evaluation mode.
    static func activationValues(_ s: Session, _ network: Network, _ outputs: [[Float]], all: Bool) -> [LayerValues] {
        let layers = network.layers
        return outputs.indices.compactMap { i in
            if !all, i + 1 < layers.count, layers[i + 1] is Activation { return nil }
            if !all, ["flatten", "dropout"].contains(layers[i].kind) { return nil }
            var title = s.layerTitle(network, i)
            if layers[i] is Activation, i > 0 { title = "\(i + 1) \(layers[i - 1].summary) \(layers[i].summary)" }
            return LayerValues(index: i, title: title, values: outputs[i].map(Double.init))
        }
    }

    /// Whether every layer's spread is within `sharedRangeRatio` of the others.
    static func sharesRange(_ sets: [LayerValues]) -> Bool {
        let spreads = sets.map { set in set.values.filter(\.isFinite).map(abs).max() ?? 0 }
        guard let hi = spreads.max(), let lo = spreads.min() else { return true }
        return hi == 0 || (lo > 0 && hi / lo <= sharedRangeRatio)
    }

    /// Bins that give each small-multiple panel one column per bin at the host's width (the
    /// panel layout of `HistogramGrid`: at least 18 columns each, 2 apart), so no column merges
    /// an uneven number of bins.
    static func panelBins(panels: Int, width hostWidth: Int) -> Int {
        let width = max(8, hostWidth)
        let perRow = max(1, min((width + 2) / 20, panels, width / 8))
        return max(4, min(60, (width - 2 * (perRow - 1)) / perRow))
    }

    /// At most 60 bins that divide the host's width evenly (each bin 1, 2, … columns wide).
    static func singleBins(width hostWidth: Int) -> Int {
        let width = max(8, hostWidth)
        return width / ((width + 59) / 60)
    }

    /// Layer `layer=N` (as `show` numbers them), checked against the net's layers.
    func layerIndex(_ c: Context<HistCommand>, _ network: Network, netName: String) throws(RuntimeError) -> Int? {
        guard let n = layer else { return nil }
        guard n >= 1, n <= network.layers.count else {
            throw RuntimeError(
                LookingRefusal.noLayer(net: netName, count: network.layers.count, layer: n), at: c.span(\.layer))
        }
        return n - 1
    }

    func noValues(_ network: Network, _ layer: Int, _ sets: [LayerValues], _ c: Context<HistCommand>) -> RuntimeError {
        RuntimeError(
            LookingRefusal.noValues(
                layer: layer + 1, summary: network.layers[layer].summary, what: what.rawValue,
                layers: sets.map { $0.index + 1 }),
            at: c.span(\.layer))
    }

    // MARK: over=time

    /// The run's recorded statistics, or an error saying how to get some (`norms NET over=time` too).
    static func recordedStats(
        _ s: Session, _ name: String?, at netSpan: SourceSpan,
        _ span: SourceSpan
    ) throws(RuntimeError) -> (NetEntry, Network, [LayerStats]) {
        let net = try s.workspace.net(name, at: netSpan)
        s.workspace.currentNet = net.name
        guard let run = net.run, !run.history.layerStats.isEmpty else {
            throw RuntimeError(LookingRefusal.noRecordedEvaluations(net: net.name), at: span)
        }
        return (net, run.network, run.history.layerStats)
    }

    func overTime(_ s: Session, _ c: Context<HistCommand>) throws(RuntimeError) {
        guard what != .acts else {
            throw RuntimeError(LookingRefusal.activationsNotRecorded, at: c.span(\.what))
        }
        let (net, network, stats) = try Self.recordedStats(s, self.net, at: c.span(\.net), c.span)
        let layers = network.parametricLayers
        var chosen = Array(layers.indices)
        if let single = try layerIndex(c, network, netName: net.name) {
            guard let k = layers.firstIndex(of: single) else { throw noValues(network, single, [], c) }
            chosen = [k]
        } else if chosen.count > Self.overTimePanels {
            chosen = (0..<Self.overTimePanels).map { $0 * (layers.count - 1) / (Self.overTimePanels - 1) }
            s.say(
                "\(net.name) has \(layers.count) layers with \(what.rawValue); showing layers "
                    + chosen.map { String(layers[$0] + 1) }.joined(separator: ", ") + " (layer=N for another)")
        }
        for k in chosen {
            let histograms = stats.map { what == .grads ? $0.gradientHistograms : $0.weightHistograms }
                .map { k < $0.count ? $0[k] : CompactHistogram([]) }
            s.emit(
                .chart(
                    .heatmap(
                        Self.distributionMap(
                            histograms, steps: stats.map(\.step),
                            title: "\(net.name) \(s.layerTitle(network, layers[k])) \(what.rawValue) over steps"))))
        }
    }

    /// Steps along x, values along y (one range for all steps), share of values (%) as colour.
    static func distributionMap(_ histograms: [CompactHistogram], steps: [Int], title: String) -> Heatmap {
        let filled = histograms.filter { $0.total > 0 }
        let lo = Double(filled.map(\.lower).min() ?? 0), hi = Double(filled.map(\.upper).max() ?? 0)
        let top = hi > lo ? hi : lo + 1, rows = overTimeBins, width = (top - lo) / Double(rows)
        var values = [Double](repeating: .nan, count: rows * histograms.count)
        for (col, h) in histograms.enumerated() {
            for row in 0..<rows {
                let share = h.share(from: lo + Double(row) * width, to: lo + Double(row + 1) * width)
                values[row * histograms.count + col] = share > 0 ? share * 100 : .nan
            }
        }
        return Heatmap(
            title: title + " · % of values per bin", columns: histograms.count, rows: rows,
            values: values, xMin: Double(steps.first ?? 0), xMax: Double(steps.last ?? 0),
            yMin: lo + width / 2, yMax: top - width / 2, xLabel: "step", yLabel: "value")
    }
}
