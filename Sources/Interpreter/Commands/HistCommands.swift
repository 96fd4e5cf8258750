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
import Charts
import Diagnostics
import Lab
import Networks

/// One histogram's values: a layer's index and title.
struct LayerValues {
    let index: Int
    let title: String
    let values: [Double]
}

extension Session {
    /// Largest ratio of per-layer spreads for which the panels share one range.
    static let sharedRangeRatio = 10.0

    func histCommand(_ c: CommandContext) throws(RuntimeError) {
        if try c.text("over") != nil { return try histOverTime(c) }
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        let n = try looked(net, at: c.span)
        let what = try c.text("what") ?? "weights"
        let layer = try layerIndex(c, n.network, netName: net.name)
        let (sets, caption, detail) = try histValues(what, n, single: layer, at: c.span)
        let bins = try c.bounded("bins", max: 1000)
        workspace.currentNet = net.name
        if let layer {
            guard let set = sets.first(where: { $0.index == layer }) else { throw noValues(what, n.network, layer, sets, c) }
            let title = ["\(net.name) \(set.title) \(what)", caption, detail].compactMap { $0 }.joined(separator: " · ")
            emit(.chart(.histogram(Histogram(title: title, binning: set.values, bins: bins ?? singleBins(), color: 0))))
            return
        }
        let shared = sharesRange(sets)
        let title = ["\(net.name) \(what)", caption, shared ? "shared range" : "per-layer ranges", detail]
        let grid = HistogramGrid(title: title.compactMap { $0 }.joined(separator: " · "),
                                 binning: sets.map { ($0.title, $0.values) }, bins: bins ?? panelBins(panels: sets.count),
                                 sharedRange: shared)
        emit(.chart(.histograms(grid)))
    }

    /// The values of each layer to draw, when they are from ("step 420") and on what (acts).
    func histValues(_ what: String, _ n: LookedNet, single: Int?,
                    at span: SourceSpan) throws(RuntimeError) -> ([LayerValues], String, String?) {
        switch what {
        case "grads":
            let g = try gradients(n, at: span)
            return (tensorValues(n.network, g.values), g.caption, nil)
        case "acts":
            let train = n.data.parts.train
            let outputs = n.network.layerOutputs(on: train, limit: Self.probeExamples)
            guard !outputs.isEmpty else { throw RuntimeError("cannot run \(n.entry.name) on \(n.data.name)", at: span) }
            let detail = "\(min(Self.probeExamples, train.count)) examples"
            return (activationValues(n.network, outputs, all: single != nil), stepCaption(n.entry), detail)
        default:
            return (tensorValues(n.network, n.network.parameters.array), stepCaption(n.entry), nil)
        }
    }

    /// Each parametric layer's weight tensors (all its tensors when it has no weight role) in `flat`.
    func tensorValues(_ network: Network, _ flat: [Float]) -> [LayerValues] {
        flat.withUnsafeBufferPointer { values in
            network.parametricLayers.map { i in
                LayerValues(index: i, title: layerTitle(network, i), values: network.histogramValues(layer: i, in: values).map(Double.init))
            }
        }
    }

    /// Layer outputs; without `all`, outputs that feed straight into an activation are skipped,
    /// and so are flatten and dropout, whose outputs repeat their inputs in evaluation mode.
    func activationValues(_ network: Network, _ outputs: [[Float]], all: Bool) -> [LayerValues] {
        let layers = network.layers
        return outputs.indices.compactMap { i in
            if !all, i + 1 < layers.count, layers[i + 1] is Activation { return nil }
            if !all, ["flatten", "dropout"].contains(layers[i].kind) { return nil }
            var title = layerTitle(network, i)
            if layers[i] is Activation, i > 0 { title = "\(i + 1) \(layers[i - 1].summary) \(layers[i].summary)" }
            return LayerValues(index: i, title: title, values: outputs[i].map(Double.init))
        }
    }

    /// Whether every layer's spread is within `sharedRangeRatio` of the others.
    func sharesRange(_ sets: [LayerValues]) -> Bool {
        let spreads = sets.map { s in s.values.filter(\.isFinite).map(abs).max() ?? 0 }
        guard let hi = spreads.max(), let lo = spreads.min() else { return true }
        return hi == 0 || (lo > 0 && hi / lo <= Self.sharedRangeRatio)
    }

    /// Bins that give each small-multiple panel one column per bin at the host's width (the
    /// panel layout of `HistogramGrid`: at least 18 columns each, 2 apart), so no column merges
    /// an uneven number of bins.
    func panelBins(panels: Int) -> Int {
        let width = max(8, host.width)
        let perRow = max(1, min((width + 2) / 20, panels, width / 8))
        return max(4, min(60, (width - 2 * (perRow - 1)) / perRow))
    }

    /// At most 60 bins that divide the host's width evenly (each bin 1, 2, … columns wide).
    func singleBins() -> Int {
        let width = max(8, host.width)
        return width / ((width + 59) / 60)
    }

    func noValues(_ what: String, _ network: Network, _ layer: Int, _ sets: [LayerValues], _ c: CommandContext) -> RuntimeError {
        let which = sets.map { String($0.index + 1) }.joined(separator: ", ")
        return RuntimeError("layer \(layer + 1) (\(network.layers[layer].summary)) has no \(what == "acts" ? "output" : what)",
                            at: c.span(of: "layer"), hint: sets.isEmpty ? nil : "layers with \(what): \(which)")
    }
}
