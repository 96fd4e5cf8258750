// `show SWEEP`: the trials sorted by objective, the best-so-far curve against trials and against
// total epochs, the objective against each parameter (log x for log parameters), a
// parallel-coordinates chart of the top trials, and which parameter matters most (Search's
// Importance: rank-based ε² per parameter, documented in Importance.swift).
import Charts
import Foundation
import Lab
import Search

extension Sweeps {
    func showSweep(_ entry: SweepEntry) {
        session.emit(.chart(.table(trialTable(entry))))
        guard entry.trials.contains(where: { $0.status != .failed }) else { return }
        session.emit(.chart(.line(bestSoFarChart(entry, overEpochs: false))))
        if entry.builtin == nil { session.emit(.chart(.line(bestSoFarChart(entry, overEpochs: true)))) }
        for p in entry.space.parameters.prefix(8) { session.emit(.chart(.line(scatter(entry, p)))) }
        if entry.space.count > 1 {
            session.emit(.chart(.line(parallelCoordinates(entry))))
            let absent = entry.space.parameters.filter { p in topTrials(entry).contains { $0.configuration[p.name] == nil } }
            if !absent.isEmpty {
                session.emit(
                    .text(
                        "(a line passes over a parameter its trial does not have: \(absent.map(\.name).joined(separator: ", ")))")
                )
            }
        }
        session.emit(.chart(.bars(importanceChart(entry))))
    }

    /// Best first; the first 15 rows, then a count of the rest.
    func trialTable(_ entry: SweepEntry) -> Table {
        let ranked = entry.ranked, shown = ranked.prefix(15)
        let params = entry.space.parameters.map(\.name)
        let wide = params.count <= 4
        var columns: [Table.Column] = [.init("trial"), .init(entry.objective.label, alignment: .right), .init("status")]
        if entry.plan != nil { columns.insert(.init("epochs", alignment: .right), at: 1) }
        columns += wide ? params.map { Table.Column($0, alignment: .right) } : [.init("parameters")]
        let rows = shown.map { t -> [String] in
            var row = ["#\(t.number)", t.objectiveText, t.status == .pruned && t.promoted ? "promoted" : t.status.rawValue]
            if entry.plan != nil { row.insert(t.budget.map(formatBudget) ?? "", at: 1) }
            return row
                + (wide
                    ? params.map { t.configuration[$0].map(shortValue) ?? "·" }
                    : [configurationText(t.configuration, entry.space)])
        }
        let more = ranked.count > shown.count ? " (best \(shown.count) of \(ranked.count))" : ""
        return Table(
            title: "sweep \(entry.name): \(entry.method), \(entry.trials.count) trials\(more)", columns: columns,
            rows: rows, highlightedRow: entry.best == nil ? nil : 0)
    }

    /// Every trial's objective (dots) and the best so far (a line), against trials or total epochs.
    func bestSoFarChart(_ entry: SweepEntry, overEpochs: Bool) -> LineChart {
        var x = 0.0, xs: [Double] = []
        for t in entry.trials {
            x += overEpochs ? t.epochs : 1
            xs.append(overEpochs ? x : Double(t.number))
        }
        let best = zip(xs, entry.bestSoFar).map { LineChart.Point(x: $0, y: $1 ?? .nan) }
        let each = zip(xs, entry.trials).map { LineChart.Point(x: $0, y: $1.status == .failed ? .nan : $1.objective ?? .nan) }
        return LineChart(
            title: "best \(entry.objective.label) so far" + (overEpochs ? ", by total epochs" : ", by trial"),
            series: [
                .init(name: "trial", points: scattered(each), emphasis: .dim),
                .init(name: "best so far", points: best),
            ], xLabel: overEpochs ? "total epochs" : "trial", logY: logScale(entry))
    }

    /// Points with a gap between each, so the renderer draws dots, not a line.
    func scattered(_ points: [LineChart.Point]) -> [LineChart.Point] {
        points.flatMap { [$0, LineChart.Point(x: .nan, y: .nan)] }
    }

