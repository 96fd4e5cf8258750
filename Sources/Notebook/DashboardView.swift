// The training dashboard drawn into a rectangle of the frame: a progress bar with ETA, a line
// of numbers, the train/val loss curves, accuracy, per-layer gradient norms and a histogram of
// one layer's weights (F2 picks the layer; for a net with attention the first page is the
// attention weights on one held-out sequence, as `plot attention` draws them; for a classifier of
// 2-D points it is the decision regions with the training points, as `plot boundary` draws
// them) — or, for a trial of a sweep, the sweep's best-so-far curves against trials and against
// total epochs. Three arrangements: side by side when the pane is wide and short (above the
// input), stacked when tall (beside the cells), and one-line sparklines when there is little
// room (with the decision regions as a thumbnail beside them).
import Charts
import Interpreter

struct DashboardView {
    let model: DashboardModel
    /// Index of the layer whose weights are shown (taken modulo the layer count).
    let layer: Int
    let profile: RenderProfile

    func draw(into buffer: inout CellBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        drawProgress(into: &buffer, x: rect.x, y: rect.y, width: rect.width)
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        if body.height < 8 || body.width < 36 {
            drawCompact(into: &buffer, in: body)
        } else if body.width >= 60 && body.width * 10 >= body.height * 35 {
            drawWide(into: &buffer, in: body)
        } else if showsRegions && body.height < 21 {
            // Narrow and short: the regions beside the sparklines read better than stacked charts.
            drawCompact(into: &buffer, in: body)
        } else {
            drawStacked(into: &buffer, in: body)
        }
    }

    func drawProgress(into buffer: inout CellBuffer, x: Int, y: Int, width: Int) {
        let label = width >= 60 ? "\(model.title) \(model.progressText)" : model.title
        ProgressBar(fraction: model.fraction, label: label, eta: model.eta, detail: width >= 70 ? rateText : "")
            .draw(into: &buffer, x: x, y: y, width: width, profile: profile)
    }

    var rateText: String { rateDescription(model.stepsPerSecond) }

    /// "batch loss 0.312 · val loss 0.345 · train acc 88.1% · val acc 86.2%", as much as fits in
    /// `width`: the step's own mini-batch loss, then the last evaluation's whole-part figures.
    func metricsText(width: Int) -> String {
        var parts = ["batch loss " + number(model.loss)]
        if let e = model.lastEvaluation {
            if let v = e.validationLoss { parts.append("val loss " + number(v)) }
            if let a = e.trainAccuracy { parts.append("train acc " + percent(a)) }
            if let a = e.validationAccuracy { parts.append("val acc " + percent(a)) }
        }
        let separator = profile.isUnicode ? " · " : " - "
        var text = parts[0]
        for part in parts.dropFirst() where text.count + separator.count + part.count <= width {
            text += separator + part
        }
        return text
    }

    // MARK: arrangements

    func drawCompact(into buffer: inout CellBuffer, in whole: Rect) {
        var r = whole
        if model.sweep == nil, let regions = model.snapshot.regions, whole.height >= 2 {
            // The regions alone, keeping the data's aspect ratio, leaving the sparklines a third
            // of the width or 30 columns.
            let wanted = Int((Double(whole.height * 2 * regions.columns) / Double(max(1, regions.rows))).rounded())
            let w = min(max(whole.width / 3, whole.width - 30), max(6, wanted))
            if w >= 6 {
                let fill = regions.heatmap.renderedFill(width: w, height: whole.height, profile: profile)
                buffer.blit(fill, x: whole.maxX - w, y: whole.y)
                r = Rect(x: whole.x, y: whole.y, width: whole.width - w - 1, height: whole.height)
            }
        }
        var rows: [(inout CellBuffer, Int) -> Void] = [
            { b, y in b.write(metricsText(width: r.width), x: r.x, y: y, clip: r) },
            { b, y in
                sparkline("loss", model.snapshot.losses, color: 0).draw(into: &b, x: r.x, y: y, width: r.width, profile: profile)
            },
        ]
        let evals = model.snapshot.evaluations
        if evals.contains(where: { $0.validationLoss != nil }) {
            rows.append { b, y in
                sparkline("val ", evals.map { $0.validationLoss ?? .nan }, color: 1).draw(
                    into: &b, x: r.x, y: y, width: r.width, profile: profile)
            }
        }
        let accuracy = evals.compactMap { $0.validationAccuracy ?? $0.trainAccuracy }
        if let last = accuracy.last {
            rows.append { b, y in
                var line = sparkline("acc ", accuracy, color: 3)
                line.showsLast = false
                let text = " " + percent(last)
                line.draw(into: &b, x: r.x, y: y, width: r.width - text.count, profile: profile)
                b.write(text, x: r.x + min(r.width - text.count, 5 + accuracy.count), y: y, clip: r)
            }
        }
        if let sweep = model.sweep {
            rows.insert({ b, y in b.write(sweep.summary, x: r.x, y: y, style: .bold, clip: r) }, at: 0)
        } else if !model.snapshot.layers.isEmpty {
            rows.append { b, y in
                sparkline("grad", model.snapshot.layers.map(\.gradientNorm), color: 2).draw(
                    into: &b, x: r.x, y: y, width: r.width, profile: profile)
            }
        }
        for (i, row) in rows.prefix(r.height).enumerated() { row(&buffer, r.y + i) }
    }

