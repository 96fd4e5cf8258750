// `plot SWEEP x=PARAM`: every finished trial's final train and val metric against one parameter
// (or `x=params`, the trained net's parameter count) — the double-descent picture when a sweep
// over width runs with label noise. Trials sharing a value, and a trial's seeds (`sweep …
// seeds=N`), are pooled into mean ± sample sd; the val curve gets a ± sd band. The axis is log10
// when the values are positive and span more than a decade.
import Charts
import Diagnostics
import Foundation
import Lab
import Search

extension Sweeps {
    func sweepAgainst(_ entry: SweepEntry, _ x: String, at span: SourceSpan) throws(RuntimeError) -> LineChart {
        let parameter = entry.space.parameter(named: x)
        guard x == "params" || parameter != nil else {
            let names = entry.space.names + ["params"]
            throw RuntimeError(
                SweepRefusal.unknownParameter(sweep: entry.name, name: x, suggestion: suggest(x, among: names), names: names),
                at: span)
        }
        let accuracy = entry.objective.metric.hasSuffix("acc")
        let train = { (e: EvalRecord) in accuracy ? e.trainAccuracy : e.trainLoss }
        let val = { (e: EvalRecord) in accuracy ? e.validationAccuracy : e.validationLoss }
        // Phase 1: the x of each finished trial and its finals (each seed's, or the trial's own).
        var groups: [Double: (train: [Double], val: [Double])] = [:]
        for t in entry.trials where t.status == .done {  // a pruned job stopped at a smaller budget
            let value: Double?
            if x == "params" {
                value = t.parameters.map(Double.init)
            } else if let p = parameter, let v = t.configuration[p.name] {
                if case .choice = p.domain {
                    value = v.number ?? p.domain.index(of: v).map(Double.init)
                } else {
                    value = v.number
                }
            } else {
                value = nil
            }
            guard let v = value else { continue }
            let finals = t.seedFinals.isEmpty ? t.final.map { [$0] } ?? [] : t.seedFinals
            var g = groups[v] ?? ([], [])
            g.train += finals.compactMap(train).filter(\.isFinite)
            g.val += finals.compactMap(val).filter(\.isFinite)
            groups[v] = g
        }
        guard !groups.isEmpty else {
            throw RuntimeError(SweepRefusal.nothingToPlot(sweep: entry.name, parameter: x), at: span)
        }
        // Phase 2: the axis, log10 when positive values span more than a decade.
        let xs = groups.keys.sorted()
        let log = (xs.first ?? 0) > 0 && (xs.last ?? 0) / (xs.first ?? 1) > 10
        let axis = { (v: Double) in log ? log10(v) : v }
        let trainPoints = xs.compactMap { v in
            groups[v].flatMap { $0.train.isEmpty ? nil : PlotPoint(x: axis(v), y: Spread($0.train).mean) }
        }
        let spreads = xs.compactMap { v in groups[v].flatMap { $0.val.isEmpty ? nil : (x: axis(v), s: Spread($0.val)) } }
        let metric = accuracy ? "acc" : "loss"
        var series: [LineChart.Series] = [
            .init(name: "train \(metric)", points: trainPoints, emphasis: .dim, color: 0),
            .init(
                name: "val \(metric)", points: spreads.map { PlotPoint(x: $0.x, y: $0.s.mean) },
                emphasis: .bright, color: 1),
        ]
        if spreads.contains(where: { $0.s.n > 1 }) {
            series.append(.band("val ± sd", spreads, color: 1))
        }
        let label = x == "params" ? "parameters" : x
        return LineChart(
            title: "\(entry.name): train and val \(metric) against \(label)", series: series,
            xLabel: log ? "log10 \(label)" : label, yLabel: metric)
    }
}