    /// Losses spanning more than a decade read better on a log axis.
    func logScale(_ entry: SweepEntry) -> Bool {
        let ys = entry.trials.compactMap(\.objective).filter { $0.isFinite }
        guard let lo = ys.min(), let hi = ys.max(), lo > 0 else { return false }
        return hi / lo > 10
    }

    /// The objective against one parameter: log10 of it for log parameters, the index for choices.
    func scatter(_ entry: SweepEntry, _ p: Parameter) -> LineChart {
        var points: [LineChart.Point] = []
        for t in entry.trials where t.status != .failed {
            guard let v = t.configuration[p.name], let y = t.objective, let x = axisValue(v, p.domain) else { continue }
            points.append(.init(x: x, y: y))
        }
        var markers: [LineChart.VerticalMarker] = []
        if case .choice(let values) = p.domain {
            markers = values.enumerated().map { .init(x: Double($0.offset), label: shortValue($0.element)) }
        }
        return LineChart(
            title: "\(entry.objective.label) against \(p.name)", series: [.init(name: "", points: scattered(points))],
            xLabel: p.domain.isLog ? "log10 \(p.name)" : p.name, logY: logScale(entry), markers: markers)
    }

    func axisValue(_ v: ParameterValue, _ domain: Domain) -> Double? {
        if case .choice = domain { return domain.index(of: v).map(Double.init) }
        guard let x = v.number else { return nil }
        return domain.isLog ? (x > 0 ? log10(x) : nil) : x
    }

    /// The top trials as lines across one axis per parameter (scaled to 0…1 on the search scale)
    /// and a last axis for the objective (0 = best shown, 1 = worst shown).
    func parallelCoordinates(_ entry: SweepEntry) -> LineChart {
        let top = topTrials(entry)
        let ys = top.compactMap(\.objective)
        let lo = ys.min() ?? 0, hi = ys.max() ?? 1
        let params = entry.space.parameters
        let series = top.map { t -> LineChart.Series in
            // A parameter the trial does not have (a conditional one) is left out of its line,
            // which passes straight over that axis.
            var points = params.enumerated().compactMap { i, p in
                t.configuration[p.name] == nil
                    ? nil : LineChart.Point(x: Double(i), y: unitValue(t.configuration[p.name], p.domain))
            }
            let y = t.objective ?? .nan, span = hi - lo
            let score = span > 0 ? (entry.objective.maximize ? hi - y : y - lo) / span : 0
            points.append(.init(x: Double(params.count), y: score))
            return LineChart.Series(name: "#\(t.number)", points: points)
        }
        let markers = (params.map(\.name) + [entry.objective.label]).enumerated().map {
            LineChart.VerticalMarker(x: Double($0.offset), label: $0.element)
        }
        return LineChart(
            title: "top \(top.count) trials across parameters (low → high; last axis: best → worst)",
            series: series, yMin: 0, yMax: 1, markers: markers)
    }

    /// The trials the parallel-coordinates chart draws: the five best that did not fail.
    func topTrials(_ entry: SweepEntry) -> [TrialRecord] { Array(entry.ranked.filter { $0.status != .failed }.prefix(5)) }

    /// A parameter value at 0…1 of its search scale (choices by index); NaN when inactive.
    func unitValue(_ v: ParameterValue?, _ domain: Domain) -> Double {
        guard let v else { return .nan }
        if case .choice(let values) = domain {
            return values.count > 1 ? Double(domain.index(of: v) ?? 0) / Double(values.count - 1) : 0.5
        }
        guard let x = v.number, let (lo, hi) = domain.scaledBounds, hi > lo else { return 0.5 }
        return (domain.scaled(x) - lo) / (hi - lo)
    }

    func importanceChart(_ entry: SweepEntry) -> BarChart {
        let shares = Importance.of(entry.space, trials: entry.history)
        return BarChart(
            title: "which parameter matters (share of the objective's rank variance it explains)",
            labels: shares.map { "\($0.name) (\($0.trials))" }, values: shares.map(\.share))
    }
}