    func drawWide(into buffer: inout CellBuffer, in r: Rect) {
        buffer.write(metricsText(width: r.width), x: r.x, y: r.y, style: .dim, clip: r)
        if showsRegions, let regions = model.snapshot.regions {
            // The regions as wide as their aspect ratio wants (at most half), the loss beside them.
            let height = r.height - 1
            let wanted = regionWidth(regions, plotRows: height - 3)
            let width = max(24, min(r.width / 2, wanted))
            let right = Rect(x: r.maxX - width, y: r.y + 1, width: width, height: height)
            lossChart.render(
                into: &buffer, in: Rect(x: r.x, y: right.y, width: right.x - r.x - 2, height: height), profile: profile)
            regionsChart(regions, area: right).render(into: &buffer, in: right, profile: profile)
            return
        }
        let left = Rect(x: r.x, y: r.y + 1, width: r.width * 11 / 20, height: r.height - 1)
        let right = Rect(x: left.maxX + 2, y: left.y, width: r.maxX - left.maxX - 2, height: left.height)
        lossChart.render(into: &buffer, in: left, profile: profile)
        if let sweep = model.sweep {
            drawSweep(sweep, into: &buffer, in: right)
            return
        }
        // The attention page wants the pane's height for its grid: the gradient bars give way
        // when both would not fit (F2 shows the weight pages, with the bars).
        if showsAttention && right.height < barsHeight + 12 {
            histogram(in: right).render(into: &buffer, in: right, profile: profile)
            return
        }
        let tight = right.height < barsHeight + 4
        let bars = tight ? min(model.snapshot.layers.count, right.height / 2) : barsHeight
        (tight ? compactGradientChart : gradientChart).render(
            into: &buffer, in: Rect(x: right.x, y: right.y, width: right.width, height: bars), profile: profile)
        let below = Rect(x: right.x, y: right.y + bars, width: right.width, height: right.height - bars)
        histogram(in: below).render(into: &buffer, in: below, profile: profile)
    }

    func drawStacked(into buffer: inout CellBuffer, in r: Rect) {
        buffer.write(metricsText(width: r.width), x: r.x, y: r.y, style: .dim, clip: r)
        if let sweep = model.sweep {
            let loss = max(4, (r.height - 1) / 3)
            lossChart.render(into: &buffer, in: Rect(x: r.x, y: r.y + 1, width: r.width, height: loss), profile: profile)
            drawSweep(sweep, into: &buffer, in: Rect(x: r.x, y: r.y + 2 + loss, width: r.width, height: r.maxY - r.y - 2 - loss))
            return
        }
        var rest = r.height - 1
        var y = r.y + 1
        // The decision regions first, as tall as their aspect ratio wants (at most 45 %); the
        // weight histogram is on the other pages (F2). (A short pane is drawn compact.)
        var regions = 0
        if showsRegions, let pane = model.snapshot.regions {
            regions = max(8, min(rest * 45 / 100, pane.plotRows(width: r.width - 8) + 3))
            let area = Rect(x: r.x, y: y, width: r.width, height: regions)
            regionsChart(pane, area: area).render(into: &buffer, in: area, profile: profile)
            y += regions + 1
            rest -= regions + 1
        }
        let bars = min(barsHeight, rest / 4)
        let hist = regions > 0 ? 0 : max(5, min(10, rest / 4))
        let accuracy = rest >= 36 && accuracyChart != nil ? rest / 5 : 0
        let loss = max(4, rest - bars - hist - accuracy - 2)
        lossChart.render(into: &buffer, in: Rect(x: r.x, y: y, width: r.width, height: loss), profile: profile)
        y += loss + 1
        if accuracy > 0, let chart = accuracyChart {
            chart.render(into: &buffer, in: Rect(x: r.x, y: y - 1, width: r.width, height: accuracy), profile: profile)
            y += accuracy
        }
        gradientChart.render(into: &buffer, in: Rect(x: r.x, y: y, width: r.width, height: bars), profile: profile)
        y += bars + 1
        guard regions == 0 else { return }
        let bottom = Rect(x: r.x, y: y, width: r.width, height: r.maxY - y)
        histogram(in: bottom).render(into: &buffer, in: bottom, profile: profile)
    }

