// SVG forms of bar charts, histograms and histogram grids.
import Glibc

extension BarChart {
    func drawSVG(into svg: inout SVGWriter) {
        if let title { svg.text(title, x: 12, y: 22, size: 15, extra: [("font-weight", "bold")]) }
        let rowCount = max(1, labels.count * max(1, series.count))
        let top = 36.0, rowHeight = min(24, (svg.height - top - 30) / Double(rowCount))
        let labelWidth = Double(min(labels.map(\.count).max() ?? 0, 24)) * 7 + 16
        let barWidth = svg.width - labelWidth - 80
        let fraction = scale()
        for r in 0..<(labels.isEmpty ? 0 : labels.count * series.count) {
            let (i, s) = (r / series.count, r % series.count)
            let y = top + Double(r) * rowHeight
            if s == 0 { svg.text(labels[i], x: labelWidth - 8, y: y + rowHeight * 0.7, anchor: "end", size: 12) }
            let v = value(s, i)
            let length = isDrawable(v) ? max(0, min(1, fraction(v))) * barWidth : 0
            svg.rect(
                x: labelWidth, y: y + 2, width: max(length, isDrawable(v) ? 1 : 0), height: rowHeight - 4,
                fill: SVG.categorical(series[s].color ?? s))
            svg.text(formatted(v), x: labelWidth + length + 6, y: y + rowHeight * 0.7, size: 11)
        }
        if series.count > 1 {
            for (s, item) in series.enumerated() {
                let x = svg.width - 160 + Double(s) * 80
                svg.rect(x: x, y: 10, width: 12, height: 12, fill: SVG.categorical(item.color ?? s))
                svg.text(item.name, x: x + 16, y: 21, size: 11)
            }
        }
    }
}

extension Histogram {
    func drawSVG(into svg: inout SVGWriter, x: Double, y: Double, width: Double, height: Double) {
        if let title { svg.text(title, x: x, y: y + 14, size: 13, extra: [("font-weight", "bold")]) }
        let top = y + 22, plotHeight = max(1, height - 40)
        let peak = counts.filter(\.isFinite).max() ?? 0
        let binWidth = width / Double(max(1, counts.count))
        for (i, c) in counts.enumerated() where c.isFinite && c > 0 && peak > 0 {
            let h = c / peak * plotHeight
            svg.rect(
                x: x + Double(i) * binWidth, y: top + plotHeight - h, width: binWidth - 0.5, height: h,
                fill: SVG.categorical(color ?? 0))
        }
        svg.line(x, top + plotHeight, x + width, top + plotHeight, stroke: "#333333")
        let step = AxisScale.niceStep(abs(upper - lower) / 10)
        guard lower.isFinite, upper.isFinite else { return }
        svg.text(NumberFormat.compact(lower, step: step), x: x, y: top + plotHeight + 14, size: 10)
        svg.text(NumberFormat.compact(upper, step: step), x: x + width, y: top + plotHeight + 14, anchor: "end", size: 10)
        svg.text(
            "peak " + NumberFormat.compact(peak), x: x + width, y: y + 14, anchor: "end", size: 10,
            extra: [("fill", "#666666")])
    }
}

extension HistogramGrid {
    func drawSVG(into svg: inout SVGWriter) {
        let titleHeight = title == nil ? 0.0 : 28
        if let title { svg.text(title, x: 10, y: 20, size: 15, extra: [("font-weight", "bold")]) }
        guard !panels.isEmpty else { return }
        let perRow = max(1, min(panels.count, columns ?? Int(ceil(sqrt(Double(panels.count))))))
        let gridRows = (panels.count + perRow - 1) / perRow
        let cellWidth = (svg.width - 20) / Double(perRow), cellHeight = (svg.height - titleHeight - 10) / Double(gridRows)
        for (i, panel) in panels.enumerated() {
            panel.drawSVG(
                into: &svg, x: 10 + Double(i % perRow) * cellWidth, y: titleHeight + Double(i / perRow) * cellHeight,
                width: cellWidth - 16, height: cellHeight - 8)
        }
    }
}
