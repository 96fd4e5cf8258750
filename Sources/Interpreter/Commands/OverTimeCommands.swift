// Histories over time, from the per-layer statistics a run records at every evaluation
// (Lab/LayerHistograms.swift):
//   hist NET weights|grads over=time [layer=N]   a "distribution over steps" view, as
//       TensorBoard's histogram dashboard: one heatmap per layer with the evaluation steps
//       along x, the value along y and the share of the layer's values in each bin as colour
//       (an empty bin is blank, so the reach of the tails shows). The recorded 32-bin histograms
//       have their own range at each step; they are re-binned onto one range per layer.
//       Without layer=, at most four layers (first, last and evenly between).
//   norms NET over=time   each parametric layer's gradient norm (of the last step before each
//       evaluation) as a line on a log axis: lines fanning out by depth are the picture of
//       vanishing or exploding gradients. At most eight layers, evenly spaced.
import Charts
import Diagnostics
import Lab
import Networks

extension Session {
    static let overTimePanels = 4
    static let overTimeLines = 8
    static let overTimeBins = 24

    /// The run's recorded statistics, or an error saying how to get some.
    func recordedStats(_ c: CommandContext) throws(RuntimeError) -> (NetEntry, Network, [LayerStats]) {
        let net = try workspace.net(try c.text("net"), at: c.span(of: "net"))
        workspace.currentNet = net.name
        guard let run = net.run, !run.history.layerStats.isEmpty else {
            throw RuntimeError("\(net.name) has no evaluations yet: over=time draws what each evaluation records", at: c.span,
                               hint: "train \(net.name) epochs=5 (every epoch ends with an evaluation; every= sets the interval)")
        }
        return (net, run.network, run.history.layerStats)
    }

    func histOverTime(_ c: CommandContext) throws(RuntimeError) {
        let what = try c.text("what") ?? "weights"
        guard what != "acts" else {
            throw RuntimeError("over=time covers weights and grads; activations are not recorded", at: c.span(of: "what"),
                               hint: "hist NET acts shows them now")
        }
        let (net, network, stats) = try recordedStats(c)
        let layers = network.parametricLayers
        var chosen = Array(layers.indices)
        if let single = try layerIndex(c, network, netName: net.name) {
            guard let k = layers.firstIndex(of: single) else { throw noValues(what, network, single, [], c) }
            chosen = [k]
        } else if chosen.count > Self.overTimePanels {
            chosen = (0..<Self.overTimePanels).map { $0 * (layers.count - 1) / (Self.overTimePanels - 1) }
            say("\(net.name) has \(layers.count) layers with \(what); showing layers "
                + chosen.map { String(layers[$0] + 1) }.joined(separator: ", ") + " (layer=N for another)")
        }
        for k in chosen {
            let histograms = stats.map { what == "grads" ? $0.gradientHistograms : $0.weightHistograms }
                .map { k < $0.count ? $0[k] : CompactHistogram([]) }
            emit(.chart(.heatmap(distributionMap(histograms, steps: stats.map(\.step),
                                                 title: "\(net.name) \(layerTitle(network, layers[k])) \(what) over steps"))))
        }
    }

    /// Steps along x, values along y (one range for all steps), share of values (%) as colour.
    func distributionMap(_ histograms: [CompactHistogram], steps: [Int], title: String) -> Heatmap {
        let filled = histograms.filter { $0.total > 0 }
        let lo = Double(filled.map(\.lower).min() ?? 0), hi = Double(filled.map(\.upper).max() ?? 0)
        let top = hi > lo ? hi : lo + 1, rows = Self.overTimeBins, width = (top - lo) / Double(rows)
        var values = [Double](repeating: .nan, count: rows * histograms.count)
        for (col, h) in histograms.enumerated() {
            for row in 0..<rows {
                let share = h.share(from: lo + Double(row) * width, to: lo + Double(row + 1) * width)
                values[row * histograms.count + col] = share > 0 ? share * 100 : .nan
            }
        }
        return Heatmap(title: title +  " · % of values per bin", columns: histograms.count, rows: rows,
                       values: values, xMin: Double(steps.first ?? 0), xMax: Double(steps.last ?? 0),
                       yMin: lo + width / 2, yMax: top - width / 2, xLabel: "step", yLabel: "value")
    }

    func normsOverTime(_ c: CommandContext) throws(RuntimeError) {
        let (net, network, stats) = try recordedStats(c)
        let layers = network.parametricLayers
        var chosen = Array(layers.indices)
        if chosen.count > Self.overTimeLines {
            chosen = (0..<Self.overTimeLines).map { $0 * (layers.count - 1) / (Self.overTimeLines - 1) }
        }
        let series = chosen.enumerated().map { n, k in
            LineChart.Series(name: layerTitle(network, layers[k]),
                             points: stats.compactMap { s in
                                 k < s.gradientNorms.count && s.gradientNorms[k] > 0
                                     ? PlotPoint(x: Double(s.step), y: s.gradientNorms[k]) : nil
                             }, color: n)
        }
        let shown = chosen.count < layers.count ? " · \(chosen.count) of \(layers.count) layers" : ""
        emit(.chart(.line(LineChart(title: "\(net.name) gradient norm per layer over steps · log\(shown)", series: series,
                                    xLabel: "step", yLabel: "‖grad‖", logY: true))))
    }
}