    /// The sweep's line, then its best-so-far curves: by trial, and by total epochs when there is room.
    func drawSweep(_ sweep: SweepSnapshot, into buffer: inout CellBuffer, in r: Rect) {
        guard r.height > 0 else { return }
        buffer.write(sweep.summary, x: r.x, y: r.y, style: .bold, clip: r)
        var rest = Rect(x: r.x, y: r.y + 1, width: r.width, height: r.height - 1)
        // Hyperband: the bracket table filling in, then the best so far by trial below it.
        if let table = sweep.brackets {
            let rows = min(Chart.table(table).preferredHeight(width: rest.width), max(0, rest.height - 6))
            Chart.table(table).render(
                into: &buffer, in: Rect(x: rest.x, y: rest.y, width: rest.width, height: rows), profile: profile)
            rest = Rect(x: rest.x, y: rest.y + rows, width: rest.width, height: rest.height - rows)
            Chart.line(sweep.byTrial).render(into: &buffer, in: rest, profile: profile)
            return
        }
        guard rest.height >= 12 else {
            Chart.line(sweep.byTrial).render(into: &buffer, in: rest, profile: profile)
            return
        }
        let top = Rect(x: rest.x, y: rest.y, width: rest.width, height: rest.height / 2)
        Chart.line(sweep.byTrial).render(into: &buffer, in: top, profile: profile)
        Chart.line(sweep.byEpochs).render(
            into: &buffer, in: Rect(x: rest.x, y: top.maxY, width: rest.width, height: rest.maxY - top.maxY), profile: profile)
    }

    // MARK: charts

    var barsHeight: Int { gradientChart.preferredHeight(width: 40) }

    var lossChart: Chart {
        let s = model.snapshot
        var series = [
            LineChart.Series(
                name: "batch", values: s.losses, xStart: Double(s.lossStride),
                xStep: Double(s.lossStride), emphasis: .dim, color: 0)
        ]
        let evals = s.evaluations
        if evals.contains(where: { $0.validationLoss != nil }) {
            series.append(
                .init(
                    name: "val", points: evals.compactMap { e in e.validationLoss.map { PlotPoint(x: Double(e.step), y: $0) } },
                    color: 1))
        } else if !evals.isEmpty {
            series.append(.init(name: "train", points: evals.map { PlotPoint(x: Double($0.step), y: $0.trainLoss) }, color: 1))
        }
        let finite = s.losses.filter { $0.isFinite && $0 > 0 }
        let spread = (finite.max() ?? 1) / max(finite.min() ?? 1, 1e-12)
        return .line(LineChart(title: "loss", series: series, xLabel: "step", logY: spread > 20))
    }

    /// Train and validation accuracy at each evaluation (nil for regression).
    var accuracyChart: Chart? {
        let evals = model.snapshot.evaluations
        let train = evals.compactMap { e in e.trainAccuracy.map { PlotPoint(x: Double(e.step), y: $0 * 100) } }
        let val = evals.compactMap { e in e.validationAccuracy.map { PlotPoint(x: Double(e.step), y: $0 * 100) } }
        guard !train.isEmpty else { return nil }
        var series = [LineChart.Series(name: "train", points: train, color: 0)]
        if !val.isEmpty { series.append(.init(name: "val", points: val, color: 1)) }
        return .line(LineChart(title: "accuracy %", series: series))
    }

    /// Gradient norms without title or axis, one row per layer, for a short pane (the
    /// histogram's title below names the layers the same way).
    var compactGradientChart: Chart {
        let layers = model.snapshot.layers
        return .bars(BarChart(labels: layers.map(\.name), values: layers.map(\.gradientNorm)))
    }

