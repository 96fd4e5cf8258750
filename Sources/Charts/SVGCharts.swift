// SVG forms of line charts and heatmaps: a pixel frame with grid lines and tick labels (the same
// nice-number scales as the terminal), then curves, markers, cells, points and a colour bar.

/// A plot rectangle in pixels with its two scales.
struct SVGFrame {
    var left: Double, top: Double, width: Double, height: Double
    var x: AxisScale
    var y: AxisScale

    func px(_ v: Double) -> Double { left + x.fraction(v) * width }
    func py(_ v: Double) -> Double { top + (1 - y.fraction(v)) * height }

    func drawAxes(into svg: inout SVGWriter, xLabel: String?, yLabel: String?) {
        for t in y.ticks where y.fraction(t) >= -1e-9 && y.fraction(t) <= 1 + 1e-9 {
            svg.line(left, py(t), left + width, py(t), stroke: "#e5e5e5")
            svg.text(y.label(t), x: left - 6, y: py(t) + 4, anchor: "end", size: 11)
        }
        for t in x.ticks where x.fraction(t) >= -1e-9 && x.fraction(t) <= 1 + 1e-9 {
            svg.line(px(t), top + height, px(t), top + height + 4, stroke: "#333333")
            svg.text(x.label(t), x: px(t), y: top + height + 17, anchor: "middle", size: 11)
        }
        svg.element(
            "rect",
            [
                ("x", SVGWriter.number(left)), ("y", SVGWriter.number(top)), ("width", SVGWriter.number(width)),
                ("height", SVGWriter.number(height)), ("fill", "none"), ("stroke", "#333333"),
            ])
        if let xLabel { svg.text(xLabel, x: left + width, y: top + height + 32, anchor: "end", size: 12) }
        if let yLabel { svg.text(yLabel, x: left, y: top - 8, size: 12) }
    }
}

extension LineChart {
    func drawSVG(into svg: inout SVGWriter) {
        let frame = SVGFrame(
            left: 60, top: 44, width: svg.width - 80, height: svg.height - 90,
            x: xScale(plotWidth: Int(svg.width / 8)), y: yScale(targetTicks: Int(svg.height / 60)))
        if let title { svg.text(title, x: 60, y: 22, size: 15, extra: [("font-weight", "bold")]) }
        frame.drawAxes(into: &svg, xLabel: xLabel, yLabel: title == nil ? yLabel : nil)
        for marker in markers where marker.x.isFinite && frame.x.fraction(marker.x) >= 0 && frame.x.fraction(marker.x) <= 1 {
            let x = frame.px(marker.x)
            svg.line(x, frame.top, x, frame.top + frame.height, stroke: "#888888", extra: [("stroke-dasharray", "4 3")])
            svg.text(marker.label, x: x + 4, y: frame.top + 14, size: 11)
        }
        let order =
            series.indices.filter { series[$0].emphasis == .dim } + series.indices.filter { series[$0].emphasis == .bright }
        for i in order {
            let bright = series[i].emphasis == .bright
            let points = series[i].points.map { isDrawable($0) ? (frame.px($0.x), frame.py($0.y)) : nil }
            svg.path(
                points, stroke: SVG.categorical(colorIndex(i), bright: bright), strokeWidth: bright ? 2 : 1.3,
                opacity: bright ? 1 : 0.75)
        }
        for mark in marks where mark.x.isFinite && mark.y.isFinite && (!logY || mark.y > 0) {
            let color = mark.color.map { SVG.categorical($0) } ?? "#222222"
            svg.circle(x: frame.px(mark.x), y: frame.py(mark.y), r: 4, fill: color)
            svg.text(mark.label, x: frame.px(mark.x) + 7, y: frame.py(mark.y) - 6, size: 11)
        }
        drawLegend(into: &svg)
    }

    func drawLegend(into svg: inout SVGWriter) {
        var x = svg.width - 20
        for i in series.indices.reversed() where !series[i].name.isEmpty {
            let bright = series[i].emphasis == .bright
            x -= Double(series[i].name.count) * 6.5 + 34
            svg.line(
                x, 18, x + 20, 18, stroke: SVG.categorical(colorIndex(i), bright: bright),
                extra: [("stroke-width", bright ? "2" : "1.3")])
            svg.text(series[i].name, x: x + 25, y: 22, size: 11)
        }
    }
}

