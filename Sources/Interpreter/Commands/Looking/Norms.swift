// norms NET: per-layer weight and gradient norms as horizontal bars — the vanishing/exploding
// gradient picture — on a log scale when the values span more than two decades.
// norms NET over=time: each parametric layer's gradient norm (of the last step before each
// evaluation, as a run records it: Lab/LayerHistograms.swift) as a line on a log axis: lines
// fanning out by depth are the picture of vanishing or exploding gradients. At most eight
// layers, evenly spaced.
import Charts
import Diagnostics
import Lab
import Networks

struct NormsCommand: RunnableCommand {
    enum Over: String, OperandChoice { case time }

    var net: String?
    var over: Over?

    /// Beyond this max/min ratio the norm bars use a log scale.
    static let logRatio = 100.0
    /// Lines drawn over time at most.
    static let overTimeLines = 8

    static var declaration: Declaration<NormsCommand> {
        Declaration(
            "norms", category: "Looking", summary: "per-layer weight and gradient norms: vanishing or exploding",
            replayable: false,
            examples: ["norms a", "norms a over=time"],
            .net(\.net),
            .option(\.over, "over", help: "norms over steps"))
    }

    func run(_ s: Session, _ c: Context<NormsCommand>) throws(RuntimeError) -> ExecutionStatus {
        if over != nil {
            try overTime(s, c)
            return .ok
        }
        let net = try s.workspace.net(self.net, at: c.span(\.net))
        let n = try s.looked(net, at: c.span)
        let network = n.network
        let weightNorms = network.layerNorms(of: network.parameters.array)
        let g = try s.gradients(n, at: c.span)
        let gradientNorms = network.layerNorms(of: g.values)
        let positive = (weightNorms + gradientNorms).filter { $0.isFinite && $0 > 0 }
        let log = (positive.max() ?? 1) / (positive.min() ?? 1) > Self.logRatio
        let chart = BarChart(
            title: "\(net.name) norms · \(g.caption)" + (log ? " · log" : ""),
            labels: network.parametricLayers.map { s.layerTitle(network, $0) },
            series: [
                .init(name: "weights", values: weightNorms, color: 0),
                .init(name: "grads", values: gradientNorms, color: 1),
            ], logScale: log)
        s.workspace.currentNet = net.name
        s.emit(.chart(.bars(chart)))
        return .ok
    }

    func overTime(_ s: Session, _ c: Context<NormsCommand>) throws(RuntimeError) {
        let (net, network, stats) = try HistCommand.recordedStats(s, self.net, at: c.span(\.net), c.span)
        let layers = network.parametricLayers
        var chosen = Array(layers.indices)
        if chosen.count > Self.overTimeLines {
            chosen = (0..<Self.overTimeLines).map { $0 * (layers.count - 1) / (Self.overTimeLines - 1) }
        }
        let series = chosen.enumerated().map { n, k in
            LineChart.Series(
                name: s.layerTitle(network, layers[k]),
                points: stats.compactMap { e in
                    k < e.gradientNorms.count && e.gradientNorms[k] > 0
                        ? PlotPoint(x: Double(e.step), y: e.gradientNorms[k]) : nil
                }, color: n)
        }
        let shown = chosen.count < layers.count ? " · \(chosen.count) of \(layers.count) layers" : ""
        s.emit(
            .chart(
                .line(
                    LineChart(
                        title: "\(net.name) gradient norm per layer over steps · log\(shown)", series: series,
                        xLabel: "step", yLabel: "‖grad‖", logY: true))))
    }
}