    var gradientChart: Chart {
        let layers = model.snapshot.layers
        return .bars(
            BarChart(
                title: "gradient norm by layer", labels: layers.map(\.name),
                values: layers.map(\.gradientNorm), logScale: true))
    }

    /// Whether the page F2 picked is the attention weights (the first page of a net with attention).
    var showsAttention: Bool { model.snapshot.attention != nil && page == 0 }

    /// Whether the page F2 picked is the decision regions (the first page of a 2-D classifier).
    var showsRegions: Bool {
        model.sweep == nil && model.snapshot.regions != nil && model.snapshot.attention == nil && page == 0
    }

    /// The first page's picture before the weight histograms: the attention weights or the
    /// decision regions, when the net has one.
    var hasPicture: Bool { model.snapshot.attention != nil || model.snapshot.regions != nil }

    /// Pages F2 turns through: the attention weights or decision regions (when the net has
    /// them), then each layer's weight histogram.
    var pages: Int { model.snapshot.layers.count + (hasPicture ? 1 : 0) }

    /// The decision regions with the training points over them, as `plot boundary` draws them.
    /// `area` is the chart's whole rectangle: the points are thinned to about one per
    /// `cellsPerPoint` cells of it, so the regions still show between them.
    func regionsChart(_ pane: RunSnapshot.RegionPane, area: Rect) -> Chart {
        var map = pane.heatmap
        // The title and the legend on one row: the step goes first (the progress bar has it).
        let classes = max(Int(pane.classes.max() ?? 0), pane.points.map(\.classIndex).max() ?? 0) + 1
        let legend = profile.hasColor ? 5 * min(10, classes) - 2 : 0
        let hint = pages > 1 ? " (F2)" : ""
        map.title = pane.title + hint
        if pane.title.count + hint.count + 2 + legend > area.width { map.title = "\(model.netName) regions" + hint }
        let room = max(1, area.width * area.height / Self.cellsPerPoint)
        if map.points.count > room {
            let every = (map.points.count + room - 1) / room
            map.points = Swift.stride(from: 0, to: map.points.count, by: every).map { map.points[$0] }
        }
        return .heatmap(map)
    }

    static let cellsPerPoint = 6

    /// Columns of a region chart whose plot is `plotRows` high at the data's aspect ratio, with
    /// room for the y axis's labels.
    func regionWidth(_ pane: RunSnapshot.RegionPane, plotRows: Int) -> Int {
        Int((Double(plotRows * 2 * pane.columns) / Double(max(1, pane.rows))).rounded()) + 8
    }

    /// The page F2 picked (its count taken modulo the pages), 0 when there are none.
    var page: Int { pages == 0 ? 0 : ((layer % pages) + pages) % pages }

    /// The weight histogram of the layer F2 picked — or on the first page the attention weights
    /// of one held-out sequence (a net with attention) or the decision regions (a classifier of
    /// 2-D points) drawn in `area`.
    func histogram(in area: Rect) -> Chart {
        let layers = model.snapshot.layers
        let attention = model.snapshot.attention
        guard pages > 0 else { return .histogram(Histogram(title: "weights", counts: [], lower: 0, upper: 1)) }
        if let attention, page == 0 {
            let l = attention.length
            var map = Heatmap(
                title: attention.title + (pages > 1 ? " (F2)" : ""), columns: l, rows: l, values: attention.weights,
                xMin: 0.5, xMax: Double(l) + 0.5, yMin: 0.5, yMax: Double(l) + 0.5)
            map.cells = true
            map.valueRange = 0...1
            return .heatmap(map)
        }
        if let regions = model.snapshot.regions, page == 0 { return regionsChart(regions, area: area) }
        let l = layers[page - (hasPicture ? 1 : 0)]
        let hint = pages > 1 ? "  (F2: next layer)" : ""
        return .histogram(
            Histogram(title: "weights of \(l.name)\(hint)", counts: l.histogram, lower: l.lower, upper: l.upper, color: 2))
    }

    func sparkline(_ label: String, _ values: [Double], color: Int) -> Sparkline {
        Sparkline(label: label, values: values, color: color)
    }

    func number(_ v: Double) -> String { Table.number(v, significant: 3) }
    func percent(_ v: Double) -> String { NumberFormat.fixed(v * 100, decimals: 1) + "%" }
}