extension Heatmap {
    func drawSVG(into svg: inout SVGWriter) {
        let barWidth = coloring == .ramp ? 70.0 : 0
        let frame = SVGFrame(
            left: 60, top: 44, width: svg.width - 80 - barWidth, height: svg.height - 90,
            x: .linear(min: xMin, max: xMax, targetTicks: 6, extended: false),
            y: .linear(min: yMin, max: yMax, targetTicks: 6, extended: false))
        if let title { svg.text(title, x: 60, y: 22, size: 15, extra: [("font-weight", "bold")]) }
        let bounds = valueBounds()
        let cw = frame.width / Double(max(1, columns)), ch = frame.height / Double(max(1, rows))
        // A run of cells of one colour along a row is one rectangle (decision regions are mostly
        // runs); crisp edges, so neighbouring rows meet without hairline seams.
        svg.group([("shape-rendering", "crispEdges")]) { svg in
            for row in 0..<rows {
                var column = 0
                while column < columns {
                    let fill = svgColor(scaled(value(column: column, row: row)), bounds: bounds)
                    var end = column + 1
                    while end < columns, svgColor(scaled(value(column: end, row: row)), bounds: bounds) == fill { end += 1 }
                    if let fill {
                        svg.rect(
                            x: frame.left + Double(column) * cw, y: frame.top + frame.height - Double(row + 1) * ch,
                            width: Double(end - column) * cw + 0.3, height: ch + 0.3, fill: fill)
                    }
                    column = end
                }
            }
        }
        frame.drawAxes(into: &svg, xLabel: xLabel, yLabel: title == nil ? yLabel : nil)
        drawSVGOverlay(into: &svg, frame: frame)
        if coloring == .ramp, let (lo, hi) = bounds {
            drawSVGColorBar(into: &svg, x: frame.left + frame.width + 16, frame: frame, lo: lo, hi: hi)
        }
    }

    func svgColor(_ v: Double, bounds: (Double, Double)?) -> String? {
        guard v.isFinite else { return nil }
        if coloring == .classes { return Palette.rgb(CategoricalColors.region256[((clampedInt(v) % 10) + 10) % 10]).hex }
        return ColorRamp.viridisRGB(at: position(v, bounds)).hex
    }

    func drawSVGOverlay(into svg: inout SVGWriter, frame: SVGFrame) {
        let pathPoints = path.map { p -> (Double, Double)? in p.x.isFinite && p.y.isFinite ? (frame.px(p.x), frame.py(p.y)) : nil
        }
        svg.path(pathPoints, stroke: "#ffffff", strokeWidth: 2)
        for p in points where p.x.isFinite && p.y.isFinite {
            svg.circle(
                x: frame.px(p.x), y: frame.py(p.y), r: 3.5, fill: SVG.categorical(p.classIndex),
                extra: [("stroke", "#000000"), ("stroke-width", "0.8")])
        }
        if marksMinimum, let m = minimum() {
            let x = xMin + (columns > 1 ? Double(m.column) / Double(columns - 1) : 0) * (xMax - xMin)
            let y = yMin + (rows > 1 ? Double(m.row) / Double(rows - 1) : 0) * (yMax - yMin)
            svg.circle(x: frame.px(x), y: frame.py(y), r: 5, fill: "#ff2020", extra: [("stroke", "#ffffff")])
            svg.text(
                "min " + NumberFormat.compact(m.value), x: frame.px(x) + 8, y: frame.py(y) - 6, size: 11,
                extra: [("fill", "#ffffff")])
        }
    }

    func drawSVGColorBar(into svg: inout SVGWriter, x: Double, frame: SVGFrame, lo: Double, hi: Double) {
        let steps = 48
        for i in 0..<steps {
            let t = Double(i) / Double(steps - 1)
            svg.rect(
                x: x, y: frame.top + frame.height * (1 - Double(i + 1) / Double(steps)), width: 16,
                height: frame.height / Double(steps) + 0.3, fill: ColorRamp.viridisRGB(at: t).hex)
        }
        let bar = colorBar(bounds: (lo, hi), rows: Int(frame.height / 12))
        for (value, text) in bar?.labels ?? [] {
            let t = hi > lo ? (value - lo) / (hi - lo) : 0.5
            svg.text(text, x: x + 22, y: frame.top + (1 - t) * frame.height + 4, size: 11)
        }
    }
}

extension ColorRamp {
    /// Viridis as exact RGB (for SVG, which is not limited to the terminal palette).
    static func viridisRGB(at t: Double) -> RGB {
        let stops = [
            RGB(68, 1, 84), RGB(72, 40, 120), RGB(62, 73, 137), RGB(49, 104, 142), RGB(38, 130, 142),
            RGB(31, 158, 137), RGB(53, 183, 121), RGB(109, 205, 89), RGB(253, 231, 37),
        ]
        let u = (t.isFinite ? max(0, min(1, t)) : 0) * Double(stops.count - 1)
        let k = min(clampedInt(u), stops.count - 2), f = u - Double(k)
        let mix = { (a: UInt8, b: UInt8) in UInt8((Double(a) * (1 - f) + Double(b) * f).rounded()) }
        return RGB(
            mix(stops[k].red, stops[k + 1].red), mix(stops[k].green, stops[k + 1].green), mix(stops[k].blue, stops[k + 1].blue))
    }
}
